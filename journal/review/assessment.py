"""What an assessment is made of: each goal's evidence and report, skills, readiness.

Plain dataclasses, filled in by `journal.review.assess`; reports are not changed after.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from journal.models import KINDS
from journal.periods import Period
from journal.progress import Progress
from journal.records import Entry, Goal, Skill
from journal.review.feedback import FeedbackReport


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
