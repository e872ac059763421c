"""Translation upkeep for contributors: which translations lag behind, what changed, and re-stamping them.

    python scripts/translations.py status            # table of every page x language (make translations),
                                                     # and per stale pair the changed Dutch paragraphs
    python scripts/translations.py status --check    # same, exit 1 if anything is missing/stale/unequal
    python scripts/translations.py status --github   # GitHub annotations (::warning) for CI, one per problem
    python scripts/translations.py stamp docs/mtor.en.md [...]   # after bringing a translation up to date
    python scripts/translations.py stamp --unchanged docs/mtor.en.md   # the source change needs no new text
    python scripts/translations.py snapshot          # keep the matched source of every current pair

Uses the same pure modules as the build (`hooks/atlas/translations`), so the table and the
build's banners always agree. A stamp keeps the source text it matched in `.translations/` (commit it):
that is what the diff is made from.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from atlas.translations import source_of
from atlas.translations.changes import changed_sections, critical_changes, paragraph_diff
from atlas.translations.project import Project, read_project, yaml_problem
from atlas.translations.report import status_table
from atlas.translations.restamp import stamp_translation
from atlas.translations.snapshots import (
    prune_snapshots,
    read_snapshot,
    snapshot_path,
    write_snapshot,
)
from atlas.translations.status import (
    PageStatus,
    markdown_files,
    orphan_translations,
    project_status,
)

ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A mistake the contributor can fix; printed as one line, no traceback."""


def _statuses(project: Project) -> list[PageStatus]:
    return project_status(project.docs_dir, project.locales, project.default, project.stamp_key,
                          project.changes.watched_front_matter)


def _matched_source(project: Project, status: PageStatus) -> str | None:
    watched = project.changes.watched_front_matter
    return read_snapshot(project.snapshots_dir, status.source, status.stamp, watched)


def _docs(project: Project, relative: str) -> str:
    """A docs-relative page as contributors name it: `docs/mtor.en.md`."""
    return (project.docs_dir / relative).relative_to(project.root).as_posix()


def stale_report(project: Project, status: PageStatus) -> list[str]:
    """What changed in the source since the stale translation was checked, paragraph by paragraph."""
    source_text = (project.docs_dir / status.source).read_text(encoding="utf-8")
    matched = _matched_source(project, status)
    head = f"== {_docs(project, status.translation)}: changes in {_docs(project, status.source)}"
    if matched is None:
        why = "no stamp" if status.stamp is None else f"no snapshot of the source stamped {status.stamp}"
        return [f"{head}: not known ({why}; the next restamp keeps one in {project.changes.snapshots}/)"]
    changes = project.changes
    critical = critical_changes(matched, source_text, changes.critical_admonitions,
                                changes.watched_front_matter)
    lines = [f"{head} since it was checked (stamp {status.stamp}):"]
    if critical:
        lines.append("   safety text changed, the build fails until this is translated: "
                     + "; ".join(critical))
    diff = paragraph_diff(matched, source_text)
    lines.extend(f"   {line}" for line in diff or ["(front matter only)"])
    return lines


def status(project: Project, check: bool) -> int:
    statuses = _statuses(project)
    print(status_table(statuses))
    for orphan in orphan_translations(markdown_files(project.docs_dir), project.targets):
        print(f"note: {orphan} has no source page; rename or delete it")
    stale = [s for s in statuses if s.stale]
    for pair in stale:
        print()
        print("\n".join(stale_report(project, pair)))
    if stale:
        print("\nTo bring a translation up to date: edit it to match its source page, then run\n"
              "  make restamp PAGE=docs/<page>.<locale>.md\n"
              "If the source change needs no change in the translation (a typo, a link):\n"
              "  make restamp PAGE=docs/<page>.<locale>.md UNCHANGED=1")
    trouble = any(not s.present or s.stale or s.parity is False for s in statuses)
    return 1 if check and trouble else 0


def _annotation(text: str) -> str:
    """A message made safe for a GitHub workflow command (its own escapes for %, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_annotations(project: Project, statuses: list[PageStatus]) -> list[str]:
    """`::warning file=…,line=1::…` for each stale pair (naming the changed sections), missing
    translation and citation difference, so a pull request shows them on its files."""
    lines = []
    for status in statuses:
        translation = _docs(project, status.translation)
        if not status.present:
            lines.append(f"::warning file={_docs(project, status.source)},line=1::"
                         + _annotation(f"no {status.locale} translation (expected {translation})"))
            continue
        if status.parity is False:
            lines.append(f"::warning file={translation},line=1::"
                         + _annotation(f"cites different references than {_docs(project, status.source)}"))
        if not status.stale:
            continue
        matched = _matched_source(project, status)
        where = ""
        if matched is not None:
            source_text = (project.docs_dir / status.source).read_text(encoding="utf-8")
            titles = [s.title or "(introduction)" for s in changed_sections(matched, source_text)]
            where = f" (changed: {', '.join(titles)})" if titles else ""
        lines.append(f"::warning file={translation},line=1::" + _annotation(
            f"out of date: {_docs(project, status.source)} changed since this translation was checked"
            f"{where}. "
            f"Update it and run `make restamp PAGE={translation}` (UNCHANGED=1 if no change is needed)."))
    return lines


def github(project: Project) -> int:
    """Annotations only; exit 0: a stale translation is allowed, the pull request just shows it."""
    for line in github_annotations(project, _statuses(project)):
        print(line)
    return 0


def _docs_relative(project: Project, page: str) -> str:
    path = Path(page)
    candidates = [path if path.is_absolute() else Path.cwd() / path, project.docs_dir / path]
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and resolved.is_relative_to(project.docs_dir.resolve()):
            return resolved.relative_to(project.docs_dir.resolve()).as_posix()
    raise UsageError(f"{page}: no such page under {project.docs_dir}")


def stamp(project: Project, pages: list[str], unchanged: bool = False) -> int:
    for page in pages:
        relative = _docs_relative(project, page)
        found = source_of(relative, project.targets)
        if found is None:
            suffixes = ", ".join(f".{locale}.md" for locale in project.targets)
            raise UsageError(f"{page}: not a translation (expected a name ending in {suffixes})")
        source = project.docs_dir / found[0]
        if not source.is_file():
            raise UsageError(f"{page}: its source page {source.relative_to(project.root)} does not exist")
        done = stamp_translation(project, found[0], found[1])
        shown, origin = done.translation.relative_to(project.root), done.source.relative_to(project.root)
        print(f"{shown}: {project.stamp_key}: {done.fingerprint} (from {origin})")
        if unchanged:
            was = "unchanged" if done.previous == done.fingerprint else f"was {done.previous or 'unstamped'}"
            print(f"{shown}: recorded that the change to {origin} needs no change in the translation; "
                  f"its text was not touched, only its stamp ({was})")
    return 0


def snapshot(project: Project) -> int:
    """Keep the source text of every up-to-date translation whose stamp has no snapshot yet (stamps made
    before snapshots existed, or on another branch); a stale one cannot get one: its matched source is
    gone. Snapshots no stamp refers to any more are deleted."""
    statuses = _statuses(project)
    for source in sorted({status.source for status in statuses}):
        keep = {status.stamp for status in statuses if status.source == source and status.stamp}
        for removed in prune_snapshots(project.snapshots_dir, source, keep):
            print(f"{removed.relative_to(project.root)}: deleted, no stamp refers to it")
    for status in statuses:
        if status.up_to_date and status.stamp and _matched_source(project, status) is None:
            text = (project.docs_dir / status.source).read_text(encoding="utf-8")
            written = write_snapshot(project.snapshots_dir, status.source, status.stamp, text)
            print(f"{written.relative_to(project.root)}: kept for {_docs(project, status.translation)}")
        elif status.stale and status.stamp and _matched_source(project, status) is None:
            where = snapshot_path(project.snapshots_dir, status.source, status.stamp)
            where = where.relative_to(project.root)
            print(f"note: {_docs(project, status.translation)} is out of date; {where} cannot be made now")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("status", help="table of every page x language, and what changed")
    output = show.add_mutually_exclusive_group()
    output.add_argument("--check", action="store_true", help="exit 1 when a translation needs work")
    output.add_argument("--github", action="store_true",
                        help="GitHub Actions annotations instead of the table")
    restamp = commands.add_parser("stamp", help="record that translations match their source now")
    restamp.add_argument("pages", nargs="+", help="translation files, e.g. docs/mtor.en.md")
    restamp.add_argument("--unchanged", action="store_true",
                         help="the source change needs no change in the translation (text not touched)")
    commands.add_parser("snapshot", help="keep the matched source of every up-to-date translation")
    args = parser.parse_args(argv)
    try:
        project = read_project(args.config_file)
        project.options  # noqa: B018  (checks extra.atlas.translations: every problem, one line each)
        if args.command == "status":
            return github(project) if args.github else status(project, args.check)
        if args.command == "snapshot":
            return snapshot(project)
        return stamp(project, args.pages, args.unchanged)
    except (UsageError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except yaml.YAMLError as error:
        print(f"error: {yaml_problem(args.config_file, error)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
