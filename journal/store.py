"""JournalStore: the one object that owns TinyDB. Screens, CLI and importers ask it.

Every change runs inside `transaction()`: the file lock is held, the document is caught
up with the disk, the change is checked, and the file is written once, atomically.
Ids are "e12", "g3", "s4", "r1": a per-table counter in `meta` that only grows, so an id
is never reused, even after a deletion.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from journal import backups, models
from journal.dates import local_now, parse_when, to_iso
from journal.models import Record, ValidationError
from journal.storage import SCHEMA_VERSION, SafeStorage
from journal.storage import Document as RawDoc

PREFIX = {"entries": "e", "goals": "g", "skills": "s", "reviews": "r"}
TABLES = tuple(PREFIX)


def now_iso() -> str:
    return to_iso(local_now())


def stored_when(value: datetime | str) -> str:
    """A `when` for storage: a full ISO timestamp is kept as written (its offset too);
    anything else is read as a phrase like 'last friday'."""
    if isinstance(value, datetime):
        return to_iso(value)
    if len(value) >= 25 and value[10:11] == "T":
        with contextlib.suppress(ValueError):
            stamp = datetime.fromisoformat(value)
            if stamp.tzinfo is not None:
                return to_iso(stamp)
    return to_iso(parse_when(value))


class JournalStore:
    """The journal file, read and written safely."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser().absolute()
        self._db = TinyDB(self.path, storage=SafeStorage)
        self.storage: SafeStorage = self._db.storage  # type: ignore[assignment]
        self._clean_stale_temps()

    def _clean_stale_temps(self) -> None:
        """A writer killed mid-save leaves a temp file; remove it if nobody holds the lock."""
        if not self.storage.lock_path.exists():
            return
        try:
            fd = os.open(self.storage.lock_path, os.O_RDWR | os.O_CLOEXEC)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            backups.remove_stale_temps(self.path)
        except OSError:
            pass
        finally:
            os.close(fd)

    def close(self) -> None:
        self._db.close()

    # -- plumbing --------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _raw(self, name: str) -> dict[str, dict[str, Any]]:
        """The stored records of a table, not copied: callers must not mutate them."""
        if name == "entries" and self.storage.appending:
            self.storage.load_fully()
        doc: RawDoc = self.storage.read()
        return doc.get(name, {})

    def refresh(self) -> bool:
        """Catch up with another process's writes; True when the journal changed."""
        return self.storage.changed_on_disk()

    @contextlib.contextmanager
    def transaction(self, append_only: bool = False) -> Iterator[None]:
        """Lock the file for a read-modify-write; everything inside is saved once.

        `append_only` promises only to add entries (and touch small tables), which lets
        a one-shot `journal add` skip parsing the entries it does not need.
        """
        with self.storage.transaction(append_only):
            self._ensure_meta()
            yield

    def _ensure_meta(self) -> None:
        meta = self._table("meta")
        if not meta.contains(doc_id=1):
            record = {"schema": SCHEMA_VERSION, "created": now_iso(), "migrations": [], "next": {}}
            meta.insert(Document(record, doc_id=1))

    def meta(self) -> Record:
        return dict(self._raw("meta").get("1", {"schema": SCHEMA_VERSION}))

    def _new_ids(self, table: str, count: int) -> range:
        """Allocate the next `count` id numbers of a table (inside a transaction)."""
        record = self.storage.read()["meta"]["1"]
        counters = dict(record.get("next", {}))
        first = counters.get(table)
        if not isinstance(first, int):  # a journal from before counters: continue after the max
            first = max((int(k) for k in self._raw(table)), default=0) + 1
        counters[table] = first + count
        self._table("meta").update({"next": counters}, doc_ids=[1])
        return range(first, first + count)

    def _records(self, table: str) -> dict[str, dict[str, Any]]:
        """A table's records for changing in place, inside a transaction.

        Entries are written here directly, in TinyDB's own layout: TinyDB's Table rebuilds
        the whole table dict twice per write (55 ms per add at 50k entries), which the
        quick-capture budget cannot afford. Small tables go through TinyDB's Table API.
        """
        if self.storage.appending:
            self.storage.load_fully()
        self.storage.mark_dirty()
        return self.storage.read().setdefault(table, {})

    def _insert_many(self, table: str, records: list[Record]) -> list[Record]:
        """Give records fresh ids and store them."""
        numbers = self._new_ids(table, len(records))
        stored = [
            {**record, "id": f"{PREFIX[table]}{n}"}
            for n, record in zip(numbers, records, strict=True)
        ]
        if table == "entries":
            self.storage.append_entries(
                {str(n): record for n, record in zip(numbers, stored, strict=True)}
            )
        else:
            docs = [Document(r, doc_id=n) for n, r in zip(numbers, stored, strict=True)]
            self._table(table).insert_multiple(docs)
        return [dict(record) for record in stored]

    def _insert(self, table: str, record: Record) -> Record:
        return self._insert_many(table, [record])[0]

    def _rewrite_links(self, table: str, field: str, ident: str) -> int:
        """Drop `ident` from a list field of every record; return how many had it."""
        records = self._records(table)
        hits = 0
        for key, record in records.items():
            if ident in record.get(field, []):
                records[key] = {**record, field: [x for x in record[field] if x != ident]}
                hits += 1
        return hits

    def _get(self, table: str, ident: str) -> Record | None:
        raw = self._raw(table).get(ident[len(PREFIX[table]) :] if ident else "")
        if raw is None or raw.get("id") != ident:
            return None
        return dict(raw)

    def _replace(self, table: str, record: Record) -> None:
        number = int(record["id"][len(PREFIX[table]) :])
        if table == "entries":
            self._records(table)[str(number)] = dict(record)
        else:
            self._table(table).upsert(Document(record, doc_id=number))

    def _remove(self, table: str, ident: str) -> None:
        number = int(ident[len(PREFIX[table]) :])
        if table == "entries":
            self._records(table).pop(str(number), None)
        else:
            self._table(table).remove(doc_ids=[number])

    # -- entries ---------------------------------------------------------------------

    def raw_entries(self) -> Iterable[Record]:
        """All entries as stored, for fast read-only queries: do not mutate them."""
        return self._raw("entries").values()

    def entries(self) -> list[Record]:
        return [dict(e) for e in self.raw_entries()]

    def entry(self, ident: str) -> Record:
        record = self._get("entries", ident.strip().lower())
        if record is None:
            raise ValidationError(f"no entry {ident!r}: `journal list` shows entry ids")
        return record

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

    def _prepare_entry(self, item: dict[str, Any]) -> Record:
        title, body = item.get("title"), item.get("body")
        if title is None:
            models.check_text(item.get("text") or "", "the entry's text")
            title, split_body = models.split_title(item["text"])
            body = split_body if body is None else body
        when = item.get("when")
        stamp = now_iso()
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
        extra = {k: v for k, v in item.items() if k in ("origin",)}
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
            record.update(changes, updated=now_iso())
            models.check_entry(record)
            self._replace("entries", record)
            return record

    def delete_entry(self, ident: str) -> Record:
        """Delete an entry and return it, so the caller can offer undo."""
        with self.transaction():
            record = self.entry(ident)
            self._remove("entries", record["id"])
            return record

    def restore_entry(self, record: Record) -> Record:
        """Undo a deletion: put the entry back under its own id."""
        with self.transaction():
            if self._get("entries", record["id"]):
                raise ValidationError(f"entry {record['id']} already exists")
            record = dict(record)
            record["goals"] = [g for g in record.get("goals", []) if self._get("goals", g)]
            record["skills"] = [s for s in record.get("skills", []) if self._get("skills", s)]
            self._replace("entries", record)
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

    # -- goals -----------------------------------------------------------------------

    def goals(self) -> list[Record]:
        return [dict(g) for g in self._raw("goals").values()]

    def goal(self, ref: str) -> Record:
        """A goal by code or id."""
        return self._resolve("goals", ref)

    def goal_ids(self, refs: Iterable[str]) -> list[str]:
        return _unique(self.goal(ref)["id"] for ref in refs)

    def skill_ids(self, refs: Iterable[str]) -> list[str]:
        return _unique(self.skill(ref)["id"] for ref in refs)

    def _resolve(self, table: str, ref: str) -> Record:
        ref = ref.strip().lower()
        for record in self._raw(table).values():
            if record.get("code") == ref or record.get("id") == ref:
                return dict(record)
        what = "goal" if table == "goals" else "skill"
        codes = sorted(r.get("code", "") for r in self._raw(table).values())
        known = f"known: {', '.join(codes)}" if codes else f"there are no {what}s yet"
        raise ValidationError(f"no {what} {ref!r} ({known}); add it with `journal {what} add`")

    def add_goal(
        self,
        title: str,
        *,
        code: str | None = None,
        scope: str = "company",
        parent: str | None = None,
        supports: Iterable[str] = (),
        measure: str = "",
        target: str = "",
        due: str | None = None,
        status: str = "active",
        notes: str = "",
    ) -> Record:
        with self.transaction():
            record = self._check_goal(
                {
                    "title": title,
                    "code": code,
                    "scope": scope,
                    "parent": parent,
                    "supports": list(supports),
                    "measure": measure,
                    "target": target,
                    "due": due,
                    "status": status,
                    "notes": notes,
                    "created": now_iso(),
                }
            )
            return self._insert("goals", record)

    def update_goal(self, ref: str, **changes: Any) -> Record:
        with self.transaction():
            record = self.goal(ref)
            record.update(changes)
            record = self._check_goal(record)
            self._replace("goals", record)
            return record

    def _check_goal(self, record: Record) -> Record:
        from journal.dates import parse_date

        record["title"] = models.check_text(record.get("title") or "", "the goal's title").strip()
        others = [g for g in self.goals() if g["id"] != record.get("id")]
        taken = {g["code"] for g in others}
        code = record.get("code")
        code = models.check_code(code) if code else models.slugify(record["title"], taken)
        if code in taken:
            raise ValidationError(
                f"a goal with code {code!r} already exists: choose another --code"
            )
        record["code"] = code
        record["scope"] = models.choose(record.get("scope") or "company", models.SCOPES, "scope")
        record["status"] = models.choose(
            record.get("status") or "active", models.GOAL_STATUSES, "status"
        )
        parent = record.get("parent")
        record["parent"] = self.goal(parent)["id"] if parent else None
        if record["parent"]:
            self._refuse_cycle(record.get("id"), record["parent"])
        record["supports"] = self.goal_ids(record.get("supports") or [])
        for supported in record["supports"]:
            if self.goal(supported)["scope"] != "company":
                raise ValidationError("--supports must name company goals")
        due = record.get("due")
        record["due"] = parse_date(due).isoformat() if due else None
        return record

    def _refuse_cycle(self, ident: str | None, parent: str) -> None:
        seen: set[str] = set()
        current: str | None = parent
        while current:
            if current == ident or current in seen:
                raise ValidationError("that parent would make a goal its own ancestor (a cycle)")
            seen.add(current)
            found = self._get("goals", current)
            current = found.get("parent") if found else None

    def delete_goal(self, ref: str) -> int:
        """Delete a goal; entries stay, links to it are dropped. Returns how many."""
        with self.transaction():
            goal_id = self.goal(ref)["id"]
            dropped = self._rewrite_links("entries", "goals", goal_id)
            for goal in self.goals():
                if goal.get("parent") == goal_id or goal_id in goal.get("supports", []):
                    goal["parent"] = None if goal.get("parent") == goal_id else goal["parent"]
                    goal["supports"] = [s for s in goal.get("supports", []) if s != goal_id]
                    self._replace("goals", goal)
            self._remove("goals", goal_id)
            return dropped

    # -- skills ----------------------------------------------------------------------

    def skills(self) -> list[Record]:
        return [dict(s) for s in self._raw("skills").values()]

    def skill(self, ref: str) -> Record:
        return self._resolve("skills", ref)

    def add_skill(
        self,
        name: str,
        *,
        code: str | None = None,
        why: Iterable[str] = (),
        level: int | None = None,
        target_level: int | None = None,
        plan: str = "",
        status: str = "active",
    ) -> Record:
        with self.transaction():
            record = self._check_skill(
                {
                    "name": name,
                    "code": code,
                    "why": list(why),
                    "level": level,
                    "target_level": target_level,
                    "plan": plan,
                    "status": status,
                    "created": now_iso(),
                }
            )
            return self._insert("skills", record)

    def update_skill(self, ref: str, **changes: Any) -> Record:
        with self.transaction():
            record = self.skill(ref)
            record.update(changes)
            record = self._check_skill(record)
            self._replace("skills", record)
            return record

    def _check_skill(self, record: Record) -> Record:
        record["name"] = models.check_text(record.get("name") or "", "the skill's name").strip()
        taken = {s["code"] for s in self.skills() if s["id"] != record.get("id")}
        code = record.get("code")
        code = models.check_code(code) if code else models.slugify(record["name"], taken)
        if code in taken:
            raise ValidationError(
                f"a skill with code {code!r} already exists: choose another --code"
            )
        record["code"] = code
        stored = self._get("skills", record["id"]) if record.get("id") else None
        kept = set(stored.get("why", [])) if stored else set()  # a deleted entry may come back
        record["why"] = _unique(
            e if e in kept else self.entry(e)["id"] for e in record.get("why") or []
        )
        models.check_level(record.get("level"), "--level")
        models.check_level(record.get("target_level"), "--target")
        record["status"] = models.choose(
            record.get("status") or "active", models.SKILL_STATUSES, "status"
        )
        return record

    def delete_skill(self, ref: str) -> int:
        """Delete a skill; entries stay, links to it are dropped. Returns how many."""
        with self.transaction():
            skill_id = self.skill(ref)["id"]
            dropped = self._rewrite_links("entries", "skills", skill_id)
            self._remove("skills", skill_id)
            return dropped

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
            record = {**record, "updated": now_iso()}
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

    # -- codes for display -----------------------------------------------------------

    def code_map(self) -> dict[str, str]:
        """Goal and skill id -> code, for showing links."""
        return {
            r["id"]: r.get("code", r["id"])
            for table in ("goals", "skills")
            for r in self._raw(table).values()
        }


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
