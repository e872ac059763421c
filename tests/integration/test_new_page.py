"""`make new-page` (issue 25, item 2): a scaffolded page builds with --strict as an article in both
languages, with its translated nav title, the key points first and its review dates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.site import PROJECT_ROOT, build_site, copy_fixture

pytestmark = pytest.mark.slow


def test_a_scaffolded_page_builds_strict_in_both_languages(tmp_path: Path) -> None:
    config = copy_fixture("content_site", tmp_path / "content_site")
    env = {**os.environ, "ATLAS_TODAY": "2026-12-01"}
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "new_page.py"), "docs/glutamine/timing.md",
         "--title", "Timing: wanneer?", "--translation", "en=Timing: when?", "--config-file", str(config)],
        cwd=config.parent, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr

    result = build_site(config, tmp_path / "site", env=env)

    assert result.returncode == 0, result.log
    assert "not in the nav" not in result.log
    for path, title, key_points in (("glutamine/timing/index.html", "Timing: wanneer?", "In het kort"),
                                    ("en/glutamine/timing/index.html", "Timing: when?", "In short")):
        html = result.site.page(path)
        assert re.search(rf'</h1>\s*<div class="admonition abstract key-points">\s*'
                         rf'<p class="admonition-title">{key_points}</p>', html), path
        nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        assert re.search(rf'<span class="md-ellipsis">\s*{re.escape(title)}\s*</span>', nav), path
        assert re.search(r'class="md-source-file atlas-review".*?<time datetime="2026-12-01">.*?'
                         r'<time datetime="2027-12-01">', html, re.S), path
        assert "CONTRIBUTING.md" not in html, "the writer's notes (YAML comments) never reach readers"
    assert "Timing: wanneer?" not in result.site.page("en/leucine/index.html").split("<article", 1)[0]


def test_a_page_outside_the_nav_is_told_about_make_new_page(tmp_path: Path) -> None:
    config = copy_fixture("content_site", tmp_path / "content_site")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n", f"hooks:\n  - {PROJECT_ROOT / 'hooks' / 'nav_hint_hook.py'}\n"), encoding="utf-8")
    for name in ("stray.md", "stray.en.md"):
        (config.parent / "docs" / name).write_text("# Stray\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site", env=dict(os.environ), strict=False)
    assert result.returncode == 0, result.log
    assert ("INFO    -  docs/stray.md: not in the nav of mkdocs.yml. Add it under nav: (and its translated "
            "title under nav_translations), or start a page with make new-page") in result.log
    assert result.log.count("docs/stray.en.md: not in the nav") == 0, "said once, for the source page"
