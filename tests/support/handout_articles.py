"""Build a site and keep, instead of rendering PDFs, the cleaned HTML of every handout article.

    python -m tests.support.handout_articles <mkdocs.yml> <site dir> <out dir>

Each article is written to `<out dir>/<handout name>.html`, exactly as the handouts hook hands it to the
renderer (`HandoutJob.html`). Run in a subprocess: MkDocs and the hooks keep state per process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def main(argv: Sequence[str]) -> int:
    config_file, site_dir, out = argv[0], argv[1], Path(argv[2])
    sys.path.insert(0, str(PROJECT_ROOT / "hooks"))
    os.environ["ATLAS_HANDOUTS"] = "1"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import atlas.handouts.render as render
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out.mkdir(parents=True, exist_ok=True)

    def keep(jobs: Sequence[render.HandoutJob], booklet: object = None, workers: int | None = None,
             on_done: Callable[[render.Rendered], None] | None = None) -> list[render.Rendered]:
        for job in jobs:
            (out / f"{job.output.stem}.html").write_text(job.html, encoding="utf-8")
        return []

    render.render_all = keep  # the hook imports it from the module when the build ends
    build(load_config(config_file, site_dir=site_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
