"""Load and validate `references.bib`, keeping the line of every entry and field.

pybtex's parser reports no line numbers to a caller and, after an unclosed brace, silently drops
every entry that follows. This module reads the file itself (a small, brace-aware BibTeX scanner),
so each problem is named with its line and a fix, one broken entry never hides the rest, and the
whole file is only scanned, not formatted: pybtex entries (with parsed names) are built lazily,
only for the keys a page cites. Results are cached by the file's content hash, so the per-language
builds of static-i18n and `mkdocs serve` rebuilds reuse one parse.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry, Person

ERROR, WARNING = "error", "warning"
PERSON_FIELDS = ("author", "editor")
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    # each inner tuple: at least one of these fields
    "article": (("author",), ("title",), ("journal",), ("year", "date")),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year", "date")),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year", "date")),
    "inbook": (("author", "editor"), ("title",), ("booktitle", "chapter"), ("publisher",),
               ("year", "date")),
    "report": (("author", "institution"), ("title",), ("institution",), ("year", "date")),
    "techreport": (("author", "institution"), ("title",), ("institution",), ("year", "date")),
    "thesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "phdthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "online": (("title",), ("url",), ("year", "date", "urldate")),
    "misc": (("title",), ("year", "date", "urldate")),
}
SUPPORTED_TYPES = tuple(REQUIRED)
MONTH_MACROS = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
DOI = re.compile(r"10\.\d{4,9}/\S+")
PMID = re.compile(r"\d{1,9}")
PMCID = re.compile(r"PMC\d+")
HTTP_URL = re.compile(r"https?://[^\s\"<>]+", re.I)
ENTRY_HEAD = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*([{(])")
NEXT_ENTRY = re.compile(r"[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]")
INTERESTING = re.compile(r"[{}()\n]")
SWALLOWED_FIELD = re.compile(r"\n[ \t]*[A-Za-z][\w-]*[ \t]*=")
FIELD_NAME = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")
BARE_WORD = re.compile(r"[^\s,#={}\"]+")
SPACE = re.compile(r"\s*")
SEPARATOR = re.compile(r"[\s,]*")
DELIMITERS = {"{": re.compile(r"[{}]"), '"': re.compile(r'[{}"]')}
# The common, clean shape of an entry (`@type{key, name = {value without braces or newlines} | digits, …}`)
# is read by one regex; anything else (macros, `#`, nested braces, odd separators, problems) takes the
# general scanner below, which is the reference: for a clean entry both give the same record.
CLEAN_FIELD = r"[A-Za-z][\w:.+-]*\s*=\s*(?:\{[^{}\n]*\}|[0-9]+)"
CLEAN_ENTRY = re.compile(
    r"@[ \t]*([A-Za-z]+)[ \t]*\{\s*([^\s{}\"#%'(),=\\]+)\s*,"
    rf"((?:\s*{CLEAN_FIELD}\s*,)*+(?:\s*{CLEAN_FIELD})?+)\s*,?\s*\}}")
CLEAN_FIELDS = re.compile(r"([A-Za-z][\w:.+-]*)\s*=\s*(?:\{([^{}\n]*)\}|([0-9]+))")
NAME_SPECIALS = re.compile(r"[{}\\~]")
CACHE: dict[tuple[str, str], Bibliography] = {}
FIELD_CHECKS: dict[str, tuple[Callable[[str], bool], str, str]] = {
    "url": (lambda v: HTTP_URL.fullmatch(v) is not None,
            "is not an http(s) link",
            "Only http:// and https:// links are allowed; fix or remove it."),
    "doi": (lambda v: DOI.fullmatch(v) is not None,
            "is not a DOI of the form 10.NNNN/suffix",
            "Write the bare DOI, e.g. doi = {10.1016/j.cell.2017.02.004}, without https://doi.org/."),
    "pmid": (lambda v: PMID.fullmatch(v) is not None,
             "is not a PubMed ID (digits only)", "Write only the number, e.g. pmid = {28283069}."),
    "pmcid": (lambda v: PMCID.fullmatch(v) is not None,
              "is not a PMC ID", "Write it as pmcid = {PMC1234567}."),
}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    message: str
    hint: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} {self.hint}"


@dataclass(frozen=True)
class FieldValue:
    text: str
    line: int


@dataclass(frozen=True)
class BibRecord:
    key: str
    type: str
    line: int
    fields: dict[str, FieldValue]

    def get(self, name: str, default: str = "") -> str:
        value = self.fields.get(name)
        return value.text if value else default


@dataclass
class Bibliography:
    """Every readable entry of one `.bib` file, by key (lookups ignore case, as in BibTeX)."""

    path: str
    digest: str
    records: dict[str, BibRecord] = field(default_factory=dict)      # lower-case key -> record
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _entries: dict[str, Entry] = field(default_factory=dict, repr=False)

    @property
    def entries(self) -> dict[str, BibRecord]:
        """Records by their key as written in the file."""
        return {r.key: r for r in self.records.values()}

    def keys(self) -> list[str]:
        return [r.key for r in self.records.values()]

    def canonical(self, key: str) -> str | None:
        record = self.records.get(key.lower())
        return record.key if record else None

    def __contains__(self, key: str) -> bool:
        return key.lower() in self.records

    def closest(self, key: str, count: int = 3) -> list[str]:
        lowered = {k.lower(): k for k in self.keys()}
        matches = difflib.get_close_matches(key.lower(), list(lowered), n=count, cutoff=0.7)
        return [lowered[m] for m in matches]

    def entry(self, key: str) -> Entry:
        """The pybtex entry of a key (names parsed on first use, then kept)."""
        record = self.records[key.lower()]
        if record.key not in self._entries:
            self._entries[record.key] = to_pybtex(record)
        return self._entries[record.key]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def to_pybtex(record: BibRecord) -> Entry:
    fields = {name: value.text for name, value in record.fields.items() if name not in PERSON_FIELDS}
    persons = {role: [person(name) for name in split_name_list(record.fields[role].text)]
               for role in PERSON_FIELDS if role in record.fields}
    entry = Entry(record.type, fields=fields, persons=persons)
    entry.key = record.key
    return entry


def person(name: str) -> Person:
    """pybtex's `Person(name)`, without its brace-aware tokenizer for the usual plain names.

    A name without braces, backslashes or `~` splits on commas and whitespace exactly as pybtex
    splits it; pybtex's own rules (von parts: words starting in lower case; First von Last when there
    is no comma) are applied to the words. Anything else goes to pybtex. Same parts, several times faster.
    """
    parts = name.strip().split(",")
    if not parts[0] or len(parts) > 3 or NAME_SPECIALS.search(name):
        return Person(name)
    result = Person.__new__(Person)  # `Person()` would still tokenize five empty strings
    result.first_names, result.middle_names, result.prelast_names = [], [], []
    result.last_names, result.lineage_names = [], []
    words = [part.split() for part in parts]
    if len(words) == 1:  # First von Last
        tokens = words[0]
        split = next((i for i, word in enumerate(tokens) if _is_von(word)), len(tokens))
        first_middle, von_last = tokens[:split], tokens[split:]
        if not von_last and first_middle:
            von_last = [first_middle.pop()]
        _first_middle(result, first_middle)
        _von_last(result, von_last)
        return result
    _von_last(result, words[0])
    if len(words) == 3:  # von Last, Jr, First
        result.lineage_names.extend(words[1])
    _first_middle(result, words[-1])
    return result


def _is_von(word: str) -> bool:
    """pybtex's test for a plain word: the case of its first character, else of its first letter."""
    if word[0].isupper():
        return False
    if word[0].islower():
        return True
    letter = next((c for c in word if c.isalpha()), "")
    return letter.islower()


def _first_middle(result: Person, words: list[str]) -> None:
    result.first_names.extend(words[:1])
    result.middle_names.extend(words[1:])


def _von_last(result: Person, words: list[str]) -> None:
    """The last word is always a last name; before it, words up to the last von word are von."""
    candidates, last = words[:-1], words[-1:]
    if candidates:
        position = len(candidates)
        while position and not _is_von(candidates[position - 1]):
            position -= 1
        result.prelast_names.extend(candidates[:position])
        result.last_names.extend(candidates[position:])
    result.last_names.extend(last)


def load_bibliography(path: str | Path, display_path: str | None = None) -> Bibliography:
    """Read, scan and validate a `.bib` file; a missing file is a diagnostic, never an exception."""
    path = Path(path)
    shown = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Bibliography(shown, "", diagnostics=[Diagnostic(
            shown, 0, "bibliography file not found.",
            "Create it or set extra.atlas.citations.bib in mkdocs.yml to its path.")])
    except (OSError, UnicodeDecodeError) as error:
        return Bibliography(shown, "", diagnostics=[Diagnostic(
            shown, 0, f"cannot read the bibliography ({error}).", "Save it as UTF-8 text.")])
    return parse_bibliography(text, shown)


def parse_bibliography(text: str, path: str = "references.bib") -> Bibliography:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = CACHE.get((path, digest))
    if cached is not None:
        return cached
    result = _Scanner(text, path).run()
    result.digest = digest
    CACHE[(path, digest)] = result
    return result


def _closing(body: str, start: int) -> int:
    """Index of the `}` or `"` closing the value opened at `start` (braces nest); len(body) if none."""
    depth = 0
    for match in DELIMITERS[body[start]].finditer(body, start + 1):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and body[start] == "{":
                return match.start()
            depth -= 1
        elif depth == 0:  # a closing quote outside braces
            return match.start()
    return len(body)


class _Scanner:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.bib = Bibliography(path, "")
        self.macros = dict(MONTH_MACROS)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos)

    def report(self, pos_or_line: int, message: str, hint: str, *, is_line: bool = False,
               severity: str = ERROR) -> None:
        line = pos_or_line if is_line else self.line(pos_or_line)
        self.bib.diagnostics.append(Diagnostic(self.bib.path, line, message, hint, severity))

    def run(self) -> Bibliography:
        pos = 0
        while True:
            at = self.text.find("@", pos)
            self._check_between(pos, len(self.text) if at < 0 else at)
            if at < 0:
                self.bib.diagnostics.sort(key=lambda d: d.line)
                return self.bib
            clean = self._clean_entry(at)
            if clean:
                pos = clean
                continue
            head = ENTRY_HEAD.match(self.text, at)
            if not head:
                pos = at + 1
                continue
            kind, opener = head.group(1).lower(), head.group(2)
            end, unclosed_at = self._entry_end(head.end(), "}" if opener == "{" else ")")
            if unclosed_at is not None:
                self.report(unclosed_at, f"unbalanced braces: the entry starting on line {self.line(at)} "
                            "is never closed, so it is skipped.",
                            "Close every '{' with a '}' (check this line's field value); "
                            "every entry ends with '}'.")
                pos = end
                continue
            body = self.text[head.end():end - 1]
            if kind == "string":
                self._macro(body, head.end())
            elif kind not in ("comment", "preamble"):
                self._entry(kind, body, head.end(), at)
            pos = end

    def _clean_entry(self, at: int) -> int:
        """Read a clean entry at `at` in one regex pass; its end, or 0 to leave it to the full scanner."""
        match = CLEAN_ENTRY.match(self.text, at)
        if not match or match.group(1).lower() in ("string", "comment", "preamble"):
            return 0
        fields: dict[str, FieldValue] = {}
        for found in CLEAN_FIELDS.finditer(self.text, match.start(3), match.end(3)):
            name = found.group(1).lower()
            if name in fields:  # the full scanner reports it
                return 0
            value = found.group(2)
            value = found.group(3) if value is None else " ".join(value.split())
            fields[name] = FieldValue(value, self.line(found.start()))
        self._add_record(match.group(1).lower(), match.group(2), at, fields)
        return match.end()

    def _check_between(self, start: int, end: int) -> None:
        """Text between entries is ignored by BibTeX; a lone `}` or `name = …` there means a typo."""
        if start == end or self.text[start:end].isspace():
            return
        for match in re.finditer(r"[^\n]*", self.text[start:end]):
            line = match.group().strip()
            if line and not line.startswith("%") and ("}" in line or "=" in line):
                self.report(start + match.start(), "text outside any entry (an extra '}' above?): "
                            f"{line[:60]!r}.", "Remove the stray '}' so the field is inside its entry.")
                return

    def _entry_end(self, pos: int, closer: str) -> tuple[int, int | None]:
        """Position after the entry's closing delimiter, or where an unclosed brace was detected."""
        stack: list[int] = []
        suspect: int | None = None  # a value that swallowed later fields: its brace was closed too late
        text = self.text
        for match in INTERESTING.finditer(text, pos):
            pos, char = match.start(), match.group()
            if char == "{":
                stack.append(pos)
            elif char == "}":
                if not stack:
                    if closer == "}":
                        return pos + 1, None
                else:
                    opened = stack.pop()
                    if not stack and SWALLOWED_FIELD.search(text, opened, pos):
                        suspect = opened
            elif char == ")" and closer == ")" and not stack:
                return pos + 1, None
            elif char == "\n" and NEXT_ENTRY.match(text, pos + 1):
                # a new entry begins while this one is still open: a brace was never closed
                return pos + 1, (stack[0] if stack else suspect if suspect is not None else pos)
        return len(text), (stack[0] if stack else suspect if suspect is not None else len(text) - 1)

    def _read_value(self, body: str, pos: int, base: int) -> tuple[str | None, int]:
        """A value `{…}`, `"…"`, number or macro, joined by `#`; returns (text, next position)."""
        parts: list[str] = []
        while True:
            while pos < len(body) and body[pos].isspace():
                pos += 1
            if pos >= len(body):
                return None, pos
            char = body[pos]
            if char in '{"':
                end = _closing(body, pos)
                parts.append(body[pos + 1:end])
                pos = end + 1
            else:
                match = BARE_WORD.match(body, pos)
                if not match:
                    return None, pos
                word = match.group()
                pos = match.end()
                if word.isdigit():
                    parts.append(word)
                elif word.lower() in self.macros:
                    parts.append(self.macros[word.lower()])
                else:
                    self.report(base + match.start(), f"unknown macro {word!r}.",
                                "Put the value in braces, e.g. {" + word + "}, or define it with @string.")
                    parts.append(word)
            pos = SPACE.match(body, pos).end()
            if pos < len(body) and body[pos] == "#":
                pos += 1
                continue
            return re.sub(r"\s+", " ", "".join(parts)).strip(), pos

    def _macro(self, body: str, base: int) -> None:
        match = FIELD_NAME.match(body)
        if match:
            value, _ = self._read_value(body, match.end(), base)
            if value is not None:
                self.macros[match.group(1).lower()] = value

    def _entry(self, kind: str, body: str, base: int, at: int) -> None:
        comma = body.find(",")
        key = (body if comma < 0 else body[:comma]).strip()
        if not key or re.search(r"[\s{}\"#%'(),=\\]", key):
            self.report(at, f"entry @{kind} has no valid key ({key[:40]!r}).",
                        "Start the entry as @" + kind + "{key, with a key of letters, digits, - or _.")
            return
        fields: dict[str, FieldValue] = {}
        pos = comma + 1 if comma >= 0 else len(body)
        while pos < len(body):
            pos = SEPARATOR.match(body, pos).end()
            if pos >= len(body):
                break
            match = FIELD_NAME.match(body, pos)
            if not match:
                self.report(base + pos, f"cannot read a field of '{key}' here.",
                            "Write each field as name = {value}, separated by commas.")
                break
            value, pos = self._read_value(body, match.end(), base)
            name = match.group(1).lower()
            if value is None:
                self.report(base + match.start(1), f"field '{name}' of '{key}' has no value.",
                            "Write it as " + name + " = {value}.")
                break
            if name in fields:
                self.report(base + match.start(1), f"field '{name}' appears twice in '{key}'.",
                            "Keep one of the two.")
            fields[name] = FieldValue(value, self.line(base + match.start(1)))
        self._add_record(kind, key, at, fields)

    def _add_record(self, kind: str, key: str, at: int, fields: dict[str, FieldValue]) -> None:
        entry_line = self.line(at)
        first = self.bib.records.get(key.lower())
        if first is not None:
            self.report(at, f"duplicate key '{key}' (first defined on line {first.line}); "
                        "the second entry is ignored.", "Give each entry a unique key: rename or delete one.")
            return
        record = BibRecord(key, kind, entry_line, fields)
        if kind not in REQUIRED:
            self.report(at, f"entry type @{kind} of '{key}' is not supported.",
                        "Use one of: " + ", ".join("@" + t for t in SUPPORTED_TYPES) + ".")
            return
        self._validate(record)
        self.bib.records[key.lower()] = record

    def _validate(self, record: BibRecord) -> None:
        for alternatives in REQUIRED[record.type]:
            if not any(record.fields.get(name) and record.fields[name].text for name in alternatives):
                wanted = " or ".join(alternatives)
                self.report(record.line, f"@{record.type} '{record.key}' lacks the required field {wanted}.",
                            f"Add {alternatives[0]} = {{…}} to the entry.", is_line=True)
        for name, (valid, problem, hint) in FIELD_CHECKS.items():
            value = record.fields.get(name)
            if value is not None and not valid(value.text):
                self.report(value.line, f"{name} of '{record.key}' {problem}: {value.text[:80]!r}; "
                            "the field is ignored.", hint, is_line=True)
                del record.fields[name]
