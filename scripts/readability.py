"""Readability of the articles, per page and language (make readability).

    python scripts/readability.py [DOCS]            # articles (pages with a PDF handout), default docs/
    python scripts/readability.py DOCS --all        # every page
    python scripts/readability.py DOCS --check      # exit 1 when a page is flagged
    python scripts/readability.py DOCS --page leucine.md --page leucine.en.md --longest 10

Flags a page whose sentences average more than `max_average` words or that has a sentence over
`max_sentence` words (`extra.atlas.readability` in mkdocs.yml: 15 and 25). Settings and languages
come from the mkdocs.yml next to DOCS (its `readability` block, else this project's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from atlas.handouts.settings import SETTINGS as HANDOUTS
from atlas.readability import (
    SettingsError,
    details,
    locale_of,
    measure,
    read_settings,
    source_name,
    table,
)
from atlas.settings import parse
from atlas.translations.project import docs_and_config, load_config, read_project

ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A mistake the contributor can fix; printed as one line, no traceback."""


def _config(path: Path) -> dict:
    try:
        return load_config(path)
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"{path}: cannot read it ({error})") from error


def _atlas(config: dict) -> dict:
    return ((config.get("extra") or {}).get("atlas")) or {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", nargs="?", default="docs", help="docs folder (default: docs)")
    parser.add_argument("--config", help="mkdocs.yml (default: the one next to DOCS, else this project's)")
    parser.add_argument("--all", action="store_true", help="every page, not only the articles")
    parser.add_argument("--page", action="append", default=[],
                        help="only this page (path under DOCS); repeatable")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page is flagged")
    parser.add_argument("--longest", type=int, help="how many of the longest sentences to list per page")
    parser.add_argument("--quiet", action="store_true", help="only the table, no sentences")
    args = parser.parse_args(argv)

    try:
        docs, config_file = docs_and_config(args.docs, args.config, ROOT / "mkdocs.yml")
    except ValueError as error:
        raise UsageError(str(error)) from None
    project = read_project(config_file)
    atlas = _atlas(_config(config_file))
    raw = atlas.get("readability")
    if raw is None:  # another worktree's mkdocs.yml without the block: use this project's settings
        raw = _atlas(_config(ROOT / "mkdocs.yml")).get("readability")
    try:
        settings = read_settings(raw)
    except SettingsError as error:
        raise UsageError(f"{config_file}: {error}") from error
    handouts, problems = parse(HANDOUTS, atlas.get("handouts"))
    if problems:
        raise UsageError(f"{config_file}: " + f"\n{config_file}: ".join(problems))
    excluded = set(handouts.exclude)
    if not settings.enabled:
        print("readability: switched off (extra.atlas.readability.enabled: false); nothing checked")
        return 0

    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    if args.page:
        wanted = {Path(p).as_posix().removeprefix(f"{args.docs.rstrip('/')}/") for p in args.page}
        missing = wanted - set(pages)
        if missing:
            raise UsageError(f"{', '.join(sorted(missing))}: no such page under {args.docs}")
        pages = [p for p in pages if p in wanted]
    elif not args.all:
        pages = [p for p in pages if source_name(p, project.locales) not in excluded]

    order = {locale: i for i, locale in enumerate(project.locales)}
    figures = [
        measure(p, locale_of(p, project.locales), (docs / p).read_text(encoding="utf-8"), settings)
        for p in pages
    ]
    figures.sort(key=lambda f: (source_name(f.page, project.locales), order.get(f.locale, 99)))
    print(table(figures))
    formulas = settings.score
    languages = ", ".join(f"{loc}: {formulas[loc].name}" for loc in project.locales if loc in formulas)
    print(f"\nlimits: average <= {settings.max_average:g} words per sentence, no sentence over "
          f"{settings.max_sentence} words; long% = words of {settings.long_word_letters}+ letters; "
          f"score = reading ease ({languages or 'none configured'}; syllables by pyphen; higher is easier)")
    if not args.quiet:
        for figure in figures:
            if args.longest is not None:
                shown = figure.longest(args.longest)
                print(f"\n{figure.page} [{figure.locale}] longest sentences:")
                for n, sentence in shown:
                    print(f"  {n:>3} words: {sentence}")
            else:
                print("\n" + details(figure))
    flagged = [f for f in figures if f.problems]
    if flagged:
        print(f"\n{len(flagged)} of {len(figures)} page(s) flagged.")
    return 1 if args.check and flagged else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except UsageError as error:
        print(f"readability: {error}", file=sys.stderr)
        sys.exit(2)
