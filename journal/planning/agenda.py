"""1:1 preparation: the agenda since the last 1:1, and the action items that carry forward.

A 1:1 is an entry tagged `1on1` (optionally `with` someone, and with `actions`: items
`{"text", "done_on"}`). The agenda covers what happened after the last one (with that
person, when asked), or since a given day: wins, goal progress and what is off track,
feedback received, constructive feedback not yet acted on (no skill or goal came from it,
at any time), what I need from my manager (entries tagged `ask`, and the answer to a
weekly review's "manager" question), personal goals and their agreement, and every
action item of earlier 1:1s still open. Action items are numbered once, across all
1:1s oldest first, so `journal action done N` names the same item from any agenda.
Pure: the journal's records and `now` in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from journal.planning.describe import agreement_line
from journal.progress import progress
from journal.records import Entry, Goal, Skill, entry_order

MEETING_TAG = "1on1"
ASK_TAG = "ask"
WEEKLY_TAG = "weekly"
OFF_TRACK = ("behind", "at risk", "overdue")


@dataclass(frozen=True)
class ActionItem:
    """One action item of a 1:1: its stable number, text, and where it lives."""

    number: int
    text: str
    done_on: str | None
    meeting_id: str
    index: int
    meeting_when: str


@dataclass(frozen=True)
class Agenda:
    """What to bring to the next 1:1."""

    who: str | None
    since: str | None  # the boundary: the last 1:1's time, a day, or None (everything)
    since_label: str
    wins: tuple[Entry, ...]
    progress: tuple[tuple[Goal, int, str], ...]  # goal, entries since, status
    off_track: tuple[tuple[Goal, str], ...]  # goal, why
    feedback: tuple[Entry, ...]
    not_acted_on: tuple[Entry, ...]
    asks: tuple[str, ...]
    personal: tuple[tuple[Goal, str], ...]  # goal, agreement line
    open_actions: tuple[ActionItem, ...]


def is_meeting(entry: Entry, who: str | None = None) -> bool:
    if MEETING_TAG not in entry.get("tags", []):
        return False
    return who is None or str(entry.get("with") or "").casefold() == who.casefold()


def meetings(entries: Iterable[Entry], who: str | None = None) -> list[Entry]:
    """The 1:1 notes (with `who`, when given), oldest first."""
    return sorted((e for e in entries if is_meeting(e, who)), key=entry_order)


def action_items(entries: Iterable[Entry]) -> list[ActionItem]:
    """Every 1:1's action items, numbered from 1 across all 1:1s, oldest first."""
    items: list[ActionItem] = []
    for meeting in meetings(entries):
        for index, action in enumerate(meeting.get("actions") or []):
            items.append(
                ActionItem(
                    len(items) + 1,
                    action["text"],
                    action.get("done_on"),
                    meeting["id"],
                    index,
                    meeting["when"],
                )
            )
    return items


def after(entry: Entry, since: str | None) -> bool:
    """After the boundary: a 1:1's full time (strictly after), or a day (from that day)."""
    if since is None:
        return True
    if len(since) == 10:
        return str(entry["when"])[:10] >= since
    return entry_order(entry) > since[:19]


def manager_answer(body: str) -> str:
    """A weekly review's answer to its question about the manager (its `## ...` section)."""
    lines: list[str] = []
    inside = False
    for line in body.splitlines():
        if line.startswith("## "):
            inside = "manager" in line.casefold()
            continue
        if inside and line.strip():
            lines.append(line.strip())
    return " ".join(lines)


def _acted_on(goals: list[Goal], skills: list[Skill]) -> set[str]:
    return {e for record in [*goals, *skills] for e in record.get("why") or []}


def build_agenda(
    entries: list[Entry],
    goals: list[Goal],
    skills: list[Skill],
    now: date,
    who: str | None = None,
    since_day: date | None = None,
) -> Agenda:
    """The agenda for the next 1:1 (with `who`), since `since_day` or the last 1:1.

    The last 1:1 is the last one held by today: a future-dated one (a typo of the year)
    must not push the boundary past everything written since."""
    held = meetings(entries, who)
    last = [m for m in held if str(m["when"])[:10] <= now.isoformat()]
    if since_day is not None:
        since: str | None = since_day.isoformat()
        label = f"since {since}"
    elif last:
        since = last[-1]["when"]
        label = f"since the last 1:1 on {since[:10]}"
    else:
        since, label = None, "no earlier 1:1 found: everything so far"
    recent = sorted((e for e in entries if after(e, since) and not is_meeting(e)), key=entry_order)
    by_id = {g["id"]: g for g in goals}
    counts: dict[str, int] = {}
    for entry in recent:
        for goal_id in entry.get("goals", []):
            if goal_id in by_id:
                counts[goal_id] = counts.get(goal_id, 0) + 1
    active = sorted(
        (g for g in goals if g.get("status", "active") == "active"),
        key=lambda g: (g.get("scope", ""), g["code"]),
    )
    moved, off = [], []
    for goal in active:
        status = progress(goal, entries, now).status
        if counts.get(goal["id"]):
            moved.append((goal, counts[goal["id"]], status))
        late = [
            s
            for s in goal.get("steps") or []
            if (due := s.get("due")) and not s.get("done_on") and due < now.isoformat()
        ]
        if status in OFF_TRACK:
            off.append((goal, status))
        elif late:
            off.append((goal, f"{len(late)} plan step{'s' if len(late) > 1 else ''} past due"))
    acted = _acted_on(goals, skills)
    asks = [e["title"] for e in recent if ASK_TAG in e.get("tags", [])]
    asks += [
        answer
        for e in recent
        if WEEKLY_TAG in e.get("tags", [])
        if (answer := manager_answer(str(e.get("body") or "")))
    ]
    with_them = {m["id"] for m in held}
    open_items = [
        a
        for a in action_items(entries)
        if not a.done_on and (who is None or a.meeting_id in with_them)
    ]
    return Agenda(
        who=who,
        since=since,
        since_label=label,
        wins=tuple(e for e in recent if e["kind"] == "win"),
        progress=tuple(moved),
        off_track=tuple(off),
        feedback=tuple(e for e in recent if e["kind"] == "feedback"),
        not_acted_on=tuple(
            e
            for e in sorted(entries, key=entry_order)
            if e["kind"] == "feedback"
            and e.get("sentiment") == "constructive"
            and e["id"] not in acted
            and not e.get("skills")
        ),
        asks=tuple(asks),
        personal=tuple((g, agreement_line(g)) for g in active if g.get("scope") == "personal"),
        open_actions=tuple(open_items),
    )
