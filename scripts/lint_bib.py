"""Lint references.bib before review: everything the site build checks, plus lint-only checks.

The citation engine's loader (`atlas.citations.load_bibliography`, also used by the MkDocs hook) reports
duplicate keys, unbalanced braces, missing required fields, and DOI/PMID form. On top of that this
script reports what the build tolerates but a tidy bibliography doesn't:

* unused entries: keys no page cites (`atlas.citations.cited_keys` over the docs folder, and over the
  files pages include by other means, such as the risk groups: `--also includes/risk-groups.yml`), a warning;
* key style: `surname` + `year` + optional letter, all lower case (`heyland2013`, `vandenberg2005b`).

Each problem is printed as `path:line: severity: message` with a hint line saying what to do; the exit
status is 1 when there is an error (or a warning, with `--strict`), so `make lint` and pre-commit fail.

    python scripts/lint_bib.py [references.bib] [--docs docs] [--also includes/risk-groups.yml ...]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from atlas.citations import cited_keys, load_bibliography
from atlas.citations.syntax import front_matter_nocite

KEY_STYLE = re.compile(r"^[a-z]+[0-9]{4}[a-z]?$")


@dataclass(frozen=True)
class Problem:
    """One finding, in the same shape as the citation engine's diagnostics."""

    path: str
    line: int
    message: str
    hint: str
    severity: str = "error"

    def render(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


def key_style_problems(path: str, lines: dict[str, int]) -> list[Problem]:
    return [
        Problem(path, line, f"key '{key}' does not follow the key style",
                "Write the first author's surname in lower case without spaces or accents, then the year, "
                "plus a letter for a second paper that year: 'vandenberg2005', 'vandenberg2005b'.")
        for key, line in lines.items()
        if not KEY_STYLE.match(key)
    ]


def unused_problems(path: str, lines: dict[str, int], cited: Iterable[str]) -> list[Problem]:
    """Entries no page cites (keys compare without case, as in BibTeX and the citation engine)."""
    used = {key.lower() for key in cited}
    if "*" in used:  # a page lists every entry (`nocite: "@*"`)
        return []
    return [
        Problem(path, line, f"entry '{key}' is not cited by any page",
                f"Cite it on a page with [@{key}], or delete the entry.", severity="warning")
        for key, line in lines.items()
        if key.lower() not in used
    ]


def citations_in(docs_dir: Path) -> set[str]:
    """Every key cited by a page in any language (the engine's own citation scanner), or listed by its
    `nocite` front matter (`*`: every entry)."""
    keys: set[str] = set()
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        keys.update(cited_keys(text))
        keys.update(front_matter_nocite(text))
    return keys


def lint(bib_path: Path, docs_dir: Path | None, check_unused: bool = True,
         also: Iterable[Path] = ()) -> list[Problem]:
    """The engine's diagnostics for the file, then the lint-only checks, in line order."""
    shown = _display_path(bib_path)
    bibliography = load_bibliography(bib_path, display_path=shown)
    # What the build normalises quietly (a DOI written as a link, `PMID:` …) is an error here: the
    # project's own file stays tidy.
    problems = [Problem(d.path, d.line, d.message, d.hint, "error" if d.severity == "info" else d.severity)
                for d in bibliography.diagnostics]
    lines = {record.key: record.line for record in bibliography.records.values()}
    problems += key_style_problems(shown, lines)
    if check_unused and docs_dir is not None:
        cited = citations_in(docs_dir)
        for extra in also:  # texts the build puts into pages (the risk boxes' citations)
            cited.update(cited_keys(extra.read_text(encoding="utf-8")))
        problems += unused_problems(shown, lines, cited)
    return sorted(problems, key=lambda p: (p.path, p.line, p.message))


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib", nargs="?", type=Path, default=Path("references.bib"))
    parser.add_argument("--docs", type=Path, default=Path("docs"),
                        help="folder of pages whose citations count as uses (default: docs)")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="another file whose citations count as uses (repeatable), "
                             "e.g. includes/risk-groups.yml")
    parser.add_argument("--no-unused", action="store_true", help="skip the unused-entry check")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)
    if not args.bib.is_file():
        print(f"{args.bib}: error: file not found\n    hint: run from the repository root or pass the path",
              file=sys.stderr)
        return 2
    docs = args.docs if args.docs.is_dir() else None
    missing = [path for path in args.also if not path.is_file()]
    if missing:
        print(f"{missing[0]}: error: file not found\n    hint: fix the --also path", file=sys.stderr)
        return 2
    problems = lint(args.bib, docs, check_unused=not args.no_unused, also=args.also)
    for problem in problems:
        print(problem.render())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{_display_path(args.bib)}: {errors} error(s), {warnings} warning(s)")
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
