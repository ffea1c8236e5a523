"""The weekly-review habit: which entries are weekly reviews, and the streak of weeks.

A weekly review is a `reflection` entry tagged `weekly`. The streak counts consecutive
ISO weeks (Monday to Sunday) that hold one, back from this week; a week not yet reviewed
does not break it until it is over. Weeks are compared by their Monday, so a streak runs
across a year boundary (2026-W53 then 2027-W01) like any other week.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from journal.records import Entry

WEEKLY_TAG = "weekly"


def is_weekly_review(entry: Entry) -> bool:
    return entry.get("kind") == "reflection" and WEEKLY_TAG in (entry.get("tags") or ())


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def review_days(entries: Iterable[Entry]) -> list[date]:
    """The dates of every weekly review, oldest first."""
    days = []
    for entry in entries:
        if is_weekly_review(entry):
            try:
                days.append(date.fromisoformat(str(entry["when"])[:10]))
            except ValueError:
                continue
    return sorted(days)


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive ISO weeks with a weekly review, ending this week (or last week while
    this one is still open)."""
    weeks = {week_start(d) for d in days if d <= today}
    current = week_start(today)
    if current not in weeks:
        current -= timedelta(days=7)
    count = 0
    while current in weeks:
        count += 1
        current -= timedelta(days=7)
    return count
