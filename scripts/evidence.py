"""Evidence records for contributors: which cited sentences have a current record, and stamping them.

    python scripts/evidence.py status          # per page: covered, unstamped, stale, missing (make evidence)
    python scripts/evidence.py status --check  # the same, exit 1 when anything needs work
    python scripts/evidence.py stamp docs/leucine.md [...]  # after checking the page's cited sentences
                                                            # against their quotes (make evidence-stamp)

Uses the same pure modules as the build (`hooks/atlas/evidence`), so the table, the stamp and the
build's messages always agree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.evidence.coverage import COVERED, MISSING, STALE, UNSTAMPED
from atlas.evidence.project import EvidenceProject, read_evidence_project
from atlas.evidence.stamp import stamp_text

ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A mistake the contributor can fix; printed as one line, no traceback."""


def status(project: EvidenceProject, check: bool) -> int:
    for problem in project.evidence.problems:
        print(problem)
    header = f"{'page':<32} {'cited':>5} {'covered':>7} {'unstamped':>9} {'stale':>5} {'missing':>7}"
    print(header)
    print("-" * len(header))
    totals = {COVERED: 0, UNSTAMPED: 0, STALE: 0, MISSING: 0}
    findings = []
    for page in project.source_pages():
        coverage = project.coverage(page)
        findings += coverage.findings
        if not coverage.citations:
            continue
        for kind in totals:
            totals[kind] += coverage.counts[kind]
        c = coverage.counts
        print(f"{page:<32} {coverage.citations:>5} {c[COVERED]:>7} {c[UNSTAMPED]:>9} {c[STALE]:>5} "
              f"{c[MISSING]:>7}")
    cited = sum(totals.values())
    print(f"{'total':<32} {cited:>5} {totals[COVERED]:>7} {totals[UNSTAMPED]:>9} {totals[STALE]:>5} "
          f"{totals[MISSING]:>7}")
    for finding in findings:
        print(finding)
    trouble = bool(project.evidence.problems or findings)
    return 1 if check and trouble else 0


def _docs_relative(project: EvidenceProject, page: str) -> str:
    docs = project.project.docs_dir.resolve()
    for candidate in (Path(page) if Path(page).is_absolute() else Path.cwd() / page, docs / page):
        resolved = candidate.resolve()
        if resolved.is_file() and resolved.is_relative_to(docs):
            relative = resolved.relative_to(docs).as_posix()
            if relative not in project.source_pages():
                raise UsageError(f"{page}: a translation; records are kept for its source page only")
            return relative
    raise UsageError(f"{page}: no such page under {project.shown(docs)}")


def stamp(project: EvidenceProject, pages: list[str]) -> int:
    unmatched = 0
    for page in pages:
        relative = _docs_relative(project, page)
        sentences = project.sentences(relative)
        if not any(claim.page == relative for r in project.evidence.records.values() for claim in r.claims):
            print(f"{page}: no claim in {project.shown(project.folder)}/ is about this page yet; "
                  "add them first (CONTRIBUTING.md, Evidence records)")
        for _lower, record in sorted(project.evidence.records.items()):
            if not any(claim.page == relative for claim in record.claims):
                continue
            path = project.project.root / record.path
            text = path.read_text(encoding="utf-8-sig")
            result = stamp_text(text, record.path, record.key, relative, sentences)
            if result.text != text:
                path.write_text(result.text, encoding="utf-8")
            for line in result.stamped + result.unmatched:
                print(line)
            unmatched += len(result.unmatched)
    return 1 if unmatched else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("status", help="table per page: covered, unstamped, stale, missing")
    show.add_argument("--check", action="store_true",
                      help="exit 1 when a record is missing, stale or invalid")
    restamp = commands.add_parser("stamp", help="write the current fingerprints into a page's claims")
    restamp.add_argument("pages", nargs="+", help="source pages, e.g. docs/leucine.md")
    args = parser.parse_args(argv)
    try:
        project = read_evidence_project(args.config_file)
        if args.command == "status":
            return status(project, args.check)
        return stamp(project, args.pages)
    except (UsageError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
