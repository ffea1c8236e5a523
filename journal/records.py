"""The shapes of the journal's four records, as the storage holds them, and their order.

Records are plain dicts (what TinyDB stores); these TypedDicts name every field a record
may carry, so a reader can see the data model in one place (tests/unit/test_records.py
checks that every field the program writes is declared here). Fields added by later
features are optional: absent means empty, and no migration is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict

StoredRecord = dict[str, Any]
"""A record of any table as TinyDB holds it: the store's plumbing, tables and JSON
documents, which handle every kind alike. Code about one kind takes its TypedDict."""


class Metric(TypedDict):
    """How a goal's progress is measured: from `baseline` on `start` to `target`."""

    unit: str
    baseline: float
    target: float
    start: str | None  # YYYY-MM-DD; the store sets it to the day the goal was added


class Milestone(TypedDict):
    text: str
    due: str | None  # YYYY-MM-DD
    done_on: str | None


# One step of a goal's plan; "for" names the goal or skill it serves (a Python keyword,
# hence the functional form).
Step = TypedDict("Step", {"text": str, "due": str | None, "done_on": str | None, "for": str | None})

# Who a goal was agreed with, when (YYYY-MM-DD), and the support they promised.
Agreement = TypedDict("Agreement", {"with": str, "when": str, "support": str})


# A 1:1 note (an entry tagged 1on1, the planning feature): whom it was with, and its action
# items, carried forward until done. "with" is a Python keyword, hence this spelling.
class ActionItem(TypedDict):
    text: str
    done_on: str | None


_MeetingFields = TypedDict(
    "_MeetingFields", {"with": str | None, "actions": list[ActionItem]}, total=False
)


Confidence = Literal["low", "medium", "high"]


class Entry(_MeetingFields, total=False):
    id: str  # "e12"
    kind: str  # models.KINDS: feedback, reflection, win, note (and checkin)
    when: str  # ISO 8601 with the local UTC offset
    title: str
    body: str
    tags: list[str]
    goals: list[str]  # goal ids
    skills: list[str]  # skill ids
    source: str | None  # who gave the feedback
    sentiment: str | None  # models.SENTIMENTS
    starred: bool
    fingerprint: str  # an imported entry's jrnl fingerprint
    created: str
    updated: str
    # a check-in (kind "checkin"): the measured value and how sure the writer is
    value: float
    confidence: Confidence | None
    impact: str  # what the work changed (the forms feature)
    origin: dict[str, str]  # an inbox capture's {"source", "key"} (journal.storage.inbox)


class Goal(TypedDict, total=False):
    id: str  # "g3"
    code: str
    title: str
    scope: str  # models.SCOPES: company or personal
    parent: str | None  # a goal id
    supports: list[str]  # goal ids a personal goal is woven into
    measure: str | None
    target: str | None
    due: str | None  # YYYY-MM-DD
    done_on: str | None
    status: str  # models.GOAL_STATUSES
    notes: str
    created: str
    updated: str
    metric: Metric | None
    milestones: list[Milestone]
    steps: list[Step]
    agreement: Agreement | None
    why: list[str]  # the feedback entry ids the goal came from (the planning feature)


class Skill(TypedDict, total=False):
    id: str  # "s2"
    code: str
    name: str
    level: int | None  # 1-5
    target_level: int | None
    plan: str
    status: str  # models.SKILL_STATUSES
    why: list[str]  # the entries (feedback) the skill came from
    created: str
    updated: str


class ReviewPeriod(TypedDict):
    start: str
    end: str
    label: str


class GoalPart(TypedDict, total=False):
    rating: str | None
    narrative: str
    excluded: list[str]  # entry ids dropped from the evidence


class Review(TypedDict, total=False):
    id: str  # "r1"
    title: str
    period: ReviewPeriod
    scale: list[str]
    goals: dict[str, GoalPart]  # by goal id
    skills: dict[str, str]  # by skill id: how the skill grew
    summary: str
    next_steps: str
    status: str  # models.REVIEW_STATUSES
    created: str
    updated: str
    form: dict[str, Any]  # a copy of the form it was written with (journal.review.forms)
    answers: dict[str, Any]  # that form's answers, by question


def entry_order(entry: Mapping[str, Any]) -> str:
    """Sort key for entries by when they were written, in the writer's local time (the
    first 19 characters of `when`: the UTC offset is left out on purpose, so an entry
    written at 9:00 in Paris sorts with 9:00 at home, as the writer remembers it)."""
    return str(entry["when"])[:19]
