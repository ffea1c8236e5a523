"""Reporting periods and due dates: `Period`, the ranges people type (`2026`, `H1`,
`last 6 months`, `since March`, `a..b`), and due dates that may name a period's end.

Built on the day phrases of `journal.dates`; the same rules apply (see its docstring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property

from journal.dates import (
    MAX_YEAR,
    MIN_YEAR,
    MONTHS,
    Unreadable,
    add_months,
    checked_year,
    read_when,
)
from journal.errors import DateError
from journal.timestamps import MONTH_NAMES, human_date, resolve_now

_HALF_OR_QUARTER = (
    r"(?P<k>[hq])(?P<n>\d)(?:\s+(?P<y>\d{4}))?|(?P<y2>\d{4})[-\s]?(?P<k2>[hq])(?P<n2>\d)"
)
_MONTH_PERIOD = r"(?P<m>[a-z]+)(?:\s+(?P<y>\d{4}))?|(?P<y2>\d{4})-(?P<m2>\d{1,2})"
_LAST_N = r"(?:last|past)\s+(\d+)\s+(day|week|month|quarter|year)s?"

_DUE_HELP = (
    "try end of year, end of Q2, June 2027, 30 June 2027, 2027-06-30, next friday, or in 3 weeks"
)
_PERIOD_HELP = (
    "try 2026, H1 2026, 2026-Q3, Q3, this/last week|month|quarter|year, March 2026, "
    "last 6 months, since March, 2026-01-01..2026-06-30, all, or a single date"
)


@dataclass(frozen=True)
class Period:
    """An inclusive range of local dates, e.g. for a report."""

    start: date
    end: date
    label: str

    @cached_property
    def _bounds(self) -> tuple[str, str]:
        # Not a field (asdict/fields stay start, end, label); contains() runs per entry in a scan.
        return self.start.isoformat(), self.end.isoformat()

    def contains(self, when_iso: str) -> bool:
        """String compare on the local date part, avoiding datetime parsing per entry."""
        lo, hi = self._bounds
        return lo <= when_iso[:10] <= hi

    def months(self) -> list[tuple[int, int]]:
        """(year, month) for each calendar month the period touches, in order."""
        y, m = self.start.year, self.start.month
        out: list[tuple[int, int]] = []
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def parse_date(text: str, now: datetime | None = None) -> date:
    """A due date: parse_when's phrases (a yearless day-month stays in this year), and a
    period's last day: `March 2027`, `end of year`, `end of Q2`, `end of H1 2027`."""
    now, tz = resolve_now(now)
    try:
        return _due(text, now, tz)
    except Unreadable as exc:
        raise DateError(f'cannot read "{text}" as a date: {exc}; {_DUE_HELP}') from None


def parse_period(text: str, now: datetime | None = None) -> Period:
    """A reporting period; calendar units get canonical labels, other phrases keep their text."""
    now, _ = resolve_now(now)
    try:
        return _period(text, now, past=True)
    except Unreadable as exc:
        raise DateError(f'cannot read "{text}" as a period: {exc}; {_PERIOD_HELP}') from None


def _due(text: str, now: datetime, tz: tzinfo | None) -> date:
    s = " ".join(text.split()).lower()
    if m := re.fullmatch(r"(?:the\s+)?end\s+of\s+(?:the\s+)?(.+)", s):
        rest = f"this {m[1]}" if m[1] in ("week", "month", "quarter", "year") else m[1]
        return _period(rest, now, past=False).end
    if (m := re.fullmatch(r"([a-z]+)\s+\d{4}", s)) and m[1] in MONTHS:  # March 2027
        return _period(s, now, past=False).end
    return read_when(text, now, tz, past=False).date()


def _period(text: str, now: datetime, past: bool) -> Period:
    original = " ".join(text.split())
    s, today = original.lower(), now.date()
    if not s:
        raise Unreadable("it is empty")
    if ".." in s:
        left, _, right = original.partition("..")
        left, right = left.strip(), right.strip()
        if not left or not right or ".." in right:
            raise Unreadable("a range needs one start and one end, e.g. 2026-01-01..today")
        return _span(_side(left, now).start, _side(right, now).end, f"{left}..{right}")
    if s == "all":
        return Period(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31), "all")
    if s.startswith("since "):
        return _span(_period(original[6:], now, past=True).start, today, original)
    if re.fullmatch(r"\d{4}", s):
        y = checked_year(int(s))
        return Period(date(y, 1, 1), date(y, 12, 31), str(y))
    if m := re.fullmatch(_HALF_OR_QUARTER, s):
        kind, n = (m["k"], int(m["n"])) if m["k"] else (m["k2"], int(m["n2"]))
        y = checked_year(int(m["y"] or m["y2"] or today.year))
        size = 6 if kind == "h" else 3
        if not 1 <= n <= 12 // size:
            raise Unreadable(f"there is no {kind.upper()}{n}")
        return _months_period(y, (n - 1) * size + 1, size, f"{kind.upper()}{n} {y}")
    if (m := re.fullmatch(_MONTH_PERIOD, s)) and (m["m2"] or m["m"] in MONTHS):
        if m["m2"]:
            y, mon = checked_year(int(m["y2"])), int(m["m2"])
            if not 1 <= mon <= 12:
                raise Unreadable(f"there is no month {mon}")
        elif m["y"]:
            y, mon = checked_year(int(m["y"])), MONTHS[m["m"]]
        else:
            mon = MONTHS[m["m"]]  # "March" alone: the most recent March when looking back
            y = today.year - 1 if past and mon > today.month else today.year
        return _months_period(y, mon, 1, f"{MONTH_NAMES[mon - 1]} {y}")
    if m := re.fullmatch(r"(this|last)\s+(week|month|quarter|year)", s):
        back = m[1] == "last"
        if m[2] == "week":
            monday = today - timedelta(days=today.weekday() + 7 * back)
            return Period(monday, monday + timedelta(days=6), f"week of {human_date(monday)}")
        if m[2] == "year":
            y = today.year - back
            return Period(date(y, 1, 1), date(y, 12, 31), str(y))
        size = 1 if m[2] == "month" else 3
        first = add_months(date(today.year, (today.month - 1) // size * size + 1, 1), -size * back)
        label = (
            f"{MONTH_NAMES[first.month - 1]} {first.year}"
            if size == 1
            else f"Q{(first.month - 1) // 3 + 1} {first.year}"
        )
        return _months_period(first.year, first.month, size, label)
    if m := re.fullmatch(_LAST_N, s):
        n = int(m[1])
        if n < 1:
            raise Unreadable("the count must be at least 1")
        if m[2] in ("day", "week"):
            try:
                start = today - timedelta(days=n * (7 if m[2] == "week" else 1))
            except OverflowError:
                raise Unreadable("that is too far away") from None
        else:
            start = add_months(today, -n * {"month": 1, "quarter": 3, "year": 12}[m[2]])
        return _span(start, today, original)
    day = read_when(original, now, now.tzinfo, past).date()
    return Period(day, day, original)


def _side(text: str, now: datetime) -> Period:
    """One end of an a..b range: a due-date style phrase (no year shift) or a period."""
    try:
        return _period(text, now, past=False)
    except Unreadable as exc:
        raise Unreadable(f'"{text}": {exc}') from None


def _months_period(y: int, month: int, count: int, label: str) -> Period:
    start = date(y, month, 1)
    return Period(start, add_months(start, count) - timedelta(days=1), label)


def _span(start: date, end: date, label: str) -> Period:
    """Validated start..end: ordered and inside the supported years."""
    checked_year(start.year)
    checked_year(end.year)
    if end < start:
        raise Unreadable(f"the end {human_date(end)} is before the start {human_date(start)}")
    return Period(start, end, label)
