"""The repository says under which licence its code and its text are (security review I1)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_code_is_mit_text_is_cc_by_and_the_readme_says_which_is_which() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    content = (ROOT / "LICENSE-content").read_text(encoding="utf-8")
    assert "CC BY 4.0" in content and "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Licence" in readme and "`LICENSE`" in readme and "`LICENSE-content`" in readme
