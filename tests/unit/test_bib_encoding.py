"""A .bib that is not UTF-8 is reported at the line of its first bad byte (security review L9: it said line 0
and a byte position)."""

from __future__ import annotations

from pathlib import Path

from atlas.citations.bibfile import load_bibliography

ENTRY = "@article{{k{n},\n  author = {{Jansen, Piet}},\n  title = {{Titel {n}}},\n  year = {{2020}},\n}}\n\n"


def test_a_latin1_bib_names_the_line_and_column_of_the_first_bad_byte(tmp_path: Path) -> None:
    text = "".join(ENTRY.format(n=n) for n in range(20)) + "@article{late,\n  author = {Müller, Jörg},\n}\n"
    bib = tmp_path / "references.bib"
    bib.write_bytes(text.encode("latin-1"))
    diagnostics = load_bibliography(bib).diagnostics
    assert len(diagnostics) == 1
    found = diagnostics[0]
    assert found.line == text.split("\n").index("  author = {Müller, Jörg},") + 1 == 122
    assert "byte 0xfc at column 14 is not UTF-8" in found.message
    assert "Save it as UTF-8" in found.hint
