"""Risk groups written once (issue 20, item 2), on the real pages and on a fixture site built with --strict.

- every article that mentions fasting, a supplement or a dose (trigger words per topic and locale in
  `includes/risk-groups.yml`) declares a matching topic in its front matter, and no page in docs/ writes
  a risk box by hand;
- every article of the real site that declares a topic shows the box from the data, on the web page and
  in its PDF handout;
- a group added to the data appears on every page of its topic, in HTML and PDF, in both languages;
- an unknown topic in front matter, or a mistake in the data file, fails the build with file:line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml
from atlas.articles import is_article, locale_of
from atlas.risks import declared_topics, read_risk_data, render_box, undeclared_mentions
from pypdf import PdfReader

from tests.support.site import BuiltSite, build_site, copy_fixture

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA_FILE = ROOT / "includes" / "risk-groups.yml"
LOCALES = ["nl", "en"]
BOX = '<div class="admonition warning careful">'


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def _excluded() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["atlas"]["handouts"]["exclude"]


def _data():
    text = DATA_FILE.read_text(encoding="utf-8")
    data, problems = read_risk_data(text, "includes/risk-groups.yml", LOCALES)
    assert [str(p) for p in problems] == []
    return data


def _split(text: str) -> tuple[dict, str]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}, text[match.end():]) if match else ({}, text)


def _article_sources() -> list[str]:
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    return [p for p in pages if is_article(p, LOCALES, _excluded())]


def _box_text(html: str) -> str:
    match = re.search(re.escape(BOX) + r"(.*?)</div>", html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else ""


def _words(text: str) -> str:
    return " ".join(re.sub(r"\*\*|\[[^\]]*\]|\([^)]*\.md[^)]*\)", " ", text).split())


def _pdf_text(folder: Path) -> str:
    pdfs = sorted(folder.glob("*.pdf"))
    assert pdfs, f"no PDF handout in {folder}"
    reader = PdfReader(str(pdfs[0]))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _page_folder(site: Path, source: str) -> Path:
    locale = locale_of(source, LOCALES)
    stem = source.removesuffix(".md").removesuffix(f".{locale}").removesuffix("index").rstrip("/")
    base = site if locale == LOCALES[0] else site / locale
    return base / stem if stem else base


# --- the page sources ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", _article_sources())
def test_an_article_that_mentions_fasting_a_supplement_or_a_dose_declares_the_topic(source: str) -> None:
    meta, body = _split((DOCS / source).read_text(encoding="utf-8"))
    declared = declared_topics(meta.get("risks") or [])
    assert declared is not None, f"docs/{source}: front matter 'risks' must be a list of topics"
    missing = undeclared_mentions(_data(), body, locale_of(source, LOCALES), declared, source)
    assert missing == [], (f"docs/{source} mentions '{missing[0][0]}' but declares none of "
                           f"{list(missing[0][1])} in its front matter `risks:`" if missing else "")


def test_no_page_writes_a_risk_box_by_hand() -> None:
    hand_written = [f"docs/{p.relative_to(DOCS).as_posix()}:{n}" for p in sorted(DOCS.rglob("*.md"))
                    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                    if re.match(r"\s*!!!\s+warning\s+careful\b", line)]
    assert hand_written == [], "risk boxes come from includes/risk-groups.yml; declare `risks:` instead"


def test_a_page_and_its_translation_declare_the_same_topics() -> None:
    for source in _article_sources():
        if locale_of(source, LOCALES) != LOCALES[0]:
            continue
        twin = DOCS / source.replace(".md", ".en.md")
        if twin.is_file():
            mine = _split((DOCS / source).read_text(encoding="utf-8"))[0].get("risks")
            theirs = _split(twin.read_text(encoding="utf-8"))[0].get("risks")
            assert mine == theirs, f"docs/{source} and its translation declare different risk topics"


def test_lint_bib_counts_the_citations_of_the_risk_groups_as_uses() -> None:
    """bauer2013, volkert2019 and corley2018 are cited only by the risk boxes: `make lint` passes the file."""
    script = [sys.executable, str(ROOT / "scripts" / "lint_bib.py"), "references.bib", "--docs", "docs"]
    alone = subprocess.run(script, cwd=ROOT, capture_output=True, text=True, check=False)
    assert "entry 'corley2018' is not cited by any page" in alone.stdout
    both = subprocess.run([*script, "--also", "includes/risk-groups.yml"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert "corley2018" not in both.stdout and both.returncode == 0, both.stdout + both.stderr
    assert "--also includes/risk-groups.yml" in (ROOT / "Makefile").read_text(encoding="utf-8")


# --- the real site ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_article_declaring_a_topic_shows_its_box_on_the_web_and_in_the_pdf(
        built_site: BuiltSite) -> None:
    data = _data()
    checked = 0
    for source in _article_sources():
        topics = declared_topics(_split((DOCS / source).read_text(encoding="utf-8"))[0].get("risks") or [])
        if not topics:
            continue
        locale = locale_of(source, LOCALES)
        folder = _page_folder(built_site.root, source)
        box = _box_text((folder / "index.html").read_text(encoding="utf-8"))
        assert box, f"docs/{source} declares {topics} but its page has no risk box"
        pdf = _pdf_text(folder)
        for line in render_box(data, topics, locale, source)[1:]:
            bold = re.findall(r"\*\*(.+?)\*\*", line)
            for words in bold:
                assert words in box, f"docs/{source}: '{words}' missing from the web page's box"
                assert " ".join(words.split()) in pdf, f"docs/{source}: '{words}' missing from the PDF"
        checked += 1
    assert checked >= 16


# --- a fixture site built with the real data file ---------------------------------------------------


NEW_GROUP = """\
  - id: test-only-group
    topics: [glutamine-supplement]
    nl: "**Mensen met een testziekte**: alleen voor deze test.[^voorzorg]"
    en: "**People with a test illness**: only for this test.[^precaution]"
"""


def _fixture(tmp_path: Path, data_text: str | None = None) -> Path:
    config = copy_fixture("risks_site", tmp_path / "project")
    text = DATA_FILE.read_text(encoding="utf-8") if data_text is None else data_text
    (config.parent / "risk-groups.yml").write_text(text, encoding="utf-8")
    return config


def _env(handouts: bool) -> dict[str, str]:
    return {**os.environ, "ATLAS_HANDOUTS": "1" if handouts else "0", "ATLAS_HANDOUTS_CACHE": "0"}


@pytest.mark.slow
def test_a_group_added_to_the_data_appears_on_every_page_of_its_topic_on_the_web_and_in_the_pdf(
        tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8").replace("\nfootnotes:", "\n" + NEW_GROUP + "\nfootnotes:", 1)
    assert "test-only-group" in text
    config = _fixture(tmp_path, text)
    result = build_site(config, tmp_path / "site", env=_env(handouts=True))
    assert result.returncode == 0, result.log
    site = tmp_path / "site"
    shown = {"nl": "Mensen met een testziekte", "en": "People with a test illness"}
    pages = {"glutamine/index.md": True, "glutamine/index.en.md": True,
             "growth-and-repair.md": False, "growth-and-repair.en.md": False}  # fasting only: not there
    for source, expected in pages.items():
        folder = _page_folder(site, source)
        box = _box_text((folder / "index.html").read_text(encoding="utf-8"))
        pdf = _pdf_text(folder)
        words = shown[locale_of(source, LOCALES)]
        assert box, f"{source}: no box"
        assert (words in box) is expected, f"{source}: {box}"
        assert (words in pdf) is expected, f"{source}: {pdf[:600]}"
        assert ("SGLT2" in box) and ("SGLT2" in pdf), f"{source}: the fasting groups are missing"
    glutamine = (site / "glutamine" / "index.html").read_text(encoding="utf-8")
    assert glutamine.index('class="admonition abstract key-points"') < glutamine.index(BOX)
    assert '<a class="footnote-ref" href="#fn:voorzorg">voorzorg</a>' in glutamine   # named marker, defined
    assert 'href="#ref-corley2018"' in glutamine      # the box's citations are in the reference list
    assert BOX not in (site / "glutamine" / "safety" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_unknown_topic_in_front_matter_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    config = _fixture(tmp_path)
    page = config.parent / "docs" / "growth-and-repair.md"
    page.write_text(page.read_text(encoding="utf-8").replace("risks: [fasting]", "risks: [fastin]"),
                    encoding="utf-8")
    result = build_site(config, tmp_path / "site", env=_env(handouts=False))
    assert result.returncode != 0
    expected = r"WARNING\s+-\s+docs/growth-and-repair\.md:4: unknown risk topic 'fastin'"
    assert re.search(expected, result.log), result.log
    assert "Traceback" not in result.log


@pytest.mark.slow
def test_a_mistake_in_the_data_file_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    dutch = '    nl: "**Mensen met diabetes type 1.**'
    broken = text.replace(f'{dutch}[^voorzorg]"', f'{dutch}"')
    assert broken != text
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if row.startswith(dutch))
    config = _fixture(tmp_path, broken)
    result = build_site(config, tmp_path / "site", env=_env(handouts=False))
    assert result.returncode != 0
    assert re.search(rf"ERROR\s+-\s+risk-groups\.yml:{line}: group 'type-1-diabetes'\.nl: neither a citation",
                     result.log), result.log
    assert "Traceback" not in result.log


@pytest.mark.slow
def test_malformed_yaml_in_the_data_file_fails_the_build_with_its_line(tmp_path: Path) -> None:
    config = _fixture(tmp_path, "title:\n  nl: [unclosed\n")
    result = build_site(config, tmp_path / "site", env=_env(handouts=False))
    assert result.returncode != 0
    assert re.search(r"ERROR\s+-\s+risk-groups\.yml:\d+: not valid YAML", result.log), result.log
    assert "Traceback" not in result.log
