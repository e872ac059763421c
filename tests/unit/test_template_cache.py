"""atlas.template_cache: compiled templates are reused across environments, never wrongly, never fatally."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from atlas.template_cache import (
    SettingError,
    attach,
    cache_folder,
    environment_fingerprint,
    list_visible_once,
    visible_files,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


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


def _is_hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


file_names = st.sampled_from(["a.html", ".b.svg", "c.js", "main.html", ".hidden"])
folder_names = st.sampled_from(["partials", ".icons", "assets", ".git", "x"])
trees = st.lists(st.tuples(st.lists(folder_names, max_size=3), file_names), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=trees, second=trees)
def test_the_listing_is_jinjas_without_hidden_names(first: list[tuple[list[str], str]],
                                                     second: list[tuple[list[str], str]],
                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    """Jinja's own loader is the oracle: the same names from the same folders, minus hidden ones (which
    MkDocs never publishes: its patterns '.*' and '*/.*')."""
    roots = []
    for tree in (first, second):
        root = tmp_path_factory.mktemp("theme")
        for folders, name in tree:
            target = root.joinpath(*folders)
            target.mkdir(parents=True, exist_ok=True)
            if not (target / name).is_dir():
                (target / name).write_text("x", encoding="utf-8")
        roots.append(str(root))
    expected = [n for n in jinja2.FileSystemLoader(roots).list_templates() if not _is_hidden(n)]
    loader = jinja2.FileSystemLoader(roots)
    list_visible_once(loader, {})
    assert loader.list_templates() == expected
    assert visible_files(roots[0]) == [n for n in jinja2.FileSystemLoader(roots[0]).list_templates()
                                       if not _is_hidden(n)]


def test_a_hidden_folder_is_never_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".icons" / "material").mkdir(parents=True)
    (tmp_path / ".icons" / "material" / "x.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "main.html").write_text("x", encoding="utf-8")
    walked: list[str] = []
    real_walk = os.walk

    def walk(top: str, **options: object):
        for path, folders, files in real_walk(top, **options):  # type: ignore[call-overload]
            walked.append(Path(path).relative_to(tmp_path).as_posix())
            yield path, folders, files

    monkeypatch.setattr(os, "walk", walk)
    assert visible_files(str(tmp_path)) == ["main.html"]
    assert walked == ["."]


def test_a_loader_lists_each_folder_once_per_run_and_every_caller_gets_the_full_list(tmp_path: Path) -> None:
    """static-i18n's language builds each list the theme's files, and name its sitemap folder twice in the
    second: each folder is walked once per run."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "main.html").write_text("x", encoding="utf-8")
    (tmp_path / "partials" / "a.html").write_text("y", encoding="utf-8")
    listed: dict[tuple[str, bool], list[str]] = {}
    found = []
    for searchpath in ([str(tmp_path)], [str(tmp_path), str(tmp_path)]):  # two language builds, two loaders
        loader = jinja2.FileSystemLoader(searchpath)
        list_visible_once(loader, listed)
        found.append(loader.list_templates())
        found[-1].append("changed by a caller")  # a caller's copy, never the kept list
    assert list(listed) == [(str(tmp_path), False)]
    assert found[0] == found[1] == ["main.html", "partials/a.html", "changed by a caller"]
    (tmp_path / "new.html").write_text("z", encoding="utf-8")
    listed.clear()  # the next run (a `make serve` rebuild) lists afresh
    loader = jinja2.FileSystemLoader(str(tmp_path))
    list_visible_once(loader, listed)
    assert loader.list_templates() == ["main.html", "new.html", "partials/a.html"]
