"""The `make translations` table: one row per source page x language."""

from __future__ import annotations

from atlas.translations.status import PageStatus

HEADERS = ("page", "language", "present", "up to date", "citations")


def _cells(status: PageStatus) -> tuple[str, ...]:
    if not status.present:
        return (status.source, status.locale, "no", "-", "-")
    up_to_date = "yes" if status.up_to_date else ("no (unstamped)" if status.stamp is None else "no")
    citations = status.citations
    if citations is None or citations.same:
        parity = "same"
    else:
        parts = []
        if citations.only_in_source:
            parts.append("missing " + ", ".join(citations.only_in_source))
        if citations.only_in_translation:
            parts.append("extra " + ", ".join(citations.only_in_translation))
        parity = "; ".join(parts)
    return (status.source, status.locale, "yes", up_to_date, parity)


def status_table(statuses: list[PageStatus]) -> str:
    """A plain-text table aligned in columns, with a one-line summary under it."""
    rows = [HEADERS, *(_cells(s) for s in statuses)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(summary(statuses))
    return "\n".join(lines)


def summary(statuses: list[PageStatus]) -> str:
    present = sum(s.present for s in statuses)
    stale = sum(s.stale for s in statuses)
    mismatched = sum(s.parity is False for s in statuses)
    return (
        f"{len(statuses)} page x language pairs: {present} translated, {len(statuses) - present} missing, "
        f"{stale} possibly out of date, {mismatched} with different citations"
    )
