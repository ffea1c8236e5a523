"""The nudge kinds read from goal progress (`journal.progress`): goals off track, and
measurable goals with no recent check-in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from journal.coach.scan import WEIGHT, Nudge, Scan, active, day_of, plural, since, urgency
from journal.coach.settings import CoachSettings
from journal.progress import AT_RISK, BEHIND, OVERDUE, progress, start_of

OFF_TRACK = (OVERDUE, AT_RISK, BEHIND)


def off_track(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    for goal in scan.tables.goals:
        if not active(goal):
            continue
        found = progress(goal, scan.checkins.get(goal["id"], ()), today)
        if found.status not in OFF_TRACK:
            continue
        code = str(goal.get("code") or goal["id"])
        done = "" if found.percent is None else f"{found.percent:.0f}% done"
        if found.status == OVERDUE:
            due = day_of(goal.get("due")) or today
            late = (today - due).days
            reason = f"overdue since {due.isoformat()} ({plural(late, 'day')})"
            reason += f", {done}" if done else ""
            score = WEIGHT["off-track"] + 5 + min(4.9, late / 10)
        else:
            expected = found.expected or 0.0
            reason = f"{found.status}: {done}, {expected:.0f}% expected by now"
            if goal.get("due"):
                reason += f" (due {goal['due']})"
            score = WEIGHT["off-track"] + min(4.9, (expected - (found.percent or 0)) / 20)
        action = (
            f"journal checkin {code} VALUE" if goal.get("metric") else f"journal goal show {code}"
        )
        yield Nudge(
            "off-track", code, str(goal.get("title") or code), reason, action, score, goal["id"]
        )


def no_checkin(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    for goal in scan.tables.goals:
        if not active(goal) or not goal.get("metric"):
            continue
        days = [d for e in scan.checkins.get(goal["id"], ()) if (d := day_of(e.get("when")))]
        latest = max((d for d in days if d <= today), default=None)
        start = start_of(goal)
        gap = since(latest, start.isoformat() if start else goal.get("created"), today)
        if gap is None or gap[0] < s.no_checkin_days:
            continue
        code = str(goal.get("code") or goal["id"])
        yield Nudge(
            "no-checkin",
            code,
            str(goal.get("title") or code),
            f"no check-in in {gap[0]} days ({gap[1].replace('none', 'no check-in')})",
            f"journal checkin {code} VALUE",
            WEIGHT["no-checkin"] + urgency(gap[0], s.no_checkin_days),
            goal["id"],
        )
