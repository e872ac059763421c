"""Review dates: read from front matter, at most a year apart, and compared with an injectable today."""

from __future__ import annotations

from datetime import date

import pytest
from atlas.reviews import Review, ReviewError, one_year_after, read_review, today


def test_dates_from_yaml_or_text_are_read():
    review = read_review({"reviewed": date(2026, 11, 30), "next_review": "2027-11-30"})
    assert review == Review(date(2026, 11, 30), date(2027, 11, 30))


def test_next_review_more_than_a_year_later_is_refused_with_the_fix():
    with pytest.raises(
        ReviewError, match="more than a year after reviewed 2026-11-30; set next_review: 2027-11-30"
    ):
        read_review({"reviewed": date(2026, 11, 30), "next_review": date(2027, 12, 1)})


def test_next_review_before_reviewed_is_refused():
    with pytest.raises(ReviewError, match="is not after reviewed"):
        read_review({"reviewed": date(2026, 11, 30), "next_review": date(2026, 1, 1)})


def test_missing_dates_say_what_to_add():
    with pytest.raises(ReviewError, match="add next_review: 2027-11-21"):
        read_review({"reviewed": date(2026, 11, 21)})
    with pytest.raises(ReviewError, match="no 'reviewed' date"):
        read_review({"next_review": date(2027, 1, 1)})
    with pytest.raises(ReviewError, match="is not a date; write it as reviewed: YYYY-MM-DD"):
        read_review({"reviewed": "gisteren", "next_review": date(2027, 1, 1)})


def test_a_leap_day_is_followed_by_28_february():
    assert one_year_after(date(2028, 2, 29)) == date(2029, 2, 28)


def test_status_is_overdue_after_the_day_and_due_within_the_window():
    review = Review(date(2026, 11, 30), date(2027, 11, 30))
    assert review.status(date(2027, 11, 30)) == "due"
    assert review.status(date(2027, 12, 1)) == "overdue"
    assert review.status(date(2027, 10, 31), soon_days=30) == "due"
    assert review.status(date(2027, 10, 30), soon_days=30) == "ok"


def test_today_can_be_set_for_tests_and_previews():
    assert today({"ATLAS_TODAY": "2030-01-02"}) == date(2030, 1, 2)
    assert today({}) == date.today()
    with pytest.raises(ReviewError, match="ATLAS_TODAY"):
        today({"ATLAS_TODAY": "morgen"})
