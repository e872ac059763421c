"""Load and validate `.bib` files, keeping the file and line of every entry and field.

pybtex's parser reports no line numbers to a caller and, after an unclosed brace, silently drops
every entry that follows. This module reads the files itself (a small, brace-aware BibTeX scanner),
so each problem is named with its file, line and a fix, one broken entry never hides the rest, and the
whole file is only scanned, not formatted: pybtex entries (with parsed names) are built lazily,
only for the keys a page cites. Scans are cached by content hash, so the per-language builds of
static-i18n and `mkdocs serve` rebuilds reuse one parse per file.

After the scan every entry is resolved: identifiers normalised (`atlas.citations.fields`), BibLaTeX
dates read (`date` wins over `year`/`month`), `crossref`/`xdata` inherited, comma-separated author
lists repaired, undefined LaTeX macros and pathological nesting reported, required fields checked per
type (`atlas.citations.entrytypes`). Nothing here raises on any input, and every pass is linear in
the size of the file. Several files (`load_bibliographies`) merge into one `Bibliography`; a key
defined twice is reported with both places, the first wins.
"""

from __future__ import annotations

import bisect
import difflib
import glob
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pybtex.database import Entry, Person

from atlas.citations import fields as fv
from atlas.citations.entrytypes import NOT_ENTRIES, REQUIRED, is_known
from atlas.citations.latex import latex_to_plain, unknown_commands
from atlas.run_cache import RunCache

ERROR, WARNING, INFO = "error", "warning", "info"
PERSON_FIELDS = ("author", "editor", "bookauthor", "translator")
MAX_BRACE_DEPTH = 32          # deeper nesting is an error (the value is still shown, flattened)
MAX_VALUE_CHARS = 100_000     # a field longer than this (nested @string expansion) is cut, with an error
MAX_PARSED_NAMES = 50         # of a person list: formatting shows 6 and "et al."
MAX_KEY_FOR_SUGGESTIONS = 200  # closest-key suggestions for longer keys would cost O(len²) each
MONTH_MACROS = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
ENTRY_HEAD = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*([{(])")
NEXT_ENTRY = re.compile(r"[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]")
INTERESTING = re.compile(r"[{}()\n]")
SWALLOWED_FIELD = re.compile(r"\n[ \t]*[A-Za-z_][\w-]*[ \t]*=")
FIELD_NAME = re.compile(r"\s*+([A-Za-z_][\w:.+-]*+)\s*+=\s*+")  # `__markedentry` (JabRef) too
BARE_WORD = re.compile(r"[^\s,#={}\"]+")
SPACE = re.compile(r"\s*+")
SEPARATOR = re.compile(r"[\s,]*+")
DELIMITERS = {"{": re.compile(r"[{}]"), '"': re.compile(r'[{}"]')}
# The common, clean shape of an entry (`@type{key, name = {value without braces or newlines} | digits, …}`)
# is read by one regex; anything else (macros, `#`, nested braces, odd separators, problems) takes the
# general scanner below, which is the reference: for a clean entry both give the same record.
# Possessive quantifiers keep the regex linear (no backtracking over long runs of spaces).
CLEAN_FIELD = r"[A-Za-z_][\w:.+-]*+\s*+=\s*+(?:\{[^{}\n]*+\}|[0-9]++)"
CLEAN_ENTRY = re.compile(
    r"@[ \t]*+([A-Za-z]++)[ \t]*+\{\s*+([^\s{}\"#%'(),=\\]++)\s*+,"
    rf"((?:\s*+{CLEAN_FIELD}\s*+,)*+(?:\s*+{CLEAN_FIELD})?+)\s*+,?+\s*+\}}")
CLEAN_FIELDS = re.compile(r"([A-Za-z_][\w:.+-]*+)\s*+=\s*+(?:\{([^{}\n]*+)\}|([0-9]++))")
NAME_SPECIALS = re.compile(r"[{}\\~]")
SCANS: RunCache[tuple[str, str], Bibliography] = RunCache()  # raw scans, by (shown path, content hash)
CACHE: RunCache[tuple[tuple[str, str], ...], Bibliography] = RunCache()


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Past what `pattern` (which may match nothing) matches at `pos`."""
    found = pattern.match(text, pos)
    return found.end() if found else pos


def clear_caches() -> None:
    """Forget every parsed file."""
    SCANS.clear()
    CACHE.clear()


def sweep_caches() -> None:
    """When a build run starts: keep the scans the last run used (an unchanged .bib is not scanned
    again on a `mkdocs serve` rebuild), drop the others (a long session never grows them)."""
    SCANS.sweep()
    CACHE.sweep()
IDENTIFIERS = {
    "url": (fv.normal_url, "is not an http(s) link",
            "Only http:// and https:// links are allowed; fix or remove it."),
    "doi": (fv.normal_doi, "is not a DOI of the form 10.NNNN/suffix",
            "Write the DOI, e.g. doi = {10.1016/j.cell.2017.02.004}."),
    "pmid": (fv.normal_pmid, "is not a PubMed ID (digits only)",
             "Write only the number, e.g. pmid = {28283069}."),
    "pmcid": (fv.normal_pmcid, "is not a PMC ID", "Write it as pmcid = {PMC1234567}."),
}
DATE_FIELDS = ("date", "urldate", "eventdate", "origdate")


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
    path: str = ""   # the .bib file the entry comes from

    def get(self, name: str, default: str = "") -> str:
        value = self.fields.get(name)
        return value.text if value else default

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Bibliography:
    """Every readable entry of one or more `.bib` files, by key (lookups ignore case, as in BibTeX)."""

    path: str       # the file, or the files joined by ", "
    digest: str
    records: dict[str, BibRecord] = field(default_factory=dict)      # lower-case key -> record
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)                   # every file, in the order given
    data: dict[str, BibRecord] = field(default_factory=dict)         # @xdata containers, by lower key
    referenced: set[str] = field(default_factory=set)                # lower keys other entries inherit from
    macros: dict[str, str] = field(default_factory=dict, repr=False)  # @string values after this file
    unreadable: dict[str, str] = field(default_factory=dict)         # lower key -> file:line, never closed
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

    def location(self, key: str) -> str:
        """`file:line` of an entry (its own file when several were loaded)."""
        record = self.records[key.lower()]
        return f"{record.path or self.path}:{record.line}"

    def closest(self, key: str, count: int = 3) -> list[str]:
        if len(key) > MAX_KEY_FOR_SUGGESTIONS:
            return []
        lowered = {k.lower(): k for k in self.keys()}
        matches = difflib.get_close_matches(key.lower(), list(lowered), n=count, cutoff=0.7)
        return [lowered[m] for m in matches]

    def entry(self, key: str) -> Entry:
        """The pybtex entry of a key (names parsed on first use, then kept); never raises for a known key."""
        record = self.records[key.lower()]
        if record.key not in self._entries:
            entry = to_pybtex(record)
            if record.type == "set":  # a BibLaTeX entry set is shown as its members, in order
                members = [m.strip() for m in record.get("entryset").split(",") if m.strip()]
                entry.__dict__["_atlas_members"] = [
                    self.entry(m) for m in members
                    if m.lower() in self.records and self.records[m.lower()].type != "set"]
            self._entries[record.key] = entry
        return self._entries[record.key]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def to_pybtex(record: BibRecord) -> Entry:
    fields = {name: value.text for name, value in record.fields.items() if name not in PERSON_FIELDS}
    persons = {role: [safe_person(name) for name in _shown_names(record.fields[role].text)]
               for role in PERSON_FIELDS if role in record.fields}
    entry = Entry(record.type, fields=fields, persons=persons)
    entry.key = record.key
    return entry


def _shown_names(value: str) -> list[str]:
    """The names of a list that formatting can use: NLM shows six, then "et al.", so a list of thousands
    (consortium papers) keeps its first MAX_PARSED_NAMES and its last (for `and others`)."""
    names = fv.split_and(value)
    return names if len(names) <= MAX_PARSED_NAMES else names[:MAX_PARSED_NAMES - 1] + names[-1:]


def safe_person(name: str) -> Person:
    """`person(name)`, or, for a name pybtex cannot read (too many commas, braces nested too deep), the
    whole name as a family name, so formatting never raises (the loader reported it at load time)."""
    if "{" not in name or fv.brace_depth(name) <= MAX_BRACE_DEPTH:
        try:
            extended = fv.extended_name(name)
            return Person(**extended) if extended is not None else person(name)
        except Exception:  # pybtex's InvalidNameString, BibTeXError, or a RecursionError on deep braces
            pass
    result = Person.__new__(Person)
    result.first_names, result.middle_names, result.prelast_names = [], [], []
    result.lineage_names = []
    result.last_names = [" ".join(latex_to_plain(name).replace(",", " ").split())]
    return result


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


def _skip_value(body: str, pos: int) -> int:
    """Past the rest of a `#`-joined value (to the next field's comma at brace depth 0)."""
    depth = 0
    while pos < len(body):
        char = body[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            return pos
        pos += 1
    return pos


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
    def __init__(self, text: str, path: str, macros: dict[str, str] | None = None) -> None:
        self.text = text
        self.bib = Bibliography(path, "")
        self.macros = dict(MONTH_MACROS) if macros is None else dict(macros)  # BibTeX: earlier files' @string
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
                self.bib.macros = self.macros
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
                self._unclosed(at, head.end(), unclosed_at)
                pos = end
                continue
            body = self.text[head.end():end - 1]
            if kind == "string":
                self._macro(body, head.end())
            elif kind not in ("comment", "preamble"):
                self._entry(kind, body, head.end(), at)
            pos = end

    def _unclosed(self, at: int, body_start: int, unclosed_at: int) -> None:
        """An entry that is never closed is named at the line where it opens (its key, if it has one,
        is remembered, so a citation of it says why it is unknown); the brace that stayed open is in
        the hint when it is on another line."""
        key = self.text[body_start:self.text.find(",", body_start, body_start + 300)].strip() \
            if "," in self.text[body_start:body_start + 300] else ""
        named = f" '{key}'" if key and not re.search(r"[\s{}\"#%'(),=\\]", key) else ""
        if named:
            self.bib.unreadable[key.lower()] = f"{self.bib.path}:{self.line(at)}"
        brace_line = self.line(unclosed_at)
        where = f" (the '{{' left open is on line {brace_line})" if brace_line != self.line(at) else ""
        self.report(at, f"unbalanced braces: the entry{named} starting here is never closed, so it is skipped"
                    f"{where}.", "Close every '{' with a '}'; every entry ends with '}'.")

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
            if sum(map(len, parts)) > MAX_VALUE_CHARS:
                self.report(base + pos, f"this value grows beyond {MAX_VALUE_CHARS:,} characters "
                            "(nested @string macros?); it is cut there.",
                            "Check the @string definitions it uses: a macro that repeats another "
                            "macro several times doubles the text at every level.")
                joined = "".join(parts)[:MAX_VALUE_CHARS]
                return re.sub(r"\s+", " ", joined).strip(), _skip_value(body, pos)
            pos = _skip(SPACE, body, pos)
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
            pos = _skip(SEPARATOR, body, pos)
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
        first = self.bib.records.get(key.lower())
        if first is not None:
            self.report(at, f"duplicate key '{key}' (first defined on line {first.line}); "
                        "the second entry is ignored.", "Give each entry a unique key: rename or delete one.")
            return
        self.bib.records[key.lower()] = BibRecord(key, kind, self.line(at), fields, self.bib.path)


# -- resolution: normalise, inherit, check --------------------------------------------------------------

def _resolve(scans: list[Bibliography]) -> Bibliography:
    """The readable entries of the scanned files, merged (first wins), normalised, inherited, checked."""
    paths = [scan.path for scan in scans]
    digest = hashlib.sha256("\0".join(f"{s.path}\0{s.digest}" for s in scans).encode()).hexdigest()
    bib = Bibliography(", ".join(paths), digest if len(scans) > 1 else scans[0].digest, paths=paths)
    report = bib.diagnostics
    for scan in scans:
        report.extend(scan.diagnostics)
    raw: dict[str, BibRecord] = {}
    for scan in scans:
        for lower, place in scan.unreadable.items():
            bib.unreadable.setdefault(lower, place)
        for lower, record in scan.records.items():
            first = raw.get(lower)
            if first is None:
                raw[lower] = record
            else:
                report.append(Diagnostic(
                    record.path, record.line, f"duplicate key '{record.key}': also defined at "
                    f"{first.path}:{first.line}, which is used; this entry is ignored.",
                    "Rename one of the two keys, or delete the copy.", WARNING))
    own = {lower: _normalise(record, report) for lower, record in raw.items()}
    resolved = _inherit(own, report, bib.referenced)
    for lower, record in resolved.items():
        if record.type in NOT_ENTRIES:
            bib.data[lower] = record
            continue
        if not is_known(record.type):
            report.append(Diagnostic(
                record.path, record.line, f"entry type @{record.type} of '{record.key}' is not a BibTeX or "
                "BibLaTeX type; it is shown in the generic form (author, title, date, links).",
                "Use a standard type such as @article, @book, @inproceedings, @online or @misc.", WARNING))
        else:
            _check_required(record, report)
        bib.records[lower] = record
    report.sort(key=lambda d: (paths.index(d.path) if d.path in paths else len(paths), d.line))
    return bib


def _normalise(record: BibRecord, report: list[Diagnostic]) -> BibRecord:
    """The record's own fields as the style needs them; each change or problem reported with its line."""
    fields = record.fields
    key = record.key
    changed: dict[str, FieldValue | None] = {}

    def note(value: FieldValue, message: str, hint: str, severity: str) -> None:
        report.append(Diagnostic(record.path, value.line, message, hint, severity))

    for name, value in fields.items():
        text = value.text
        if "\\" in text:
            for macro in unknown_commands(text):
                note(value, f"{name} of '{key}' uses the undefined LaTeX macro \\{macro}; it is left out.",
                     f"Replace \\{macro} with the text it stands for.", WARNING)
        if "{" in text:
            depth = fv.brace_depth(text)
            if depth > MAX_BRACE_DEPTH:
                note(value, f"{name} of '{key}' nests braces {depth} levels deep (at most {MAX_BRACE_DEPTH} "
                     "are read); it is shown without them.", "Remove the extra braces around the text.",
                     ERROR)
        if name in IDENTIFIERS:
            normalise, problem, hint = IDENTIFIERS[name]
            normal = normalise(text)
            if normal is None:
                note(value, f"{name} of '{key}' {problem}: {text[:80]!r}; the field is ignored.", hint, ERROR)
                changed[name] = None
            elif normal != text:
                bare = " (without https://doi.org/ or doi:)" if name == "doi" else ""
                note(value, f"{name} of '{key}' normalised from {text[:80]!r} to {normal!r}.",
                     f"Nothing to do; for a tidy file write {name} = {{{normal}}}{bare}.", INFO)
                changed[name] = FieldValue(normal, value.line)
        elif name in PERSON_FIELDS:
            repaired = fv.repair_name_list(text)
            if repaired is not None:
                names, count = repaired
                note(value, f"{name} of '{key}' separates names with commas; read as {count} names.",
                     f"Separate authors with 'and', e.g. {name} = {{Yang, Dong and Jiang, Fei}}.", WARNING)
                changed[name] = FieldValue(names, value.line)
        elif name in DATE_FIELDS:
            if fv.parse_date(text) is None:
                note(value, f"{name} of '{key}' is not an ISO 8601 date: {text[:40]!r}.",
                     f"Write it as YYYY, YYYY-MM, YYYY-MM-DD or a range start/end, e.g. {name} = "
                     "{2013-01-05/2013-01-07}.", WARNING)
        elif name == "eprint":
            normal = fv.normal_eprint(text)
            if normal != text:
                changed[name] = FieldValue(normal, value.line)
        elif name == "howpublished" and "url" not in fields:
            link = fv.bare_url(text)
            if link:
                note(value, f"howpublished of '{key}' holds only a link; it is used as the url.",
                     "Nothing to do (or write it as url = {…}).", INFO)
                changed["url"] = FieldValue(link, value.line)
                changed["howpublished"] = None
    aliases = (("journaltitle", "journal"), ("location", "address"), ("archiveprefix", "eprinttype"),
               ("primaryclass", "eprintclass"), ("language", "langid"))
    for source, target in aliases:
        if source in fields and target not in fields and target not in changed:
            changed[target] = fields[source]
    date = changed.get("date") or fields.get("date")
    if date is not None:
        parsed = fv.parse_date(date.text)
        if parsed is not None:  # BibLaTeX: date wins over year, month and day
            for name, part in (("year", parsed.year), ("month", parsed.month), ("day", parsed.day),
                               ("endyear", parsed.end_year), ("endmonth", parsed.end_month),
                               ("endday", parsed.end_day)):
                changed[name] = None if part is None else FieldValue(str(part), date.line)
        elif "year" not in fields and fv.loose_year(date.text):
            changed["year"] = FieldValue(fv.loose_year(date.text), date.line)
    if not changed:
        return record
    merged = dict(fields)
    for name, new in changed.items():
        if new is None:
            merged.pop(name, None)
        else:
            merged[name] = new
    return replace(record, fields=merged)


def _inherit(records: dict[str, BibRecord], report: list[Diagnostic],
             referenced: set[str]) -> dict[str, BibRecord]:
    """crossref and xdata resolved (chains too, cycles reported); parents are never modified."""
    done: dict[str, BibRecord] = {}
    for lower in records:
        if lower in done:
            continue
        chain: list[str] = []
        current: str | None = lower
        while current is not None and current not in done:  # walk up to a resolved or parentless record
            chain.append(current)
            parents = _parents(records[current], records, report, referenced)
            if any(parent in chain for parent in parents):
                record = records[current]
                report.append(Diagnostic(record.path, record.line, f"crossref/xdata of '{record.key}' loops "
                                         "back to itself; the loop is ignored.",
                                         "Point crossref and xdata at a parent entry, never at a child.",
                                         ERROR))
            current = next((p for p in parents if p not in done and p not in chain), None)
            if len(chain) > 16:
                break
        for item in reversed(chain):
            done[item] = _merged(records[item], records, done)
    return done


def _parents(record: BibRecord, records: dict[str, BibRecord], report: list[Diagnostic],
             referenced: set[str] | None) -> list[str]:
    parents: list[str] = []
    for name in ("xdata", "crossref"):
        value = record.fields.get(name)
        if value is None:
            continue
        for target in (value.text.split(",") if name == "xdata" else [value.text]):
            target = target.strip()
            if not target:
                continue
            if target.lower() not in records:
                if referenced is not None:
                    report.append(Diagnostic(record.path, value.line, f"{name} of '{record.key}' names "
                                             f"'{target}', which is not in the bibliography.",
                                             f"Add the entry '{target}' or fix the key.", ERROR))
                continue
            parents.append(target.lower())
            if referenced is not None:
                referenced.add(target.lower())
    return parents


def _merged(record: BibRecord, records: dict[str, BibRecord], done: dict[str, BibRecord]) -> BibRecord:
    parents = _parents(record, records, [], None)
    if not parents:
        return record
    merged = dict(record.fields)
    for lower in parents:  # xdata first, then crossref: the first value found wins
        parent = done.get(lower) or records[lower]
        is_xdata = parent.type == "xdata"
        for name, value in parent.fields.items():
            targets = (name,) if is_xdata and name not in fv.NEVER_INHERITED else \
                () if is_xdata else fv.inherited_names(parent.type, record.type, name)
            for target in targets:
                if target not in merged:
                    merged[target] = value
    return replace(record, fields=merged)


def _check_required(record: BibRecord, report: list[Diagnostic]) -> None:
    for alternatives in REQUIRED.get(record.type, ()):
        if not any(record.fields.get(name) and record.fields[name].text for name in alternatives):
            wanted = " or ".join(alternatives)
            report.append(Diagnostic(record.path, record.line,
                                     f"@{record.type} '{record.key}' lacks the required field {wanted}.",
                                     f"Add {alternatives[0]} = {{…}} to the entry.", ERROR))


# -- loading ----------------------------------------------------------------------------------------

def _decoded(data: bytes, shown: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 (with or without BOM), else Windows-1252 / Latin-1 (older JabRef and BibDesk files), said."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        try:
            text, name = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, name = data.decode("latin-1"), "Latin-1"
        return text, [Diagnostic(shown, line, f"the file is not UTF-8 (first such byte on this line); "
                                 f"read as {name}.", "Save it as UTF-8 (your reference manager's export "
                                 "setting, or your editor's 'Save with encoding').", WARNING)]


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_controls(text: str, shown: str) -> tuple[str, list[Diagnostic]]:
    """Control characters (NUL, escape, …) never reach a page: removed, and the first one is named."""
    found = CONTROL.search(text)
    if found is None:
        return text, []
    line = text.count("\n", 0, found.start()) + 1
    return CONTROL.sub("", text), [Diagnostic(shown, line, f"control character U+{ord(found.group()):04X} "
                                              "(and any others in the file) removed.",
                                              "Delete it from the file; it is invisible in most editors.",
                                              WARNING)]


def _read(path: Path, shown: str, macros: dict[str, str] | None = None) -> Bibliography:
    """The raw scan of one file (cached by content), or a bibliography holding only the reason it failed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Bibliography(shown, "", paths=[shown], diagnostics=[Diagnostic(
            shown, 0, "bibliography file not found.",
            "Create it or set extra.atlas.citations.bib in mkdocs.yml to its path.")])
    except OSError as error:
        return Bibliography(shown, "", paths=[shown], diagnostics=[Diagnostic(
            shown, 0, f"cannot read the bibliography ({error.strerror or error}).",
            "Check that the file exists and can be read.")])
    text, problems = _decoded(data, shown)
    text, more = _without_controls(text, shown)
    scan = _scan(text, shown, macros)
    if problems or more:
        scan = replace(scan, diagnostics=sorted(problems + more + scan.diagnostics, key=lambda d: d.line))
    return scan


def _scan(text: str, path: str, macros: dict[str, str] | None = None) -> Bibliography:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if macros:  # @string values from the files before this one change what this one reads
        digest = hashlib.sha256((digest + repr(sorted(macros.items()))).encode("utf-8")).hexdigest()
    cached = SCANS.get((path, digest))
    if cached is None:
        cached = SCANS[(path, digest)] = _Scanner(text, path, macros).run()
        cached.digest = digest
    return cached


def _resolved(scans: list[Bibliography]) -> Bibliography:
    cache_key = tuple((scan.path, scan.digest) for scan in scans)
    if all(digest for _, digest in cache_key):
        cached = CACHE.get(cache_key)
        if cached is None:
            cached = CACHE[cache_key] = _resolve(scans)
        return cached
    return _resolve(scans)


def load_bibliography(path: str | Path, display_path: str | None = None) -> Bibliography:
    """Read, scan and validate a `.bib` file; a missing file is a diagnostic, never an exception."""
    return _resolved([_read(Path(path), display_path or str(path))])


def parse_bibliography(text: str, path: str = "references.bib") -> Bibliography:
    """Scan and validate `.bib` text, as `load_bibliography` reads a file (control characters removed)."""
    text, problems = _without_controls(text, path)
    scan = _scan(text, path)
    if problems:
        scan = replace(scan, diagnostics=sorted(problems + scan.diagnostics, key=lambda d: d.line))
    return _resolved([scan])


def bib_paths(spec: str | Iterable[str], root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The files a `bib:` setting names (a path, a glob, or a list of either), relative to `root`, in
    the order given (each glob sorted), without repeats; a glob matching nothing is a diagnostic."""
    patterns = [spec] if isinstance(spec, str) else [str(item) for item in spec]
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(Path(p) for p in glob.glob(str(root / pattern), recursive=True))
            if not matches:
                problems.append(Diagnostic(pattern, 0, "no .bib file matches this pattern.",
                                           "Fix extra.atlas.citations.bib in mkdocs.yml."))
            candidates = matches
        else:
            candidates = [root / pattern]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in found:
                found.append(resolved)
    return found, problems


def load_bibliographies(spec: str | Iterable[str], root: Path,
                        shown: Callable[[Path], str] | None = None) -> Bibliography:
    """Every file of a `bib:` setting (path, glob or list; see `bib_paths`) merged into one
    bibliography. A key in two files is a warning naming both file:line; the first file wins."""
    paths, problems = bib_paths(spec, root)
    scans: list[Bibliography] = []
    for path in paths:  # BibTeX reads the files as one: a file's @string macros hold in the next ones
        scans.append(_read(path, shown(path) if shown else str(path), scans[-1].macros if scans else None))
    if not scans:
        bib = Bibliography(", ".join(str(p) for p in ([spec] if isinstance(spec, str) else spec)), "")
        bib.diagnostics.extend(problems)
        return bib
    bib = _resolved(scans)
    if problems:
        bib = replace(bib, diagnostics=problems + bib.diagnostics, _entries={})
    return bib
