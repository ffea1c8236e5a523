"""Entries: what happened, with the rules they obey, and the trash that makes a
deletion undoable (`journal undo`, the screens' undo).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from journal import models
from journal.dates import parse_when
from journal.errors import ValidationError
from journal.records import Entry
from journal.store.tables import Tables, unique
from journal.timestamps import to_iso

if TYPE_CHECKING:
    from journal.store.goals import Goals
    from journal.store.skills import Skills

# Deleted entries wait in the journal's `trash` table for `journal undo`, one batch per
# delete. Whole batches are kept, newest first, until they hold at least this many
# entries; older batches are gone for good. A delete is never split: however large, undo
# brings all of it back, as the delete promised.
TRASH_KEEP = 100


def stored_when(value: datetime | str) -> str:
    """A `when` for storage: a full ISO timestamp is kept as written (its offset too);
    anything else is read as a phrase like 'last friday'."""
    if isinstance(value, datetime):
        return to_iso(value)
    with contextlib.suppress(ValueError):
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is not None:
            return to_iso(stamp)
    return to_iso(parse_when(value))


class Entries:
    """The entries table (`store.entries`) and its trash: links are given as goal and
    skill codes or ids, which `goals` and `skills` resolve."""

    def __init__(self, tables: Tables, goals: Goals, skills: Skills) -> None:
        self._tables = tables
        self._goals = goals
        self._skills = skills

    def all(self) -> list[Entry]:
        return [as_entry(dict(e)) for e in self._tables.raw("entries").values()]

    def get(self, ident: str) -> Entry:
        return lookup_entry(self._tables, ident)

    def add(
        self,
        kind: str,
        text: str = "",
        *,
        title: str | None = None,
        body: str | None = None,
        when: datetime | str | None = None,
        tags: Iterable[str] = (),
        goals: Iterable[str] = (),
        skills: Iterable[str] = (),
        source: str | None = None,
        sentiment: str | None = None,
        starred: bool = False,
        impact: str | None = None,
    ) -> Entry:
        """Add one entry. `text` is split into title and body unless they are given."""
        item = {key: value for key, value in locals().items() if key != "self"}
        return self.add_many([item])[0]

    def add_many(self, items: list[dict[str, Any]]) -> list[Entry]:
        """Add many entries in one write (imports): all of them or none."""
        if not items:
            return []
        with self._tables.transaction(append_only=True):
            prepared = [self._prepare_entry(item) for item in items]
            return [as_entry(e) for e in self._tables.insert_many("entries", prepared)]

    def check_new(self, item: dict[str, Any]) -> None:
        """Raise ValidationError when `add_many([item])` would refuse `item`, without
        writing (the inbox merge sets such a record aside instead of failing them all)."""
        import copy

        self._prepare_entry(copy.deepcopy(item))

    def _prepare_entry(self, item: dict[str, Any]) -> Entry:
        title, body = item.get("title"), item.get("body")
        if title is None:
            models.check_text(item.get("text") or "", "the entry's text")
            title, split_body = models.split_title(item["text"])
            body = split_body if body is None else body
        when = item.get("when")
        stamp = self._tables.now_iso()
        record: Entry = {
            "kind": item.get("kind", ""),
            "when": stamp if when is None else stored_when(when),
            "title": title,
            "body": body or "",
            "tags": list(item.get("tags") or ()),
            "goals": self._goals.ids(item.get("goals") or ()),
            "skills": self._skills.ids(item.get("skills") or ()),
            "starred": bool(item.get("starred")),
            "source": item.get("source"),
            "sentiment": item.get("sentiment"),
            "created": item.get("created") or stamp,
            "updated": stamp,
        }
        extra = {
            k: v
            for k, v in item.items()
            if k in ("origin", "value", "confidence", "with", "actions", "impact")
        }
        return models.check_entry(as_entry({**record, **extra}))

    def update(self, ident: str, **changes: Any) -> Entry:
        """Change fields of an entry; links may be given as codes or ids."""
        with self._tables.transaction():
            record = self.get(ident)
            if "when" in changes:
                changes["when"] = stored_when(changes["when"])
            if "goals" in changes:
                changes["goals"] = self._goals.ids(changes["goals"])
            if "skills" in changes:
                changes["skills"] = self._skills.ids(changes["skills"])
            record = as_entry({**record, **changes, "updated": self._tables.now_iso()})
            models.check_entry(record)
            self._tables.replace("entries", record)
            return record

    def edit(
        self, ident: str, original: Mapping[str, Any], edited: Mapping[str, Any]
    ) -> tuple[Entry, list[str]]:
        """Write what a form changed since `original` onto the entry as it is now (see
        `journal.storage.merge`); return the record and the fields another writer changed too."""
        with self._tables.transaction():
            from journal.store.edit_merge import merge_edit  # only edits need it, not a quick add

            changes, conflicts = merge_edit(original, edited, self.get(ident))
            record = self.update(ident, **changes) if changes else self.get(ident)
            return record, conflicts

    def delete(self, ident: str) -> Entry:
        """Delete an entry and return it, so the caller can offer undo (it waits in the
        trash too, for `journal undo`)."""
        return self.delete_many([ident])[0]

    def delete_many(self, idents: Iterable[str]) -> list[Entry]:
        """Delete entries in one write, all or none; they go to the trash as one batch."""
        with self._tables.transaction():
            records = [self.get(ident) for ident in unique(idents)]
            trash = self._tables.raw("trash")
            batch = max((int(t.get("batch", 0)) for t in trash.values()), default=0) + 1
            stamp = self._tables.now_iso()
            for record in records:
                self._tables.remove("entries", record["id"])
            self._tables.table("trash").insert_multiple(
                {"batch": batch, "deleted": stamp, "entry": record} for record in records
            )
            self._rotate_trash()
            return records

    def _rotate_trash(self) -> None:
        """Drop the oldest whole batches that the newer ones make surplus (TRASH_KEEP)."""
        batches: dict[int, list[int]] = {}
        for key, item in self._tables.raw("trash").items():
            batches.setdefault(int(item.get("batch", 0)), []).append(int(key))
        kept, gone = 0, []
        for batch in sorted(batches, reverse=True):
            if kept >= TRASH_KEEP:
                gone += batches[batch]
            kept += len(batches[batch])
        if gone:
            self._tables.table("trash").remove(doc_ids=gone)

    def trashed(self) -> list[Entry]:
        """Deleted entries that can still be restored, most recently deleted first."""
        trash = self._tables.raw("trash")
        return [as_entry(dict(trash[k]["entry"])) for k in sorted(trash, key=int, reverse=True)]

    def undo_delete(self) -> list[Entry]:
        """Restore the entries of the last deletion, with their ids and links."""
        with self._tables.transaction():
            trash = self._tables.raw("trash")
            if not trash:
                raise ValidationError("nothing to undo: no deleted entries are waiting")
            last = max(int(t.get("batch", 0)) for t in trash.values())
            batch = [t["entry"] for t in trash.values() if int(t.get("batch", 0)) == last]
            return [self.restore(record) for record in batch]

    def restore_deleted(self, *idents: str) -> list[Entry]:
        """Restore deleted entries by id from the trash."""
        with self._tables.transaction():
            waiting = {t["entry"]["id"]: t["entry"] for t in self._tables.raw("trash").values()}
            restored = []
            for ident in unique(i.strip().lower() for i in idents):
                if ident not in waiting:
                    listed = ", ".join(list(waiting)[-10:])
                    hint = f"waiting: {listed}" if waiting else "it is empty"
                    raise ValidationError(f"{ident} is not in the trash ({hint})")
                restored.append(self.restore(waiting[ident]))
            return restored

    def restore(self, record: Entry) -> Entry:
        """Undo a deletion: put the entry back under its own id (and out of the trash)."""
        with self._tables.transaction():
            if self._tables.get("entries", record["id"]):
                raise ValidationError(f"entry {record['id']} already exists")
            record = record.copy()
            record["goals"] = [g for g in record.get("goals", []) if self._tables.get("goals", g)]
            record["skills"] = [
                s for s in record.get("skills", []) if self._tables.get("skills", s)
            ]
            self._tables.replace("entries", record)
            gone = [
                int(k)
                for k, t in self._tables.raw("trash").items()
                if t["entry"]["id"] == record["id"]
            ]
            if gone:
                self._tables.table("trash").remove(doc_ids=gone)
            return record

    def link(
        self,
        ident: str,
        goals: Iterable[str] = (),
        skills: Iterable[str] = (),
        unlink: bool = False,
    ) -> Entry:
        """Tag an entry against goals and skills (or untag it with unlink=True)."""
        with self._tables.transaction():
            record = self.get(ident)
            goal_ids, skill_ids = self._goals.ids(goals), self._skills.ids(skills)
            if unlink:
                new_goals = [g for g in record["goals"] if g not in goal_ids]
                new_skills = [s for s in record["skills"] if s not in skill_ids]
            else:
                new_goals = record["goals"] + [g for g in goal_ids if g not in record["goals"]]
                new_skills = record["skills"] + [s for s in skill_ids if s not in record["skills"]]
            return self.update(record["id"], goals=new_goals, skills=new_skills)


def lookup_entry(tables: Tables, ident: str) -> Entry:
    """An entry by id (skills check the entries they cite with it too)."""
    record = tables.get("entries", ident.strip().lower())
    if record is None:
        raise ValidationError(f"no entry {ident!r}: `journal list` shows entry ids")
    return as_entry(record)


def as_entry(record: Mapping[str, Any]) -> Entry:
    """A stored entry (TinyDB holds plain dicts) as the shape records.py declares: the
    entries table's one cast. Pass a copy when the result will be changed."""
    return cast(Entry, record)


def entry_view(tables: Tables) -> Iterable[Entry]:
    """All entries as stored, not copied (fast read-only queries): the same cast as
    `as_entry`, over the whole table at once."""
    return cast(Iterable[Entry], tables.raw("entries").values())
