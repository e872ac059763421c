"""Which pages are due for a content review (make reviews).

    python scripts/reviews.py [DOCS]              # pages due soon, overdue, or without valid dates
    python scripts/reviews.py DOCS --all          # every page with its review dates
    python scripts/reviews.py --today 2027-12-01  # as if it were that day (also: ATLAS_TODAY=...)
    python scripts/reviews.py --check             # exit 1 when a page is overdue or an article lacks dates

Reads `reviewed` and `next_review` from each page's front matter with the same rules as the build
(`hooks/atlas/reviews.py`): next_review at most a year after reviewed. Articles (pages with a PDF
handout) must have both; other pages are listed when they have them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from atlas.articles import is_article
from atlas.handouts.settings import SETTINGS as HANDOUTS
from atlas.reviews import SETTINGS as REVIEWS
from atlas.reviews import ReviewError, read_review, today
from atlas.settings import parse
from atlas.translations.project import docs_and_config, load_config, read_project
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A mistake the contributor can fix; printed as one line, no traceback."""


def rows(docs: Path, locales: list[str], excluded: list[str], day: date, soon: int) -> list[tuple[str, ...]]:
    found = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        _body, meta = get_data(path.read_text(encoding="utf-8-sig"))
        article = is_article(relative, locales, excluded)
        if not article and "next_review" not in meta:
            continue
        try:
            review = read_review(meta)
        except ReviewError as error:
            found.append((relative, str(meta.get("reviewed", "")), str(meta.get("next_review", "")),
                          "problem", str(error)))
            continue
        status = review.status(day, soon)
        days = (review.next_review - day).days
        note = f"{-days} day(s) overdue" if days < 0 else f"due in {days} day(s)"
        found.append((relative, review.reviewed.isoformat(), review.next_review.isoformat(), status, note))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", nargs="?", default="docs", help="docs folder (default: docs)")
    parser.add_argument("--config", help="mkdocs.yml (default: the one next to DOCS, else this project's)")
    parser.add_argument("--all", action="store_true",
                        help="every page with review dates, not only those due")
    parser.add_argument("--today", help="compare with this day (YYYY-MM-DD) instead of today")
    parser.add_argument("--soon", type=int, help="'due' this many days ahead (default: extra.atlas.reviews)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page is overdue or has a problem")
    args = parser.parse_args(argv)

    try:
        docs, config_file = docs_and_config(args.docs, args.config, ROOT / "mkdocs.yml")
    except ValueError as error:
        raise UsageError(str(error)) from None
    config = load_config(config_file)
    atlas = ((config.get("extra") or {}).get("atlas")) or {}
    try:
        day = date.fromisoformat(args.today) if args.today else today()
    except ValueError:
        raise UsageError(f"--today {args.today}: not a date; use YYYY-MM-DD") from None
    except ReviewError as error:
        raise UsageError(str(error)) from None
    reviews, problems = parse(REVIEWS, atlas.get("reviews"))
    handouts, more = parse(HANDOUTS, atlas.get("handouts"))
    if problems or more:
        raise UsageError(f"{config_file}: " + f"\n{config_file}: ".join(problems + more))
    soon = args.soon if args.soon is not None else reviews.soon_days
    excluded = list(handouts.exclude)
    found = rows(docs, read_project(config_file).locales, excluded, day, soon)
    shown = found if args.all else [r for r in found if r[3] != "ok"]
    print(f"Content reviews on {day.isoformat()} ('due' = within {soon} days):")
    if not shown:
        print("  nothing due.")
    for page, reviewed, upcoming, status, note in shown:
        print(f"  {status:<8} {page:<32} reviewed {reviewed or '-':<10}  next {upcoming or '-':<10}  {note}")
    trouble = [r for r in found if r[3] in {"overdue", "problem"}]
    return 1 if args.check and trouble else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except UsageError as error:
        print(f"reviews: {error}", file=sys.stderr)
        sys.exit(2)
