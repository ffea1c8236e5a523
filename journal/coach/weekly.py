"""The weekly review: the week's material, last week's top three, and the one write.

A review in progress is a `WeeklyDraft` (plain data, kept with `journal.drafts` under
the key `weekly` after every reply, so quitting midway loses nothing). Finished, it is
saved as ONE `reflection` entry tagged `weekly` (each answer a Markdown section, linked
to the goals chosen) plus one `checkin` entry per value given, in a single write.
The top-three answer is a task list; its open items come back next week to be ticked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal import drafts
from journal.coach.questions import TOP_THREE, is_top_three
from journal.coach.streak import WEEKLY_TAG, is_weekly_review
from journal.records import Entry

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

DRAFT_KEY = "weekly"
WEEK_DAYS = 7
_TASK = re.compile(r"^\s*[-*+]\s+(?:\[([ xX])\]\s+)?(.+?)\s*$")
LAST_WEEK = "Last week's top three"


@dataclass
class Material:
    """The week's evidence: what the review looks back on."""

    start: date
    end: date
    entries: list[Entry]
    checkins: list[Entry]
    feedback: list[Entry]
    goal_ids: list[str]  # goals the week's entries are linked to: offered for linking


@dataclass
class CheckinAnswer:
    goal: str  # goal id
    value: str  # as typed: "375ms", "34%"
    confidence: str | None = None
    note: str = ""


@dataclass
class WeeklyDraft:
    """A weekly review in progress. `answers` maps question to answer (blank: skipped);
    `carried` maps each of last week's items to done; `replies` are every reply typed,
    in order (a kept draft resumes by replaying them: see `journal.coach.walk`)."""

    questions: list[str]
    answers: dict[str, str] = field(default_factory=dict)
    carried: dict[str, bool] = field(default_factory=dict)
    top_three: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    checkins: list[CheckinAnswer] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)

    def as_fields(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> WeeklyDraft:
        """A kept draft; anything unreadable in it makes it no draft (ValueError)."""
        try:
            checkins = [CheckinAnswer(**c) for c in fields.get("checkins") or []]
            draft = cls(
                questions=[str(q) for q in fields["questions"]],
                answers={str(k): str(v) for k, v in (fields.get("answers") or {}).items()},
                carried={str(k): bool(v) for k, v in (fields.get("carried") or {}).items()},
                top_three=[str(t) for t in fields.get("top_three") or []],
                goals=[str(g) for g in fields.get("goals") or []],
                checkins=checkins,
                replies=[str(r) for r in fields.get("replies") or []],
            )
        except (KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"not a weekly review draft: {err}") from None
        return draft


def day_of(entry: Entry) -> date | None:
    try:
        return date.fromisoformat(str(entry.get("when"))[:10])
    except ValueError:
        return None


def week_material(entries: Iterable[Entry], today: date) -> Material:
    """The last seven days (today included): entries, check-ins and feedback, newest
    first; weekly reviews themselves are not material."""
    start = today - timedelta(days=WEEK_DAYS - 1)
    week = [
        e
        for e in entries
        if (d := day_of(e)) is not None and start <= d <= today and not is_weekly_review(e)
    ]
    week.sort(key=lambda e: str(e.get("when")), reverse=True)
    goal_ids = list(dict.fromkeys(g for e in week for g in e.get("goals") or ()))
    return Material(
        start,
        today,
        entries=[e for e in week if e.get("kind") not in ("checkin", "feedback")],
        checkins=[e for e in week if e.get("kind") == "checkin"],
        feedback=[e for e in week if e.get("kind") == "feedback"],
        goal_ids=goal_ids,
    )


def section(body: str, heading: str) -> str:
    """The text under a `## heading` of a Markdown body, up to the next heading."""
    found: list[str] = []
    inside = False
    for line in body.splitlines():
        if line.startswith("## "):
            inside = line[3:].strip().casefold() == heading.casefold()
            continue
        if inside:
            found.append(line)
    return "\n".join(found)


def task_items(text: str) -> list[tuple[str, bool]]:
    """The bullets of a task list: (text, done)."""
    items = []
    for line in text.splitlines():
        match = _TASK.match(line)
        if match:
            items.append((match.group(2), (match.group(1) or " ").lower() == "x"))
    return items


def last_top_three(entries: Iterable[Entry], before: datetime) -> list[str]:
    """The top three of the latest weekly review before `before`, as written."""
    cutoff = before.isoformat()
    previous = [e for e in entries if is_weekly_review(e) and str(e.get("when")) < cutoff]
    if not previous:
        return []
    latest = max(previous, key=lambda e: str(e.get("when")))
    body = str(latest.get("body") or "")
    heading = next(
        (
            line[3:].strip()
            for line in body.splitlines()
            if line.startswith("## ") and is_top_three(line)
        ),
        TOP_THREE,
    )
    return [text for text, _ in task_items(section(body, heading))]


def parse_top_three(answer: str) -> list[str]:
    """A typed top-three answer: one item per line or bullet, or separated by ';'."""
    items = []
    for line in answer.replace(";", "\n").splitlines():
        match = _TASK.match(line)
        text = (match.group(2) if match else line).strip()
        if text:
            items.append(text)
    return items


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def compose_body(draft: WeeklyDraft) -> str:
    """The reflection's body: last week's list ticked, then each answered question."""
    parts = []
    if draft.carried:
        ticks = [f"- [{'x' if done else ' '}] {item}" for item, done in draft.carried.items()]
        parts.append(f"## {LAST_WEEK}\n\n" + "\n".join(ticks))
    for question in draft.questions:
        if is_top_three(question):
            if draft.top_three:
                items = "\n".join(f"- [ ] {item}" for item in draft.top_three)
                parts.append(f"## {question}\n\n{items}")
            continue
        answer = draft.answers.get(question, "").strip()
        if answer:
            parts.append(f"## {question}\n\n{answer}")
    return "\n\n".join(parts)


def open_carried(draft: WeeklyDraft) -> list[str]:
    """Last week's items not done: they lead this week's top three."""
    return [item for item, done in draft.carried.items() if not done]


def reflection_item(draft: WeeklyDraft, now: datetime) -> dict[str, Any]:
    body = compose_body(draft)
    return {
        "kind": "reflection",
        "title": f"Weekly review {week_label(now.date())}",
        "body": body,
        "when": now,
        "tags": [WEEKLY_TAG],
        "goals": list(draft.goals),
    }


def checkin_items(store: JournalStore, draft: WeeklyDraft, now: datetime) -> list[dict[str, Any]]:
    """The check-in entries of the review (values checked against each goal's unit)."""
    from journal.goal_metrics import checkin_item

    return [
        checkin_item(
            store.goals.get(answer.goal),
            answer.value,
            when=now.isoformat(),
            note=answer.note,
            confidence=answer.confidence,
        )
        for answer in draft.checkins
    ]


def save_weekly(store: JournalStore, draft: WeeklyDraft, now: datetime) -> list[Entry]:
    """Write the reflection and its check-ins at once, then forget the draft."""
    items = [reflection_item(draft, now), *checkin_items(store, draft, now)]
    saved = store.entries.add_many(items)
    drafts.discard(store.path, DRAFT_KEY)
    return saved


def keep_draft(journal: Path, draft: WeeklyDraft) -> None:
    drafts.save(journal, DRAFT_KEY, draft.as_fields())


def load_draft(journal: Path) -> tuple[WeeklyDraft, str] | None:
    """The kept draft and when it was kept, or None."""
    kept = drafts.load(journal, DRAFT_KEY)
    if kept is None:
        return None
    try:
        return WeeklyDraft.from_fields(kept["fields"]), str(kept.get("saved", ""))
    except ValueError:
        return None


def discard_draft(journal: Path) -> None:
    drafts.discard(journal, DRAFT_KEY)
