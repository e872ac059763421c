"""Review dates of a page: `reviewed` and `next_review` in its front matter.

`reviewed` is the day the content was last checked against its sources; `next_review` is when it is
due again, at most a year later. A page past its `next_review` day tells readers so (the hook compares
with the build day, which tests and `make reviews` can set: `today` is always a parameter here).

Pure: values from front matter in, a `Review` or a problem out.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _settings_field
from datetime import date, datetime
from typing import Any

from atlas.settings import Block

TODAY_VARIABLE = "ATLAS_TODAY"  # YYYY-MM-DD: the "today" of a build or of `make reviews`


class ReviewError(ValueError):
    """Wrong or missing review dates; the message says what to write."""


@dataclass(frozen=True)
class Review:
    reviewed: date
    next_review: date

    def status(self, today: date, soon_days: int = 30) -> str:
        """overdue | due (within `soon_days`) | ok."""
        if today > self.next_review:
            return "overdue"
        if (self.next_review - today).days <= soon_days:
            return "due"
        return "ok"


def one_year_after(day: date) -> date:
    """The same day a year later (29 February -> 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def as_date(value: Any, key: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ReviewError(f"front matter '{key}: {value}' is not a date; write it as {key}: YYYY-MM-DD")


def read_review(meta: Mapping[str, Any], reviewed_key: str = "reviewed",
                next_key: str = "next_review") -> Review:
    """The page's review dates, or a ReviewError saying what is wrong and what to write instead."""
    if reviewed_key not in meta or meta[reviewed_key] in (None, ""):
        raise ReviewError(f"front matter has no '{reviewed_key}' date; add {reviewed_key}: YYYY-MM-DD "
                          f"(the day the content was checked) and {next_key}: at most a year later")
    reviewed = as_date(meta[reviewed_key], reviewed_key)
    latest = one_year_after(reviewed)
    if next_key not in meta or meta[next_key] in (None, ""):
        raise ReviewError(f"front matter has no '{next_key}' date; add {next_key}: {latest.isoformat()} "
                          f"(at most a year after {reviewed_key}: {reviewed.isoformat()})")
    next_review = as_date(meta[next_key], next_key)
    if next_review <= reviewed:
        raise ReviewError(f"{next_key} {next_review.isoformat()} is not after {reviewed_key} "
                          f"{reviewed.isoformat()}; set {next_key}: {latest.isoformat()} or earlier")
    if next_review > latest:
        raise ReviewError(f"{next_key} {next_review.isoformat()} is more than a year after {reviewed_key} "
                          f"{reviewed.isoformat()}; set {next_key}: {latest.isoformat()} or earlier")
    return Review(reviewed, next_review)


def today(environ: dict[str, str] | None = None) -> date:
    """The day to compare against: $ATLAS_TODAY when set (tests, previews), else the real date."""
    value = (environ if environ is not None else os.environ).get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReviewError(f"{TODAY_VARIABLE}={value!r} is not a date; use YYYY-MM-DD") from None


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewsSettings:
    """`extra.atlas.reviews`: the content-review line of a page and `make reviews`."""

    enabled: bool = True
    soon_days: int = 30        # `make reviews`: due this many days before next_review
    labels: dict[str, dict[str, str]] = _settings_field(default_factory=dict)  # locale -> name -> text


SETTINGS = Block("reviews", ReviewsSettings, check=lambda s: [] if s.soon_days >= 0 else [
    f"`extra.atlas.reviews.soon_days`: expected a whole number of 0 or more, got {s.soon_days}."])
