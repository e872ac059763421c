"""Citation parity between a page and its translation."""

from __future__ import annotations

from atlas.citations import cited_keys
from atlas.translations.parity import citation_difference, line_citing, parity_message

SOURCE = """# mTOR

Leucine activeert mTORC1 [@saxton2017; @wolfson2016].

Bij ouderen minder [@churchwardvenne2012, p. 33].
"""


def test_cited_keys_reads_pandoc_citations() -> None:
    assert set(cited_keys(SOURCE)) == {"saxton2017", "wolfson2016", "churchwardvenne2012"}


def test_same_keys_in_another_order_and_count_are_parity() -> None:
    translation = "Older people [@churchwardvenne2012]. Leucine [@wolfson2016] [@saxton2017; @saxton2017]."
    assert citation_difference(SOURCE, translation).same


def test_difference_lists_keys_on_each_side() -> None:
    translation = "Leucine [@saxton2017; @xu2015]."
    difference = citation_difference(SOURCE, translation)
    assert not difference.same
    assert difference.only_in_source == ("churchwardvenne2012", "wolfson2016")
    assert difference.only_in_translation == ("xu2015",)


def test_e_mail_addresses_are_not_citations() -> None:
    assert citation_difference("Mail info@example.org.", "No mail here.").same


def test_line_of_first_citation() -> None:
    assert line_citing(SOURCE, "wolfson2016") == 3
    assert line_citing(SOURCE, "churchwardvenne2012") == 5
    assert line_citing("[@xu2015b]\n[@xu2015]\n", "xu2015") == 2, "a longer key is a different key"
    assert line_citing(SOURCE, "absent") == 1


def test_parity_message_names_both_files_lines_and_the_fix() -> None:
    translation = "# mTOR\n\nLeucine [@saxton2017].\n\nOlder [@churchwardvenne2012]. New [@xu2015].\n"
    message = parity_message("docs/mtor.md", SOURCE, "docs/mtor.en.md", translation,
                             citation_difference(SOURCE, translation))
    assert message.startswith("docs/mtor.en.md and docs/mtor.md cite different references; ")
    assert "cited only in docs/mtor.md (line 3): wolfson2016" in message
    assert "cited only in docs/mtor.en.md (line 5): xu2015" in message
    assert message.endswith("so both pages cite the same keys.")
