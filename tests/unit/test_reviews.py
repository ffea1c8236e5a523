"""Saved reviews: the default title follows the period; a stray keystroke is not writing."""

from __future__ import annotations

from datetime import date

from journal.periods import Period
from journal.review.saved import (
    default_title,
    follows_period,
    has_writing,
    new_review,
    set_period,
    set_rating,
)

H1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
Q3 = Period(date(2026, 7, 1), date(2026, 9, 30), "Q3 2026")


def test_a_default_title_follows_the_period_and_a_chosen_one_stays() -> None:
    review = new_review(H1)
    assert review["title"] == default_title(H1) == "H1 2026 self-assessment"
    set_period(review, Q3)
    assert review["title"] == "Q3 2026 self-assessment"
    review["title"] = "Q3 2026 self-assessment (2)"
    assert follows_period(review)
    review["title"] = "Brag doc"
    set_period(review, H1)
    assert review["title"] == "Brag doc" and not follows_period(review)


def test_what_counts_as_written_in() -> None:
    review = new_review(H1)
    assert not has_writing(review)
    review["summary"] = "k"
    assert not has_writing(review)
    review["title"] = "H1 2026 self-assessmentk"
    assert not has_writing(review)
    review["title"] = "k"  # a stray letter replacing the selected title
    assert not has_writing(review)
    review["summary"] = "Good half"
    assert has_writing(review)
    other = new_review(H1)
    set_rating(other, "g1", "Met")
    assert has_writing(other)
    named = new_review(H1)
    named["title"] = "Brag doc"
    assert has_writing(named)
