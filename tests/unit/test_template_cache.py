"""atlas.template_cache: compiled templates are reused across environments, never wrongly, never fatally."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from atlas.template_cache import SettingError, attach, cache_folder, environment_fingerprint, list_once


def environment(templates: Path, **options: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), **options)


class CountingEnvironment(jinja2.Environment):
    """Counts how often a template is compiled from source."""

    compiled = 0

    def _compile(self, source: str, filename: str):  # type: ignore[override]
        CountingEnvironment.compiled += 1
        return super()._compile(source, filename)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<h1>{{ title }}</h1>{% include 'part.html' %}", encoding="utf-8")
    (folder / "part.html").write_text("<p>{{ body | upper }}</p>", encoding="utf-8")
    return folder


def render(templates: Path, cache: Path) -> str:
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(str(templates)))
    attach(env, cache)
    return env.get_template("page.html").render(title="T", body="b")


def test_a_second_environment_loads_what_the_first_compiled(templates: Path, tmp_path: Path) -> None:
    CountingEnvironment.compiled = 0
    first = render(templates, tmp_path / "cache")
    assert CountingEnvironment.compiled == 2
    second = render(templates, tmp_path / "cache")
    assert second == first == "<h1>T</h1><p>B</p>"
    assert CountingEnvironment.compiled == 2  # nothing compiled again


def test_an_edited_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    render(templates, tmp_path / "cache")
    (templates / "part.html").write_text("<p>{{ body }} changed</p>", encoding="utf-8")
    CountingEnvironment.compiled = 0
    assert render(templates, tmp_path / "cache") == "<h1>T</h1><p>b changed</p>"
    assert CountingEnvironment.compiled == 1


def test_a_damaged_cache_file_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    render(templates, tmp_path / "cache")
    for file in (tmp_path / "cache").rglob("*.cache"):
        file.write_bytes(file.read_bytes()[:40])
    CountingEnvironment.compiled = 0
    assert render(templates, tmp_path / "cache") == "<h1>T</h1><p>B</p>"
    assert CountingEnvironment.compiled == 2


def test_a_cache_folder_that_is_a_file_only_costs_time(templates: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    env = environment(templates)
    cache = attach(env, blocker)
    assert env.get_template("page.html").render(title="T", body="b") == "<h1>T</h1><p>B</p>"
    assert cache.unwritable


def test_environments_with_other_syntax_keep_apart(templates: Path) -> None:
    plain = environment_fingerprint(environment(templates))
    assert plain == environment_fingerprint(environment(templates))
    assert plain != environment_fingerprint(environment(templates, extensions=["jinja2.ext.loopcontrols"]))
    assert plain != environment_fingerprint(environment(templates, trim_blocks=True))
    assert plain != environment_fingerprint(environment(templates, variable_start_string="[["))


def test_cache_folder_setting(tmp_path: Path) -> None:
    assert cache_folder(None, None, tmp_path) == tmp_path / ".cache/templates"
    assert cache_folder("build/tpl", None, tmp_path) == tmp_path / "build/tpl"
    assert cache_folder("/abs/tpl", None, tmp_path) == Path("/abs/tpl")
    assert cache_folder(False, None, tmp_path) is None
    assert cache_folder("x", "0", tmp_path) is None  # the environment variable wins
    assert cache_folder(False, "off", tmp_path) is None
    assert cache_folder(False, "/tmp/t", tmp_path) == Path("/tmp/t")


@pytest.mark.parametrize("bad", [3, ["a"], {"dir": "x"}, "  "])
def test_a_bad_setting_says_what_is_allowed(bad: object, tmp_path: Path) -> None:
    with pytest.raises(SettingError, match=r"template_cache must be a folder .* or false"):
        cache_folder(bad, None, tmp_path)


def test_a_loader_lists_its_folders_once_per_run_and_every_caller_gets_the_full_list(tmp_path: Path) -> None:
    """static-i18n's language builds each list the theme's files; the second listing reuses the first."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "main.html").write_text("x", encoding="utf-8")
    (tmp_path / "partials" / "a.html").write_text("y", encoding="utf-8")
    walks: list[int] = []

    class Counting(jinja2.FileSystemLoader):
        def list_templates(self) -> list[str]:
            walks.append(1)
            return super().list_templates()

    listed: dict[tuple[str, ...], list[str]] = {}
    found = []
    for _ in range(2):  # two language builds of one run: two environments, two loaders
        loader = Counting(str(tmp_path))
        list_once(loader, listed)
        found.append(loader.list_templates())
        found[-1].append("changed by a caller")  # a caller's copy, never the kept list
    assert walks == [1]
    assert found[0] == found[1] == ["main.html", "partials/a.html", "changed by a caller"]
    listed.clear()  # the next run (a `make serve` rebuild) lists afresh
    loader = Counting(str(tmp_path))
    list_once(loader, listed)
    assert loader.list_templates() == ["main.html", "partials/a.html"] and walks == [1, 1]
