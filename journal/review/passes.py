"""The passes that build an assessment over the goal graph.

One pass files the entries (evidence rolled up by the graph's credit, skill practice,
feedback), then each goal becomes its report (company tree, personal), then gaps, stale
goals and skills. Pure: records in, report dataclasses out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal.goals import STALE_DAYS, GoalGraph, overdue
from journal.periods import Period
from journal.progress import DONE, Progress, progress
from journal.records import Entry, Goal, Review, Skill, entry_order
from journal.review.assessment import Evidence, GoalReport, SkillReport
from journal.review.saved import goal_part, skill_narrative

MAX_CHART_MONTHS = 60


def creation_key(record: Entry | Goal | Skill) -> tuple[int, str]:
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
class SortedEntries:
    """The one pass over the entries: each in-period entry filed where it counts."""

    found: dict[str, list[Evidence]]
    practice: dict[str, list[Entry]]
    origins: dict[str, Entry]
    feedback: list[Entry]
    in_period: list[Entry]
    why_ids: set[str]
    checkins: dict[str, list[Entry]] = field(default_factory=dict)  # by goal id, any date


def sort_entries(
    entries: Iterable[Entry], graph: GoalGraph, skills: list[Skill], period: Period
) -> SortedEntries:
    """File each entry: goal evidence (rolled up by the graph's credit), skill practice,
    the feedback a skill came from (its origin, not practice), the period's feedback."""
    credit, families = graph.credit, graph.families
    why_ids = {e for s in skills for e in s.get("why", [])}
    origin_of = {(e, s["id"]) for s in skills for e in s.get("why", [])}
    out = SortedEntries(
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
class GoalReports:
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


def walk_company(top_reports: list[GoalReport]) -> list[GoalReport]:
    """Every company goal's report, depth first in tree order."""
    walked: list[GoalReport] = []
    for rep in top_reports:
        stack = [rep]
        while stack:
            current = stack.pop(0)
            walked.append(current)
            stack[:0] = current.children
    return walked


def gaps_and_stale(
    walked: list[GoalReport], as_of: date
) -> tuple[list[GoalReport], list[GoalReport]]:
    """Active company goals (any depth, tree order) with no evidence, or none lately."""
    active = [r for r in walked if r.goal.get("status", "active") == "active"]
    gaps = [r for r in active if not r.evidence]
    stale_before = as_of - timedelta(days=STALE_DAYS)
    stale = [r for r in active if r.latest is not None and r.latest < stale_before]
    return gaps, stale


def report_skills(skills: list[Skill], sorted_: SortedEntries, review: Review) -> list[SkillReport]:
    """Skills in id order with their practice, newest first; dropped ones only if practised."""
    practice, origins = sorted_.practice, sorted_.origins
    return [
        SkillReport(
            skill=s,
            practice=sorted(practice[s["id"]], key=entry_order, reverse=True),
            origins=[origins[e] for e in s.get("why", []) if e in origins],
            narrative=skill_narrative(review, s["id"]),
        )
        for s in sorted(skills, key=creation_key)
        if s.get("status", "active") != "dropped" or practice[s["id"]]
    ]
