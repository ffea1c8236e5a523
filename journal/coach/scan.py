"""The coach's parts every nudge kind shares: the Nudge, the tables it reads, and one
pass over the entries (latest evidence per goal and skill, check-ins, feedback, weekly
reviews) so the whole coach reads a 10k-entry journal once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from journal.coach.streak import is_weekly_review
from journal.goals import goal_family
from journal.records import Entry, Goal, Review, Skill

# Most important first: the order ties are broken in, and the base of each score.
WEIGHT = {
    "off-track": 90,
    "review-coming": 80,
    "weekly-review-due": 70,
    "feedback-to-act-on": 60,
    "no-checkin": 50,
    "quiet-goal": 40,
    "idle-skill": 30,
    "unsmart-goal": 20,
}
# The app key that leads to what resolves each kind (the Coach screen's enter does it).
KEY = {
    "off-track": "g",
    "review-coming": "r",
    "weekly-review-due": "w",
    "feedback-to-act-on": "s",
    "no-checkin": "g",
    "quiet-goal": "g",
    "idle-skill": "s",
    "unsmart-goal": "g",
}


@dataclass(frozen=True)
class Nudge:
    """One thing to do next. `about` is a goal or skill code, an entry or review id, or
    `weekly`; `target` is the record id the app opens."""

    kind: str
    about: str
    title: str
    reason: str
    action: str
    score: float
    target: str | None = None

    @property
    def key(self) -> str:
        """The nudge's name for `journal coach snooze/dismiss`: KIND:ABOUT."""
        return f"{self.kind}:{self.about}"

    @property
    def tui_key(self) -> str:
        return KEY[self.kind]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "about": self.about,
            "title": self.title,
            "reason": self.reason,
            "action": self.action,
            "key": self.key,
            "tui_key": self.tui_key,
        }


@dataclass(frozen=True)
class Tables:
    """The records the coach reads."""

    entries: list[Entry]
    goals: list[Goal]
    skills: list[Skill]
    reviews: list[Review]
    meta: dict[str, Any]


def tables_of(source: Any) -> Tables:
    """Records from a mapping (table -> records), or an object with `entries`, `goals`,
    `skills`, `reviews` and `meta` (a snapshot's tuples, or a store's tables and method)."""

    def get(name: str) -> Any:
        if isinstance(source, Mapping):
            return source.get(name)
        if name == "entries" and hasattr(source, "raw_entries"):
            return source.raw_entries()  # a store: no copies of 10k entries
        value: Any = getattr(source, name, None)
        if hasattr(value, "all"):
            return value.all()  # a store's table: `store.goals.all()`
        return value() if callable(value) else value

    def listed(value: Any) -> list[Any]:
        if value is None:
            return []
        return list(value.values() if isinstance(value, Mapping) else value)

    meta = get("meta") or {}
    if isinstance(meta, Mapping) and "1" in meta and isinstance(meta["1"], Mapping):
        meta = meta["1"]  # a raw TinyDB table
    return Tables(
        entries=listed(get("entries")),
        goals=listed(get("goals")),
        skills=listed(get("skills")),
        reviews=listed(get("reviews")),
        meta=dict(meta),
    )


def day_of(stamp: Any) -> date | None:
    try:
        return date.fromisoformat(str(stamp)[:10])
    except ValueError:
        return None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Scan:
    """One pass over the entries: the latest evidence per goal and skill, and the rest
    the kinds ask for."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.checkins: dict[str, list[Entry]] = {}
        self.feedback: list[tuple[Entry, date]] = []
        self.weekly: list[Entry] = []
        # ISO days compare as strings: dates are made once per goal and skill, not per
        # entry (this loop is most of `journal coach` at 10k entries).
        goal_days: dict[str, str] = {}
        skill_days: dict[str, str] = {}
        for entry in tables.entries:
            when = entry.get("when")
            if not isinstance(when, str) or len(when) < 10 or when[4] != "-":
                continue
            day = when[:10]
            kind = entry.get("kind")
            for goal_id in entry.get("goals") or ():
                if day > goal_days.get(goal_id, ""):
                    goal_days[goal_id] = day
                if kind == "checkin":
                    self.checkins.setdefault(goal_id, []).append(entry)
            if kind == "feedback":
                if entry.get("sentiment") in ("constructive", "mixed") and (parsed := day_of(day)):
                    self.feedback.append((entry, parsed))
                continue
            for skill_id in entry.get("skills") or ():
                if day > skill_days.get(skill_id, ""):
                    skill_days[skill_id] = day
            if kind == "reflection" and is_weekly_review(entry):
                self.weekly.append(entry)
        self.goal_latest = {k: d for k, v in goal_days.items() if (d := day_of(v))}
        self.skill_latest = {k: d for k, v in skill_days.items() if (d := day_of(v))}
        self.family = {
            g["id"]: goal_family(g["id"], tables.goals) for g in tables.goals if "id" in g
        }

    def latest_for_goal(self, goal_id: str) -> date | None:
        days = [
            self.goal_latest[g]
            for g in self.family.get(goal_id, {goal_id})
            if g in self.goal_latest
        ]
        return max(days, default=None)


def since(latest: date | None, created: Any, today: date) -> tuple[int, str] | None:
    """Days without the thing, and how to say it; None when there is no date at all."""
    if latest is not None:
        days = (today - latest).days
        return days, f"last {latest.isoformat()}, {plural(days, 'day')} ago"
    start = day_of(created)
    if start is None:
        return None
    days = (today - start).days
    return days, f"none since it was added {plural(days, 'day')} ago"


def active(record: Goal | Skill) -> bool:
    return bool(record.get("status", "active") == "active")


def urgency(days: int, threshold: int) -> float:
    """0..9.9: how far past its threshold a nudge is, so the staler one ranks first."""
    return min(9.9, max(0, days - threshold) / 10)
