"""Nothing from outside docs/ and includes/ reaches a page (review M3): symlinks found without following
them; snippets outside includes/ are problems with their line, not a traceback; titles are plain text."""

from __future__ import annotations

from pathlib import Path

import markdown
from atlas.publish_scope import is_inside, symlinks_under
from atlas.snippet_guard import SnippetGuardExtension
from atlas.tooltip_text import TooltipTextExtension, plain_title


def test_symlinks_to_files_and_folders_are_found_without_being_followed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "page.md").write_text("# x\n", encoding="utf-8")
    (docs / "assets" / "leak.txt").symlink_to("/etc/hostname")
    (docs / "everything").symlink_to("/")
    assert symlinks_under(docs) == [docs / "assets" / "leak.txt", docs / "everything"]
    assert is_inside(docs / "everything" / "etc" / "passwd", [docs / "everything"])
    assert not is_inside(docs / "page.md", [docs / "everything"])


def test_a_snippet_outside_the_snippet_folder_is_blanked_and_recorded(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "ok.md").write_text("Included text.\n", encoding="utf-8")
    (tmp_path / "secret").write_text("TOKEN\n", encoding="utf-8")
    guard = SnippetGuardExtension()
    config = {"pymdownx.snippets": {"base_path": [str(tmp_path / "includes")], "restrict_base_path": True,
                                    "check_paths": True}}
    text = '--8<-- "ok.md"\n\n--8<-- "../secret"\n\n--8<-- "missing.md"\n\n;--8<-- "../secret"\n'
    html = markdown.markdown(text, extensions=["pymdownx.snippets", guard], extension_configs=config)
    assert "Included text." in html and "TOKEN" not in html
    assert [line for line, _ in guard.problems] == ['--8<-- "../secret"', '--8<-- "missing.md"']
    assert "is not a file in the snippet folder (includes/)" in guard.problems[0][1]


def test_titles_become_plain_text_however_their_markup_is_written() -> None:
    assert plain_title("uitleg <img src=x onerror=alert(1)>") == "uitleg "
    assert plain_title("uitleg &lt;img src=x onerror=alert(1)&gt;") == "uitleg "
    assert plain_title("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;") == ""
    assert plain_title("mTOR & leucine, a < b") == "mTOR & leucine, a < b"


def test_the_tooltip_extension_leaves_plain_titles_alone_and_records_changes() -> None:
    guard = TooltipTextExtension()
    html = markdown.markdown("A en B.\n\n*[A]: gewone uitleg\n*[B]: x &lt;b onmouseover=y&gt;\n",
                             extensions=["abbr", guard])
    assert '<abbr title="gewone uitleg">A</abbr>' in html and '<abbr title="x ">B</abbr>' in html
    assert guard.changed == [("x &lt;b onmouseover=y&gt;", "x ")]
