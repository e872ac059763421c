"""Evidence records (`evidence/<key>.yml`): read, validate, and say what is wrong in one line each.

One file per bibliography key records what the cited work says (short verbatim quotes), where it was
seen, and one claim per citation of the key on a source-language page (the start of the cited sentence,
the quote that supports it, a verdict and the sentence's fingerprint). The format is agreed in
`/work/coord/EVIDENCE-FORMAT.md` and summarised in CONTRIBUTING.md.

The files come from contributors' pull requests, so they are untrusted input: the YAML is composed into
nodes (which keep their line numbers) and checked field by field. Every problem is a `Problem` with the
file and line, never an exception; a file with problems still yields what could be read of it, so one
typo does not hide the quotes of a whole reference. What readers see of a record (quotes, `seen_at`) is
held to the content policy at its line (atlas.data_policy: plain text, http(s) addresses); it is escaped
where it is rendered in any case (atlas.evidence.render).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atlas.data_policy import address_problems, plain_text_problems
from atlas.problems import FileProblem
from atlas.run_cache import RunCache
from atlas.safe_yaml import LOADER

VERDICTS = ("supports", "partly")
STR, NULL, SEQ, MAP = "text", "null", "list", "mapping"
WORD = re.compile(r"\w", re.UNICODE)

# field -> (allowed kinds, required); optional fields beyond the agreed format are marked as such
TOP_FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "key": ((STR,), True),
    "seen_at": ((STR, NULL), True),
    "seen_on": ((STR, "date", NULL), False),
    "quotes": ((SEQ,), True),
    "claims": ((SEQ, NULL), False),
    "lang": ((STR,), False),          # optional: language of every quote (default: the site setting)
    "note": ((STR, NULL), False),     # optional: free text for reviewers, never shown
}
QUOTE_FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "id": ((STR,), True),
    "text": ((STR,), True),
    "lang": ((STR,), False),          # optional: the quote's language when it differs from the file's
    "note": ((STR, NULL), False),
}
CLAIM_FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "page": ((STR,), True),
    "sentence": ((STR,), True),
    "quote": ((STR, NULL, SEQ), True),   # a quote id; null when the source could not be seen
    "verdict": ((STR,), True),
    "fingerprint": ((STR, NULL), False),
    "note": ((STR, NULL), False),
}

# BCP 47 in the shape readers' browsers use: a 2-3 letter language, then subtags (script, region, variant).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

Problem = FileProblem  # one thing wrong in a record file, at a line


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    lang: str
    line: int


@dataclass(frozen=True)
class Claim:
    page: str                     # path under the docs folder, e.g. `glutamine/sport.md`
    sentence: str                 # the start of the cited sentence, as written in the record
    quotes: tuple[str, ...]       # quote ids (empty: the source could not be seen)
    verdict: str
    fingerprint: str | None
    line: int                     # line of the claim's first key (`- page: …`)


@dataclass(frozen=True)
class Record:
    key: str                      # the bibliography key as the bibliography spells it (when known)
    path: str                     # the file as contributors know it (`evidence/xu2015.yml`)
    seen_at: str | None
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()

    def quote(self, quote_id: str) -> Quote | None:
        return next((q for q in self.quotes if q.id == quote_id), None)


@dataclass(frozen=True)
class KeyChecker:
    """What the loader needs of the bibliography: the canonical spelling of a key, and close keys.
    `keys`: the bibliography's keys when known; a parsed file is reused only under the same keys."""

    canonical: Callable[[str], str | None]
    closest: Callable[[str], list[str]]
    keys: frozenset[str] | None = None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return MAP
    if isinstance(node, yaml.SequenceNode):
        return SEQ
    tag = node.tag.rsplit(":", 1)[-1]
    return {"str": STR, "null": NULL, "timestamp": "date", "int": "number", "float": "number",
            "bool": "true/false"}.get(tag, tag)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Checks one file's node tree, collecting problems; the methods return what could be read."""

    def __init__(self, path: str, max_words: int, default_lang: str) -> None:
        self.path = path
        self.max_words = max_words
        self.default_lang = default_lang
        self.problems: list[Problem] = []

    def report(self, node_or_line: yaml.Node | int, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        self.problems.append(Problem(self.path, line, message))

    def fields(self, node: yaml.Node, allowed: dict[str, tuple[tuple[str, ...], bool]],
               where: str) -> dict[str, yaml.Node]:
        """The fields of a mapping node that are known and of an allowed kind; the rest is reported."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{where}: expected a mapping of {', '.join(allowed)}, found {_kind(node)}.")
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            name = str(key_node.value)
            if name in found:
                self.report(key_node, f"{where}: '{name}' is given twice; keep one.")
                continue
            if name not in allowed:
                close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(allowed)}."
                self.report(key_node, f"{where}: unknown key '{name}'; {hint}")
                continue
            kinds, _required = allowed[name]
            if _kind(value) not in kinds:
                self.report(value, f"{where}.{name}: expected {' or '.join(kinds)}, found {_kind(value)}.")
                continue
            found[name] = value
        for name, (_kinds, required) in allowed.items():
            if required and name not in found and not any(str(k.value) == name for k, _ in node.value):
                self.report(node, f"{where}: '{name}' is missing.")
        return found

    def language(self, node: yaml.Node | None, where: str, default: str) -> str:
        """A `lang` value: a language tag such as `en` or `pt-BR` (it becomes a `lang` attribute)."""
        value = self.text(node)
        if value is None:
            return default
        if not LANGUAGE_TAG.fullmatch(value):
            self.report(node if node is not None else 1,
                        f"{where}: '{value}' is not a language tag; write one such as en, nl or pt-BR.")
            return default
        return value

    @staticmethod
    def text(node: yaml.Node | None) -> str | None:
        if node is None or _kind(node) == NULL:
            return None
        return str(node.value)

    def quotes(self, node: yaml.Node | None, file_lang: str) -> tuple[Quote, ...]:
        quotes: list[Quote] = []
        for index, item in enumerate(node.value if node is not None else []):
            fields = self.fields(item, QUOTE_FIELDS, f"quotes[{index}]")
            quote_id, text = self.text(fields.get("id")), self.text(fields.get("text"))
            if quote_id is None or text is None:
                continue
            if any(q.id == quote_id for q in quotes):
                self.report(fields["id"], f"quotes[{index}].id: '{quote_id}' is used twice; ids must differ.")
                continue
            count = sum(1 for word in text.split() if WORD.search(word))
            if count > self.max_words:
                self.report(fields["text"], f"quotes[{index}].text: {count} words; quote at most "
                            f"{self.max_words} words (the passage that supports the sentence).")
            if not text.strip():
                self.report(fields["text"], f"quotes[{index}].text: empty; quote the source's words.")
            self.policy(fields["text"], f"quotes[{index}].text", plain_text_problems(text))
            lang = self.language(fields.get("lang"), f"quotes[{index}].lang", file_lang)
            quotes.append(Quote(quote_id, text.strip(), lang, _line(item)))
        return tuple(quotes)

    def policy(self, node: yaml.Node, where: str, problems: list[str]) -> None:
        """The content policy's findings on a text readers see (atlas.data_policy), at its line."""
        for problem in problems:
            self.report(node, f"{where}: {problem}.")

    def claims(self, node: yaml.Node | None, quotes: tuple[Quote, ...],
               page_problem: Callable[[str], str | None]) -> tuple[Claim, ...]:
        claims: list[Claim] = []
        ids = [q.id for q in quotes]
        for index, item in enumerate(node.value if node is not None else []):
            where = f"claims[{index}]"
            fields = self.fields(item, CLAIM_FIELDS, where)
            page, sentence = self.text(fields.get("page")), self.text(fields.get("sentence"))
            verdict = self.text(fields.get("verdict"))
            if verdict is not None and verdict not in VERDICTS:
                self.report(fields["verdict"], f"{where}.verdict: '{verdict}' is not allowed; use "
                            f"{' or '.join(VERDICTS)} (a source that does not support the sentence is "
                            "not cited: change the sentence).")
                verdict = None
            quote_ids = self.quote_ids(fields.get("quote"), ids, where)
            if page is not None and (why := page_problem(page)):
                self.report(fields["page"], f"{where}.page: {why}")
                page = None
            if sentence is not None and not sentence.strip():
                self.report(fields["sentence"], f"{where}.sentence: empty; copy the start of the cited "
                            "sentence from the page.")
                sentence = None
            if page is None or sentence is None or verdict is None or quote_ids is None:
                continue
            fingerprint = self.text(fields.get("fingerprint"))
            claims.append(Claim(page, sentence.strip(), quote_ids, verdict, fingerprint, _line(item)))
        return tuple(claims)

    def quote_ids(self, node: yaml.Node | None, ids: list[str], where: str) -> tuple[str, ...] | None:
        if node is None:
            return None
        if _kind(node) == NULL:
            return ()
        items = node.value if _kind(node) == SEQ else [node]
        found: list[str] = []
        for item in items:
            value = self.text(item) if _kind(item) == STR else None
            if value is None:
                self.report(item, f"{where}.quote: expected a quote id, found {_kind(item)}.")
                return None
            if value not in ids:
                close = difflib.get_close_matches(value, ids, n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'?" if close else (
                    f"ids in this file: {', '.join(ids)}." if ids
                    else "this file has no quotes (quote: null).")
                self.report(item, f"{where}.quote: no quote with id '{value}'; {hint}")
                return None
            found.append(value)
        return tuple(found)


def _page_problem(known_pages: set[str] | None,
                  translation: Callable[[str], bool]) -> Callable[[str], str | None]:
    def problem(page: str) -> str | None:
        if translation(page):
            return (f"'{page}' is a translation; records are kept for the source page only (the "
                    "translation is covered by its translation stamp).")
        if known_pages is not None and page not in known_pages:
            close = difflib.get_close_matches(page, sorted(known_pages), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "give the path under the docs folder."
            return f"no page '{page}'; {hint}"
        return None
    return problem


def read_record(text: str, path: str, keys: KeyChecker, *, max_words: int = 40, default_lang: str = "en",
                known_pages: set[str] | None = None,
                translation: Callable[[str], bool] = lambda page: False,
                ) -> tuple[Record | None, list[Problem]]:
    """Parse one record file's text; `path` is how messages name it (its stem must be the key)."""
    reader = _Reader(path, max_words, default_lang)
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, f"not valid YAML: {error.problem or error.context}.")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, f"not valid YAML: {error}.")]
    if root is None:
        return None, [Problem(path, 1, "empty file; see CONTRIBUTING.md (Evidence records) for the format.")]
    fields = reader.fields(root, TOP_FIELDS, Path(path).name)
    key = reader.text(fields.get("key"))
    canonical = None
    if key is not None:
        canonical = keys.canonical(key)
        if canonical is None:
            close = ", ".join(keys.closest(key)) or "none"
            reader.report(fields["key"], f"key '{key}' is not in the bibliography (closest keys: {close}); "
                          "add the entry to references.bib or fix the key.")
        elif key.lower() != Path(path).stem.lower():
            reader.report(fields["key"], f"key '{key}' but the file is named {Path(path).name}; "
                          f"name it {key}.yml (one file per key).")
    seen_at = reader.text(fields.get("seen_at"))
    if seen_at:
        reader.policy(fields["seen_at"], "seen_at", address_problems(seen_at))
    file_lang = reader.language(fields.get("lang"), "lang", default_lang)
    quotes = reader.quotes(fields.get("quotes"), file_lang)
    claims = reader.claims(fields.get("claims"), quotes, _page_problem(known_pages, translation))
    if canonical is None:
        return None, reader.problems
    return Record(canonical, path, seen_at, quotes, claims), reader.problems


@dataclass
class Evidence:
    """Every record of the folder by lower-case key, and every problem found reading them."""

    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def claims_for(self, page: str) -> dict[str, list[Claim]]:
        """The claims about one page, by lower-case key."""
        found: dict[str, list[Claim]] = {}
        for lower, record in self.records.items():
            claims = [c for c in record.claims if c.page == page]
            if claims:
                found[lower] = claims
        return found


class RecordCache:
    """Parsed files by (path, content digest): each file is parsed once, however many builds ask
    (static-i18n's one build per language, `mkdocs serve` rebuilds)."""

    def __init__(self) -> None:
        self._parsed: RunCache[tuple[str, str, tuple[Any, ...]], tuple[Record | None, list[Problem]]]
        self._parsed = RunCache()

    def sweep(self) -> None:
        """When a run starts: keep the files the last run read, drop the rest (`atlas.run_cache`)."""
        self._parsed.sweep()

    def load(self, folder: Path, shown: Callable[[Path], str], keys: KeyChecker, *, max_words: int = 40,
             default_lang: str = "en", known_pages: set[str] | None = None,
             translation: Callable[[str], bool] = lambda page: False) -> Evidence:
        evidence = Evidence()
        context = (max_words, default_lang, tuple(sorted(known_pages or ())), keys.keys)
        for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            name = shown(file)
            try:
                text = file.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                evidence.problems.append(Problem(name, 1, f"cannot read the file ({error}); save it as "
                                                 "UTF-8."))
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            record, problems = self._parsed.made(
                (name, digest, context),
                functools.partial(read_record, text, name, keys, max_words=max_words,
                                  default_lang=default_lang,
                                  known_pages=known_pages, translation=translation),
            )
            evidence.problems.extend(problems)
            if record is None:
                continue
            if record.key.lower() in evidence.records:
                other = evidence.records[record.key.lower()].path
                evidence.problems.append(Problem(name, 1, f"a second file for key '{record.key}' "
                                                 f"(first: {other}); keep one file per key."))
                continue
            evidence.records[record.key.lower()] = record
        return evidence


def load_folder(folder: Path, keys: KeyChecker, shown: Callable[[Path], str] = str,
                **options: object) -> Evidence:
    """Read every `*.yml` of a folder once (no cache): for scripts and tests."""
    return RecordCache().load(folder, shown, keys, **options)  # type: ignore[arg-type]


def key_checker(keys: Iterable[str]) -> KeyChecker:
    """A KeyChecker over plain keys (tests, scripts without a parsed bibliography)."""
    by_lower = {k.lower(): k for k in keys}

    def closest(key: str) -> list[str]:
        matches = difflib.get_close_matches(key.lower(), list(by_lower), n=3, cutoff=0.7)
        return [by_lower[m] for m in matches]
    return KeyChecker(lambda key: by_lower.get(key.lower()), closest)
