"""The self-assessment: what the journal says about each goal in a review period.

Builds an `Assessment` (`journal.review.assessment`) from the goal-graph passes
(`journal.review.passes`) plus the review's readiness. Pure: it takes records (or reads
a store) and returns dataclasses; nothing is written.
Evidence rolls up: an entry linked to a sub-goal, or to a personal goal that supports or
hangs under a company goal, counts toward that company goal too. One pass over the
entries does all the work, so a year of a 10k-entry journal stays fast.
A saved review (see `journal.review.saved`) adds ratings, narratives and dropped evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from journal.goals import GoalGraph
from journal.periods import Period
from journal.progress import AT_RISK, measurable
from journal.records import Entry, Goal, Review, Skill
from journal.review.assessment import Assessment, Readiness
from journal.review.feedback import feedback_report
from journal.review.passes import (
    GoalReports,
    chart_months,
    creation_key,
    gaps_and_stale,
    report_skills,
    sort_entries,
    walk_company,
)
from journal.review.saved import DEFAULT_SCALE, default_title

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore


def assess_store(
    store: JournalStore, period: Period, review: Review | None = None, today: date | None = None
) -> Assessment:
    """The assessment of a store's journal (reads only)."""
    return assess(store.raw_entries(), store.goals.all(), store.skills.all(), period, review, today)


def assess(
    entries: Iterable[Entry],
    goals: list[Goal],
    skills: list[Skill],
    period: Period,
    review: Review | None = None,
    today: date | None = None,
) -> Assessment:
    """Build the assessment. `today` (if given) bounds staleness and charts for open periods.

    Passes: file the entries once over the goal graph, chart months from their span, the
    goal reports (company tree, personal), gaps and stale goals, skills, readiness."""
    review = review or {}
    as_of = min(period.end, today) if today else period.end
    graph = GoalGraph.of(sorted(goals, key=creation_key))
    sorted_ = sort_entries(entries, graph, skills, period)
    in_period = sorted_.in_period
    span = (
        min((e["when"][:10] for e in in_period), default=None),
        max((e["when"][:10] for e in in_period), default=None),
    )
    months = chart_months(period, as_of, [date.fromisoformat(d) for d in span if d])
    reports = GoalReports(graph, sorted_.found, review, period, as_of, months, sorted_.checkins)
    top_reports = reports.company()
    personal = reports.personal()
    walked = walk_company(top_reports)
    gaps, stale = gaps_and_stale(walked, as_of)
    skill_reports = report_skills(skills, sorted_, review)
    feedback = sorted_.feedback
    why_ids = sorted_.why_ids

    summary = str(review.get("summary") or "")
    readiness = Readiness(
        goals=len(top_reports),
        with_evidence=sum(1 for r in top_reports if r.evidence or r.done_in_period),
        rated=sum(1 for r in top_reports if r.rating),
        narrated=sum(1 for r in top_reports if r.narrative.strip()),
        summary=bool(summary.strip()),
    )
    return Assessment(
        period=period,
        as_of=as_of,
        today=today or as_of,
        title=str(review.get("title") or default_title(period)),
        status=str(review.get("status") or "draft"),
        scale=tuple(review.get("scale") or DEFAULT_SCALE),
        summary=summary,
        next_steps=str(review.get("next_steps") or ""),
        review_id=review.get("id"),
        goals=top_reports,
        personal=personal,
        gaps=gaps,
        stale=stale,
        feedback=feedback_report(feedback, why_ids),
        skills=skill_reports,
        readiness=readiness,
        months=months,
        entry_count=len(in_period),
        overdue=[r for r in walked + personal if r.overdue],
        at_risk=[
            r
            for r in walked + personal
            if r.progress is not None and r.progress.status == AT_RISK and measurable(r.goal)
        ],
        achievements=[r for r in walked + personal if r.done_in_period],
    )
