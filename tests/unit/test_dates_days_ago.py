"""Issue 12, dates: what a new user typed and was refused, or got a surprising time for.

`3 days ago 4pm` is read like `yesterday 5pm`; `N days ago` names a day, so without a
time it is 12:00 like every other day phrase (the README's rule); due dates take a month
(`March 2027`: its last day) and `end of year`/`end of Q2`, and their error suggests
phrases that lie ahead.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.dates import parse_when
from journal.errors import DateError
from journal.periods import parse_date

CET = timezone(timedelta(hours=1))
MON = datetime(2026, 11, 23, 15, 30, tzinfo=CET)  # a Monday


def at(y: int, m: int, d: int, h: int = 12, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=CET)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("3 days ago 4pm", at(2026, 11, 20, 16)),
        ("12 days ago at 4pm", at(2026, 11, 11, 16)),
        ("2 weeks ago 09:15", at(2026, 11, 9, 9, 15)),
        ("4pm 3 days ago", at(2026, 11, 20, 16)),
        ("a month ago at noon", at(2026, 10, 23, 12)),
        ("3 days ago", at(2026, 11, 20)),
        ("2 weeks ago", at(2026, 11, 9)),
        ("1 month ago", at(2026, 10, 23)),
        ("a year ago", at(2025, 11, 23)),
        ("in 3 days", at(2026, 11, 26)),
        ("an hour ago", at(2026, 11, 23, 14, 30)),  # a time, not a day: keeps the clock
        ("90 minutes ago", at(2026, 11, 23, 14, 0)),
    ],
)
def test_days_ago_with_and_without_a_time(phrase: str, expected: datetime) -> None:
    assert parse_when(phrase, MON) == expected


def test_an_unknown_unit_still_says_so() -> None:
    with pytest.raises(DateError, match="not a unit"):
        parse_when("3 fortnights ago 4pm", MON)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("March 2027", date(2027, 3, 31)),
        ("february 2028", date(2028, 2, 29)),
        ("end of year", date(2026, 12, 31)),
        ("End of the year", date(2026, 12, 31)),
        ("end of month", date(2026, 11, 30)),
        ("end of quarter", date(2026, 12, 31)),
        ("end of Q2 2027", date(2027, 6, 30)),
        ("end of March 2027", date(2027, 3, 31)),
        ("end of H1 2027", date(2027, 6, 30)),
        ("2027-03-04", date(2027, 3, 4)),
    ],
)
def test_due_dates_take_months_and_ends(phrase: str, expected: date) -> None:
    assert parse_date(phrase, MON) == expected


def test_a_due_date_error_suggests_future_phrases() -> None:
    with pytest.raises(DateError) as info:
        parse_date("someday", MON)
    message = str(info.value)
    assert "end of year" in message
    for past in ("yesterday", "ago", "last friday"):
        assert past not in message, message


def test_end_of_nonsense_is_refused() -> None:
    with pytest.raises(DateError, match='"end of lunch"'):
        parse_date("end of lunch", MON)
