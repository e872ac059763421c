"""One language's citation settings over one bibliography: labels, display, entries formatted once."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from atlas.cache_folders import code_fingerprint, write_atomically
from atlas.citations.bibfile import Bibliography
from atlas.citations.style import Formatter
from atlas.run_cache import RunCache

# (bib digest, locale, labels) -> key -> HTML: each cited entry is formatted once per language,
# and the result survives the per-language builds and `mkdocs serve` rebuilds while the file is unchanged.
FORMATTED: RunCache[tuple[str, str, str], dict[str, str]] = RunCache()
FORMATTERS: RunCache[tuple[str, str], Formatter] = RunCache()


def clear_caches() -> None:
    """Forget every formatted entry."""
    FORMATTED.clear()
    FORMATTERS.clear()
    _unsaved.clear()


def sweep_caches() -> None:
    """When a build run starts: keep what the last run used, drop the rest (see `atlas.run_cache`)."""
    FORMATTED.sweep()
    FORMATTERS.sweep()


# -- formatted entries kept on disk between builds ----------------------------------------------------
# Formatting with pybtex is most of what citations cost a build, and between two builds the .bib rarely
# changes. An entry's HTML depends only on the bibliography's content (its digest), the language, the
# labels and the formatting code (these modules, pybtex, latexcodec): all of it is in each file's key.
# One file per language and labels, so the folder never grows; a file that does not check out (another
# key, a value that is not text) is ignored and written anew.
_FORMATTING_MODULES = ("atlas.citations.style", "atlas.citations.latex", "atlas.citations.fields",
                       "atlas.citations.bibfile", "atlas.citations.entrytypes", "atlas.citations.engine")
_FORMATTING_LIBRARIES = ("pybtex", "latexcodec")
_disk: list[Path] = []  # the folder in use, if any
_unsaved: set[tuple[str, str, str]] = set()  # slots of FORMATTED with entries not yet on disk


def keep_formatted_in(folder: Path | None) -> None:
    """Where formatted entries are kept between builds (None: in memory only, as before)."""
    wanted = [folder] if folder is not None else []
    if wanted != _disk:  # entries noted for another folder are not written to this one
        _unsaved.clear()
        _disk[:] = wanted


def _slot_file(slot: tuple[str, str, str]) -> tuple[Path, str]:
    _digest, locale, labels_id = slot
    name = hashlib.sha256(f"{locale}\x00{labels_id}".encode()).hexdigest()[:32] + ".json"
    key = hashlib.sha256("\x00".join(
        (*slot, code_fingerprint(_FORMATTING_MODULES, _FORMATTING_LIBRARIES))).encode("utf-8")).hexdigest()
    return _disk[0] / name, key


def _read_slot(slot: tuple[str, str, str]) -> dict[str, str]:
    path, key = _slot_file(slot)
    try:
        record = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    entries = record.get("entries") if isinstance(record, dict) and record.get("key") == key else None
    if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in entries.items()):
        return {}
    return entries


def save_formatted() -> None:
    """Write the entries formatted since the last save (a folder that cannot be written costs only time)."""
    if not _disk:
        _unsaved.clear()
        return
    for slot in sorted(_unsaved):
        path, key = _slot_file(slot)
        with contextlib.suppress(OSError):
            write_atomically(path, json.dumps({"key": key, "entries": FORMATTED.get(slot, {})},
                                              ensure_ascii=False, sort_keys=True).encode("utf-8"))
    _unsaved.clear()


@dataclass(frozen=True)
class UnknownKey:
    line: int
    key: str
    closest: list[str]
    in_text: bool = False  # written as `@key` in running text (perhaps an `@` that is no citation)


AT_HINT = " An @ that is not a citation is written \\@ (as in info\\@example.org)."


def unknown_key_message(place: str, problem: UnknownKey, bib: Bibliography) -> str:
    """One line for a citation of a key the bibliography lacks: if an entry with that key is in the
    file but could not be read, that is the cause, and the line points there; else the closest keys."""
    unreadable = bib.unreadable.get(problem.key.lower())
    if unreadable:
        return (f"{place}: citation key '{problem.key}' is in {unreadable.rsplit(':', 1)[0]}, but its entry "
                f"could not be read (see the error at {unreadable}). Fix that entry.")
    closest = ", ".join(problem.closest) or "none"
    return (f"{place}: unknown citation key '{problem.key}' (closest keys in {bib.path}: {closest}). "
            f"Fix the key or add the entry to {bib.path}.{AT_HINT if problem.in_text else ''}")


class CitationEngine:
    """Formats and renders citations of one language against one bibliography."""

    def __init__(self, bib: Bibliography, locale: str, labels: dict[str, object], display: str) -> None:
        self.bib = bib
        self.locale = locale
        self.labels = labels
        self.display = display if display in ("brackets", "superscript") else "brackets"
        labels_id = repr(sorted((k, str(v)) for k, v in labels.items()))
        self._slot = (bib.digest, locale, labels_id)
        if self._slot not in FORMATTED:
            FORMATTED[self._slot] = _read_slot(self._slot) if _disk and bib.digest else {}
        self._formatted = FORMATTED[self._slot]
        self._formatter_key = (locale, labels_id)

    def formatted(self, key: str) -> str:
        """HTML of an entry, formatted on first use only."""
        html = self._formatted.get(key)
        if html is None:
            formatter = FORMATTERS.get(self._formatter_key)
            if formatter is None:
                formatter = FORMATTERS[self._formatter_key] = Formatter(self.locale, self.labels)
            html = self._formatted[key] = formatter.html(self.bib.entry(key))
            if _disk and self.bib.digest:
                _unsaved.add(self._slot)
        return html
