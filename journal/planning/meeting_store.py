"""Writing 1:1 notes and ticking off their action items, each one checked, atomic write."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from journal.errors import ValidationError
from journal.models import check_text
from journal.planning.agenda import MEETING_TAG, ActionItem, action_items
from journal.records import Entry
from journal.store.journal_store import JournalStore


def add_meeting(
    store: JournalStore,
    text: str,
    actions: Iterable[str] = (),
    *,
    who: str | None = None,
    when: datetime | None = None,
    tags: Iterable[str] = (),
) -> Entry:
    """A 1:1 note: a `note` entry tagged `1on1`, with `who` and its open action items."""
    items = [
        {"text": check_text(a, "an action item (--action)").strip(), "done_on": None}
        for a in actions
    ]
    extra: dict[str, object] = {"actions": items}
    if who is not None:
        extra["with"] = check_text(who, "who the 1:1 was with (--with)").strip()
    return store.entries.add_many(
        [{"kind": "note", "text": text, "when": when, "tags": [MEETING_TAG, *tags], **extra}]
    )[0]


def find_action(entries: Iterable[Entry], number: int) -> ActionItem:
    """Action item `number` (as the agenda numbers them), or a message with the range."""
    items = action_items(entries)
    if not 1 <= number <= len(items):
        have = f"items 1-{len(items)}" if items else "no action items yet"
        raise ValidationError(f"there is no action item {number} ({have}): see `journal 1on1`")
    return items[number - 1]


def done_action(store: JournalStore, number: int, *, undo: bool = False) -> ActionItem:
    """Mark action item `number` done today (or open again, with `undo`)."""
    with store.transaction():
        item = find_action(store.raw_entries(), number)
        meeting = store.entries.get(item.meeting_id)
        actions = [dict(a) for a in meeting.get("actions") or []]
        actions[item.index]["done_on"] = None if undo else store.now_iso()[:10]
        store.entries.update(meeting["id"], actions=actions)
        return find_action(store.raw_entries(), number)
