"""Content rules every page under docs/ (both languages) must keep.

- it cites only keys that exist in references.bib;
- its front matter has `title`, `description` and `reviewed` (a valid ISO date);
- it is written in its own words: the shared own-words checker finds no run of words shared with
  the seed texts.

These read the Markdown sources, not the built site, so a failure names the file and line to fix.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
BIB_PATH = ROOT / "references.bib"
# The source texts and their checker are not part of the project (they may not be redistributed): they
# live in the shared folder beside it, ../shared/{seeds,tools/seed_overlap.py}, where CI has them.
# ATLAS_SHARED=DIR names another place; ATLAS_REQUIRE_SHARED=1 makes their absence a failure, not a skip.
SHARED = Path(os.environ.get("ATLAS_SHARED") or ROOT.parent / "shared")
SEED_OVERLAP = SHARED / "tools" / "seed_overlap.py"

PAGES = sorted(DOCS.rglob("*.md"))
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
REQUIRED_FRONT_MATTER = ("title", "description", "reviewed")

# --- finding citation keys ------------------------------------------------------------------
# The citation engine's own parser is the authority on what counts as a citation; use it when
# it is there. Until it lands (another helper builds `atlas.citations.cited_keys`), fall back to
# a regex for Pandoc's bracketed form: [@key], [@a; @b], [see @a, p. 33], outside code.
try:
    from atlas.citations import cited_keys as _engine_cited_keys
except ImportError:  # pragma: no cover - depends on which helper's work is in the tree
    _engine_cited_keys = None

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
BRACKETED = re.compile(r"\[([^\[\]]*?@[^\[\]]*?)\]")
# Pandoc: a key starts with a letter, digit or _; inside it may hold : . # $ % & - + ? < > ~ /
KEY_IN_BRACKET = re.compile(r"(?<![\w@])-?@([\w][\w:.#$%&+?<>~/-]*)")


def _strip_code(text: str) -> list[tuple[int, str]]:
    """(line number, text) for every line outside fenced code, with inline code blanked out."""
    lines, fence = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group("fence")[0] * len(opening.group("fence"))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        lines.append((number, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)))
    return lines


def regex_cited_keys(text: str) -> list[tuple[str, int]]:
    """Keys cited in bracketed Pandoc citations, with their line numbers; code is ignored."""
    found = []
    for number, line in _strip_code(text):
        for bracket in BRACKETED.finditer(line):
            for key in KEY_IN_BRACKET.finditer(bracket.group(1)):
                found.append((key.group(1).rstrip(":.#$%&+?<>~/-"), number))
    return found


def page_citations(text: str) -> list[tuple[str, int | None]]:
    """(key, line or None) for every citation on a page, via the engine if present."""
    if _engine_cited_keys is None:
        return regex_cited_keys(text)
    result: Iterable = _engine_cited_keys(text)
    citations = []
    for item in result:
        key = item if isinstance(item, str) else getattr(item, "key", item)
        line = None if isinstance(item, str) else getattr(item, "line", None)
        citations.append((str(key), line))
    return citations


def _page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    return {key.lower() for key in parse_file(str(BIB_PATH), bib_format="bibtex").entries}


def test_there_are_pages_to_check() -> None:
    assert PAGES, f"no Markdown pages found under {DOCS}"


def test_regex_fallback_reads_pandoc_forms_and_skips_code() -> None:
    """The fallback reader itself: every Pandoc bracket form counts, code and e-mail do not."""
    text = (
        "Claim [@johnson2013]. Two [@a2020; @b-2021]. Prefix [see @c2019, p. 33; also @d:x].\n"
        "Mail me at x@example.org. Footnote[^geen-bron]. Inline `[@notakey]` code.\n"
        "```\n[@alsonot]\n```\n"
        "After [-@e2018].\n"
    )
    assert [key for key, _ in regex_cited_keys(text)] == [
        "johnson2013",
        "a2020",
        "b-2021",
        "c2019",
        "d:x",
        "e2018",
    ]
    assert regex_cited_keys(text)[-1] == ("e2018", 6)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_cites_only_known_keys(page: Path, bib_keys: set[str]) -> None:
    unknown = [
        f"{_page_id(page)}:{line or '?'}: [@{key}]"
        for key, line in page_citations(page.read_text(encoding="utf-8"))
        if key.lower() not in bib_keys
    ]
    assert not unknown, (
        "citations of keys that references.bib does not define (add the entry, with a confirmed "
        "DOI or PMID, or fix the key):\n" + "\n".join(unknown)
    )


def _load_front_matter(block: str) -> tuple[object, str | None]:
    """The parsed front matter, or a 'line: what is wrong' message when it is not valid YAML."""
    try:
        return yaml.safe_load(block) or {}, None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2  # +1 for the opening '---', +1 as 1-based
        reason = getattr(error, "problem", None) or str(error)
        return None, (
            f"{line}: front matter is not valid YAML ({reason}); put a value that contains ': ' in quotes"
        )


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_front_matter_is_complete(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, f"{_page_id(page)}:1: no front matter; start the page with a '---' block"
    meta, problem = _load_front_matter(match.group(1))
    if problem is not None:
        pytest.fail(f"{_page_id(page)}:{problem}")
    assert isinstance(meta, dict), f"{_page_id(page)}:2: front matter must be key: value pairs"
    missing = [name for name in REQUIRED_FRONT_MATTER if not str(meta.get(name) or "").strip()]
    assert not missing, f"{_page_id(page)}: front matter lacks {missing}"
    reviewed = meta["reviewed"]
    if not isinstance(reviewed, dt.date):
        try:
            reviewed = dt.date.fromisoformat(str(reviewed))
        except ValueError:
            pytest.fail(f"{_page_id(page)}: reviewed: {reviewed!r} is not a date as YYYY-MM-DD")
    assert not isinstance(reviewed, dt.datetime), (
        f"{_page_id(page)}: reviewed should be a date (YYYY-MM-DD), not a date and time"
    )


def test_pages_are_in_their_own_words() -> None:
    if not SEED_OVERLAP.is_file():
        where = (f"expected the source texts and their checker at {SEED_OVERLAP.parent.parent}/seeds and "
                 f"{SEED_OVERLAP} (the shared folder beside the project, or ATLAS_SHARED=DIR)")
        if os.environ.get("ATLAS_REQUIRE_SHARED") == "1":
            pytest.fail(f"ATLAS_REQUIRE_SHARED=1 but the own-words checker is missing: {where}")
        pytest.skip(f"own-words check not run: {where}; CI, which has them, runs it")
    result = subprocess.run(
        [sys.executable, str(SEED_OVERLAP), str(DOCS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, (
        "pages share runs of words with the seed texts; rewrite these passages in your own words:\n"
        f"{result.stdout}{result.stderr}"
    )
