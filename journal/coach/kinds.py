"""The nudge kinds read from evidence: quiet goals, feedback to act on, idle skills, goals
that are not SMART, a weekly review due, a review coming. Each yields `Nudge`s from one
`Scan`; thresholds come from `CoachSettings` (boundaries: see `journal.coach.nudges`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from journal.coach.scan import WEIGHT, Nudge, Scan, active, day_of, plural, since, urgency
from journal.coach.settings import CoachSettings
from journal.coach.streak import review_days, streak
from journal.records import Goal
from journal.review.saved import period_of


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


def has_metric(goal: Goal) -> bool:
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
        period = period_of(review)
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
