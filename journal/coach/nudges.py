"""Nudges: what the coach says to do next, derived from the journal and never stored.

`nudges(source, now, settings)` reads a journal (a store, a snapshot, or a mapping of
table name to records) and returns the nudges most important first. Each says what it is
about, why (one line, with the numbers), and what resolves it: a CLI command and the app
key that leads there. Pure: the same journal and `now` give the same list, so the CLI and
the app show the same nudges. Days are calendar days of the entries' own local dates.

Boundaries (all thresholds are `CoachSettings`): a "no X in N days" nudge fires when the
last X is N or more days old; feedback fires when it is more than `feedback_days` old; a
review is "coming" when its period ends between today and `review_coming_days` from now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from journal.coach import kinds, progress_kinds
from journal.coach.scan import Nudge, Scan, tables_of
from journal.coach.settings import CoachSettings
from journal.coach.snoozes import Snoozes, from_meta

Kind = Callable[[Scan, date, CoachSettings], Iterable[Nudge]]
KINDS: dict[str, Kind] = {
    "off-track": progress_kinds.off_track,
    "no-checkin": progress_kinds.no_checkin,
    "quiet-goal": kinds.quiet_goals,
    "feedback-to-act-on": kinds.feedback_to_act_on,
    "idle-skill": kinds.idle_skills,
    "unsmart-goal": kinds.unsmart_goals,
    "weekly-review-due": kinds.weekly_review_due,
    "review-coming": kinds.reviews_coming,
}


def nudges(
    source: Any,
    now: datetime | date,
    settings: CoachSettings | None = None,
    snoozes: Snoozes | None = None,
) -> list[Nudge]:
    """The journal's nudges, most important first, without snoozed or dismissed ones
    (`snoozes` defaults to those stored in the journal's meta)."""
    settings = settings or CoachSettings()
    today = now.date() if isinstance(now, datetime) else now
    tables = tables_of(source)
    hidden = from_meta(tables.meta) if snoozes is None else snoozes
    scan = Scan(tables)
    found = [
        nudge
        for kind, make in KINDS.items()
        if kind not in settings.disabled
        for nudge in make(scan, today, settings)
        if not hidden.hides(nudge.key, today)
    ]
    return sorted(found, key=lambda n: (-n.score, n.kind, n.about))
