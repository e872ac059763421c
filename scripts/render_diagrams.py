"""Render every ```mermaid fence of the docs to a static SVG (`make diagrams`).

Readers get the SVG inline (hooks/diagrams_hook.py), so the site ships no diagram JavaScript. This
script is the only user of the vendored Mermaid: it loads it in headless Chromium, draws each diagram
with pure SVG text labels (no <foreignObject>, so PDF tools can draw them too) and writes
`docs/assets/diagrams/<sha256 of the normalised source, 12 hex>.svg`. Commit the new files.

    python scripts/render_diagrams.py            # render what is missing
    python scripts/render_diagrams.py --force    # render everything again (after a Mermaid update)
    python scripts/render_diagrams.py --prune    # also delete SVGs no page uses any more
    python scripts/render_diagrams.py --check    # exit 1 if an SVG is missing (renders nothing)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.diagrams import Fence, iter_sources, normalise

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MERMAID = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
# What the SVG looks like: neutral grey-on-white (readable in both palettes on its light panel),
# labels as SVG <text>, the same ids every run so a re-render of unchanged source is no diff.
MERMAID_CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "theme": "neutral",
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    "deterministicIds": True,
    # Measured with the widest of these present here (DejaVu Sans): readers' narrower fonts still fit.
    "fontFamily": 'Helvetica, Arial, "DejaVu Sans", sans-serif',
}
RENDER = """async ([source, config]) => {
  mermaid.initialize(config);
  const { svg } = await mermaid.render("atlas-diagram", source);
  return svg;
}"""


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def collect(docs: Path) -> dict[str, tuple[str, Fence]]:
    """Each distinct diagram by hash, with the first place it appears (for messages)."""
    pages = sorted(docs.rglob("*.md"))
    files = ((_shown(path), path.read_text(encoding="utf-8-sig")) for path in pages)
    found: dict[str, tuple[str, Fence]] = {}
    for name, fence in iter_sources(files):
        found.setdefault(fence.digest, (name, fence))
    return found


def render(diagrams: dict[str, tuple[str, Fence]], out: Path) -> int:
    """Write one SVG per diagram; returns how many failed (each reported with file and line)."""
    from playwright.sync_api import Error, sync_playwright

    failures = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        page.add_script_tag(path=str(MERMAID))
        for digest, (name, fence) in sorted(diagrams.items()):
            try:
                svg = page.evaluate(RENDER, [normalise(fence.source), MERMAID_CONFIG])
            except Error as error:
                failures += 1
                reason = str(error).splitlines()[0]
                print(f"{name}:{fence.start}: Mermaid cannot draw this diagram: {reason}", file=sys.stderr)
                continue
            if "<foreignObject" in svg:
                print(f"{name}:{fence.start}: HTML labels (foreignObject) in SVG", file=sys.stderr)
            (out / f"{digest}.svg").write_text(svg + "\n", encoding="utf-8")
            print(f"{name}:{fence.start}: wrote {_shown(out / f'{digest}.svg')}")
        browser.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "assets" / "diagrams")
    parser.add_argument("--force", action="store_true", help="render every diagram again")
    parser.add_argument("--prune", action="store_true", help="delete SVGs no page uses")
    parser.add_argument("--check", action="store_true", help="only report missing SVGs")
    args = parser.parse_args(argv)

    diagrams = collect(args.docs)
    args.out.mkdir(parents=True, exist_ok=True)
    todo = {d: where for d, where in diagrams.items() if args.force or not (args.out / f"{d}.svg").exists()}
    if args.check:
        for digest, (name, fence) in sorted(todo.items()):
            print(f"{name}:{fence.start}: no {digest}.svg yet; run `make diagrams`", file=sys.stderr)
        return 1 if todo else 0
    failures = render(todo, args.out) if todo else 0
    if args.prune:
        for stale in sorted(args.out.glob("*.svg")):
            if stale.stem not in diagrams:
                stale.unlink()
                print(f"removed {_shown(stale)} (no page uses it)")
    print(f"{len(diagrams)} diagram(s), {len(todo) - failures} rendered, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
