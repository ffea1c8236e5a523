"""From a piece of feedback to a development goal: its title, and where to weave it in.

`theme_title` names the goal after the feedback's theme (its first tag, else the skill it
is linked to), never after the sentence itself. `rank_company_goals` proposes the active
company goals to pursue it through, by overlap with the feedback:

- 3 points when the feedback entry itself is linked to the goal,
- 1 point for each other entry sharing one of its tags that is linked to the goal,
- 1 point for each other entry within `NEAR_DAYS` days of it that is linked to the goal,

where a link to a personal goal counts for the company goals it supports or hangs
under. Highest score first, then by code; goals with no overlap come last, so every
company goal can still be chosen. Pure: the same answer for the CLI and the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from journal.records import Entry, Goal, Skill

NEAR_DAYS = 14
LINKED, SHARED_TAG, NEAR = 3, 1, 1


@dataclass(frozen=True)
class Proposal:
    """A company goal to weave the new goal into, with its score and why."""

    goal: Goal
    score: int
    reasons: tuple[str, ...] = field(default=())


def theme_of(entry: Entry, skills: Iterable[Skill] = ()) -> str:
    """The feedback's theme: its first tag (hyphens read as spaces), else its skill's name."""
    tags = [t for t in entry.get("tags", []) if t not in ("feedback", "1on1", "ask")]
    if tags:
        return str(tags[0]).replace("-", " ").replace("_", " ")
    names = {s["id"]: s["name"] for s in skills}
    for skill_id in entry.get("skills", []):
        if skill_id in names:
            name = str(names[skill_id])  # "Presenting" reads as "my presenting"; "SQL" stays
            return name[:1].lower() + name[1:] if name[1:2].islower() else name
    return ""


def theme_title(entry: Entry, skills: Iterable[Skill] = ()) -> str:
    """A development goal's title from the feedback's theme: 'Improve my influencing'."""
    theme = theme_of(entry, skills)
    if theme:
        return f"Improve my {theme}"
    source = entry.get("source")
    return f"Act on the feedback from {source}" if source else "Act on this feedback"


def company_targets(goal_ids: Iterable[str], by_id: dict[str, Goal]) -> set[str]:
    """The company goals a set of links counts for (a personal goal: those it serves)."""
    found: set[str] = set()
    for goal_id in goal_ids:
        goal = by_id.get(goal_id)
        if goal is None:
            continue
        if goal.get("scope") == "company":
            found.add(goal_id)
            continue
        for anchor in [goal.get("parent"), *goal.get("supports", [])]:
            if anchor in by_id and by_id[anchor].get("scope") == "company":
                found.add(str(anchor))
    return found


def _when(entry: Entry) -> datetime | None:
    try:
        return datetime.fromisoformat(str(entry["when"])[:19])
    except (KeyError, ValueError):
        return None


def rank_company_goals(
    entry: Entry, entries: Iterable[Entry], goals: Iterable[Goal]
) -> list[Proposal]:
    """Active company goals ranked by overlap with the feedback `entry` (see the module)."""
    by_id = {g["id"]: g for g in goals}
    candidates = [
        g
        for g in by_id.values()
        if g.get("scope") == "company" and g.get("status", "active") == "active"
    ]
    scores = {g["id"]: 0 for g in candidates}
    reasons: dict[str, list[str]] = {g["id"]: [] for g in candidates}
    for goal_id in company_targets(entry.get("goals", []), by_id):
        if goal_id in scores:
            scores[goal_id] += LINKED
            reasons[goal_id].append("the feedback is linked to it")
    tags = set(entry.get("tags", []))
    when = _when(entry)
    tagged: dict[str, int] = {}
    near: dict[str, int] = {}
    for other in entries:
        if other.get("id") == entry.get("id"):
            continue
        targets = company_targets(other.get("goals", []), by_id) & scores.keys()
        if not targets:
            continue
        shares = bool(tags & set(other.get("tags", [])))
        other_when = _when(other)
        close = bool(when and other_when and abs(other_when - when) <= timedelta(NEAR_DAYS))
        for goal_id in targets:
            if shares:
                tagged[goal_id] = tagged.get(goal_id, 0) + 1
            if close:
                near[goal_id] = near.get(goal_id, 0) + 1
    for goal_id, n in tagged.items():
        scores[goal_id] += n * SHARED_TAG
        reasons[goal_id].append(f"{n} entr{'y' if n == 1 else 'ies'} with its tags")
    for goal_id, n in near.items():
        scores[goal_id] += n * NEAR
        reasons[goal_id].append(f"{n} entr{'y' if n == 1 else 'ies'} near it in time")
    ranked = [Proposal(g, scores[g["id"]], tuple(reasons[g["id"]])) for g in candidates]
    return sorted(ranked, key=lambda p: (-p.score, str(p.goal.get("code", ""))))
