"""Start a new article in every language: `make new-page PAGE=docs/x.md TITLE="…" TITLE_EN="…"`.

    python scripts/new_page.py docs/topic.md --title "Dutch title" --translation en="English title"

Writes `docs/topic.md` and each `docs/topic.<locale>.md` with the front matter and structure an article
needs (`atlas.scaffold`), adds the page to `nav` and its translated titles to `nav_translations` in
mkdocs.yml (comments kept), and stamps each translation with the new source's fingerprint. Refuses, in
one line, a page outside the docs folder or one that exists; it changes nothing then.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml
from atlas.reviews import ReviewError, today
from atlas.scaffold import NewPage, ScaffoldError, checked_source, page_text, with_page_in_nav
from atlas.translations.naming import translation_of
from atlas.translations.project import Project, load_config, read_project, yaml_problem
from atlas.translations.restamp import stamp_translation

ROOT = Path(__file__).resolve().parent.parent


def _docs_relative(project: Project, page: str) -> str:
    """`docs/x.md` (from the project root or the working folder) as a name inside the docs folder."""
    docs = project.docs_dir.resolve()
    for base in (Path.cwd(), project.root):
        candidate = (base / page).resolve()
        if candidate.is_relative_to(docs):
            return candidate.relative_to(docs).as_posix()
    shown = project.docs_dir.relative_to(project.root).as_posix()
    raise ScaffoldError(f"{page}: not inside the docs folder; give a path such as {shown}/topic.md")


def _titles(project: Project, title: str, translations: list[str]) -> dict[str, str]:
    titles = {project.default: title.strip()}
    for item in translations:
        locale, sep, text = item.partition("=")
        if not sep or locale not in project.targets:
            raise ScaffoldError(f"--translation {item!r}: use LOCALE=TITLE with LOCALE one of "
                                f"{', '.join(project.targets)}")
        titles[locale] = text.strip()
    missing = [locale for locale in project.targets if not titles.get(locale)]
    empty = ([f"TITLE ({project.default})"] if not titles[project.default] else []) + [
        f"TITLE_{locale.upper()} ({locale})" for locale in missing]
    if empty:
        raise ScaffoldError(f"give a title in every language; missing: {', '.join(empty)}")
    return titles


def new_page(config_file: Path, page: str, title: str, translations: list[str]) -> list[Path]:
    """Write the pages and mkdocs.yml; returns the files written. Checks everything before writing."""
    project = read_project(config_file)
    source = checked_source(_docs_relative(project, page), project.locales)
    titles = _titles(project, title, translations)
    files = {project.default: source} | {locale: translation_of(source, locale) for locale in project.targets}
    for name in files.values():
        if (project.docs_dir / name).exists():
            shown = (project.docs_dir / name).relative_to(project.root)
            raise ScaffoldError(f"{shown} already exists; edit it, or choose another name")
    excluded = ((load_config(config_file).get("extra") or {}).get("atlas") or {}).get("handouts") or {}
    config_text = config_file.read_text(encoding="utf-8")
    updated = with_page_in_nav(config_text, NewPage(source, titles), excluded.get("exclude") or [])
    day = today(dict(os.environ))
    for locale, name in files.items():
        target = project.docs_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(titles[locale], locale, day), encoding="utf-8")
    config_file.write_text(updated, encoding="utf-8")
    for locale in project.targets:
        stamp_translation(project, source, locale)
    return [project.docs_dir / name for name in files.values()] + [config_file]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="the new page in the default language, e.g. docs/topic.md")
    parser.add_argument("--title", required=True, help="its title (and nav entry) in the default language")
    parser.add_argument("--translation", action="append", default=[], metavar="LOCALE=TITLE",
                        help="its title in another language, e.g. en=\"English title\" (one per language)")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        written = new_page(args.config_file, args.page, args.title, args.translation)
    except (ScaffoldError, ReviewError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except yaml.YAMLError as error:
        print(f"error: {yaml_problem(args.config_file, error)}; fix it, then run make new-page again",
              file=sys.stderr)
        return 2
    root = args.config_file.resolve().parent
    for path in written:
        print(f"wrote {path.resolve().relative_to(root)}")
    print("Next: write the key points and the text in every language (CONTRIBUTING.md, recipe "
          "\"Add a page\"), then run make site.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
