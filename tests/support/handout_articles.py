"""Build a site and keep the cleaned HTML of every handout article, as the handouts hook made it.

    python -m tests.support.handout_articles <mkdocs.yml> <site dir> <out dir>

Each article is written to `<out dir>/<handout name>.html`, exactly as the hook hands it to the renderer
(`HandoutJob.html`, recorded where the hook makes each job, prepared here when the hook would leave
that to a worker). The PDFs are rendered as in any build; a build that fails after the articles were
collected (a fixture whose handout is meant to fail) still exits 0. Run in a subprocess: MkDocs and
the hooks keep state per process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOOK_FILE = "handouts_hook.py"


def main(argv: Sequence[str]) -> int:
    config_file, site_dir, out = argv[0], argv[1], Path(argv[2])
    os.environ.update(ATLAS_HANDOUTS="1", ATLAS_HANDOUTS_CACHE="0")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out.mkdir(parents=True, exist_ok=True)
    config = load_config(config_file, site_dir=site_dir)
    hooks = [module for module in config.hooks.values() if Path(module.__file__ or "").name == HOOK_FILE]
    if not hooks:
        print(f"{config_file} has no {HOOK_FILE}", file=sys.stderr)
        return 2
    for hook in hooks:
        make_job = hook._job

        def recording(*args: Any, make_job: Any = make_job) -> Any:
            job = make_job(*args)  # a HandoutJob, or a PageHandout a worker would prepare
            article = job.prepared() if hasattr(job, "prepared") else job
            (out / f"{job.output.stem}.html").write_text(article.html, encoding="utf-8")
            return job

        hook._job = recording

    try:
        build(config)
    except Exception as problem:  # a fixture meant to fail: the articles are what counts here
        print(f"the build failed after collecting the articles: {problem}", file=sys.stderr)
    return 0 if any(out.glob("*.html")) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
