"""Nothing from outside docs/ and includes/ reaches a page (review M3): symlinks found without following
them; snippets outside includes/ are problems with their line, not a traceback; titles are plain text."""

from __future__ import annotations

from pathlib import Path

import markdown
from atlas.publish_scope import is_inside, needs_checking, static_file_problems, svg_problems, symlinks_under
from atlas.snippet_guard import SnippetGuardExtension
from atlas.tooltip_text import TooltipTextExtension, plain_title
from hypothesis import given
from hypothesis import strategies as st


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


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'


def test_the_sites_own_svg_files_are_drawings() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    svgs = sorted(docs.rglob("*.svg"))
    assert svgs, "the site has SVG files (diagrams, favicon)"
    for svg in svgs:
        assert svg_problems(svg.read_text(encoding="utf-8")) == [], svg


def test_each_way_an_svg_runs_code_is_named_with_its_line() -> None:
    svg = (SVG_OPEN
           + "<script>alert(1)</script>\n"
           + '<rect onload="x()" width="1"/>\n'
           + '<a href=" jav&#x09;ascript:alert(1)"><text>t</text></a>\n'
           + '<a xlink:href="JavaScript:alert(2)"/>\n'
           + '<image href="data:image/svg+xml;base64,PHN2Zz4="/>\n'
           + '<set attributeName="href" to="javascript:alert(3)"/>\n'
           + '<rect style="fill:url( javascript:x)"/>\n'
           + "<foreignObject><div/></foreignObject>\n"
           + "</svg>\n")
    problems = svg_problems(svg)
    lines = {line for line, _ in problems}
    assert lines == {2, 3, 4, 5, 6, 7, 8, 9}, problems
    assert (4, "a `javascript:` address in `href` of <a>") in problems
    assert (7, "<set> changing `href`") in problems


def test_links_inside_the_drawing_and_to_the_web_are_fine() -> None:
    svg = (SVG_OPEN + '<defs><linearGradient id="g"/></defs><rect style="fill:url(#g)" width="2"/>'
           + '<use href="#g"/><image href="pic.png"/><a href="https://example.org/a:b"><text>x</text></a></svg>')
    assert svg_problems(svg) == []


def test_entities_and_broken_xml_are_refused_not_read() -> None:
    assert svg_problems('<!DOCTYPE svg [<!ENTITY a "b">]><svg/>')[0][1].startswith("a DOCTYPE")
    assert svg_problems("<svg>\n<rect></svg>") == [(2, "not well-formed XML (mismatched tag)")]


def test_html_files_are_never_published_and_other_files_are_not_read() -> None:
    assert static_file_problems("assets/page.html", b"<p>hi</p>")[0][0] == 1
    assert not needs_checking("assets/site.css") and static_file_problems("assets/site.css", b"\xff") == []
    assert static_file_problems("a.svg", b"<svg>\n\xff</svg>") == [(2, "not UTF-8; save the SVG as UTF-8")]


@given(st.sampled_from(["javascript", "JaVaScRiPt", "vbscript", "data"]),
       st.text(alphabet=" \t\n\r\x01\x0b", max_size=3), st.sampled_from(["href", "xlink:href", "src"]))
def test_no_spelling_of_a_script_address_passes(scheme: str, noise: str, attribute: str) -> None:
    spelled = noise + scheme[:3] + noise.replace("\n", "") + scheme[3:] + ":alert(1)"
    escaped = spelled.replace("&", "&amp;").replace('"', "&quot;").replace("\x01", "&#1;").replace("\x0b", "")
    svg = f'{SVG_OPEN}<a {attribute}="{escaped}"><text>x</text></a></svg>'
    assert svg_problems(svg), svg  # refused: as a script address, or as XML no browser should guess at
