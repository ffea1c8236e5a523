"""The local clock and stored timestamps: now, ISO 8601 in and out, the time zone a
phrase is read in, entries dated ahead, and dates written for people (`4 Mar 2026`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from journal.errors import DateError

# fmt: off
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
# fmt: on


def local_now() -> datetime:
    """Timezone-aware current local time."""
    return datetime.now().astimezone()


def to_iso(dt: datetime) -> str:
    """Seconds precision, offset always present (naive input is taken as local)."""
    return (dt if dt.tzinfo is not None else dt.astimezone()).isoformat(timespec="seconds")


FUTURE_SLACK = timedelta(minutes=1)  # clocks and rounding: `now` is never "future"
FUTURE_NOTE = "in the future: it will sit at the top of every list until then"


def in_future(when: datetime, now: datetime) -> bool:
    """An entry dated after now is kept as typed, but said (CLI and editor alike)."""
    return when > now + FUTURE_SLACK


def from_iso(text: str) -> datetime:
    """Read a stored timestamp; the stored offset is kept, naive input is taken as local."""
    try:
        dt = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise DateError(f'cannot read "{text}" as an ISO timestamp') from None
    return dt if dt.tzinfo is not None else dt.astimezone()


def human_date(d: date | datetime) -> str:
    """Reader-friendly '4 Mar 2026', independent of the process locale."""
    return f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


def resolve_now(now: datetime | None) -> tuple[datetime, tzinfo | None]:
    """tz None means 'system local rules', which get DST right for other dates."""
    if now is None:
        return local_now(), None
    if now.tzinfo is None:
        return now.astimezone(), None
    return now, now.tzinfo
