"""One language's citation settings over one bibliography: labels, display, entries formatted once."""

from __future__ import annotations

from dataclasses import dataclass

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


def sweep_caches() -> None:
    """When a build run starts: keep what the last run used, drop the rest (see `atlas.run_cache`)."""
    FORMATTED.sweep()
    FORMATTERS.sweep()


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
        self._formatted = FORMATTED.setdefault((bib.digest, locale, labels_id), {})
        self._formatter_key = (locale, labels_id)

    def formatted(self, key: str) -> str:
        """HTML of an entry, formatted on first use only."""
        html = self._formatted.get(key)
        if html is None:
            formatter = FORMATTERS.get(self._formatter_key)
            if formatter is None:
                formatter = FORMATTERS[self._formatter_key] = Formatter(self.locale, self.labels)
            html = self._formatted[key] = formatter.html(self.bib.entry(key))
        return html
