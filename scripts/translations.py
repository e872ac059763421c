"""Translation upkeep for contributors: which translations lag behind, and re-stamping them.

    python scripts/translations.py status            # table of every page x language (make translations)
    python scripts/translations.py status --check    # same, exit 1 if anything is missing/stale/unequal
    python scripts/translations.py stamp docs/mtor.en.md [...]   # after bringing a translation up to date

Uses the same pure modules as the build (`hooks/atlas/translations`), so the table and the
build's banners always agree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.translations import body_hash, source_of, write_stamp
from atlas.translations.project import Project, read_project
from atlas.translations.report import status_table
from atlas.translations.status import markdown_files, orphan_translations, project_status

ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A mistake the contributor can fix; printed as one line, no traceback."""


def status(project: Project, check: bool) -> int:
    statuses = project_status(project.docs_dir, project.locales, project.default, project.stamp_key)
    print(status_table(statuses))
    targets = [locale for locale in project.locales if locale != project.default]
    for orphan in orphan_translations(markdown_files(project.docs_dir), targets):
        print(f"note: {orphan} has no source page; rename or delete it")
    if any(s.stale for s in statuses):
        print("To bring a translation up to date: edit it to match its source page, then run\n"
              "  make restamp PAGE=docs/<page>.<locale>.md")
    trouble = any(not s.present or s.stale or s.parity is False for s in statuses)
    return 1 if check and trouble else 0


def _docs_relative(project: Project, page: str) -> str:
    path = Path(page)
    candidates = [path if path.is_absolute() else Path.cwd() / path, project.docs_dir / path]
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and resolved.is_relative_to(project.docs_dir.resolve()):
            return resolved.relative_to(project.docs_dir.resolve()).as_posix()
    raise UsageError(f"{page}: no such page under {project.docs_dir}")


def stamp(project: Project, pages: list[str]) -> int:
    targets = [locale for locale in project.locales if locale != project.default]
    for page in pages:
        relative = _docs_relative(project, page)
        found = source_of(relative, targets)
        if found is None:
            suffixes = ", ".join(f".{locale}.md" for locale in targets)
            raise UsageError(f"{page}: not a translation (expected a name ending in {suffixes})")
        source = project.docs_dir / found[0]
        if not source.is_file():
            raise UsageError(f"{page}: its source page {source.relative_to(project.root)} does not exist")
        fingerprint = body_hash(source.read_text(encoding="utf-8"))[: project.hash_length]
        target = project.docs_dir / relative
        text = target.read_text(encoding="utf-8")
        target.write_text(write_stamp(text, fingerprint, project.stamp_key), encoding="utf-8")
        print(f"{target.relative_to(project.root)}: {project.stamp_key}: {fingerprint} "
              f"(from {source.relative_to(project.root)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("status", help="table of every page x language")
    show.add_argument("--check", action="store_true", help="exit 1 when a translation needs work")
    restamp = commands.add_parser("stamp", help="record that translations match their source now")
    restamp.add_argument("pages", nargs="+", help="translation files, e.g. docs/mtor.en.md")
    args = parser.parse_args(argv)
    try:
        project = read_project(args.config_file)
        project.options  # noqa: B018  (checks extra.atlas.translations: every problem, one line each)
        if args.command == "status":
            return status(project, args.check)
        return stamp(project, args.pages)
    except (UsageError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
