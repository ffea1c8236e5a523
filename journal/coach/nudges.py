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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from journal.coach.settings import CoachSettings
from journal.coach.snoozes import Snoozes, from_meta
from journal.coach.streak import is_weekly_review, review_days, streak
from journal.models import Record
from journal.query import goal_family

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

    entries: list[Record]
    goals: list[Record]
    skills: list[Record]
    reviews: list[Record]
    meta: dict[str, Any]


def tables_of(source: Any) -> Tables:
    """Records from a mapping (table -> records), or an object with `entries`, `goals`,
    `skills`, `reviews` and `meta` (attributes or methods: a snapshot or a store)."""

    def get(name: str) -> Any:
        if isinstance(source, Mapping):
            return source.get(name)
        if name == "entries" and hasattr(source, "raw_entries"):
            return source.raw_entries()  # a store: no copies of 10k entries
        value = getattr(source, name, None)
        return value() if callable(value) else value

    def listed(value: Any) -> list[Record]:
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
        self.goal_latest: dict[str, date] = {}
        self.skill_latest: dict[str, date] = {}
        self.checkins: dict[str, list[Record]] = {}
        self.feedback: list[tuple[Record, date]] = []
        self.weekly: list[Record] = []
        for entry in tables.entries:
            day = day_of(entry.get("when"))
            if day is None:
                continue
            kind = entry.get("kind")
            for goal_id in entry.get("goals") or ():
                if day > self.goal_latest.get(goal_id, date.min):
                    self.goal_latest[goal_id] = day
                if kind == "checkin":
                    self.checkins.setdefault(goal_id, []).append(entry)
            if kind != "feedback":
                for skill_id in entry.get("skills") or ():
                    if day > self.skill_latest.get(skill_id, date.min):
                        self.skill_latest[skill_id] = day
            elif entry.get("sentiment") in ("constructive", "mixed"):
                self.feedback.append((entry, day))
            if is_weekly_review(entry):
                self.weekly.append(entry)
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


def active(record: Record) -> bool:
    return bool(record.get("status", "active") == "active")


def urgency(days: int, threshold: int) -> float:
    """0..9.9: how far past its threshold a nudge is, so the staler one ranks first."""
    return min(9.9, max(0, days - threshold) / 10)


def quiet_goals(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    for goal in scan.tables.goals:
        if not active(goal):
            continue
        gap = since(scan.latest_for_goal(goal["id"]), goal.get("created"), today)
        if gap is None or gap[0] < s.quiet_goal_days:
            continue
        code = str(goal.get("code") or goal["id"])
        yield Nudge(
            "quiet-goal",
            code,
            str(goal.get("title") or code),
            f"no evidence in {gap[0]} days ({gap[1].replace('none', 'no evidence')})",
            f'journal add win "WHAT YOU DID" --goal {code}',
            WEIGHT["quiet-goal"] + urgency(gap[0], s.quiet_goal_days),
            goal["id"],
        )


def feedback_to_act_on(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    personal = {g["id"] for g in scan.tables.goals if g.get("scope") == "personal"}
    why = {e for skill in scan.tables.skills for e in skill.get("why") or ()}
    for entry, day in scan.feedback:
        age = (today - day).days
        if age <= s.feedback_days or age > s.feedback_window_days:
            continue
        if entry.get("skills") or entry["id"] in why or personal & set(entry.get("goals") or ()):
            continue
        source = f" from {entry['source']}" if entry.get("source") else ""
        yield Nudge(
            "feedback-to-act-on",
            entry["id"],
            str(entry.get("title", "")),
            f"{entry.get('sentiment')} feedback{source}, {plural(age, 'day')} old, "
            "linked to no skill or personal goal",
            f'journal skill add "SKILL TO DEVELOP" --from-entry {entry["id"]}',
            WEIGHT["feedback-to-act-on"] + urgency(age, s.feedback_days),
            entry["id"],
        )


def idle_skills(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    for skill in scan.tables.skills:
        if not active(skill):
            continue
        gap = since(scan.skill_latest.get(skill["id"]), skill.get("created"), today)
        if gap is None or gap[0] < s.idle_skill_days:
            continue
        code = str(skill.get("code") or skill["id"])
        yield Nudge(
            "idle-skill",
            code,
            str(skill.get("name") or code),
            f"no practice entry in {gap[0]} days ({gap[1].replace('none', 'no practice')})",
            f'journal add reflection "HOW YOU PRACTISED" --skill {code}',
            WEIGHT["idle-skill"] + urgency(gap[0], s.idle_skill_days),
            skill["id"],
        )


def has_metric(goal: Record) -> bool:
    metric = goal.get("metric")
    return isinstance(metric, dict) and metric.get("target") is not None


def unsmart_goals(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    for goal in scan.tables.goals:
        if goal.get("scope") != "personal" or not active(goal):
            continue
        missing = []
        if not (goal.get("measure") or has_metric(goal)):
            missing.append("a measure")
        if not (goal.get("target") or has_metric(goal)):
            missing.append("a target")
        if not goal.get("due"):
            missing.append("a due date")
        unwoven = not goal.get("supports")
        if not missing and not unwoven:
            continue
        parts = [f"missing {', '.join(missing)}"] if missing else []
        if unwoven:
            parts.append("supports no company goal")
        code = str(goal.get("code") or goal["id"])
        flags = {
            "a measure": '--measure "M"',
            "a target": '--target "T"',
            "a due date": '--due "W"',
        }
        options = [flags[m] for m in missing] + (["--supports CODE"] if unwoven else [])
        yield Nudge(
            "unsmart-goal",
            code,
            str(goal.get("title") or code),
            f"{'; '.join(parts)} ({len(missing) + unwoven} of 4 SMART checks fail)",
            f"journal goal edit {code} {' '.join(options)}",
            WEIGHT["unsmart-goal"] + len(missing) + unwoven,
            goal["id"],
        )


def weekly_review_due(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    days = review_days(scan.weekly)
    current = streak(days, today)
    past = [d for d in days if d <= today]
    if past:
        gap = (today - past[-1]).days
        if gap < s.weekly_review_days:
            return
        why = f"last weekly review {plural(gap, 'day')} ago ({past[-1].isoformat()})"
    else:
        gap = s.weekly_review_days
        why = "no weekly review yet"
    yield Nudge(
        "weekly-review-due",
        "weekly",
        "Weekly review",
        f"{why}; streak: {plural(current, 'week')}",
        "journal weekly",
        WEIGHT["weekly-review-due"] + urgency(gap, s.weekly_review_days),
    )


def reviews_coming(scan: Scan, today: date, s: CoachSettings) -> Iterable[Nudge]:
    company = [
        g
        for g in scan.tables.goals
        if g.get("scope", "company") == "company" and g.get("status") != "dropped"
    ]
    for review in scan.tables.reviews:
        if review.get("status") == "final":
            continue
        period = review.get("period") or {}
        start, end = day_of(period.get("start")), day_of(period.get("end"))
        if start is None or end is None:
            continue
        left = (end - today).days
        if not 0 <= left <= s.review_coming_days:
            continue
        parts = review.get("goals") or {}
        unrated = [g for g in company if not (parts.get(g["id"]) or {}).get("rating")]
        gaps = [g for g in company if not evidence_between(scan, g["id"], start, end)]
        if not unrated and not gaps:
            continue
        label = period.get("label") or f"{start}..{end}"
        yield Nudge(
            "review-coming",
            review["id"],
            str(review.get("title") or label),
            f"period ends in {plural(left, 'day')} ({end.isoformat()}): "
            f"{plural(len(unrated), 'goal')} unrated, {len(gaps)} with no evidence",
            f'journal review export --period "{label}"',
            WEIGHT["review-coming"] + (9.9 - min(9.9, left / 3)),
            review["id"],
        )


def evidence_between(scan: Scan, goal_id: str, start: date, end: date) -> bool:
    family = scan.family.get(goal_id, frozenset({goal_id}))
    for entry in scan.tables.entries:
        if family.isdisjoint(entry.get("goals") or ()):
            continue
        day = day_of(entry.get("when"))
        if day is not None and start <= day <= end:
            return True
    return False


Kind = Callable[[Scan, date, CoachSettings], Iterable[Nudge]]
KINDS: dict[str, Kind] = {
    "quiet-goal": quiet_goals,
    "feedback-to-act-on": feedback_to_act_on,
    "idle-skill": idle_skills,
    "unsmart-goal": unsmart_goals,
    "weekly-review-due": weekly_review_due,
    "review-coming": reviews_coming,
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
