"""atlas.data_policy: the content policy on the data files that flow into pages (issue 22): risk-group
texts, evidence quotes and addresses, reader-facing labels. Each refusal at its file:line; a refused
risk text is shown inert; and whatever passes renders to nothing a browser would run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from atlas.content_policy import Policy
from atlas.data_policy import (
    address_problems,
    inert_markdown,
    label_problems,
    markdown_text_problems,
    nav_titles,
    nav_with_plain_titles,
    plain_text_problems,
    rendered_handler_violations,
    settings_text_problems,
    site_text_problems,
)
from atlas.evidence.records import Evidence, key_checker, read_record
from atlas.evidence.render import evidence_notes, labels_for
from atlas.labels import _data as built_in_labels
from atlas.risks import read_risk_data, render_box
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
POLICY = Policy()
LOCALES = ["nl", "en"]


# ---- an oracle: what a browser would run in a piece of HTML -------------------------------------------

class _Executable(HTMLParser):
    """Collects every construct of rendered HTML that could run: a script/iframe/object/embed/svg tag,
    an on* attribute, a URL attribute whose scheme (as a browser reads it) is javascript:, data: or
    vbscript:."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "form"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            scheme = re.sub(r"[\x00-\x20]", "", value or "").lower().split(":", 1)[0]
            if name.startswith("on"):
                self.found.append(f"{name}=")
            elif name in {"href", "src", "action", "formaction", "xlink:href", "srcset"} \
                    and scheme in {"javascript", "data", "vbscript"}:
                self.found.append(f"{name}={value}")

    handle_startendtag = handle_starttag


def executable(html: str) -> list[str]:
    scanner = _Executable()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def as_page_renders(text: str) -> str:
    """A risk text as the page renders it: a list item, with the site's attribute lists and raw HTML."""
    return markdown.markdown(f"- {text}", extensions=["attr_list", "md_in_html", "abbr"])


# ---- Markdown texts (risk groups) ---------------------------------------------------------------------

HOSTILE_MARKDOWN = [
    ("Mensen <img src=x onerror=alert(1)> [@key]", "holds HTML markup"),
    ("Mensen <ScRiPt>alert(1)</sCrIpT> [@key]", "holds HTML markup"),
    ("Mensen &#60;script&#62;alert(1)&#60;/script&#62; [@key]", "holds HTML markup"),  # nh3 decodes it
    ("Mensen [klik](javascript:alert(1)) [@key]", 'href="javascript:alert(1)" on <a>: the URL scheme'),
    ("Mensen [klik](JaVaScRiPt:alert(1)) [@key]", "the URL scheme is not allowed"),
    ("Mensen [klik](jav&#x61;script:alert(1)) [@key]", "holds HTML markup"),  # a reference, to nh3
    ("Mensen [klik]( vbscript:msgbox(1) ) [@key]", "the URL scheme is not allowed"),
    ("Mensen ![beeld](data:image/svg+xml;base64,PHN2Zz4=) [@key]", "the URL scheme is not allowed"),
    ('**Mensen met diabetes**{: onclick="alert(1)" } [@key]', "event-handler attribute onclick= on <strong>"),
    ('Mensen [klik](https://example.org){: onmouseover="alert(1)"} [@key]',
     "event-handler attribute onmouseover= on <a>"),
    ("Mensen <javascript:alert(1)> [@key]", "holds HTML markup"),
    ("Mensen <!-- verborgen --> [@key]", "holds HTML markup"),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE_MARKDOWN)
def test_a_hostile_markdown_text_is_refused_saying_why(text: str, expected: str) -> None:
    problems = markdown_text_problems(text, POLICY)
    assert problems and expected in problems[0], problems
    assert executable(as_page_renders(inert_markdown(text))) == []


@pytest.mark.parametrize("text", [
    "**Mensen met diabetes type 1.**[^voorzorg]",
    "Zwangere vrouwen en vrouwen die borstvoeding geven [@smith2020; @jones2021, p. 4].",
    "Meer staat bij [Wanneer naar de huisarts?]({page}#wanneer-naar-de-huisarts).",
    "Zie [de richtlijn](https://example.org/a?b=1&c=2 \"De richtlijn\") of `code`.",
    "Een nierfunctie (eGFR) < 30 of een BMI van 18 & lager, *echt* waar.",
])
def test_an_ordinary_markdown_text_passes(text: str) -> None:
    assert markdown_text_problems(text, POLICY) == []


def test_an_autolink_or_a_tag_in_a_code_span_is_refused_too() -> None:
    """Raw-HTML-shaped either way: a link is written [words](https://…), and a data text shows no tag."""
    assert markdown_text_problems("Zie <https://example.org>.", POLICY)
    assert markdown_text_problems("Code `<b>` hier.", POLICY)


def test_every_text_of_the_real_risk_group_file_passes() -> None:
    text = (ROOT / "includes" / "risk-groups.yml").read_text(encoding="utf-8")
    _data, problems = read_risk_data(text, "includes/risk-groups.yml", LOCALES)
    assert [str(p) for p in problems] == []


SAFE_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCXYZ.,;!?()-*_[]#0123456789éë", max_size=30)
SCHEMES = st.sampled_from(["javascript", "data", "vbscript"]).flatmap(
    lambda scheme: st.lists(st.booleans(), min_size=len(scheme), max_size=len(scheme)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(scheme, upper, strict=True))))
TAG_PAYLOADS = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=x></iframe>", "<b onmouseover=alert(1)>x</b>",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;", "&lt;img src=x onerror=alert(1)&gt;",
]).flatmap(lambda payload: st.sampled_from([payload, payload.upper(), payload.swapcase()]))


@st.composite
def link_payloads(draw: st.DrawFn) -> str:
    scheme = draw(SCHEMES)
    colon = draw(st.sampled_from([":", "&#58;", "&colon;"]))
    target = f"{scheme}{colon}alert(1)"
    return draw(st.sampled_from([f"[klik]({target})", f"![beeld]({target})", f"[klik]( {target} )",
                                 f"[klik](<{target}>)", f'[klik]({target} "titel")']))


@settings(deadline=None, max_examples=300)  # timing is not the property
@given(SAFE_WORDS, st.one_of(TAG_PAYLOADS, link_payloads(),
                             st.sampled_from(['**x**{: onclick="alert(1)" }',
                                              "[x](https://a.org){: onerror=x }"])),
       SAFE_WORDS)
def test_an_injected_script_handler_or_unsafe_link_never_passes(before: str, payload: str,
                                                                after: str) -> None:
    text = f"{before} {payload} {after}"
    assert markdown_text_problems(text, POLICY), text


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=60))
def test_whatever_passes_renders_to_nothing_executable(text: str) -> None:
    if not markdown_text_problems(text, POLICY):
        assert executable(as_page_renders(" ".join(text.split()))) == [], text


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_an_inert_text_renders_as_exactly_its_characters(text: str) -> None:
    text = " ".join(text.split())
    html = markdown.markdown(inert_markdown(text), extensions=["attr_list"])
    assert executable(html) == []
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"p"}, html
    assert _text_of(html) == text


def _text_of(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"</?p>", "", html)).strip()


# ---- risk-group file: each refused text at its line, shown inert ---------------------------------------

RISK_FILE = """\
title:
  nl: Wie moet oppassen?
  en: Who should be careful?
topics:
  fasting:
    intro:
      nl: "Lees dit <b onmouseover=alert(3)>eerst</b>:"
      en: Read this first
groups:
  - id: test
    topics: [fasting]
    nl: "Mensen met een test <img src=x onerror=alert('R1')> [@saxton2017]."
    en: "People with a test [click](javascript:alert('R2')) [@saxton2017]."
footnotes:
  nl:
    voorzorg: "Voorzorg &#60;script&#62;"
"""


def test_a_hostile_risk_file_names_each_text_at_its_line_and_renders_inert() -> None:
    data, problems = read_risk_data(RISK_FILE, "includes/risk-groups.yml", LOCALES)
    shown = [str(p) for p in problems]
    assert any(p.startswith("includes/risk-groups.yml:7: topic 'fasting'.intro.nl: holds HTML markup")
               for p in shown), shown
    assert any(p.startswith("includes/risk-groups.yml:12: group 'test'.nl: holds HTML markup") for p in shown)
    assert any(p.startswith("includes/risk-groups.yml:13: group 'test'.en: href=\"javascript:alert(\" "
                            "on <a>: the URL scheme is not allowed") for p in shown), shown
    assert any(p.startswith("includes/risk-groups.yml:16: footnotes.nl.voorzorg: holds HTML markup")
               for p in shown), shown
    assert not any("neither a citation" in p for p in shown)  # a refused text is not judged further
    for locale in LOCALES:
        box = "\n".join(render_box(data, ["fasting"], locale, "page.md"))
        html = markdown.markdown(box, extensions=["admonition", "attr_list", "md_in_html"])
        assert executable(html) == [], html
    assert data.groups[0].text["nl"] == inert_markdown(
        "Mensen met een test <img src=x onerror=alert('R1')> [@saxton2017].")


def test_the_risk_file_is_held_to_the_sites_own_url_schemes() -> None:
    text = RISK_FILE.replace("javascript:alert('R2')", "ftp://example.org/a")
    _data, problems = read_risk_data(text, "r.yml", LOCALES)
    assert any("r.yml:13: group 'test'.en: href=\"ftp://example.org/a\"" in str(p) for p in problems)
    _data, problems = read_risk_data(text, "r.yml", LOCALES, Policy(url_schemes=frozenset({"ftp"})))
    assert not any("r.yml:13:" in str(p) for p in problems), [str(p) for p in problems]


# ---- evidence records: quotes are plain text, addresses http(s) ----------------------------------------

RECORD = """\
key: xu2015
seen_at: "PMID 25234223 (abstract); JaVaScRiPt:alert(1)"
quotes:
  - id: mps
    text: "Leucine increased muscle protein synthesis (P<0.05, n = 12)."
  - id: mass
    text: "No difference in lean body mass <img src=x onerror=alert(1)>"
claims:
  - page: leucine.md
    sentence: "Leucine verhoogt de aanmaak"
    quote: [mps, mass]
    verdict: supports
"""


def test_a_hostile_quote_and_address_are_named_at_their_lines() -> None:
    record, problems = read_record(RECORD, "evidence/xu2015.yml", key_checker(["xu2015"]))
    assert [str(p) for p in problems] == [
        "evidence/xu2015.yml:2: seen_at: the address JaVaScRiPt:alert(1) is not http(s); give addresses "
        "as https://… (or an identifier: PMID 123, doi:10.…).",
        "evidence/xu2015.yml:7: quotes[1].text: holds HTML markup; it is shown as plain text: write the "
        "characters themselves (< and & are fine between words), not HTML tags or &…; references.",
    ]
    assert record is not None  # still read: the rest of the record is shown, escaped
    html = evidence_notes({"xu2015": list(record.claims)}, Evidence({"xu2015": record}), "nl",
                          labels_for("nl", {}))
    assert executable(html["xu2015"]) == [] and "&lt;img src=x" in html["xu2015"]


@pytest.mark.parametrize("seen_at", [
    "javascript:alert(1)", "DATA:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
    "PMID 1 (abstract on java\tscript:alert(1))", "see ftp://example.org/a", "jav&#x61;script:alert(1)",
    "PMID 1 <a href=https://x.org>x</a>",
])
def test_an_address_that_is_not_http_is_refused(seen_at: str) -> None:
    assert address_problems(seen_at), seen_at


@settings(deadline=None, max_examples=300)
@given(SAFE_WORDS, SCHEMES, st.sampled_from([":alert(1)", ":text/html,x", "://x"]), SAFE_WORDS)
def test_an_unsafe_scheme_in_seen_at_never_passes(before: str, scheme: str, rest: str, after: str) -> None:
    assert address_problems(f"{before} {scheme}{rest} {after}")


@settings(deadline=None, max_examples=300)
@given(SAFE_WORDS, TAG_PAYLOADS, SAFE_WORDS)
def test_markup_in_a_quote_never_passes(before: str, payload: str, after: str) -> None:
    assert plain_text_problems(f"{before}{payload}{after}")


def _real_records() -> list[Path]:
    return sorted((ROOT / "evidence").glob("*.yml"))


def test_every_real_quote_and_seen_at_passes() -> None:
    found = []
    for path in _real_records():
        node = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(path.name, problem) for problem in address_problems(str(node.get("seen_at") or ""))]
        for quote in node.get("quotes") or []:
            found += [(path.name, problem) for problem in plain_text_problems(str(quote["text"]))]
    assert found == []
    assert len(_real_records()) > 10


@pytest.mark.parametrize("seen_at", [
    "PMID 18325648 (PubMed mirror record http://47.251.13.51:8081/18325648, abstract)",
    "PMC3754270 (pmc.ncbi.nlm.nih.gov/articles/PMC3754270, abstract); doi:10.1172/JCI69600",
    "https://example.org/a (abstract; table 3: results), PMID: 123",
])
def test_an_ordinary_seen_at_passes(seen_at: str) -> None:
    assert address_problems(seen_at) == []


# ---- labels and other reader-facing settings ------------------------------------------------------------

def _site_atlas() -> dict[str, object]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    atlas: dict[str, object] = config["extra"]["atlas"]
    return atlas


def test_the_sites_labels_and_the_built_in_labels_pass() -> None:
    assert settings_text_problems(_site_atlas()) == []
    for feature, per_locale in built_in_labels().items():
        assert label_problems(per_locale, f"labels.yml:{feature}", POLICY) == []


def test_a_hostile_label_disclaimer_team_or_marker_name_is_named_by_its_setting() -> None:
    atlas = {
        "evidence": {"labels": {"nl": {"says": "Wat de bron zegt <img src=x onerror=alert(1)>"}}},
        "certainty": {"labels": {"en": {"levels": {"<b>high</b>": "high"}}}},
        "handouts": {"disclaimer": {"en": "[click](javascript:alert(1))"}},
        "metadata": {"team": {"nl": "Redactie &#60;script&#62;"}},
        "markers": {"precaution": {"nl": {"id": "voorzorg", "label": "voorzorg <i onclick=x>"}}},
        "dates": {"labels": {"nl": "Bijgewerkt"}},
    }
    found = settings_text_problems(atlas)
    assert [line.split(":", 1)[0] for line in found] == [
        "`extra.atlas.evidence.labels.nl.says`",
        "`extra.atlas.certainty.labels.en.levels.<b>high</b>`",
        "`extra.atlas.handouts.disclaimer.en`",
        "`extra.atlas.metadata.team.nl`",
        "`extra.atlas.markers.precaution.nl.label`",
    ], found
    assert "holds HTML markup" in found[0] and "the URL scheme is not allowed" in found[2]


# ---- pages: an event handler written with an attribute list ---------------------------------------------

def test_an_attribute_list_handler_in_a_page_is_found_at_its_source_line() -> None:
    source = '# T\n\nEen alinea.\n{: onclick="alert(1)" }\n\n- punt\n{: OnMouseOver="alert(2)" }\n'
    html = markdown.markdown(source, extensions=["attr_list"])
    found = [(v.line, v.message) for v in rendered_handler_violations(html, source, POLICY)]
    assert found == [(4, "event-handler attribute onclick= on <p> is never allowed"),
                     (7, "event-handler attribute onmouseover= on <li> is never allowed")]


def test_handler_words_inside_an_attribute_value_or_text_are_not_handlers() -> None:
    html = markdown.markdown('[x](https://example.org "zeg onclick=ja") en onload=nee {: .klasse }\n',
                             extensions=["attr_list"])
    assert rendered_handler_violations(html, "", POLICY) == []


# ---- mkdocs.yml's own texts --------------------------------------------------------------------------------

def test_site_texts_are_plain_text_and_the_copyright_line_follows_the_page_policy() -> None:
    nav = [{"Home": "index.md"}, {"Glutamine <img src=x onerror=alert(1)>": [{"Functies": "f.md"}]}]
    plain = [("site_name", "Amino Atlas"), ("site_description", 'Uitleg "met" quotes'), *nav_titles(nav)]
    html_texts = [("copyright", 'Amino Atlas. <a href="javascript:alert(1)">CC BY</a>'),
                  ("plugins.i18n.languages.en.copyright", '<a href="https://creativecommons.org">CC BY</a>')]
    found = site_text_problems(plain, html_texts, POLICY)
    assert [path for path, _problem in found] == [
        "site_description", "nav[1].Glutamine <img src=x onerror=alert(1)>", "copyright"]
    assert "holds a double quote" in found[0][1] and "holds HTML markup" in found[1][1]
    assert 'href="javascript:alert(1)" on <a>: the URL scheme is not allowed' in found[2][1]


def test_a_refused_nav_title_is_escaped_and_the_rest_kept() -> None:
    nav = [{"Home": "index.md"}, {"G <b>x</b>": [{"F": "f.md"}]}]
    assert nav_with_plain_titles(nav, {"G <b>x</b>"}) == [{"Home": "index.md"},
                                                         {"G &lt;b&gt;x&lt;/b&gt;": [{"F": "f.md"}]}]


def test_the_sites_own_mkdocs_texts_pass() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plain = [("site_name", config["site_name"]), ("site_description", config["site_description"]),
             *nav_titles(config["nav"])]
    for plugin in config["plugins"]:
        for language in (plugin.get("i18n") or {}).get("languages", []) if isinstance(plugin, dict) else []:
            texts = {**language, **(language.get("nav_translations") or {})}
            plain += [(f"{language['locale']}.{key}", value) for key, value in texts.items()
                      if isinstance(value, str)]
    assert len(plain) > 30  # the nav, both languages' names, descriptions and nav translations
    assert site_text_problems(plain, [("copyright", config["copyright"])], POLICY) == []
