"""Pre-rendered diagrams: fence detection and replacement, hashing, the accessible SVG, messages."""

from __future__ import annotations

import re

from atlas.diagrams import (
    Fence,
    accessible_svg,
    accessible_text,
    diagram_hash,
    figure,
    find_fences,
    insert_figures,
    missing_figure,
    missing_svg_message,
    missing_title_message,
    placeholder,
    replace_fences,
)

PAGE = """# Title

Text.

```mermaid
flowchart LR
    accTitle: Map
    a --> b
```

```python
print("```mermaid is not a fence here")
```

!!! note

    ~~~~ mermaid
    graph TD
      x --> y
    ~~~~

````markdown
```mermaid
graph TD
  shown --> as_code
```
````
"""

SVG = (
    '<svg id="atlas-diagram" width="100%" role="graphics-document document" '
    'aria-roledescription="flowchart-v2" aria-labelledby="chart-title-atlas-diagram">'
    '<title id="chart-title-atlas-diagram">Map</title>'
    "<style>#atlas-diagram{fill:#333;}#atlas-diagram .marker{fill:#666;}</style>"
    '<marker id="atlas-diagram_pointEnd"/><path marker-end="url(#atlas-diagram_pointEnd)"/>'
    '<g id="L_a_b_0"/></svg>'
)


def test_finds_mermaid_fences_with_lines_and_indentation_only() -> None:
    fences = find_fences(PAGE)
    assert [(f.start, f.end, f.indent) for f in fences] == [(5, 9, ""), (17, 20, "    ")]
    assert fences[0].source == "flowchart LR\n    accTitle: Map\n    a --> b"
    assert "x --> y" in fences[1].source


def test_replacement_keeps_the_rest_of_the_page_and_the_indentation() -> None:
    replaced = replace_fences(PAGE, lambda fence: f"DIAGRAM{fence.start}")
    lines = replaced.split("\n")
    assert lines[4] == "DIAGRAM5"
    assert "    DIAGRAM17" in lines
    assert "flowchart LR" not in replaced and "x --> y" not in replaced
    assert 'print("```mermaid is not a fence here")' in replaced
    assert "  shown --> as_code" in replaced  # inside a ````markdown example: left alone


def test_page_without_diagrams_is_returned_unchanged() -> None:
    text = "# Plain\n\n```python\nx = 1\n```\n"
    assert replace_fences(text, lambda fence: "X") == text


def test_hash_ignores_indentation_line_endings_and_trailing_space() -> None:
    plain = "graph TD\n  a --> b\n"
    assert diagram_hash(plain) == diagram_hash("    graph TD\r\n      a --> b   \r\n\r\n")
    assert diagram_hash(plain) != diagram_hash("graph TD\n  a --> c\n")
    assert re.fullmatch(r"[0-9a-f]{12}", diagram_hash(plain))


def test_indented_fence_hashes_like_the_same_diagram_at_top_level() -> None:
    nested = find_fences("!!! note\n\n    ```mermaid\n    graph TD\n      a --> b\n    ```\n")[0]
    top = find_fences("```mermaid\ngraph TD\n  a --> b\n```\n")[0]
    assert nested.digest == top.digest


def test_accessible_text_reads_title_and_both_description_forms() -> None:
    one_line = "graph TD\n accTitle: A map\n accDescr: How to read it\n"
    assert accessible_text(one_line) == ("A map", "How to read it")
    block = "graph TD\n accTitle: T\n accDescr {\n  first line\n  second line\n }\n a-->b"
    assert accessible_text(block) == ("T", "first line second line")
    assert accessible_text("graph TD\n a --> b") == (None, None)


def test_accessible_svg_prefixes_every_id_and_reference() -> None:
    svg = accessible_svg(SVG, "dgm1", "Map", None)
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("dgm1-") for i in ids)
    assert "url(#dgm1-atlas-diagram_pointEnd)" in svg
    assert "#dgm1-atlas-diagram{" in svg and "#dgm1-atlas-diagram .marker" in svg
    assert "fill:#333" in svg and "fill:#666" in svg  # colours are not ids


def test_accessible_svg_is_an_image_named_by_its_title() -> None:
    svg = accessible_svg(SVG, "dgm0", "Map", None)
    tag = re.match(r"<svg[^>]*>", svg).group(0)
    assert 'role="img"' in tag and "graphics-document" not in tag
    assert "aria-roledescription" not in tag
    assert 'aria-labelledby="dgm0-chart-title-atlas-diagram"' in tag
    assert "aria-describedby" not in tag


def test_accessible_svg_adds_title_and_description_when_missing() -> None:
    bare = '<svg id="x" viewBox="0 0 1 1"><g/></svg>'
    svg = accessible_svg(bare, "dgm0", "A <map>", "Read it left to right")
    assert '<title id="dgm0-title">A &lt;map&gt;</title>' in svg
    assert '<desc id="dgm0-desc">Read it left to right</desc>' in svg
    assert 'aria-labelledby="dgm0-title"' in svg and 'aria-describedby="dgm0-desc"' in svg


def test_placeholders_become_figures_in_the_html() -> None:
    token = placeholder("abc123", 0)
    html = f"<h2>Map</h2>\n<p>{token}</p>\n<p>After</p>"
    result = insert_figures(html, {token: figure("<svg>\n<g/></svg>")})
    assert result == '<h2>Map</h2>\n<figure class="atlas-diagram"><svg> <g/></svg></figure>\n<p>After</p>'


def test_missing_svg_falls_back_to_plain_code_never_to_client_side_mermaid() -> None:
    fence = Fence(12, 15, "", "graph TD\n  a --> b & c")
    html = missing_figure(fence)
    assert 'class="mermaid"' not in html
    assert "<pre><code>graph TD\n  a --&gt; b &amp; c\n</code></pre>" in html


def test_missing_svg_message_names_file_line_and_fix() -> None:
    fence = Fence(37, 50, "", "graph TD\n a --> b")
    message = missing_svg_message("docs/index.md", fence, f"docs/assets/diagrams/{fence.digest}.svg")
    assert message.startswith("docs/index.md:37: ")
    assert f"docs/assets/diagrams/{fence.digest}.svg" in message
    assert "run `make diagrams`" in message


def test_missing_title_message_says_what_to_add() -> None:
    message = missing_title_message("docs/mtor.md", Fence(8, 12, "", "graph TD"))
    assert message.startswith("docs/mtor.md:8: ") and "accTitle:" in message
