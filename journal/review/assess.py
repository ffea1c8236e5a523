"""The self-assessment: what the journal says about each goal in a review period.

Pure: it takes records (or reads a store) and returns dataclasses; nothing is written.
Evidence rolls up: an entry linked to a sub-goal, or to a personal goal that supports or
hangs under a company goal, counts toward that company goal too. One pass over the
entries does all the work, so a year of a 10k-entry journal stays fast.
A saved review (see `journal.review.saved`) adds ratings, narratives and dropped evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from journal.dates import Period
from journal.goals import STALE_DAYS, GoalGraph, overdue
from journal.models import KINDS
from journal.progress import AT_RISK, DONE, Progress, measurable, progress
from journal.records import Entry, Goal, Review, Skill, entry_order
from journal.review.feedback import FeedbackReport, feedback_report
from journal.review.saved import DEFAULT_SCALE, default_title, goal_part, skill_narrative

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

MAX_CHART_MONTHS = 60


class Evidence(NamedTuple):
    """One entry as evidence for one goal; `via` names the linked goals it came through."""

    entry: Entry
    via: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return str(self.entry["id"])

    @property
    def day(self) -> date:
        return date.fromisoformat(self.entry["when"][:10])


@dataclass
class GoalReport:
    """A goal in the period: its evidence (chosen and dropped), rating and narrative."""

    goal: Goal
    depth: int
    found: list[Evidence]
    excluded: frozenset[str] = frozenset()
    rating: str | None = None
    narrative: str = ""
    months: list[int] = field(default_factory=list)
    children: list[GoalReport] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)  # titles of supported company goals
    done_in_period: bool = False  # marked done within the period (evidence in itself)
    overdue: bool = False  # active and past its due date (as of the period's end or today)
    progress: Progress | None = None  # as of the period's end (or today), for every goal
    checkins: list[Entry] = field(default_factory=list)  # check-ins in the period, oldest first

    @property
    def id(self) -> str:
        return str(self.goal["id"])

    @property
    def code(self) -> str:
        return str(self.goal.get("code", self.goal["id"]))

    @property
    def title(self) -> str:
        return str(self.goal["title"])

    # Computed once: a report is not changed after `assess` builds it.
    @cached_property
    def evidence(self) -> list[Evidence]:
        """The chosen evidence: everything found minus what the review dropped."""
        if not self.excluded:
            return self.found
        return [e for e in self.found if e.id not in self.excluded]

    @cached_property
    def counts(self) -> dict[str, int]:
        """Chosen evidence by kind, in the model's kind order, zero kinds left out."""
        tally = Counter(e.entry["kind"] for e in self.evidence)
        return {kind: tally[kind] for kind in KINDS if tally[kind]}

    @cached_property
    def latest(self) -> date | None:
        newest = max((e.entry["when"][:10] for e in self.evidence), default=None)
        return date.fromisoformat(newest) if newest else None


@dataclass
class SkillReport:
    skill: Skill
    practice: list[Entry]
    origins: list[Entry]  # the feedback entries it came from (any date)
    narrative: str = ""

    @property
    def code(self) -> str:
        return str(self.skill.get("code", self.skill["id"]))


@dataclass(frozen=True)
class Readiness:
    """How close the review is to done: the numbers the screen and export show."""

    goals: int
    with_evidence: int
    rated: int
    narrated: int
    summary: bool

    @property
    def ready(self) -> bool:
        return self.summary and self.goals == self.with_evidence == self.rated == self.narrated


@dataclass
class Assessment:
    period: Period
    as_of: date  # the period's end, or today when the period is still running
    today: date
    title: str
    status: str
    scale: tuple[str, ...]
    summary: str
    next_steps: str
    review_id: str | None
    goals: list[GoalReport]  # top-level company goals, sub-goals in .children
    personal: list[GoalReport]
    gaps: list[GoalReport]
    stale: list[GoalReport]
    feedback: FeedbackReport
    skills: list[SkillReport]
    readiness: Readiness
    months: list[tuple[int, int]]
    entry_count: int
    overdue: list[GoalReport] = field(default_factory=list)  # active goals past their due
    at_risk: list[GoalReport] = field(default_factory=list)  # measurable goals far behind
    achievements: list[GoalReport] = field(default_factory=list)  # done in the period

    def company_goals(self) -> list[GoalReport]:
        """Top-level company goals and their sub-goals, in walking order."""
        out: list[GoalReport] = []

        def walk(report: GoalReport) -> None:
            out.append(report)
            for child in report.children:
                walk(child)

        for report in self.goals:
            walk(report)
        return out

    def all_goals(self) -> list[GoalReport]:
        return self.company_goals() + self.personal


def assess_store(
    store: JournalStore, period: Period, review: Review | None = None, today: date | None = None
) -> Assessment:
    """The assessment of a store's journal (reads only)."""
    return assess(store.raw_entries(), store.goals.all(), store.skills.all(), period, review, today)


def _number(record: Entry | Goal | Skill) -> tuple[int, str]:
    """Creation order: the numeric part of the id, e.g. g12 -> 12."""
    ident = str(record["id"])
    digits = "".join(ch for ch in ident if ch.isdigit())
    return (int(digits) if digits else 0, ident)


def _order(found: list[Evidence]) -> list[Evidence]:
    """Starred first, then newest first (by local time written); one stable sort."""
    found.sort(key=lambda e: (bool(e.entry.get("starred")), entry_order(e.entry)), reverse=True)
    return found


def chart_months(period: Period, as_of: date, days: Iterable[date]) -> list[tuple[int, int]]:
    """The months the charts cover: the period up to `as_of`, clipped to the data if huge."""
    end = min(period.end, max(as_of, period.start))
    clipped = Period(period.start, end, period.label)
    months = clipped.months()
    if len(months) > MAX_CHART_MONTHS:
        seen = sorted({(d.year, d.month) for d in days})
        months = [m for m in months if seen and seen[0] <= m <= seen[-1]][-MAX_CHART_MONTHS:]
    return months


@dataclass
class _Sorted:
    """The one pass over the entries: each in-period entry filed where it counts."""

    found: dict[str, list[Evidence]]
    practice: dict[str, list[Entry]]
    origins: dict[str, Entry]
    feedback: list[Entry]
    in_period: list[Entry]
    why_ids: set[str]
    checkins: dict[str, list[Entry]] = field(default_factory=dict)  # by goal id, any date


def _sort_entries(
    entries: Iterable[Entry], graph: GoalGraph, skills: list[Skill], period: Period
) -> _Sorted:
    """File each entry: goal evidence (rolled up by the graph's credit), skill practice,
    the feedback a skill came from (its origin, not practice), the period's feedback."""
    credit, families = graph.credit, graph.families
    why_ids = {e for s in skills for e in s.get("why", [])}
    origin_of = {(e, s["id"]) for s in skills for e in s.get("why", [])}
    out = _Sorted(
        {g["id"]: [] for g in graph.goals}, {s["id"]: [] for s in skills}, {}, [], [], why_ids
    )
    found, practice = out.found, out.practice
    for entry in entries:
        if entry["id"] in why_ids:
            out.origins[entry["id"]] = entry
        if entry["kind"] == "checkin":  # progress reads check-ins of any date up to as_of
            for goal_id in entry["goals"]:
                out.checkins.setdefault(goal_id, []).append(entry)
        if not period.contains(entry["when"]):
            continue
        out.in_period.append(entry)
        if entry["kind"] == "feedback":
            out.feedback.append(entry)
        for skill_id in entry["skills"]:
            if skill_id in practice and (entry["id"], skill_id) not in origin_of:
                practice[skill_id].append(entry)
        linked = entry["goals"]
        if not linked:
            continue
        if len(linked) == 1:  # the common case, kept cheap
            single = (linked[0],)
            for target in credit.get(linked[0], ()):
                found[target].append(Evidence(entry, () if target == linked[0] else single))
            continue
        targets = {t for g in linked for t in credit.get(g, ())}
        for target in targets:
            family = families[target]
            via = tuple(g for g in linked if g != target and g in family)
            found[target].append(Evidence(entry, via))
    return out


def _done_in(goal: Goal, period: Period) -> bool:
    """Done within the period: by the day it was marked done, else by its due date."""
    if goal.get("status") != "done":
        return False
    when = goal.get("done_on") or goal.get("due")
    return bool(when) and period.start.isoformat() <= str(when)[:10] <= period.end.isoformat()


def _reached_in(found: Progress, period: Period) -> bool:
    """A metric's target reached by a check-in within the period."""
    if found.status != DONE or found.target is None or not found.checkins:
        return False
    return period.start.isoformat() <= found.checkins[-1].when <= period.end.isoformat()


def _shown(rep: GoalReport) -> bool:
    """Active goals always; done or dropped ones when they have evidence or were done here."""
    return rep.goal.get("status", "active") == "active" or bool(rep.found) or rep.done_in_period


@dataclass(frozen=True)
class _GoalReports:
    """How to turn one goal into its report: the evidence, the review, the chart months."""

    graph: GoalGraph
    found: dict[str, list[Evidence]]
    review: Review
    period: Period
    as_of: date
    months: list[tuple[int, int]]
    checkins: dict[str, list[Entry]]

    def report(self, goal: Goal, depth: int) -> GoalReport:
        part = goal_part(self.review, goal["id"])
        by_id = self.graph.by_id
        own = self.checkins.get(goal["id"], [])
        found_progress = progress(goal, own, self.as_of)
        rep = GoalReport(
            goal=goal,
            depth=depth,
            found=_order(self.found[goal["id"]]),
            excluded=frozenset(part.get("excluded") or ()),
            rating=part.get("rating") or None,
            narrative=part.get("narrative") or "",
            supports=[by_id[s]["title"] for s in goal.get("supports", []) if s in by_id],
            done_in_period=_done_in(goal, self.period) or _reached_in(found_progress, self.period),
            overdue=overdue(goal, self.as_of),
            progress=found_progress,
            checkins=sorted((c for c in own if self.period.contains(c["when"])), key=entry_order),
        )
        slot = {m: i for i, m in enumerate(self.months)}
        rep.months = [0] * len(self.months)
        for ev in rep.evidence:
            when = ev.entry["when"]
            index = slot.get((int(when[:4]), int(when[5:7])))
            if index is not None:
                rep.months[index] += 1
        return rep

    def company(self) -> list[GoalReport]:
        """The company goals as a tree of reports, those not worth showing left out."""
        tops, children = self.graph.company_tree()

        def build(goal: Goal, depth: int) -> GoalReport:
            rep = self.report(goal, depth)
            kids = [build(child, depth + 1) for child in children.get(goal["id"], [])]
            rep.children = [k for k in kids if _shown(k)]
            return rep

        return [r for r in (build(g, 0) for g in tops) if _shown(r)]

    def personal(self) -> list[GoalReport]:
        goals = (g for g in self.graph.goals if g.get("scope") != "company")
        return [r for r in (self.report(g, 0) for g in goals) if _shown(r)]


def _walk(top_reports: list[GoalReport]) -> list[GoalReport]:
    """Every company goal's report, depth first in tree order."""
    walked: list[GoalReport] = []
    for rep in top_reports:
        stack = [rep]
        while stack:
            current = stack.pop(0)
            walked.append(current)
            stack[:0] = current.children
    return walked


def _gaps_and_stale(
    walked: list[GoalReport], as_of: date
) -> tuple[list[GoalReport], list[GoalReport]]:
    """Active company goals (any depth, tree order) with no evidence, or none lately."""
    active = [r for r in walked if r.goal.get("status", "active") == "active"]
    gaps = [r for r in active if not r.evidence]
    stale_before = as_of - timedelta(days=STALE_DAYS)
    stale = [r for r in active if r.latest is not None and r.latest < stale_before]
    return gaps, stale


def _skill_reports(skills: list[Skill], sorted_: _Sorted, review: Review) -> list[SkillReport]:
    """Skills in id order with their practice, newest first; dropped ones only if practised."""
    practice, origins = sorted_.practice, sorted_.origins
    return [
        SkillReport(
            skill=s,
            practice=sorted(practice[s["id"]], key=entry_order, reverse=True),
            origins=[origins[e] for e in s.get("why", []) if e in origins],
            narrative=skill_narrative(review, s["id"]),
        )
        for s in sorted(skills, key=_number)
        if s.get("status", "active") != "dropped" or practice[s["id"]]
    ]


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
    graph = GoalGraph.of(sorted(goals, key=_number))
    sorted_ = _sort_entries(entries, graph, skills, period)
    in_period = sorted_.in_period
    span = (
        min((e["when"][:10] for e in in_period), default=None),
        max((e["when"][:10] for e in in_period), default=None),
    )
    months = chart_months(period, as_of, [date.fromisoformat(d) for d in span if d])
    reports = _GoalReports(graph, sorted_.found, review, period, as_of, months, sorted_.checkins)
    top_reports = reports.company()
    personal = reports.personal()
    walked = _walk(top_reports)
    gaps, stale = _gaps_and_stale(walked, as_of)
    skill_reports = _skill_reports(skills, sorted_, review)
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
