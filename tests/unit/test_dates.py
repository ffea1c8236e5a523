"""Unit tests for journal.dates: every accepted phrase against fixed clocks, plus every refusal."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.dates import parse_when
from journal.errors import DateError
from journal.periods import Period, parse_date, parse_period
from journal.timestamps import from_iso, human_date, local_now, to_iso

CET = timezone(timedelta(hours=1))
MON = datetime(2026, 11, 23, 15, 30, tzinfo=CET)  # a Monday
FRI = datetime(2026, 11, 20, 9, 0, tzinfo=CET)  # a Friday


def at(y: int, m: int, d: int, h: int = 12, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, s, tzinfo=CET)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # "now"/"today"/"N hours|minutes ago" keep the time of day
        ("now", at(2026, 11, 23, 15, 30)),
        ("today", at(2026, 11, 23, 15, 30)),
        ("  TODAY ", at(2026, 11, 23, 15, 30)),
        ("an hour ago", at(2026, 11, 23, 14, 30)),
        ("90 minutes ago", at(2026, 11, 23, 14, 0)),
        # "N days|weeks|months|years ago" names a day: 12:00 (issue 12)
        ("3 days ago", at(2026, 11, 20)),
        ("2 weeks ago", at(2026, 11, 9)),
        ("1 month ago", at(2026, 10, 23)),
        ("a year ago", at(2025, 11, 23)),
        ("in 3 days", at(2026, 11, 26)),
        # a named day without a time gets 12:00
        ("yesterday", at(2026, 11, 22)),
        ("tomorrow", at(2026, 11, 24)),
        ("monday", at(2026, 11, 23)),
        ("last monday", at(2026, 11, 16)),
        ("friday", at(2026, 11, 20)),
        ("last friday", at(2026, 11, 20)),
        ("sunday", at(2026, 11, 22)),
        ("tuesday", at(2026, 11, 17)),
        ("next monday", at(2026, 11, 30)),
        ("2026-03-04", at(2026, 3, 4)),
        ("2026/03/04", at(2026, 3, 4)),
        ("20260304", at(2026, 3, 4)),
        ("4 March", at(2026, 3, 4)),
        ("March 4", at(2026, 3, 4)),
        ("4 March 2026", at(2026, 3, 4)),
        ("4 Mar, 2026", at(2026, 3, 4)),
        ("March 4th 2026", at(2026, 3, 4)),
        ("4 March at noon", at(2026, 3, 4)),
        ("4 March 2026 midnight", at(2026, 3, 4, 0)),
        ("Wednesday 4 March 2026", at(2026, 3, 4)),
        ("04/03/2026", at(2026, 3, 4)),
        ("4.3.2026", at(2026, 3, 4)),
        ("02/03/2025", at(2025, 3, 2)),
        ("13/02/26", at(2026, 2, 13)),
        # times
        ("2026-03-04 17:40", at(2026, 3, 4, 17, 40)),
        ("2026-03-04T17:40:00+01:00", at(2026, 3, 4, 17, 40)),
        ("2026-03-04T16:40:00Z", at(2026, 3, 4, 17, 40)),
        ("2026-03-04T17:40:00+05:00", at(2026, 3, 4, 13, 40)),
        ("2026-03-04 5pm", at(2026, 3, 4, 17)),
        ("March 4 2026 5pm", at(2026, 3, 4, 17)),
        ("4th of March, 2026 at 17:40", at(2026, 3, 4, 17, 40)),
        ("yesterday 5pm", at(2026, 11, 22, 17)),
        ("yesterday at 5:15 p.m.", at(2026, 11, 22, 17, 15)),
        ("5pm yesterday", at(2026, 11, 22, 17)),
        ("friday 14:30", at(2026, 11, 20, 14, 30)),
        ("fri at 12am", at(2026, 11, 20, 0)),
        ("today 8am", at(2026, 11, 23, 8)),
        ("today noon", at(2026, 11, 23, 12)),
        ("yesterday midnight", at(2026, 11, 22, 0)),
        ("17:40", at(2026, 11, 23, 17, 40)),
        ("at 9pm", at(2026, 11, 23, 21)),
        ("04/03/2026 17:40:05", at(2026, 3, 4, 17, 40, 5)),
        # a yearless day-month in the future means last year; today's date stays this year
        ("December 25", at(2025, 12, 25)),
        ("25/12", at(2025, 12, 25)),
        ("24 November", at(2025, 11, 24)),
        ("23 November", at(2026, 11, 23)),
        ("1 January", at(2026, 1, 1)),
        # year bounds are inclusive
        ("1900-01-01", at(1900, 1, 1)),
        ("2999-12-31", at(2999, 12, 31)),
    ],
)
def test_parse_when(phrase: str, expected: datetime) -> None:
    result = parse_when(phrase, MON)
    assert result == expected
    assert result.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("friday", date(2026, 11, 20)),  # on or before today: today itself
        ("last friday", date(2026, 11, 13)),  # strictly before today
        ("next friday", date(2026, 11, 27)),
        ("thursday", date(2026, 11, 19)),
        ("saturday", date(2026, 11, 14)),
        ("last saturday", date(2026, 11, 14)),
        ("monday", date(2026, 11, 16)),
        ("yesterday", date(2026, 11, 19)),
    ],
)
def test_weekdays_from_a_friday(phrase: str, expected: date) -> None:
    assert parse_when(phrase, FRI) == datetime.combine(expected, FRI.timetz().replace(hour=12))


def test_month_arithmetic_clamps_to_month_end() -> None:
    now = datetime(2026, 3, 31, 10, 0, tzinfo=CET)
    assert parse_when("1 month ago", now) == at(2026, 2, 28)
    assert parse_when("2 years ago", datetime(2024, 2, 29, 10, tzinfo=CET)) == at(2022, 2, 28)


def test_results_have_seconds_precision() -> None:
    now = MON.replace(second=7, microsecond=123456)
    assert parse_when("now", now) == at(2026, 11, 23, 15, 30, 7)
    assert parse_when("2 days ago", now).microsecond == 0


def test_default_now_is_aware_local() -> None:
    result = parse_when("today")
    assert result.tzinfo is not None
    assert result.date() == local_now().date() or result.date() == date.today()
    assert parse_when("2026-03-04").hour == 12
    assert local_now().tzinfo is not None


def test_naive_now_is_taken_as_local() -> None:
    result = parse_when("yesterday", datetime(2026, 11, 23, 15, 30))
    assert result.tzinfo is not None
    assert (result.year, result.month, result.day, result.hour) == (2026, 11, 22, 12)


WHEN_ERRORS = [
    "",
    "   ",
    "31/02",
    "30/02/2026",
    "29 February 2026",  # 2026 is not a leap year
    "0000-00-00",
    "2026-13-01",
    "02/13/2026",  # day first: there is no month 13, and we never swap
    "99999999999999999999",
    "2026",
    "4",
    "whenever",
    "soon",
    "march 4 whenever",  # partly understood: never drop words
    "today-ish",
    "yesterday evening",
    "4 March 2026 5pm EST",
    "Thursday 4 March 2026",  # it was a Wednesday
    "4 march 5",  # one-digit year
    "4 mar 26",  # worded dates take a 4-digit year
    "march 12 at 12",  # dateutil alone reads this as 12 March 2012
    "2026 march 31 1900",  # ...and this one at 19:00
    "12 mon 2026",
    "friday march 2026",  # a weekday is not a day of the month
    "31 12",
    "4 march 5pm 17:40",  # two times: one would be dropped
    "4 2026",
    "March",
    "March 2026",  # a due date takes it (its last day): see test_dates_days_ago.py
    "1899-12-31",
    "3000-01-01",
    "4 March 1850",
    "17:40pm",
    "yesterday 25:00",
    "3 fortnights ago",
    "99999999999 days ago",
    "5000 years ago",
    "2026-03-04T25:00",
    "last month",
]


@pytest.mark.parametrize("phrase", WHEN_ERRORS)
def test_parse_when_errors_quote_the_phrase(phrase: str) -> None:
    with pytest.raises(DateError) as info:
        parse_when(phrase, MON)
    message = str(info.value)
    assert f'"{phrase}"' in message
    assert "try " in message  # says what is accepted


@pytest.mark.parametrize("phrase", [p for p in WHEN_ERRORS if p != "March 2026"])
def test_parse_date_errors_quote_the_phrase(phrase: str) -> None:
    with pytest.raises(DateError, match="cannot read") as info:
        parse_date(phrase, MON)
    assert f'"{phrase}"' in str(info.value)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_error_explains_day_first_rule() -> None:
    with pytest.raises(DateError, match="day first"):
        parse_when("02/13/2026", MON)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("next friday", date(2026, 11, 27)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("December 25", date(2026, 12, 25)),  # due dates may be ahead: no year shift
        ("25/12", date(2026, 12, 25)),
        ("4 March", date(2026, 3, 4)),
        ("2027-01-31", date(2027, 1, 31)),
        ("31 January 2027", date(2027, 1, 31)),
        ("friday", date(2026, 11, 20)),
        ("2026-03-04T23:30:00-05:00", date(2026, 3, 5)),  # converted to local first
    ],
)
def test_parse_date(phrase: str, expected: date) -> None:
    assert parse_date(phrase, MON) == expected


@pytest.mark.parametrize(
    ("phrase", "start", "end", "label"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("H1 2026", date(2026, 1, 1), date(2026, 6, 30), "H1 2026"),
        ("h2", date(2026, 7, 1), date(2026, 12, 31), "H2 2026"),
        ("2025h2", date(2025, 7, 1), date(2025, 12, 31), "H2 2025"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "Q3 2026"),
        ("Q3 2026", date(2026, 7, 1), date(2026, 9, 30), "Q3 2026"),
        ("Q3", date(2026, 7, 1), date(2026, 9, 30), "Q3 2026"),
        ("2026 Q1", date(2026, 1, 1), date(2026, 3, 31), "Q1 2026"),
        ("this quarter", date(2026, 10, 1), date(2026, 12, 31), "Q4 2026"),
        ("last quarter", date(2026, 7, 1), date(2026, 9, 30), "Q3 2026"),
        ("this year", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("last year", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("this month", date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
        ("last month", date(2026, 10, 1), date(2026, 10, 31), "October 2026"),
        ("this week", date(2026, 11, 23), date(2026, 11, 29), "week of 23 Nov 2026"),
        ("last week", date(2026, 11, 16), date(2026, 11, 22), "week of 16 Nov 2026"),
        ("March 2026", date(2026, 3, 1), date(2026, 3, 31), "March 2026"),
        ("feb 2024", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
        ("2026-03", date(2026, 3, 1), date(2026, 3, 31), "March 2026"),
        ("March", date(2026, 3, 1), date(2026, 3, 31), "March 2026"),
        ("November", date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
        ("December", date(2025, 12, 1), date(2025, 12, 31), "December 2025"),
        ("last 6 months", date(2026, 5, 23), date(2026, 11, 23), "last 6 months"),
        ("last 30 days", date(2026, 10, 24), date(2026, 11, 23), "last 30 days"),
        ("last 2 weeks", date(2026, 11, 9), date(2026, 11, 23), "last 2 weeks"),
        ("past 1 year", date(2025, 11, 23), date(2026, 11, 23), "past 1 year"),
        ("last 2 quarters", date(2026, 5, 23), date(2026, 11, 23), "last 2 quarters"),
        ("since March", date(2026, 3, 1), date(2026, 11, 23), "since March"),
        ("since 2026-03-04", date(2026, 3, 4), date(2026, 11, 23), "since 2026-03-04"),
        ("since 30 December", date(2025, 12, 30), date(2026, 11, 23), "since 30 December"),
        ("since last friday", date(2026, 11, 20), date(2026, 11, 23), "since last friday"),
        ("2026-01-01..2026-06-30", date(2026, 1, 1), date(2026, 6, 30), "2026-01-01..2026-06-30"),
        ("2026-01-01 .. today", date(2026, 1, 1), date(2026, 11, 23), "2026-01-01..today"),
        ("4 March..30 December", date(2026, 3, 4), date(2026, 12, 30), "4 March..30 December"),
        ("March..June", date(2026, 3, 1), date(2026, 6, 30), "March..June"),
        ("2025..2026", date(2025, 1, 1), date(2026, 12, 31), "2025..2026"),
        ("all", date(1900, 1, 1), date(2999, 12, 31), "all"),
        ("yesterday", date(2026, 11, 22), date(2026, 11, 22), "yesterday"),
        ("2026-03-04", date(2026, 3, 4), date(2026, 3, 4), "2026-03-04"),
    ],
)
def test_parse_period(phrase: str, start: date, end: date, label: str) -> None:
    assert parse_period(phrase, MON) == Period(start, end, label)


@pytest.mark.parametrize(
    ("now", "phrase", "start", "end"),
    [
        (datetime(2026, 2, 1, tzinfo=CET), "last quarter", date(2025, 10, 1), date(2025, 12, 31)),
        (datetime(2026, 1, 15, tzinfo=CET), "last month", date(2025, 12, 1), date(2025, 12, 31)),
        (datetime(2026, 3, 10, tzinfo=CET), "March", date(2026, 3, 1), date(2026, 3, 31)),
        (datetime(2026, 3, 10, tzinfo=CET), "April", date(2025, 4, 1), date(2025, 4, 30)),
        (datetime(2026, 3, 31, tzinfo=CET), "last 1 month", date(2026, 2, 28), date(2026, 3, 31)),
        (FRI, "this week", date(2026, 11, 16), date(2026, 11, 22)),
    ],
)
def test_period_boundaries(now: datetime, phrase: str, start: date, end: date) -> None:
    period = parse_period(phrase, now)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "  ",
        "whenever",
        "H3",
        "Q5 2026",
        "Q0",
        "1800",
        "3000",
        "2026-13",
        "last 0 days",
        "last 200 years",
        "last 99999999999 days",
        "2026-06-30..2026-01-01",  # end before start
        "since 2027-01-01",  # starts after today
        "2026-01-01..whenever",
        "..today",
        "2026-01-01..",
        "a..b..c",
        "since",
        "since whenever",
        "last fortnight",
        "31/02",
    ],
)
def test_parse_period_errors_quote_the_phrase(phrase: str) -> None:
    with pytest.raises(DateError) as info:
        parse_period(phrase, MON)
    message = str(info.value)
    assert f'"{phrase}"' in message
    assert "try " in message


def test_period_end_before_start_says_so() -> None:
    with pytest.raises(DateError, match="before the start"):
        parse_period("2026-06-30..2026-01-01", MON)


@pytest.mark.parametrize(
    ("when_iso", "inside"),
    [
        ("2026-01-01T00:00:00+01:00", True),
        ("2026-06-30T23:59:59+01:00", True),
        ("2026-03-04T17:40:00+01:00", True),
        ("2025-12-31T23:59:59+01:00", False),
        ("2026-07-01T00:00:00+02:00", False),
    ],
)
def test_period_contains(when_iso: str, inside: bool) -> None:
    assert parse_period("H1 2026", MON).contains(when_iso) is inside


@pytest.mark.parametrize(
    ("phrase", "months"),
    [
        ("H1 2026", [(2026, m) for m in range(1, 7)]),
        ("March 2026", [(2026, 3)]),
        ("2026-03-04", [(2026, 3)]),
        ("2025-11-15..2026-02-01", [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]),
    ],
)
def test_period_months(phrase: str, months: list[tuple[int, int]]) -> None:
    assert parse_period(phrase, MON).months() == months


def test_all_period_months_span_every_year() -> None:
    months = parse_period("all", MON).months()
    assert months[0] == (1900, 1)
    assert months[-1] == (2999, 12)
    assert len(months) == 1100 * 12


def test_period_is_frozen_and_hashable() -> None:
    period = parse_period("2026", MON)
    with pytest.raises(AttributeError):
        period.label = "x"  # type: ignore[misc]
    assert period in {Period(date(2026, 1, 1), date(2026, 12, 31), "2026")}
    assert period.contains("2026-05-01T10:00:00+02:00")
    assert dataclasses.asdict(period) == {
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "label": "2026",
    }


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (at(2026, 3, 4, 17, 40), "2026-03-04T17:40:00+01:00"),
        (datetime(2026, 3, 4, 17, 40, 5, 999999, tzinfo=UTC), "2026-03-04T17:40:05+00:00"),
        (
            datetime(2026, 3, 4, 8, 0, tzinfo=timezone(timedelta(hours=-5))),
            "2026-03-04T08:00:00-05:00",
        ),
    ],
)
def test_iso_round_trip(value: datetime, text: str) -> None:
    assert to_iso(value) == text
    assert from_iso(text) == value.replace(microsecond=0)
    assert from_iso(text).utcoffset() == value.utcoffset()


def test_to_iso_naive_gets_local_offset() -> None:
    text = to_iso(datetime(2026, 3, 4, 17, 40))
    assert text.startswith("2026-03-04T17:40:00")
    assert len(text) == len("2026-03-04T17:40:00+01:00")


def test_from_iso_naive_becomes_aware() -> None:
    assert from_iso("2026-03-04T17:40:00").tzinfo is not None


@pytest.mark.parametrize("text", ["", "yesterday", "2026-02-30T00:00:00+01:00"])
def test_from_iso_errors_quote_the_text(text: str) -> None:
    with pytest.raises(DateError) as info:
        from_iso(text)
    assert f'"{text}"' in str(info.value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 3, 4), "4 Mar 2026"),
        (at(2026, 12, 25, 23, 59), "25 Dec 2026"),
        (date(1900, 1, 1), "1 Jan 1900"),
    ],
)
def test_human_date(value: date, text: str) -> None:
    assert human_date(value) == text


def test_round_trip_through_parse_when() -> None:
    assert parse_when(to_iso(at(2026, 3, 4, 17, 40)), MON) == at(2026, 3, 4, 17, 40)


def test_import_does_not_load_dateutil() -> None:
    """The CLI fast path imports journal.dates; dateutil.parser must stay lazy."""
    modules = "journal.dates, journal.periods, journal.timestamps"
    code = f"import sys, {modules}; sys.exit('dateutil' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def test_a_leap_day_without_a_year_is_the_nearest_one() -> None:
    assert parse_when("29 Feb", MON).date() == date(2024, 2, 29)
    assert parse_date("29 February", MON) == date(2028, 2, 29)
