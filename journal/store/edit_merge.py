"""Merging an edit with the record as it is now: write only what the user changed.

A dialog opens on a copy of a record; by the time it saves, another program (`journal
link` in a terminal) may have changed the record. Writing the whole form back would undo
that. `merge_edit` compares the form with the copy it started from and applies only the
differences to the current record: lists (tags, goals, skills) gain what the user added
and lose what they removed, and keep what the other program added; a plain field the
user changed wins, and is reported as a conflict when the other program changed it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LIST_FIELDS = frozenset({"tags", "goals", "skills"})


def merge_edit(
    original: Mapping[str, Any], edited: Mapping[str, Any], current: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The changes to write onto `current`, and the fields changed on both sides."""
    changes: dict[str, Any] = {}
    conflicts: list[str] = []
    for field, mine in edited.items():
        before, now = original.get(field), current.get(field)
        if field in LIST_FIELDS:
            before, now = list(before or ()), list(now or ())
            added = [x for x in mine if x not in before]
            removed = {x for x in before if x not in mine}
            merged = [x for x in now if x not in removed] + [x for x in added if x not in now]
            if merged != now:
                changes[field] = merged
            continue
        if mine == before:
            continue  # the user left it alone
        if now != before and now != mine:  # (a new `when` is a datetime: never equal)
            conflicts.append(field)
        changes[field] = mine
    return changes, conflicts
