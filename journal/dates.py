"""Turn the date phrases people type into datetimes and days (`parse_when`).

Periods and due dates (`parse_period`, `parse_date`) build on these phrases in
`journal.periods`; the clock and ISO timestamps are `journal.timestamps`.

Rules (mirrored in the README):

* Numeric dates are day first: ``02/03/2025`` is 2 March 2025. ``yyyy-mm-dd`` (also with ``/``
  or ``.``) is always year-month-day. An impossible day (``31/02``, ``02/13/2025``) is an error;
  we never swap day and month behind the user's back.
* ``now``, ``today`` and ``N hours|minutes ago`` keep the current time of day. A phrase that
  names a day without a clock time gets 12:00 (``3 days ago`` too; ``3 days ago 4pm`` is 16:00),
  so a later time-zone or DST shift cannot move it to another day.
* A day-month without a year that would lie in the future means last year for ``parse_when``
  (journals are about the past); ``parse_date`` keeps the current year (due dates lie ahead).
* Years must be 1900..2999. Anything unreadable raises ``DateError``; nothing becomes today.
"""

from __future__ import annotations

import calendar
import re
import warnings
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import Any

from journal.errors import DateError
from journal.timestamps import MONTH_NAMES, human_date, resolve_now

MIN_YEAR, MAX_YEAR = 1900, 2999

MONTHS = {n.lower()[:k]: i for i, n in enumerate(MONTH_NAMES, 1) for k in (3, len(n))}
MONTHS["sept"] = 9
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {n.lower()[:k]: i for i, n in enumerate(_WEEKDAY_NAMES) for k in (3, len(n))}
_WEEKDAYS |= {"tues": 1, "thur": 3, "thurs": 3}
_UNITS = {u: f"{u}s" for u in ("second", "minute", "hour", "day", "week", "month", "year")}
_UNITS |= {"sec": "seconds", "min": "minutes", "hr": "hours"}

_TIME = r"noon|midday|midnight|\d{1,2}(?::\d{2}){0,2}\s*[ap]\.?m\.?|\d{1,2}:\d{2}(?::\d{2})?"
_TRAILING_TIME = rf"(?:(?P<rest>.*?)\s+)??(?:at\s+)?(?P<t>{_TIME})"
_LEADING_TIME = rf"(?:at\s+)?(?P<t>{_TIME})\s+(?P<rest>.+)"
_CLOCK = r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?"
_RELATIVE = r"(?:(?P<in>in)\s+)?(?P<n>\d+|an?|one)\s+(?P<u>[a-z]+?)s?(?P<ago>\s+ago)?"
_WEEKDAY = r"(?:(last|next)\s+)?([a-z]+)"
_YMD = r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
_DMY = r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?"
_TIME_TOKEN = rf"(?<![\d:])(?:{_TIME})(?![a-z\d:])"
_ISO_DATETIME = r"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}.*"

_WHEN_HELP = (
    "try now, today, yesterday 5pm, friday 14:30, last friday, 3 days ago, "
    "2026-03-04 17:40, 4 March 2026, or 04/03/2026 (day first)"
)


class Unreadable(Exception):
    """Why a (sub-)phrase failed; the parse_* functions wrap it with the phrase and help."""


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """When something happened, as an aware local datetime (seconds precision)."""
    now, tz = resolve_now(now)
    try:
        return read_when(text, now, tz, past=True)
    except Unreadable as exc:
        raise DateError(f'cannot read "{text}" as a date: {exc}; {_WHEN_HELP}') from None


# --- internals -------------------------------------------------------------------------------


def _localize(naive: datetime, tz: tzinfo | None) -> datetime:
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def checked_year(y: int) -> int:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise Unreadable(f"year {y} is outside {MIN_YEAR}..{MAX_YEAR}")
    return y


def _day(y: int, m: int, d: int) -> date:
    """Build a date, explaining (rather than swapping) impossible day/month pairs."""
    checked_year(y)
    if not 1 <= m <= 12:
        raise Unreadable(f"there is no month {m}")
    try:
        return date(y, m, d)
    except ValueError:
        raise Unreadable(f"{MONTH_NAMES[m - 1]} {y} has no day {d}") from None


def _yearless(m: int, d: int, today: date, past: bool) -> date:
    """Journals look back: a day-month still ahead this year means last year (if past)."""
    y = today.year - 1 if past and (m, d) > (today.month, today.day) else today.year
    if (m, d) == (2, 29):  # the most recent (or, for due dates, next) leap day
        step = -1 if past else 1
        while not calendar.isleap(y):
            y += step
    return _day(y, m, d)


def add_months(d: date, n: int) -> date:
    """Calendar month arithmetic with end-of-month clamping (31 Mar - 1 month = 28/29 Feb)."""
    y, m0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    if not 1 <= y <= 9998:
        raise Unreadable("that is too far away")
    next_first = date(y + 1, 1, 1) if m0 == 11 else date(y, m0 + 2, 1)
    return date(y, m0 + 1, min(d.day, (next_first - timedelta(days=1)).day))


def _clock(text: str) -> time:
    """A clock time we peeled off a phrase: 17:40, 5pm, 5:15 p.m., noon, midnight."""
    named = {"noon": "12:00", "midday": "12:00", "midnight": "0:00"}
    match = re.fullmatch(_CLOCK, named.get(text, text))
    try:
        assert match is not None  # _TIME and _CLOCK agree; this only narrows the type
        h, mi, s = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        if match[4] and not 1 <= h <= 12:
            raise ValueError(text)
        return time(h % 12 + 12 * (match[4] == "p") if match[4] else h, mi, s)
    except ValueError:
        raise Unreadable(f'"{text}" is not a time') from None


def _day_part(s: str, today: date, past: bool) -> date | None:
    """Our own day phrases; None means 'not ours, let dateutil try'."""
    if s in ("", "today"):
        return today
    if s in ("yesterday", "tomorrow"):
        return today + timedelta(days=1 if s == "tomorrow" else -1)
    if (found := _relative_day(s, today)) is not None:
        return found
    if (m := re.fullmatch(_WEEKDAY, s)) and m[2] in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[m[2]]) % 7
        if m[1] == "next":
            return today + timedelta(days=(7 - back) or 7)
        return today - timedelta(days=back or (7 if m[1] == "last" else 0))
    if m := re.fullmatch(_YMD, s):
        return _day(int(m[1]), int(m[3]), int(m[4]))
    if m := re.fullmatch(_DMY, s):
        d, mon = int(m[1]), int(m[3])
        if m[4] is None:
            return _yearless(mon, d, today, past)
        y = int(m[4]) + (2000 if len(m[4]) == 2 else 0)
        return _day(y, mon, d)
    if re.fullmatch(r"\d{8}", s):
        return _day(int(s[:4]), int(s[4:6]), int(s[6:]))
    return None


def read_when(text: str, now: datetime, tz: tzinfo | None, past: bool) -> datetime:
    original = " ".join(text.split())
    s = original.lower()
    if not s:
        raise Unreadable("it is empty")
    try:
        result = _when_inner(original, s, now, tz, past)
    except (OverflowError, ValueError):
        raise Unreadable("that is out of range") from None
    checked_year(result.year)
    return result


def _relative(s: str) -> tuple[str, int] | None:
    """'3 days ago' -> ('days', -3); 'in an hour' -> ('hours', 1); None if not that shape."""
    if (m := re.fullmatch(_RELATIVE, s)) and bool(m["in"]) != bool(m["ago"]):
        unit = _UNITS.get(m["u"])
        if unit is None:
            raise Unreadable(f'"{m["u"]}" is not a unit (days, weeks, months, years, hours...)')
        n = 1 if m["n"] in ("a", "an", "one") else int(m["n"])
        return unit, -n if m["ago"] else n
    return None


def _relative_day(s: str, today: date) -> date | None:
    """'3 days ago', 'in 2 weeks', 'a year ago': a day, so it takes a time or 12:00."""
    found = _relative(s)
    if found is None or found[0] not in ("days", "weeks", "months", "years"):
        return None
    unit, n = found
    if unit in ("months", "years"):
        return add_months(today, n * (12 if unit == "years" else 1))
    return today + timedelta(**{unit: n})


def _when_inner(original: str, s: str, now: datetime, tz: tzinfo | None, past: bool) -> datetime:
    if s in ("now", "today"):
        return now.replace(microsecond=0)
    if (shift := _relative(s)) and shift[0] in ("seconds", "minutes", "hours"):
        unit, n = shift
        return (now.replace(microsecond=0) + timedelta(**{unit: n})).astimezone(tz)
    if re.fullmatch(_ISO_DATETIME, s):
        try:
            dt = datetime.fromisoformat(s.upper())
        except ValueError:
            raise Unreadable("it looks like ISO 8601 but is not valid") from None
        if dt.tzinfo is None:
            return _localize(dt.replace(microsecond=0), tz)
        return dt.replace(microsecond=0).astimezone(tz)
    candidates: list[tuple[str, str | None]] = [(s, None)]
    for pattern in (_TRAILING_TIME, _LEADING_TIME):
        if m := re.fullmatch(pattern, s):
            candidates.append((m["rest"] or "", m["t"]))
    today = now.date()
    for rest, clock_text in candidates:
        found = _day_part(rest, today, past)
        if found is not None:
            clock = _clock(clock_text) if clock_text else time(12)
            return _localize(datetime.combine(found, clock), tz)
    if s.isdigit():
        raise Unreadable("a bare number is not a date")
    return _dateutil(original, s, today, tz, past)


# Two defaults that differ in every field: comparing both parses shows which fields were typed.
_DEFAULT_A = datetime(1904, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(1908, 2, 8, 1, 1, 1)  # a week apart, so a bare weekday moves the day


@cache
def _parser() -> Any:
    """Imported lazily: dateutil.parser costs ~10 ms, and most phrases never need it."""
    from dateutil.parser import parser

    return parser()


def _dateutil(original: str, s: str, today: date, tz: tzinfo | None, past: bool) -> datetime:
    """Worded dates (4 March, March 4 2026 5pm) via dateutil, strictly: no fuzzy mode.

    dateutil happily reads stray numbers as years or hours ('march 12 at 12' -> 2012), so the
    phrase must hold a month name, one day number and at most one 4-digit year besides a time.
    """
    if len(re.findall(_TIME_TOKEN, s)) > 1:
        raise Unreadable("it has more than one time of day")
    numbers = re.findall(r"\d+", re.sub(_TIME_TOKEN, " ", s))
    days, years = [n for n in numbers if len(n) <= 2], [n for n in numbers if len(n) == 4]
    words = re.findall(r"[a-z]+", s)
    if not any(w in MONTHS for w in words) or (len(days), len(numbers)) != (1, 1 + len(years)):
        raise Unreadable("give a day, a month name and maybe a 4-digit year, e.g. 4 March 2026")
    p = _parser()
    original = re.sub(r"\b(?:noon|midday)\b", "12:00", original, flags=re.IGNORECASE)
    original = re.sub(r"\bmidnight\b", "00:00", original, flags=re.IGNORECASE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. UnknownTimezoneWarning: a dropped word
            a = p.parse(original, default=_DEFAULT_A, dayfirst=True)
            b = p.parse(original, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError, TypeError, Warning):
        raise Unreadable("this is not a date we know") from None
    year_typed = a.year == b.year
    typed = [a.day] + ([a.year] if year_typed else [])
    if (a.month, a.day) != (b.month, b.day) or typed != [int(n) for n in days + years]:
        raise Unreadable("this is not a date we know")  # dateutil used a number differently
    day = _day(a.year, a.month, a.day) if year_typed else _yearless(a.month, a.day, today, past)
    for word in words:
        if word in _WEEKDAYS and _WEEKDAYS[word] != day.weekday():
            raise Unreadable(f"{human_date(day)} is a {_WEEKDAY_NAMES[day.weekday()]}")
    clock = time(12)
    if a.hour == b.hour:  # an hour was typed; untyped minutes/seconds are zero
        minute, second = (a.minute, a.second) if a.minute == b.minute else (0, 0)
        clock = time(a.hour, minute, second if a.second == b.second else 0)
    naive = datetime.combine(day, clock)
    if a.tzinfo is None:
        return _localize(naive, tz)
    return naive.replace(tzinfo=a.tzinfo).astimezone(tz)
