"""The oracle on real articles: the Python Typst writer writes, byte for byte, the Typst pandoc with
handout.lua writes, for every handout article of the real site in both languages and of the fixture
sites that build handouts.

The sites are built without rendering PDFs (`tests/support/handout_articles.py` keeps the cleaned HTML
each article's handout is made from); every article is then converted both ways and compared.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from atlas.handouts import typst_writer
from atlas.handouts.render import pandoc_article_to_typst

from tests.support.pandoc import needs_pandoc
from tests.support.site import FIXTURES, PROJECT_ROOT, copy_fixture

FIXTURE_SITES = sorted(path.parent.name for path in FIXTURES.glob("*/mkdocs.yml")
                       if "handouts_hook.py" in path.read_text(encoding="utf-8"))


def _articles(config: Path, work: Path) -> list[Path]:
    out = work / "articles"
    command = [sys.executable, "-m", "tests.support.handout_articles", str(config), str(work / "site"),
               str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return sorted(out.glob("*.html"))


@pytest.fixture(scope="module")
def real_articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _articles(PROJECT_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real"))


def _compare(article: Path) -> None:
    html = article.read_text(encoding="utf-8")
    try:
        ours = typst_writer.article_to_typst(html)
    except typst_writer.Unsupported as reason:
        pytest.fail(f"{article.name}: the Typst writer has no rule for {reason}. The handout is still right "
                    f"(pandoc converts it) but slower: add the rule to hooks/atlas/handouts/typst_writer.py.")
    theirs = pandoc_article_to_typst(html)
    if ours != theirs:
        lines = theirs.splitlines(True), ours.splitlines(True)
        diff = "".join(difflib.unified_diff(*lines, "pandoc", "python"))
        pytest.fail(f"{article.name}: the Python writer differs from pandoc:\n{diff[:3000]}")


@needs_pandoc
def test_every_real_article_is_written_as_pandoc_writes_it(real_articles: list[Path]) -> None:
    languages = {article.stem.rsplit("-", 1)[-1] for article in real_articles}
    assert languages == {"nl", "en"} and len(real_articles) >= 2 * 9, [a.name for a in real_articles]
    for article in real_articles:
        _compare(article)


@needs_pandoc
@pytest.mark.slow
@pytest.mark.parametrize("fixture", FIXTURE_SITES)
def test_fixture_articles_are_written_as_pandoc_writes_them(fixture: str, tmp_path: Path) -> None:
    config = copy_fixture(fixture, tmp_path / "project")
    articles = _articles(config, tmp_path)
    assert articles, f"{fixture} builds no handout"
    for article in articles:
        _compare(article)
