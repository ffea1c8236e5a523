"""Two review cycles side by side: ratings, evidence, feedback, and last cycle's actions.

`compare(before, after, entries)` takes the two assessments (each built from its saved
review) and answers what changed per goal, how the feedback balance moved, and what
happened to each development action the earlier review planned for the next period:
the evidence linked since, to the goals or skills the action names. `previous_review`
finds the cycle before a review, for the review screen. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from journal.progress import Progress, measurable
from journal.records import Entry, Goal, Review, Skill, entry_order
from journal.review.assessment import Assessment, GoalReport
from journal.review.feedback import SourceCount
from journal.review.saved import period_of

_ACTION = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")


@dataclass(frozen=True)
class GoalChange:
    goal_id: str
    code: str
    title: str
    rating_before: str | None
    rating_after: str | None
    rating_step: int | None  # places moved on the scale (+1: one better), None if unknown
    evidence_before: int
    evidence_after: int
    # where a measurable goal stood at each cycle's end (None: no metric or milestones)
    progress_before: Progress | None = None
    progress_after: Progress | None = None


@dataclass
class Action:
    """A development action from the earlier review and the evidence linked since."""

    text: str
    goals: list[str] = field(default_factory=list)  # codes it names
    skills: list[str] = field(default_factory=list)
    since: list[Entry] = field(default_factory=list)


@dataclass
class Comparison:
    before: Assessment
    after: Assessment
    goals: list[GoalChange]
    feedback_before: SourceCount
    feedback_after: SourceCount
    actions: list[Action]


def previous_review(review: Review, reviews: Iterable[Review]) -> Review | None:
    """The cycle before `review`: the saved review whose period ended last before this
    one starts (None for the first)."""
    start = str(period_of(review).get("start") or "")
    earlier = [
        r
        for r in reviews
        if r.get("id") != review.get("id") and str(period_of(r).get("end") or "9999") < start
    ]
    if not earlier:
        return None
    return max(earlier, key=lambda r: (str(r["period"]["end"]), str(r.get("updated", ""))))


def _step(before: Assessment, after: Assessment, rb: str | None, ra: str | None) -> int | None:
    if rb is None or ra is None or rb not in before.scale or ra not in after.scale:
        return None
    return after.scale.index(ra) - before.scale.index(rb)


def _measured(rep: GoalReport | None) -> Progress | None:
    """The report's progress when the goal is measurable (a metric or milestones)."""
    if rep is None or rep.progress is None or not measurable(rep.goal):
        return None
    return rep.progress


def _progress_data(found: Progress | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"current": found.current, "percent": found.percent, "status": found.status}


def _progress_cell(found: Progress | None) -> str:
    if found is None:
        return "-"
    percent = "?" if found.percent is None else f"{found.percent:.0f}%"
    return f"{percent} ({found.status})"


def actions_of(text: str) -> list[str]:
    """The actions in a 'next period' text: its list items, else its non-blank lines."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    items = [m.group(1).strip() for ln in lines if (m := _ACTION.match(ln))]
    return items or lines


_GoalOrSkill = TypeVar("_GoalOrSkill", Goal, Skill)


def _names(text: str, records: list[_GoalOrSkill], what: str) -> list[_GoalOrSkill]:
    """The goals or skills an action names, by code (as a word) or by full title/name."""
    low = text.lower()
    hits = []
    for record in records:
        code = str(record.get("code", ""))
        title = str(record.get(what, "")).lower()
        if (code and re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", low)) or (
            title and title in low
        ):
            hits.append(record)
    return hits


def compare(
    before: Assessment,
    after: Assessment,
    entries: Iterable[Entry],
    goals: list[Goal],
    skills: list[Skill],
) -> Comparison:
    """What changed from the `before` cycle to the `after` one."""
    b_goals = {r.id: r for r in before.company_goals()}
    a_goals = {r.id: r for r in after.company_goals()}
    order = list(b_goals) + [g for g in a_goals if g not in b_goals]
    changes = []
    for goal_id in order:
        rb, ra = b_goals.get(goal_id), a_goals.get(goal_id)
        rep = ra or rb
        assert rep is not None
        changes.append(
            GoalChange(
                goal_id,
                rep.code,
                rep.title,
                rb.rating if rb else None,
                ra.rating if ra else None,
                _step(before, after, rb.rating if rb else None, ra.rating if ra else None),
                len(rb.evidence) if rb else 0,
                len(ra.evidence) if ra else 0,
                _measured(rb),
                _measured(ra),
            )
        )
    since_day = before.period.end.isoformat()
    until_day = after.period.end.isoformat()
    later = [e for e in entries if since_day < e["when"][:10] <= until_day]
    actions = []
    for text in actions_of(before.next_steps):
        named_goals = _names(text, goals, "title")
        named_skills = _names(text, skills, "name")
        goal_ids = {g["id"] for g in named_goals}
        skill_ids = {s["id"] for s in named_skills}
        since = sorted(
            (e for e in later if goal_ids & set(e["goals"]) or skill_ids & set(e["skills"])),
            key=entry_order,
        )
        actions.append(
            Action(text, [g["code"] for g in named_goals], [s["code"] for s in named_skills], since)
        )
    return Comparison(
        before, after, changes, before.feedback.counts, after.feedback.counts, actions
    )


def _tone(c: SourceCount) -> dict[str, int]:
    return {"total": c.total, "praise": c.praise, "constructive": c.constructive, "mixed": c.mixed}


def _cycle(a: Assessment) -> dict[str, Any]:
    return {
        "review": a.review_id,
        "title": a.title,
        "period": {
            "start": a.period.start.isoformat(),
            "end": a.period.end.isoformat(),
            "label": a.period.label,
        },
    }


def to_data(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data (stable field names)."""
    return {
        "before": _cycle(c.before),
        "after": _cycle(c.after),
        "goals": [
            {
                "code": g.code,
                "title": g.title,
                "rating_before": g.rating_before,
                "rating_after": g.rating_after,
                "rating_step": g.rating_step,
                "evidence_before": g.evidence_before,
                "evidence_after": g.evidence_after,
                "progress_before": _progress_data(g.progress_before),
                "progress_after": _progress_data(g.progress_after),
            }
            for g in c.goals
        ],
        "feedback": {"before": _tone(c.feedback_before), "after": _tone(c.feedback_after)},
        "actions": [
            {
                "text": a.text,
                "goals": a.goals,
                "skills": a.skills,
                "evidence_since": [
                    {"id": e["id"], "when": e["when"], "kind": e["kind"], "title": e["title"]}
                    for e in a.since
                ],
            }
            for a in c.actions
        ],
    }


def _cell(text: str) -> str:
    """User text in a Markdown table cell: one line, pipes and marks escaped."""
    flat = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", flat)


def _arrow(step: int | None) -> str:
    if step is None:
        return ""
    return "same" if step == 0 else (f"up {step}" if step > 0 else f"down {-step}")


def to_markdown(c: Comparison) -> str:
    b, a = c.before, c.after
    out = [
        f"# {_cell(b.title)} \u2192 {_cell(a.title)}",
        "",
        f"{b.period.label} compared with {a.period.label}.",
        "",
        "## Goals",
        "",
        "| Goal | Rating before | Rating after | Change | Evidence before | Evidence after |",
        "| --- | --- | --- | --- | ---: | ---: |",
    ]
    for g in c.goals:
        out.append(
            f"| {_cell(g.title)} (`{g.code}`) | {_cell(g.rating_before or '-')} | "
            f"{_cell(g.rating_after or '-')} | {_arrow(g.rating_step) or '-'} | "
            f"{g.evidence_before} | {g.evidence_after} |"
        )
    measured = [g for g in c.goals if g.progress_before or g.progress_after]
    if measured:
        out += [
            "",
            "## Progress",
            "",
            "| Goal | At the end of before | At the end of after |",
            "| --- | --- | --- |",
        ]
        out += [
            f"| {_cell(g.title)} (`{g.code}`) | {_progress_cell(g.progress_before)} | "
            f"{_progress_cell(g.progress_after)} |"
            for g in measured
        ]
    fb, fa = c.feedback_before, c.feedback_after
    out += [
        "",
        "## Feedback balance",
        "",
        "| | Praise | Constructive | Mixed | Total |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| Before | {fb.praise} | {fb.constructive} | {fb.mixed} | {fb.total} |",
        f"| After | {fa.praise} | {fa.constructive} | {fa.mixed} | {fa.total} |",
        "",
        "## Last cycle's next-period actions",
        "",
    ]
    if not c.actions:
        out.append("The earlier review planned no next-period actions.")
    for action in c.actions:
        named = ", ".join(f"`{x}`" for x in action.goals + action.skills)
        out.append(f"- {_cell(action.text)}" + (f" ({named})" if named else ""))
        if not named:
            out.append("  - names no goal or skill code, so no evidence can be linked to it")
        elif not action.since:
            out.append("  - no linked evidence since")
        for e in action.since:
            out.append(f"  - {e['when'][:10]}: {_cell(e['title'])} ({e['kind']})")
    return "\n".join(out) + "\n"
