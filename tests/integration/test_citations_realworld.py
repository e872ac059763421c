"""Real-world bibliographies in a real build (issue 14): the fixture tests/fixtures/citations_realworld has
two .bib files found by a glob with every BibTeX and BibLaTeX entry type and the export fields people have,
cited in both languages; it builds with --strict. The error cases copy it and break one thing each."""

# ruff: noqa: RUF001, E501  (golden HTML: en dashes, Greek letters, long lines are the expected output)
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from tests.support.site import BuildResult, build_site, copy_fixture_with_hooks

pytestmark = pytest.mark.slow


def copy_fixture(tmp_path: Path) -> Path:
    return copy_fixture_with_hooks("citations_realworld", tmp_path)


def build(root: Path, out: Path) -> BuildResult:
    return build_site(root / "mkdocs.yml", out, env=dict(os.environ))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("realworld")
    return build(copy_fixture(root), root / "site")


def references(page_html: str) -> dict[str, str]:
    """Formatted reference text by key, from a page's reference list."""
    return {key: text for key, text in re.findall(
        r'<span class="atlas-ref__text" id="ref-text-([^"]+)">(.*?)</span></li>', page_html)}


def test_builds_strict_with_info_notes_for_normalised_identifiers(site: BuildResult) -> None:
    assert site.returncode == 0, site.log
    assert ("INFO    -  bib/bibtex.bib:13: doi of 'art-accents' normalised from 'https://doi.org/10.5555/rw.2011.3' "
            "to '10.5555/rw.2011.3'.") in site.log
    assert "bib/bibtex.bib:15: pmcid of 'art-accents' normalised from '2222222' to 'PMC2222222'." in site.log
    assert "WARNING" not in site.log and "Traceback" not in site.log


def test_every_entry_type_is_cited_and_listed_in_both_languages(site: BuildResult) -> None:
    for page in ("types/index.html", "en/types/index.html"):
        listed = references(site.site.page(page))
        assert len(listed) == 41, page
        assert "unknown" not in site.site.page(page).lower()
    assert site.site.page("references/index.html").count('<li id="bib-') == 41


def test_no_latex_left_in_any_reference(site: BuildResult) -> None:
    for page in ("types/index.html", "en/types/index.html", "references/index.html"):
        for key, text in references(site.site.page(page)).items():
            visible = html.unescape(re.sub(r"<[^>]+>", "", text))
            assert not re.search(r"[\\{}$]", visible), (page, key, visible)


@pytest.mark.parametrize(("key", "expected"), [
    ("art-accents", "García M, Müller J, Sample B, et al. <em>In vivo</em> Na<sup>+</sup>/K<sup>+</sup> pumps and "
                    "<strong>strong</strong> Leucine signals in file_names. Revista Española de Ejemplos. 2011 Mar;3(4):112-9. "
                    'doi: <a href="https://doi.org/10.5555/rw.2011.3">10.5555/rw.2011.3</a>. '
                    'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/11111111/">11111111</a>. '
                    'PMCID: <a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC2222222/">PMC2222222</a>.'),
    ("art-ads", "Example A, Placeholder D. A synthetic survey of Hα emitters. ApJ. 2021 Jan;900:123. "
                'doi: <a href="https://doi.org/10.5555/rw-apj-900-123">10.5555/rw-apj-900-123</a>. '
                'arXiv: <a href="https://arxiv.org/abs/2101.00001">2101.00001</a> [astro-ph.GA].'),
    ("art-biblatex", "Example A, Sample B. Leucine and the mTORC1 switch: a synthetic study. with a note. Journal of "
                     "Synthetic Nutrition [Internet]. 2021 Mar 15 [cited 2024 Feb 10];12(3):e1001. Dutch. Available from: "
                     '<a href="https://example.org/articles/leucine">https://example.org/articles/leucine</a>'),
    ("inproceedings-crossref", "Sample B, Placeholder D. Workshop paper on mTOR inhibitors. In: Editor C, editor. "
                               "Proceedings of the Synthetic Workshop 2019; 2019 Sep 10-12; Delft, The Netherlands. "
                               "Delft: Example Society; 2019. p. 1-8."),
    # places are never split on "and" (issue 23): "Chapman and Hall/CRC" is one publisher
    ("book-xdata", "Sample B. A Book with Shared Publisher Data. Berlin and New York: Example Verlag; 2010."),
    ("mvbook-biblatex", "Example A. Collected Works on Examples. Oxford: Example Press and Sample House; 2000-2003."),
    ("online-arxiv", "Sample B, et al. A synthetic preprint on autophagy flux. 2022 Jan 3. "
                     'arXiv: <a href="https://arxiv.org/abs/2201.00001">2201.00001</a> [q-bio.CB].'),
    ("online-biblatex", "Example Health Organisation. Glutamine facts [Internet]. Example Health Organisation; n.d. "
                        '[cited 2023 Nov 2]. Available from: <a href="https://example.org/glutamine">https://example.org/glutamine</a>'),
    ("misc-undated", 'Example A. A page without a date [Internet]. n.d. Mirror at <a href="https://example.org/mirror">'
                     'https://example.org/mirror</a>. Available from: <a href="https://example.org/a_page">https://example.org/a_page</a>'),
    ("patent-biblatex", "Sample B, Example A, inventors; Example Instruments Ltd., assignee. Device for measuring "
                        "synthetic leucine. United States patent US 0000000 B2. 2018 Aug 1."),
    ("software-biblatex", "Placeholder D. citetool [computer program]. Version 2.1.0. Example Software Foundation; "
                          '2023 Oct 1. Available from: <a href="https://example.org/citetool">https://example.org/citetool</a>'),
    ("dataset-biblatex", "Example A. Synthetic amino acid measurements [dataset]. Version 1.2. Example Data Repository; "
                         '2020 Jul 1. doi: <a href="https://doi.org/10.5555/rw.data.1">10.5555/rw.data.1</a>.'),
    ("set-biblatex", "Example A. First part of a set. Journal of Synthetic Nutrition. 2014;5:1-5. Example A. Second "
                     "part of a set. Journal of Synthetic Nutrition. 2014;5:6-9."),
    ("unpublished-bibtex", "Sample B. Unpublished notes on glutamine [unpublished]. 2021. Manuscript in preparation."),
    ("masters-bibtex", "Voorbeeld J. Glutamine in invented athletes [master's thesis]. University of Examples; 2016."),
])
def test_english_references(site: BuildResult, key: str, expected: str) -> None:
    assert references(site.site.page("en/types/index.html"))[key] == html.escape(expected, quote=False).replace(
        "&lt;", "<").replace("&gt;", ">")


@pytest.mark.parametrize(("key", "fragment"), [
    ("online-biblatex", "Example Health Organisation; z.j. [geraadpleegd 2023 nov 2]. Beschikbaar via:"),
    ("misc-undated", "A page without a date [Internet]. z.j."),
    ("patent-biblatex", "Sample B, Example A, uitvinders; Example Instruments Ltd., octrooihouder."),
    ("software-biblatex", "citetool [computerprogramma]. Versie 2.1.0."),
    ("book-bibtex", "Sample Statistics. Deel 2. 4e dr. London: Example Press; 2005."),
    ("art-biblatex", "2021 mrt 15 [geraadpleegd 2024 feb 10];12(3):e1001. Nederlands."),
])
def test_dutch_labels(site: BuildResult, key: str, fragment: str) -> None:
    assert fragment in references(site.site.page("types/index.html"))[key]


def add_entry(root: Path, name: str, text: str) -> int:
    """Append an entry to one of the fixture's .bib files and cite it; returns its line."""
    bib = root / "bib" / name
    before = bib.read_text(encoding="utf-8")
    bib.write_text(before + "\n" + text, encoding="utf-8")
    page = root / "docs" / "types.md"
    key = re.match(r"@\w+\{([^,]+),", text).group(1)
    page.write_text(page.read_text(encoding="utf-8") + f"\n- extra [@{key}]\n", encoding="utf-8")
    return before.count("\n") + 2


@pytest.mark.parametrize(("entry", "message"), [
    ("@foo{odd-type,\n  title = {T},\n  year = {2020}\n}\n",
     "bib/biblatex.bib:{line}: entry type @foo of 'odd-type' is not a BibTeX or BibLaTeX type; it is shown in the generic form"),
    ("@article{macro,\n  author = {A, B},\n  title = {T},\n  journal = {\\jnlunknown},\n  year = {2020}\n}\n",
     "bib/biblatex.bib:{line+3}: journal of 'macro' uses the undefined LaTeX macro \\jnlunknown; it is left out. "
     "Replace \\jnlunknown with the text it stands for."),
    ("@article{commas,\n  author = {Dong Yang, Fei Jiang, Wei Wu},\n  title = {T},\n  journal = {J},\n  year = {2020}\n}\n",
     "bib/biblatex.bib:{line+1}: author of 'commas' separates names with commas; read as 3 names. Separate authors with 'and'"),
    ("@article{deep,\n  author = {A, B},\n  title = {" + "{" * 1000 + "x" + "}" * 1000 + "},\n  journal = {J},\n  year = {2020}\n}\n",
     "bib/biblatex.bib:{line+2}: title of 'deep' nests braces 1000 levels deep"),
    ("@article{art-biblatex,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2020}\n}\n",
     "bib/bibtex.bib:{line}: duplicate key 'art-biblatex': also defined at bib/biblatex.bib:3, which is used; this entry is ignored."),
])
def test_bib_problems_fail_strict_with_file_and_line(tmp_path: Path, entry: str, message: str) -> None:
    root = copy_fixture(tmp_path)
    line = add_entry(root, message.split(":")[0].removeprefix("bib/"), entry)
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    expected = message.replace("{line}", str(line)).replace("{line+1}", str(line + 1)).replace(
        "{line+2}", str(line + 2)).replace("{line+3}", str(line + 3))
    assert expected in result.log, result.log
    assert "Traceback" not in result.log


@pytest.mark.parametrize(("setting", "message"), [
    ("      csl: apa.csl\n", "mkdocs.yml: unknown key `extra.atlas.citations.csl`; CSL styles are not supported"),
    ("      style: apa\n", "mkdocs.yml: unknown key `extra.atlas.citations.style`; there is one style, NLM/Vancouver"),
    ("      display: footnote\n", "mkdocs.yml: `extra.atlas.citations.display`: expected one of: brackets, superscript, got text 'footnote'."),
])
def test_bad_settings_are_one_line_errors(tmp_path: Path, setting: str, message: str) -> None:
    root = copy_fixture(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("      display: brackets\n", "")
    config.write_text(text.replace("      unused: info\n", "      unused: info\n" + setting), encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert f"ERROR   -  {message}" in result.log
    assert "Traceback" not in result.log


def test_bib_as_a_single_path_and_a_missing_glob(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("bib: [bib/*.bib]", "bib: [bib/bibtex.bib, bib/biblatex.bib, more/*.bib]"),
                      encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "more/*.bib:0: no .bib file matches this pattern. Fix extra.atlas.citations.bib in mkdocs.yml." in result.log
    assert "unknown citation key" not in result.log
