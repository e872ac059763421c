"""`make new-page`: the new article's text and its nav entries (`atlas.scaffold`), and the script's
refusals and writes (`scripts/new_page.py`) on a small project in tmp_path."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from atlas.scaffold import (
    NewPage,
    ScaffoldError,
    checked_source,
    next_review,
    not_in_nav_hint,
    page_text,
    with_page_in_nav,
)
from atlas.translations import body_hash, read_stamp
from atlas.translations.project import _ConfigLoader

from scripts.new_page import main

ROOT = Path(__file__).resolve().parents[2]
CONFIG = """# a comment that must stay
site_name: x
plugins:
  - i18n:
      languages:
        - locale: nl
          default: true
        - locale: en
          nav_translations:
            Veiligheid: Safety   # and this one
nav:
  - Home: index.md
  - Leucine: leucine.md
  - Glutamine:
      - glutamine/index.md
      - Veiligheid: glutamine/safety.md
  - Referenties: references.md
extra:
  atlas:
    handouts:
      exclude: [index.md, references.md]
"""


def load(text: str) -> dict:
    return yaml.load(text, Loader=_ConfigLoader)


def test_the_page_has_what_an_article_needs() -> None:
    text = page_text("Timing: wanneer?", "nl", date(2026, 12, 7))
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    meta = yaml.safe_load(front)
    assert meta == {"title": "Timing: wanneer?", "description": meta["description"],
                    "reviewed": date(2026, 12, 7), "next_review": date(2027, 12, 7)}
    assert meta["description"].strip()
    assert "# veiligheidsonderwerpen (risks: [...])" in front, "a YAML comment asks for the topics"
    assert body.startswith('\n# Timing: wanneer?\n\n!!! abstract key-points "In het kort"\n    - ')
    assert "careful" not in text and "Wie moet oppassen" not in text, "no safety box: topics replace it"
    assert '!!! abstract key-points "In short"' in page_text("Timing", "en", date(2026, 12, 7))
    assert '"In short"' in page_text("Timing", "de", date(2026, 12, 7)), "unknown locale: English texts"


def test_next_review_is_a_year_later_and_29_february_becomes_28() -> None:
    assert next_review(date(2026, 3, 1)) == date(2027, 3, 1)
    assert next_review(date(2028, 2, 29)) == date(2029, 2, 28)


@pytest.mark.parametrize(("name", "message"), [
    ("../x.md", "give a page inside the docs folder"),
    ("x.txt", "a page name ends in .md"),
    ("x.en.md", "give the nl page (without .en)"),
    ("Mijn Pagina.md", "use lowercase letters"),
])
def test_a_page_name_that_cannot_be_a_source_is_refused(name: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        checked_source(name, ["nl", "en"])
    assert checked_source("glutamine/timing.md", ["nl", "en"]) == "glutamine/timing.md"


def test_a_page_joins_its_folder_in_the_nav_and_its_title_the_translations() -> None:
    page = NewPage("glutamine/timing.md", {"nl": "Timing: wanneer?", "en": "Timing"})
    updated = with_page_in_nav(CONFIG, page, ["index.md", "references.md"])
    assert "# a comment that must stay" in updated and "Safety   # and this one" in updated
    config = load(updated)
    assert config["nav"][2]["Glutamine"][-1] == {"Timing: wanneer?": "glutamine/timing.md"}
    assert config["plugins"][0]["i18n"]["languages"][1]["nav_translations"] == {
        "Veiligheid": "Safety", "Timing: wanneer?": "Timing"}
    assert len(updated.splitlines()) == len(CONFIG.splitlines()) + 2, "one line each, nothing else"


def test_a_top_level_page_comes_after_the_last_article_and_an_equal_title_needs_no_translation() -> None:
    updated = with_page_in_nav(CONFIG, NewPage("vasten.md", {"nl": "Leucine 2", "en": "Leucine 2"}),
                               ["index.md", "references.md"])
    nav = load(updated)["nav"]
    assert list(nav[3].values()) == ["vasten.md"] and nav[4] == {"Referenties": "references.md"}
    assert "Leucine 2: Leucine 2" not in updated


def test_the_real_mkdocs_yml_gets_two_lines() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    updated = with_page_in_nav(text, NewPage("nieuw.md", {"nl": "Nieuw", "en": "New"}),
                               ["index.md", "glossary.md", "references.md", "about.md"])
    added = [line for line in updated.splitlines() if line not in text.splitlines()]
    assert added == ["            Nieuw: New", "  - Nieuw: nieuw.md"]
    nav = load(updated)["nav"]
    assert nav.index({"Nieuw": "nieuw.md"}) == nav.index({"Verklarende woordenlijst": "glossary.md"}) - 1


def test_nav_clashes_are_refused() -> None:
    with pytest.raises(ScaffoldError, match=r"leucine\.md is already in the nav"):
        with_page_in_nav(CONFIG, NewPage("leucine.md", {"nl": "L", "en": "L"}))
    with pytest.raises(ScaffoldError, match="already turns 'Veiligheid' into 'Safety'"):
        with_page_in_nav(CONFIG, NewPage("x.md", {"nl": "Veiligheid", "en": "Security"}))
    with pytest.raises(ScaffoldError, match="locale en has no nav_translations"):
        with_page_in_nav(CONFIG.replace("nav_translations:", "other:"),
                         NewPage("x.md", {"nl": "A", "en": "B"}))


def test_the_hint_for_a_page_outside_the_nav_names_make_new_page() -> None:
    assert "docs/x.md: not in the nav of mkdocs.yml" in not_in_nav_hint("docs/x.md")
    assert "make new-page PAGE=docs/<page>.md" in not_in_nav_hint("docs/x.md")


# --- the script -------------------------------------------------------------------------------------


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "leucine.md").write_text("# L\n", encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main([*args, "--config-file", str(project / "mkdocs.yml")])


def test_new_page_writes_both_pages_the_nav_and_a_stamped_twin(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATLAS_TODAY", "2026-12-07")
    assert run(project, str(project / "docs" / "glutamine" / "timing.md"), "--title", "Timing",
               "--translation", "en=When to take it") == 0
    out = capsys.readouterr().out
    assert "wrote docs/glutamine/timing.md\nwrote docs/glutamine/timing.en.md\nwrote mkdocs.yml\n" in out
    source = (project / "docs" / "glutamine" / "timing.md").read_text(encoding="utf-8")
    english = (project / "docs" / "glutamine" / "timing.en.md").read_text(encoding="utf-8")
    assert "reviewed: 2026-12-07" in source and "title: When to take it" in english
    assert read_stamp(english) == body_hash(source, ("risks",))[:12]
    assert (project / ".translations" / "glutamine" / "timing" / f"{read_stamp(english)}.md").is_file()
    assert "Timing: When to take it" in (project / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("page", "message"), [
    ("docs/leucine.md", "error: docs/leucine.md already exists; edit it, or choose another name\n"),
    ("README.md", "error: README.md: not inside the docs folder; give a path such as docs/topic.md\n"),
])
def test_new_page_refuses_in_one_line_and_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    page: str, message: str,
) -> None:
    monkeypatch.chdir(project)
    assert run(project, page, "--title", "L", "--translation", "en=L") == 2
    assert capsys.readouterr().err == message
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == CONFIG
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["leucine.md"]


def test_new_page_needs_a_title_in_every_language(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, str(project / "docs" / "x.md"), "--title", "X") == 2
    assert capsys.readouterr().err == "error: give a title in every language; missing: TITLE_EN (en)\n"


def test_a_broken_mkdocs_yml_is_one_line_with_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mkdocs.yml").write_text(CONFIG.replace("nav:\n", "nav: [\n"), encoding="utf-8")
    assert run(project, str(project / "docs" / "x.md"), "--title", "X", "--translation", "en=X") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {project / 'mkdocs.yml'}:") and "not valid YAML" in err
    assert err.count("\n") == 1 and "Traceback" not in err
