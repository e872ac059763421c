"""`make evidence-stamp PAGE=docs/x.md`: record that the claims about a page were checked again.

For every claim of a record file about the page whose `sentence` starts a sentence citing the file's
key, the sentence's current fingerprint is written into the claim's `fingerprint`. The file is edited in
place, value by value (found through the YAML node marks), never re-dumped: comments, order, quoting and
line wrapping stay exactly as the contributor wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from atlas.evidence.sentences import CitedSentence, starts


@dataclass
class StampResult:
    text: str
    stamped: list[str] = field(default_factory=list)     # one line per claim whose fingerprint changed
    unmatched: list[str] = field(default_factory=list)   # one line per claim that matched no sentence


def _scalar(mapping: yaml.MappingNode, name: str) -> yaml.Node | None:
    return next((value for key, value in mapping.value if key.value == name), None)


def _insertion(text: str, mapping: yaml.MappingNode) -> tuple[int, str]:
    """Where a new `fingerprint:` line goes (after the claim's last field) and its indentation."""
    indent = " " * mapping.value[0][0].start_mark.column
    end = mapping.value[-1][1].end_mark.index
    if end > 0 and text[end - 1] == "\n":   # a block scalar ends at the start of the next line
        return end, indent
    newline = text.find("\n", end)
    return (len(text) if newline < 0 else newline + 1), indent


def stamp_text(text: str, path: str, key: str, page: str, sentences: list[CitedSentence]) -> StampResult:
    """The record file's text with current fingerprints for `page`'s claims (see the module doc)."""
    result = StampResult(text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    claims = _scalar(root, "claims") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(claims, yaml.SequenceNode):
        return result
    citing = [s for s in sentences if key.lower() in (k.lower() for k in s.keys)]
    edits: list[tuple[int, int, str]] = []
    for claim in claims.value:
        if not isinstance(claim, yaml.MappingNode) or not claim.value:
            continue
        page_node, sentence_node = _scalar(claim, "page"), _scalar(claim, "sentence")
        if page_node is None or page_node.value != page or sentence_node is None:
            continue
        line = claim.start_mark.line + 1
        found = {s.fingerprint: s for s in citing if starts(s.text, str(sentence_node.value))}
        if len(found) != 1:
            why = "no sentence citing it starts" if not found else f"{len(found)} cited sentences start"
            result.unmatched.append(f"{path}:{line}: {why} with \"{sentence_node.value}\"; copy the start "
                                    "of the sentence as it stands now into `sentence` (enough words to be "
                                    "unique), then stamp again.")
            continue
        (new, sentence), = found.items()
        old = _scalar(claim, "fingerprint")
        if old is not None and old.value == new and old.tag.endswith(":str"):
            continue
        if old is not None and old.value == "":   # `fingerprint:` with nothing after the colon
            colon = text.index(":", next(k for k, v in claim.value if v is old).end_mark.index) + 1
            edits.append((colon, colon, f' "{new}"'))
        elif old is not None:
            edits.append((old.start_mark.index, old.end_mark.index, f'"{new}"'))
        elif claim.flow_style:
            result.unmatched.append(f"{path}:{line}: a claim written on one line; add `fingerprint: null` "
                                    "to it, then stamp again.")
            continue
        else:
            at, indent = _insertion(text, claim)
            edits.append((at, at, f'{indent}fingerprint: "{new}"\n'))
        result.stamped.append(f"{path}:{line}: stamped {new} for \"{sentence.text[:70]}\"")
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    result.text = text
    return result
