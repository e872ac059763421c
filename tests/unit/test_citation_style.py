"""Golden tests of the Vancouver/NLM style: each entry type, both languages; LaTeX; safe links."""

# ruff: noqa: RUF001, E501  (golden HTML: en dashes, Greek letters, long lines are the expected output)
from __future__ import annotations

import pytest
from atlas.citations.bibfile import parse_bibliography
from atlas.citations.latex import latex_to_text
from atlas.citations.style import STYLE_NAME, Formatter, SafeHtmlBackend, VancouverStyle, nlm_pages
from pybtex.plugin import find_plugin

BIB = r"""
@article{art, author={Johnson, Simon C. and Rabinovitch, Peter S. and Kaeberlein, Matt},
  title={{mTOR} is a key modulator of ageing and age-related disease}, journal={Nature}, year={2013},
  month=jan, volume={493}, number={7432}, pages={338--345}, doi={10.1038/nature11861}, pmid={23325216},
  pmcid={PMC3687363}}
@article{many, author={A, Al and B, Bo and C, Cy and D, Di and E, Ed and F, Fi and G, Gu},
  title={Why?}, journal={J Biol.}, year=2020, volume=1, pages={e1001}}
@book{bk, editor={Smith, Jane and Doe, John}, title={Big \emph{book}}, edition={2nd},
  address={New York}, publisher={Springer}, year={2010}}
@incollection{ch, author={Meltzer, Paul S. and Kallioniemi, Anne}, title={Chromosome alterations},
  booktitle={The genetic basis}, editor={Vogelstein, Bert}, address={New York}, publisher={McGraw-Hill},
  year={2002}, pages={93--113}}
@inbook{ib, author={Xu, Yi}, title={Whole book}, chapter={Part one}, publisher={Pub}, year=2001}
@report{rp, author={Rice, Ann}, title={Report title}, institution={WHO}, address={Geneva}, year=2019,
  month=mar, number={WHO-1}}
@phdthesis{th, author={Borkowski, Mary M.}, title={Infant sleep}, school={Texas Woman's University},
  address={Denton (TX)}, year=2002}
@online{web, author={{World Health Organization}}, title={Fact sheet}, publisher={WHO}, year=2023,
  urldate={2024-01-05}, url={https://www.who.int/x?a=1&b=2}}
@misc{ms, title={Unpublished data set}, howpublished={Zenodo}, year=2021, doi={10.5281/zenodo.1}}
"""
IDS = ('doi: <a href="https://doi.org/10.1038/nature11861">10.1038/nature11861</a>. '
       'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/23325216/">23325216</a>. '
       'PMCID: <a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC3687363/">PMC3687363</a>.')
GOLDEN = {
    "en": {
        "art": "Johnson SC, Rabinovitch PS, Kaeberlein M. mTOR is a key modulator of ageing and age-related "
               "disease. Nature. 2013 Jan;493(7432):338-45. " + IDS,
        "many": "A A, B B, C C, D D, E E, F F, et al. Why? J Biol. 2020;1:e1001.",
        "bk": "Smith J, Doe J, editors. Big <em>book</em>. 2nd ed. New York: Springer; 2010.",
        "ch": "Meltzer PS, Kallioniemi A. Chromosome alterations. In: Vogelstein B, editor. The genetic basis. "
              "New York: McGraw-Hill; 2002. p. 93-113.",
        "ib": "Xu Y. Part one. In: Whole book. Pub; 2001.",
        "rp": "Rice A. Report title. Geneva: WHO; 2019 Mar. Report No.: WHO-1.",
        "th": "Borkowski MM. Infant sleep [dissertation]. Denton (TX): Texas Woman's University; 2002.",
        "web": "World Health Organization. Fact sheet [Internet]. WHO; 2023 [cited 2024 Jan 5]. Available from: "
               '<a href="https://www.who.int/x?a=1&amp;b=2">https://www.who.int/x?a=1&amp;b=2</a>',
        "ms": 'Unpublished data set. Zenodo; 2021. doi: <a href="https://doi.org/10.5281/zenodo.1">'
              "10.5281/zenodo.1</a>.",
    },
    "nl": {
        "art": "Johnson SC, Rabinovitch PS, Kaeberlein M. mTOR is a key modulator of ageing and age-related "
               "disease. Nature. 2013 jan;493(7432):338-45. " + IDS,
        "many": "A A, B B, C C, D D, E E, F F, et al. Why? J Biol. 2020;1:e1001.",
        "bk": "Smith J, Doe J, redacteuren. Big <em>book</em>. 2nd dr. New York: Springer; 2010.",
        "ch": "Meltzer PS, Kallioniemi A. Chromosome alterations. In: Vogelstein B, redacteur. The genetic basis. "
              "New York: McGraw-Hill; 2002. p. 93-113.",
        "ib": "Xu Y. Part one. In: Whole book. Pub; 2001.",
        "rp": "Rice A. Report title. Geneva: WHO; 2019 mrt. Rapportnr.: WHO-1.",
        "th": "Borkowski MM. Infant sleep [proefschrift]. Denton (TX): Texas Woman's University; 2002.",
        "web": "World Health Organization. Fact sheet [Internet]. WHO; 2023 [geraadpleegd 2024 jan 5]. "
               'Beschikbaar via: <a href="https://www.who.int/x?a=1&amp;b=2">https://www.who.int/x?a=1&amp;b=2</a>',
        "ms": 'Unpublished data set. Zenodo; 2021. doi: <a href="https://doi.org/10.5281/zenodo.1">'
              "10.5281/zenodo.1</a>.",
    },
}
CASES = [(locale, key) for locale in GOLDEN for key in GOLDEN[locale]]


@pytest.mark.parametrize(("locale", "key"), CASES)
def test_golden(locale: str, key: str) -> None:
    bib = parse_bibliography(BIB, "golden.bib")
    assert bib.diagnostics == []
    assert Formatter(locale).html(bib.entry(key)) == GOLDEN[locale][key]


def test_style_is_a_registered_pybtex_plugin() -> None:
    assert find_plugin("pybtex.style.formatting", STYLE_NAME) is VancouverStyle


@pytest.mark.parametrize(("raw", "nlm"), [
    ("338--345", "338-45"), ("1098-1101", "1098-101"), ("121-129", "121-9"), ("e1001", "e1001"),
    ("S1-S5", "S1-5"), ("100-105", "100-5"), ("45-52", "45-52"),
])
def test_nlm_pages(raw: str, nlm: str) -> None:
    assert nlm_pages(raw) == nlm


@pytest.mark.parametrize(("latex", "html"), [
    (r'M{\"u}ller', "Müller"), (r"Caf{\'e}", "Café"), (r"{\o}ster", "øster"),
    (r"\emph{in vivo}", "<em>in vivo</em>"), (r"\textit{a} \textbf{b}", "<em>a</em> <strong>b</strong>"),
    (r"$\alpha$-ketoglutarate and \beta-alanine", "α-ketoglutarate and β-alanine"),
    ("3--5 and 1---2", "3–5 and 1—2"), ("<script>alert(1)</script> & co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
    (r"\unknown{kept} {\bf x}", "kept <strong>x</strong>"), ("{", ""), ("\\", ""),
])
def test_latex(latex: str, html: str) -> None:
    assert latex_to_text(latex).render(SafeHtmlBackend()) == html


def test_only_http_links_are_emitted() -> None:
    assert SafeHtmlBackend.format_href("javascript:alert(1)", "x") == "x"
    assert SafeHtmlBackend.format_href('https://a.org/"x', "x") == "x"
