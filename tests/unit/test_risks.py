"""Risk groups written once: the data file is checked with file:line, the box is rendered from it.

Pure tests of `atlas.risks` (reading, checking, rendering, trigger words) and of the Python-Markdown
extension `atlas.risks_extension` with plain `markdown.Markdown`, plus the real data file: it reads
without a problem and its Dutch stays within the B1 sentence limit.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest
import yaml
from atlas.citations.extension import CitationsExtension
from atlas.markers import MarkerExtension
from atlas.markers import read_settings as read_markers
from atlas.readability import read_settings as read_readability
from atlas.readability import split_sentences, without_citation_groups, words
from atlas.risks import FOOTNOTE_REF, nested_repetition, read_risk_data, render_box, undeclared_mentions
from atlas.risks_extension import PLACEHOLDER, RiskBoxExtension
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ["nl", "en"]

DATA = textwrap.dedent("""\
    title: {nl: "Wie moet oppassen?", en: "Who should be careful?"}
    topics:
      fasting:
        intro: {nl: Vasten is niet voor iedereen., en: Fasting is not for everyone.}
        more:
          page: growth.md
          nl: Zie [huisarts]({page}#huisarts).
          en: See [doctor]({page}#doctor).
      glutamine-supplement:
        intro: {nl: Glutamine is niet voor iedereen., en: Glutamine is not for everyone.}
        full_list_on: glutamine/safety.md
    groups:
      - id: sglt2
        topics: [fasting]
        nl: "**SGLT2-remmers**: verzuring.[^voorzorg]"
        en: "**SGLT2 inhibitors**: acid build-up.[^precaution]"
      - id: older
        topics: [fasting]
        nl: "**Ouderen**: genoeg eiwit [@bauer2013]."
        en: "**Older adults**: enough protein [@bauer2013]."
      - id: pregnant
        topics: [fasting, glutamine-supplement]
        nl: "**Zwanger**.[^voorzorg]"
        en: "**Pregnant**.[^precaution]"
      - id: liver
        topics: [glutamine-supplement]
        nl: "**Leverziekte**.[^voorzorg]"
        en: "**Liver disease**.[^precaution]"
    footnotes:
      nl: {voorzorg: Voorzorg van de site.}
      en: {precaution: A precaution of the site.}
    mentions:
      - topics: [fasting]
        nl: ['\\bvasten\\b']
        en: ['\\bfasting\\b']
      - topics: [glutamine-supplement]
        nl: ['\\b\\d+ ?gram\\b']
        en: ['\\b\\d+ ?grams?\\b']
    """)

BIB = textwrap.dedent("""\
    @article{bauer2013,
      author = {Bauer, J.}, title = {Protein in older people}, journal = {J Am Med Dir Assoc},
      year = {2013}, volume = {14}, pages = {542--559}
    }
    """)


def data(text: str = DATA):
    found, problems = read_risk_data(text, "includes/risk-groups.yml", LOCALES)
    return found, [str(p) for p in problems]


def convert(text: str, topics: list[str], locale: str = "nl", page: str = "mtor.md", tmp_path=None) -> str:
    risk_data, problems = data()
    assert problems == []
    extensions = ["admonition", "footnotes", RiskBoxExtension(data=risk_data, locale=locale, topics=topics,
                                                              page=page),
                  MarkerExtension(read_markers({"precaution": {"nl": {"id": "voorzorg", "label": "voorzorg"},
                                                               "en": {"id": "precaution",
                                                                      "label": "precaution"}}}))]
    if tmp_path is not None:
        bib = tmp_path / "refs.bib"
        bib.write_text(BIB, encoding="utf-8")
        extensions.append(CitationsExtension(bibliography=str(bib), locale=locale))
    return markdown.Markdown(extensions=extensions).convert(text)


PAGE = textwrap.dedent("""\
    # Titel

    !!! abstract key-points "In het kort"
        - Kort.

    Tekst over vasten met een bron [@bauer2013].
    """)


# --- the data file --------------------------------------------------------------------------------


def test_the_example_data_reads_without_problems():
    found, problems = data()
    assert problems == []
    assert list(found.topics) == ["fasting", "glutamine-supplement"]
    assert [g.id for g in found.groups] == ["sglt2", "older", "pregnant", "liver"]


def test_a_group_without_text_for_a_locale_is_named_with_its_line():
    text = DATA.replace('    en: "**Older adults**: enough protein [@bauer2013]."\n', "")
    _, problems = data(text)
    line = text.splitlines().index("  - id: older") + 1
    assert problems == [f"includes/risk-groups.yml:{line}: group 'older': no text for locale 'en'; "
                        "add `en: …`"]


def test_a_group_with_neither_citation_nor_marker_is_refused():
    text = DATA.replace('"**Zwanger**.[^voorzorg]"', '"**Zwanger**."')
    _, problems = data(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"**Zwanger**."' in row)
    assert problems == [f"includes/risk-groups.yml:{line}: group 'pregnant'.nl: neither a citation [@key] "
                        "nor a precaution marker (e.g. [^voorzorg]); say where this advice comes from"]


def test_a_marker_without_a_definition_is_refused():
    _, problems = data(DATA.replace("[^precaution]\"\n  - id: older", "[^caution]\"\n  - id: older"))
    assert len(problems) == 1 and "footnote [^caution] is not defined under footnotes" in problems[0]


def test_an_unknown_key_is_named_with_its_line():
    text = DATA.replace("  - id: liver\n", "  - id: liver\n    topcs: [fasting]\n")
    _, problems = data(text)
    line = text.splitlines().index("    topcs: [fasting]") + 1
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"includes/risk-groups.yml:{line}: group 'liver': unknown key 'topcs'")


def test_an_unknown_top_level_key_and_an_unknown_topic_of_a_group_are_refused():
    liver = 'topics: [glutamine-supplement]\n    nl: "**Lever'
    text = DATA.replace("groups:\n", "extra: 1\ngroups:\n").replace(liver, liver.replace("-supplement", ""))
    _, problems = data(text)
    assert any(":12: risk-group file: unknown key 'extra'" in p for p in problems), problems
    assert any("group 'liver': unknown topic 'glutamine'" in p for p in problems), problems


def test_malformed_yaml_is_one_line_with_its_line_number():
    text = DATA.replace("  - id: liver\n", "  - id: liver\n bad: [\n")
    found, problems = data(text)
    assert len(problems) == 1
    assert problems[0].startswith("includes/risk-groups.yml:") and "not valid YAML" in problems[0]
    assert "\n" not in problems[0]
    assert found.groups == ()


def test_a_bad_regular_expression_in_mentions_is_named():
    _, problems = data(DATA.replace("['\\bvasten\\b']", "['vasten(']"))
    assert len(problems) == 1 and "mention.nl: not a valid regular expression" in problems[0], problems


@pytest.mark.parametrize("pattern", ["(a+)+$", "(va|vas)*ten", "(?:x{1,3})+y", "((ab)*)+"])
def test_a_pattern_that_could_backtrack_for_hours_is_refused_before_it_runs(pattern):
    """A pull request's pattern must not hang the checks: (a+)+$ takes minutes on 30 letters."""
    _, problems = data(DATA.replace("['\\bvasten\\b']", f"['{pattern}']"))
    assert len(problems) == 1 and "can take hours on one page" in problems[0], problems
    assert problems[0].startswith("includes/risk-groups.yml:"), problems


@given(st.sampled_from(["vasten", "supplement", r"\b\d+(?:[.,]\d+)?\s?(?:g|gram|mg)\b", "(?:ab)+", "a{3}+",
                        r"\bvast(en|ende)\b", "(a++)+"]))
def test_ordinary_patterns_are_accepted(pattern):
    assert not nested_repetition(pattern)


def test_an_empty_file_and_a_list_instead_of_keys_are_problems_not_tracebacks():
    assert data("")[1] == ["includes/risk-groups.yml:1: the risk-group file is empty; it needs title, topics "
                           "and groups"]
    assert "expected keys and values here" in data("- a\n- b\n")[1][0]


# --- the box --------------------------------------------------------------------------------------


def test_each_group_is_listed_once_under_the_first_topic_that_concerns_it():
    found, _ = data()
    box = "\n".join(render_box(found, ["fasting", "glutamine-supplement"], "nl", "glutamine/index.md"))
    assert box.count("**Zwanger**") == 1
    assert box.index("Vasten is niet") < box.index("**Zwanger**") < box.index("Glutamine is niet") \
        < box.index("**Leverziekte**")
    assert "[huisarts](../growth.md#huisarts)" in box   # relative to the page


def test_the_read_more_link_is_left_out_on_the_page_it_points_to():
    found, _ = data()
    assert "huisarts" not in "\n".join(render_box(found, ["fasting"], "en", "growth.en.md"))
    assert "[doctor](growth.md#doctor)" in "\n".join(render_box(found, ["fasting"], "en", "mtor.en.md"))


def test_a_page_without_topics_gets_no_box():
    assert "careful" not in convert(PAGE, [])


def test_the_box_follows_the_key_points_with_the_admonition_classes_of_the_stylesheet():
    html = convert(PAGE, ["fasting"])
    key_points = html.index('class="admonition abstract key-points"')
    box = html.index('<div class="admonition warning careful">')
    assert key_points < box < html.index("Tekst over vasten")
    assert '<p class="admonition-title">Wie moet oppassen?</p>' in html
    assert "<strong>SGLT2-remmers</strong>" in html


def test_the_marker_in_the_box_is_named_and_defined_even_when_the_page_does_not_define_it():
    html = convert(PAGE, ["fasting"], locale="en", page="mtor.en.md")
    assert '<a class="footnote-ref" href="#fn:precaution">precaution</a>' in html
    assert '<li id="fn:precaution">' in html and "A precaution of the site." in html


def test_a_page_defining_the_marker_keeps_its_own_definition():
    html = convert(PAGE + "\nEen zin.[^voorzorg]\n\n[^voorzorg]: Eigen uitleg.\n", ["fasting"])
    assert "Eigen uitleg." in html and "Voorzorg van de site." not in html


def test_citations_in_the_box_are_numbered_first_and_listed(tmp_path):
    html = convert(PAGE, ["fasting"], tmp_path=tmp_path)
    first = html.index('href="#ref-bauer2013"')
    assert html.index('<div class="admonition warning careful">') < first < html.index("Tekst over vasten")
    assert html.count('id="ref-bauer2013"') == 1  # one entry in the reference list, cited twice


def test_a_marker_line_places_the_box():
    page = PAGE + "\n## Verder\n\n<!-- atlas:risks -->\n\nSlot.\n"
    html = convert(page, ["fasting"])
    assert html.index("Verder") < html.index("warning careful") < html.index("Slot.")
    assert PLACEHOLDER not in html


def test_the_page_lines_keep_their_numbers_for_other_extensions():
    """The box is appended after the page's last line: nothing before it moves."""
    risk_data, _ = data()
    seen = {}

    class Spy(markdown.preprocessors.Preprocessor):
        def run(self, lines):
            seen["lines"] = list(lines)
            return lines

    class SpyExtension(markdown.extensions.Extension):
        def extendMarkdown(self, md):
            md.preprocessors.register(Spy(md), "spy", 1)

    box = RiskBoxExtension(data=risk_data, locale="nl", topics=["fasting"])
    markdown.Markdown(extensions=["admonition", "footnotes", SpyExtension(), box]).convert(PAGE)
    assert seen["lines"][: len(PAGE.splitlines())] == PAGE.splitlines()


# --- trigger words --------------------------------------------------------------------------------


def test_a_mention_without_its_topic_is_found_and_a_declared_topic_covers_it():
    found, _ = data()
    assert undeclared_mentions(found, "We vasten twee dagen.", "nl", [], "x.md") == [("vasten", ("fasting",))]
    assert undeclared_mentions(found, "We vasten twee dagen.", "nl", ["fasting"], "x.md") == []
    assert undeclared_mentions(found, "Take 5 grams a day.", "en", [], "x.en.md") == [
        ("5 grams", ("glutamine-supplement",))]


def test_the_page_holding_the_full_list_needs_no_declaration():
    found, _ = data()
    assert undeclared_mentions(found, "Neem 5 gram.", "nl", [], "glutamine/safety.md") == []
    assert undeclared_mentions(found, "Take 5 grams.", "en", [], "glutamine/safety.en.md") == []


# --- the real data file ---------------------------------------------------------------------------


def _real():
    text = (ROOT / "includes" / "risk-groups.yml").read_text(encoding="utf-8")
    return read_risk_data(text, "includes/risk-groups.yml", LOCALES)


def test_the_real_risk_group_file_reads_without_problems():
    found, problems = _real()
    assert [str(p) for p in problems] == []
    fasting = "\n".join(render_box(found, ["fasting"], "nl", "mtor.md"))
    assert "SGLT2-remmers" in fasting and "diabetes type 1" in fasting and "lithium" in fasting
    assert "SGLT2 inhibitors" in "\n".join(render_box(found, ["fasting"], "en", "mtor.en.md"))
    glutamine = "\n".join(render_box(found, ["glutamine-supplement"], "nl", "glutamine/sport.md"))
    for words_ in ("lactulose", "epilepsie", "bipolaire", "kanker", "zwanger", "onder de 18", "ernstig ziek"):
        assert words_ in glutamine.lower(), words_
    protein = "\n".join(render_box(found, ["protein-supplement"], "en", "leucine.en.md"))
    for words_ in ("kidney disease", "maple syrup urine disease", "cirrhosis"):
        assert words_ in protein, words_


def test_the_dutch_risk_texts_keep_sentences_within_the_b1_limit():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    settings = read_readability(config["extra"]["atlas"]["readability"])
    found, _ = _real()
    texts = [g.text["nl"] for g in found.groups] + [t.intro["nl"] for t in found.topics.values()]
    texts = [without_citation_groups(FOOTNOTE_REF.sub("", text)) for text in texts]  # as readers see them
    too_long = [s for text in texts for s in split_sentences(text, settings.abbreviations.get("nl", ()))
                if len(words(s)) > settings.max_sentence]
    assert too_long == []


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def test_a_citation_key_the_bibliography_lacks_is_named_at_its_line_in_the_data():
    from atlas.risks import unknown_citations

    found, _ = data(DATA.replace("[@bauer2013].\"\n    en:", "[@baur2013].\"\n    en:"))
    line = DATA.splitlines().index('    nl: "**Ouderen**: genoeg eiwit [@bauer2013]."') + 1
    problems = [str(p) for p in unknown_citations(found, "includes/risk-groups.yml", {"Bauer2013"})]
    assert problems == [f"includes/risk-groups.yml:{line}: group 'older'.nl: unknown citation key "
                        "'baur2013'; fix the key or add the entry to the bibliography"]


def test_a_box_swallowed_by_an_unclosed_block_is_noticed_not_silently_lost():
    risk_data, _ = data()
    box = RiskBoxExtension(data=risk_data, locale="nl", topics=["fasting"])
    markdown.Markdown(extensions=["admonition", "footnotes", box]).convert(PAGE + "\n<div>\nnever closed\n")
    assert box.rendered and not box.placed   # the hook then warns with the page's path
    markdown.Markdown(extensions=["admonition", "footnotes", box]).convert(PAGE)
    assert box.rendered and box.placed
