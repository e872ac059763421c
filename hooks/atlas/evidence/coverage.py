"""Which cited sentences of a page have an evidence record, which records are stale, which are missing.

A claim of `evidence/<key>.yml` covers a citation of `key` when its `page` is the citing page and its
`fingerprint` is the fingerprint of the cited sentence as it stands now. Otherwise, in this order:

- unstamped: the claim has `fingerprint: null` and its `sentence` starts the cited sentence (a new
  record, waiting for `make evidence-stamp` after a person checked it);
- stale: the claim's `sentence` starts the cited sentence, or the only unused claim of that page and key
  was made for another wording: the sentence changed since it was checked;
- missing: no claim of that page and key is left to explain it.

A claim no cited sentence uses any more is an orphan (its sentence was removed, or rewritten beyond its
start): reported at its own line in the record file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from atlas.evidence.records import Claim, Evidence
from atlas.evidence.sentences import CitedSentence, starts

MISSING, STALE, UNSTAMPED, ORPHAN, COVERED = "missing", "stale", "unstamped", "orphan", "covered"


@dataclass(frozen=True)
class Finding:
    kind: str
    key: str
    where: str        # `file:line` the message starts with
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class PageCoverage:
    """A page's citations (one per cited sentence and key) sorted by what their records say."""

    page: str
    counts: dict[str, int] = field(default_factory=lambda: {COVERED: 0, UNSTAMPED: 0, STALE: 0, MISSING: 0})
    findings: list[Finding] = field(default_factory=list)

    @property
    def citations(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Place:
    """How messages name the page and the records folder, and the stamp command to suggest."""

    page: str                  # path under docs, as claims write it (`leucine.md`)
    shown_page: str            # as contributors know it (`docs/leucine.md`)
    folder: str = "evidence"   # the records folder as contributors know it

    @property
    def stamp(self) -> str:
        return f"`make evidence-stamp PAGE={self.shown_page}`"


def check_page(place: Place, sentences: list[CitedSentence], evidence: Evidence,
               known_key: Callable[[str], bool] = lambda key: True) -> PageCoverage:
    """Sort every (cited sentence, key) of a page; the findings say what to do, at file:line."""
    coverage = PageCoverage(place.page)
    claims_by_key = evidence.claims_for(place.page)
    used: set[int] = set()   # id() of claims that explain a sentence
    unmatched: list[tuple[CitedSentence, str]] = []
    for sentence in sentences:
        for key in dict.fromkeys(sentence.keys):
            if not known_key(key):
                continue  # the citation hook reports keys the bibliography lacks
            kind, claim = _match(sentence, claims_by_key.get(key.lower(), []))
            if claim is not None:
                used.add(id(claim))
            if kind is None:
                unmatched.append((sentence, key))
                continue
            coverage.counts[kind] += 1
            if kind != COVERED:
                coverage.findings.append(_finding(kind, place, sentence, key, claim, evidence))
    for sentence, key in unmatched:
        spare = [c for c in claims_by_key.get(key.lower(), []) if id(c) not in used]
        claim = spare[0] if spare else None
        if claim is not None:
            used.add(id(claim))
        kind = STALE if claim is not None else MISSING
        coverage.counts[kind] += 1
        coverage.findings.append(_finding(kind, place, sentence, key, claim, evidence))
    for lower, claims in claims_by_key.items():
        for claim in claims:
            if id(claim) not in used:
                record = evidence.records[lower]
                coverage.findings.append(Finding(
                    ORPHAN, record.key, f"{record.path}:{claim.line}",
                    f"no citation of [@{record.key}] on {place.shown_page} is in a sentence starting "
                    f"\"{claim.sentence}\": update `sentence` to the start of the cited sentence as it "
                    "stands now, or remove the claim if the citation was removed."))
    return coverage


def _match(sentence: CitedSentence, claims: list[Claim]) -> tuple[str | None, Claim | None]:
    for claim in claims:
        if claim.fingerprint == sentence.fingerprint:
            return COVERED, claim
    for claim in claims:
        if claim.fingerprint is None and starts(sentence.text, claim.sentence):
            return UNSTAMPED, claim
    for claim in claims:
        if starts(sentence.text, claim.sentence):
            return STALE, claim
    return None, None


def _finding(kind: str, place: Place, sentence: CitedSentence, key: str, claim: Claim | None,
             evidence: Evidence) -> Finding:
    where = f"{place.shown_page}:{sentence.line}"
    record = evidence.records.get(key.lower())
    at = f" ({record.path}:{claim.line})" if record is not None and claim is not None else ""
    if kind == MISSING:
        name = record.path if record is not None else f"{place.folder}/{key}.yml"
        return Finding(kind, key, where, f"no evidence record for [@{key}]: add a claim to {name}, see "
                       "CONTRIBUTING.md (Evidence records).")
    if kind == UNSTAMPED:
        return Finding(kind, key, where, f"the evidence record for [@{key}] is not yet stamped{at}: check "
                       f"the sentence against the quote, then {place.stamp}.")
    if claim is not None and claim.fingerprint is None:
        return Finding(kind, key, where, f"the evidence record for [@{key}]{at} does not start like this "
                       f"sentence (\"{sentence.text[:60]}…\"): copy the start of the sentence into its "
                       f"`sentence`, check it against the quote again, then {place.stamp}.")
    return Finding(kind, key, where, f"the sentence changed since its evidence record was made{at}: "
                   f"check it against the quote again (and update the record's `sentence`), then "
                   f"{place.stamp}.")
