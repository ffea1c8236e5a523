"""JournalStore: the one object that owns TinyDB. Screens, CLI and importers ask it.

Entries and saved reviews live here; goals and skills in `store.goals`, the plumbing
(transactions, ids, the raw tables) in `store.base`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from journal import models
from journal.dates import parse_when, to_iso
from journal.errors import ValidationError
from journal.models import Record
from journal.store.base import TABLES, unique
from journal.store.goals import GoalStore

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


class JournalStore(GoalStore):
    """The journal file, read and written safely."""

    # -- entries ---------------------------------------------------------------------

    def add_entry(
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
    ) -> Record:
        """Add one entry. `text` is split into title and body unless they are given."""
        item = {key: value for key, value in locals().items() if key != "self"}
        return self.add_entries([item])[0]

    def add_entries(self, items: list[dict[str, Any]]) -> list[Record]:
        """Add many entries in one write (imports): all of them or none."""
        if not items:
            return []
        with self.transaction(append_only=True):
            prepared = [self._prepare_entry(item) for item in items]
            return self._insert_many("entries", prepared)

    def check_new_entry(self, item: dict[str, Any]) -> None:
        """Raise ValidationError when `add_entries([item])` would refuse `item`, without
        writing (the inbox merge sets such a record aside instead of failing them all)."""
        import copy

        self._prepare_entry(copy.deepcopy(item))

    def _prepare_entry(self, item: dict[str, Any]) -> Record:
        title, body = item.get("title"), item.get("body")
        if title is None:
            models.check_text(item.get("text") or "", "the entry's text")
            title, split_body = models.split_title(item["text"])
            body = split_body if body is None else body
        when = item.get("when")
        stamp = self.now_iso()
        record: Record = {
            "kind": item.get("kind", ""),
            "when": stamp if when is None else stored_when(when),
            "title": title,
            "body": body or "",
            "tags": list(item.get("tags") or ()),
            "goals": self.goal_ids(item.get("goals") or ()),
            "skills": self.skill_ids(item.get("skills") or ()),
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
        return models.check_entry({**record, **extra})

    def update_entry(self, ident: str, **changes: Any) -> Record:
        """Change fields of an entry; links may be given as codes or ids."""
        with self.transaction():
            record = self.entry(ident)
            if "when" in changes:
                changes["when"] = stored_when(changes["when"])
            if "goals" in changes:
                changes["goals"] = self.goal_ids(changes["goals"])
            if "skills" in changes:
                changes["skills"] = self.skill_ids(changes["skills"])
            record.update(changes, updated=self.now_iso())
            models.check_entry(record)
            self._replace("entries", record)
            return record

    def edit_entry(
        self, ident: str, original: Record, edited: dict[str, Any]
    ) -> tuple[Record, list[str]]:
        """Write what a form changed since `original` onto the entry as it is now (see
        `journal.storage.merge`); return the record and the fields another writer changed too."""
        with self.transaction():
            from journal.store.edit_merge import merge_edit  # only edits need it, not a quick add

            changes, conflicts = merge_edit(original, edited, self.entry(ident))
            record = self.update_entry(ident, **changes) if changes else self.entry(ident)
            return record, conflicts

    def delete_entry(self, ident: str) -> Record:
        """Delete an entry and return it, so the caller can offer undo (it waits in the
        trash too, for `journal undo`)."""
        return self.delete_entries([ident])[0]

    def delete_entries(self, idents: Iterable[str]) -> list[Record]:
        """Delete entries in one write, all or none; they go to the trash as one batch."""
        with self.transaction():
            records = [self.entry(ident) for ident in unique(idents)]
            trash = self._raw("trash")
            batch = max((int(t.get("batch", 0)) for t in trash.values()), default=0) + 1
            stamp = self.now_iso()
            for record in records:
                self._remove("entries", record["id"])
            self._table("trash").insert_multiple(
                {"batch": batch, "deleted": stamp, "entry": record} for record in records
            )
            self._rotate_trash()
            return records

    def _rotate_trash(self) -> None:
        """Drop the oldest whole batches that the newer ones make surplus (TRASH_KEEP)."""
        batches: dict[int, list[int]] = {}
        for key, item in self._raw("trash").items():
            batches.setdefault(int(item.get("batch", 0)), []).append(int(key))
        kept, gone = 0, []
        for batch in sorted(batches, reverse=True):
            if kept >= TRASH_KEEP:
                gone += batches[batch]
            kept += len(batches[batch])
        if gone:
            self._table("trash").remove(doc_ids=gone)

    def trashed(self) -> list[Record]:
        """Deleted entries that can still be restored, most recently deleted first."""
        trash = self._raw("trash")
        return [dict(trash[k]["entry"]) for k in sorted(trash, key=int, reverse=True)]

    def undo_delete(self) -> list[Record]:
        """Restore the entries of the last deletion, with their ids and links."""
        with self.transaction():
            trash = self._raw("trash")
            if not trash:
                raise ValidationError("nothing to undo: no deleted entries are waiting")
            last = max(int(t.get("batch", 0)) for t in trash.values())
            batch = [t["entry"] for t in trash.values() if int(t.get("batch", 0)) == last]
            return [self.restore_entry(record) for record in batch]

    def restore_deleted(self, *idents: str) -> list[Record]:
        """Restore deleted entries by id from the trash."""
        with self.transaction():
            waiting = {t["entry"]["id"]: t["entry"] for t in self._raw("trash").values()}
            restored = []
            for ident in unique(i.strip().lower() for i in idents):
                if ident not in waiting:
                    listed = ", ".join(list(waiting)[-10:])
                    hint = f"waiting: {listed}" if waiting else "it is empty"
                    raise ValidationError(f"{ident} is not in the trash ({hint})")
                restored.append(self.restore_entry(waiting[ident]))
            return restored

    def restore_entry(self, record: Record) -> Record:
        """Undo a deletion: put the entry back under its own id (and out of the trash)."""
        with self.transaction():
            if self._get("entries", record["id"]):
                raise ValidationError(f"entry {record['id']} already exists")
            record = dict(record)
            record["goals"] = [g for g in record.get("goals", []) if self._get("goals", g)]
            record["skills"] = [s for s in record.get("skills", []) if self._get("skills", s)]
            self._replace("entries", record)
            gone = [
                int(k) for k, t in self._raw("trash").items() if t["entry"]["id"] == record["id"]
            ]
            if gone:
                self._table("trash").remove(doc_ids=gone)
            return record

    def link(
        self,
        ident: str,
        goals: Iterable[str] = (),
        skills: Iterable[str] = (),
        unlink: bool = False,
    ) -> Record:
        """Tag an entry against goals and skills (or untag it with unlink=True)."""
        with self.transaction():
            record = self.entry(ident)
            goal_ids, skill_ids = self.goal_ids(goals), self.skill_ids(skills)
            if unlink:
                new_goals = [g for g in record["goals"] if g not in goal_ids]
                new_skills = [s for s in record["skills"] if s not in skill_ids]
            else:
                new_goals = record["goals"] + [g for g in goal_ids if g not in record["goals"]]
                new_skills = record["skills"] + [s for s in skill_ids if s not in record["skills"]]
            return self.update_entry(record["id"], goals=new_goals, skills=new_skills)

    # -- reviews ---------------------------------------------------------------------

    def reviews(self) -> list[Record]:
        return [dict(r) for r in self._raw("reviews").values()]

    def review(self, ref: str) -> Record:
        """A saved review by id or title (case-insensitive)."""
        wanted = ref.strip().lower()
        for record in self._raw("reviews").values():
            if record.get("id") == wanted or str(record.get("title", "")).lower() == wanted:
                return dict(record)
        titles = ", ".join(repr(r.get("title")) for r in self._raw("reviews").values())
        raise ValidationError(f"no review {ref!r} (saved: {titles or 'none yet'})")

    def save_review(self, record: Record) -> Record:
        """Insert a new review or replace one by id; the caller builds the record."""
        with self.transaction():
            record = {**record, "updated": self.now_iso()}
            status = record.get("status") or "draft"
            record["status"] = models.choose(status, models.REVIEW_STATUSES, "status")
            if record.get("id"):
                self._replace("reviews", record)
                return record
            record.setdefault("created", record["updated"])
            return self._insert("reviews", record)

    def delete_review(self, ident: str) -> None:
        with self.transaction():
            self._remove("reviews", self.review(ident)["id"])

    # -- review forms (journal.review.forms; keyed by name, no ids) --------------------

    def forms(self) -> list[Record]:
        """The forms imported into this journal (`journal form import`), as stored."""
        return [dict(r) for r in self._raw("forms").values()]

    def save_form(self, record: Record, replace: bool = False) -> Record:
        """Store a form under its name; one already there is replaced only when asked."""
        with self.transaction():
            table = self._table("forms")
            for key, old in self._raw("forms").items():
                if str(old.get("name", "")).lower() == str(record["name"]).lower():
                    if not replace:
                        raise ValidationError(
                            f"a form named {record['name']!r} is already in the journal: "
                            "add --replace to replace it, or --name to import it as another"
                        )
                    table.remove(doc_ids=[int(key)])
            stored = {**record, "imported": self.now_iso()}
            table.insert(stored)
            return stored

    # -- whole journal ---------------------------------------------------------------

    def is_empty(self) -> bool:
        """No records, and none waiting in the trash (`journal undo` would bring its ids
        back, so they are taken)."""
        return not any(self._raw(table) for table in (*TABLES, "trash"))

    def put_records(self, tables: dict[str, list[Record]], counters: dict[str, int]) -> None:
        """Store records under their own ids (`journal import json` into an empty journal);
        the id counters move past every id given, so none is ever handed out again."""
        with self.transaction():
            for table, records in tables.items():
                for record in records:
                    self._replace(table, dict(record))
            from journal.importers.json_doc import merged_counters

            merged = merged_counters(tables, counters, self._raw("meta")["1"].get("next"))
            self._table("meta").update({"next": merged}, doc_ids=[1])

    # -- codes for display -----------------------------------------------------------

    def code_map(self) -> dict[str, str]:
        """Goal and skill id -> code, for showing links."""
        return {
            r["id"]: r.get("code", r["id"])
            for table in ("goals", "skills")
            for r in self._raw(table).values()
        }
