"""Compare two builds of the site that should be identical apart from the generator that made them.

    python scripts/compare_sites.py SITE_A SITE_B

`make properdocs` builds the site with MkDocs and with ProperDocs and runs this. The only thing
allowed to differ is the generator's name and version: the `<meta name="generator" content="…">` tag
of each HTML page. Compressed files (sitemap.xml.gz) are compared by their content, since gzip
records the time it wrote them. Prints every file that is only in one build or differs, with the
first differing line, and exits 1 if there is any; 0 when the builds match.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'(<meta\s+name="generator"\s+content=")[^"]*(")', re.IGNORECASE)
HTML_SUFFIXES = (".html", ".htm")


def normalised(path: Path) -> bytes:
    """The file's content as compared: unpacked if gzip, generator tag blanked if HTML."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix in HTML_SUFFIXES:
        data = GENERATOR.sub(rb"\1GENERATOR\2", data)
    return data


def files_of(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    """The first differing line of two texts, or the first differing byte offset of binaries."""
    try:
        lines_a, lines_b = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        offset = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"binary, first difference at byte {offset} ({len(a)} vs {len(b)} bytes)"
    diff = [line for line in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0)
            if not line.startswith(("---", "+++"))]
    return "\n      ".join(line[:200] for line in diff[:3])


def compare(site_a: Path, site_b: Path) -> list[str]:
    """One line (or short block) per difference; empty when the builds match."""
    files_a, files_b = files_of(site_a), files_of(site_b)
    problems = [f"only in {site_a}: {name}" for name in sorted(files_a - files_b)]
    problems += [f"only in {site_b}: {name}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        a, b = normalised(site_a / name), normalised(site_b / name)
        if a != b:
            problems.append(f"differs: {name}\n      {first_difference(a, b)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            print(f"{site}: no such folder; pass two built sites (mkdocs build -d DIR)", file=sys.stderr)
            return 2
    problems = compare(args.site_a, args.site_b)
    count = len(files_of(args.site_a))
    if problems:
        print(f"{len(problems)} difference(s) between {args.site_a} and {args.site_b} "
              "(apart from the generator tag):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(f"identical apart from the generator tag: {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
