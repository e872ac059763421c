"""Typst -> PDF: every handout is PDF/UA-1 (accessible) and PDF/A-2a (archival).

Typst then refuses a document without title or language, an image without alt text, or skipped heading
levels, and the failure names the page. Its warnings come back with the text they are about. Typst reads
files only below the build folder (its root), never elsewhere on the machine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import typst

from atlas.handouts.jobs import PACKAGE_DIR, Problem
from atlas.handouts.pdf_check import check_pdf
from atlas.handouts.pdf_tags import DEFAULT_LINK_TO, finish

# Accessible (ISO 14289-1) and archival, level A (ISO 19005-2: tagged, Unicode text).
PDF_STANDARDS: tuple[str, ...] = ("a-2a", "ua-1")

EXCERPT_CHARS = 60  # how much of the Typst line a message quotes before the spot it is about
KEPT_COMPILERS = 2  # one per build folder; `make serve` builds into one, `make site` into a fresh one

__all__ = ["PDF_STANDARDS", "TypstFailed", "compile_pdf", "describe"]

_compilers: dict[str, typst.Compiler] = {}


class TypstFailed(RuntimeError):
    """Typst refused the document; `problem` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.describe())
        self.problem = problem


# The handouts' text font (Atkinson Hyperlegible, OFL), shipped beside the template: see fonts/README.md.
FONTS = PACKAGE_DIR / "fonts"


def _compiler(root: Path) -> typst.Compiler:
    """One compiler per build folder and process (fonts are loaded once); the oldest is let go."""
    key = str(root)
    if key not in _compilers:
        while len(_compilers) >= KEPT_COMPILERS:
            _compilers.pop(next(iter(_compilers)))
        _compilers[key] = typst.Compiler(root=key, ignore_system_fonts=True, font_paths=[str(FONTS)])
    return _compilers[key]


def compile_pdf(
    source: str, root: Path = PACKAGE_DIR, standards: Sequence[str] = PDF_STANDARDS
) -> tuple[bytes, list[Problem]]:
    """Compile a Typst document to a PDF/UA-1 and PDF/A-2a file with embedded fonts only; image paths
    are read below `root` (the build folder; the package folder when there are no images).

    Returns the PDF and Typst's warnings; raises TypstFailed when Typst refuses the document.
    (`standards` is there for the benchmark, which measures what the standards cost.)
    """
    try:
        pdf, warnings = _compiler(root).compile_with_warnings(
            input=source.encode("utf-8"), format="pdf", timestamp=_timestamp(),
            pdf_standards=list(standards),  # type: ignore[arg-type]  # typst names them
        )
    except typst.TypstError as error:
        raise TypstFailed(_problem(error, source)) from None
    assert isinstance(pdf, bytes)
    return pdf, [_problem(w, source) for w in warnings]


def checked_compile(
    source: str, root: Path = PACKAGE_DIR, link_to: str = DEFAULT_LINK_TO
) -> tuple[bytes, list[Problem]]:
    """`compile_pdf`, the structure Typst cannot write (`pdf_tags`: boxes as sections, internal links
    described with `link_to`), then the independent PDF/UA-1 and PDF/A-2a checks (`pdf_check`) of that
    final PDF: their findings are warnings like Typst's, so --strict fails naming the page, and a cached
    PDF reports them again."""
    pdf, warnings = compile_pdf(source, root)
    pdf = finish(pdf, link_to)
    checked = [Problem(problem) for problem in check_pdf(pdf, "independent PDF check")]
    return pdf, [*warnings, *checked]


def _timestamp() -> int | None:
    """Reproducible builds: honour SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else None


def describe(problem: BaseException) -> str:
    """A failure in one line: Typst's message with its hints, or the exception's text."""
    if isinstance(problem, TypstFailed):
        return problem.problem.describe()
    message = getattr(problem, "message", None) or str(problem)
    hints = getattr(problem, "hints", None) or []
    return " ".join([message.strip(), *(f"(hint: {h})" for h in hints)])


_LOCATION = re.compile(r"\u250c\u2500 [^\n]*?:(\d+):(\d+)")  # "┌─ file.typ:216:331" in Typst's diagnostic


def _problem(diagnostic: BaseException, source: str) -> Problem:
    """Typst's error or warning with the text of the source line it points at."""
    found = _LOCATION.search(getattr(diagnostic, "diagnostic", "") or "")
    if not found:
        return Problem(describe(diagnostic))
    line, column = int(found.group(1)), int(found.group(2))
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    excerpt = " ".join(text[max(0, column - 1 - EXCERPT_CHARS):column + 20].split())
    return Problem(describe(diagnostic), line, excerpt)
