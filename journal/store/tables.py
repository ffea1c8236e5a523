"""The store's plumbing (`Tables`): TinyDB on our SafeStorage, transactions, ids, raw tables.

Every change runs inside `transaction()`: the file lock is held, the document is caught
up with the disk, the change is checked, and the file is written once, atomically.
Ids are "e12", "g3", "s4", "r1": a per-table counter in `meta` that only grows, so an id
is never reused, even after a deletion.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from journal.models import PREFIX
from journal.records import StoredRecord
from journal.storage import backups
from journal.storage.document import SCHEMA_VERSION
from journal.storage.document import Document as RawDoc
from journal.storage.fileops import real_path
from journal.storage.safe import SafeStorage
from journal.timestamps import local_now, to_iso

TABLES = tuple(PREFIX)


class Tables:
    """The journal file, read and written safely: the plumbing every record class
    (`store.entries`, `store.goals`, ...) holds a reference to and writes through."""

    def __init__(
        self, path: str | os.PathLike[str], clock: Callable[[], datetime] = local_now
    ) -> None:
        self.path = real_path(path)  # a symbolic link is written through, never replaced
        self.clock = clock  # stamps created/updated; tests and the demo pin it
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

    def now_iso(self) -> str:
        """Now by the store's clock, as stored in created/updated."""
        return to_iso(self.clock())

    def close(self) -> None:
        self._db.close()

    # -- plumbing --------------------------------------------------------------------

    def table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def raw(self, name: str) -> dict[str, dict[str, Any]]:
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
        meta = self.table("meta")
        if not meta.contains(doc_id=1):
            record = {
                "schema": SCHEMA_VERSION,
                "created": self.now_iso(),
                "migrations": [],
                "next": {},
            }
            meta.insert(Document(record, doc_id=1))
            return
        stored = self.raw("meta")["1"]
        if stored.get("schema") != SCHEMA_VERSION:
            from journal.storage.migrate import migrate_meta  # only an older journal's first write

            upgraded = migrate_meta(stored, self.raw("goals").values(), self.now_iso())
            if upgraded is not None:
                meta.update(upgraded, doc_ids=[1])

    def meta(self) -> StoredRecord:
        return dict(self.raw("meta").get("1", {"schema": SCHEMA_VERSION}))

    def set_meta(self, name: str, value: Any) -> None:
        """Keep a small value in the meta record (the coach's snoozes), in one write."""
        if name in ("schema", "created", "migrations", "next"):
            raise ValueError(f"meta {name!r} belongs to the store")
        with self.transaction():
            self.table("meta").update({name: value}, doc_ids=[1])

    def new_ids(self, table: str, count: int) -> range:
        """Allocate the next `count` id numbers of a table (inside a transaction)."""
        record = self.storage.read()["meta"]["1"]
        counters = dict(record.get("next", {}))
        counter = counters.get(table)
        if not isinstance(counter, int) or isinstance(counter, bool):
            counter = 1  # a journal from before counters (or a hand edit)
        # Never trust the counter alone: a restored backup or a script can leave it behind.
        first = max(counter, self.storage.highest_key(table) + 1, self._highest_trashed(table) + 1)
        counters[table] = first + count
        self.table("meta").update({"next": counters}, doc_ids=[1])
        return range(first, first + count)

    def _highest_trashed(self, table: str) -> int:
        """The highest id number waiting in the trash (deleted entries `journal undo` can
        bring back): those ids are taken too. The trash is small (about TRASH_KEEP entries,
        more only right after one large delete)."""
        if table != "entries":
            return 0
        prefix = PREFIX[table]
        numbers = [
            int(ident[len(prefix) :])
            for t in self.raw("trash").values()
            if isinstance(ident := t.get("entry", {}).get("id"), str)
            and ident.startswith(prefix)
            and ident[len(prefix) :].isdigit()
        ]
        return max(numbers, default=0)

    def claim(self, table: str, number: int) -> None:
        """Raise the table's counter past `number` (a record put back under its own id)."""
        counters = dict(self.storage.read()["meta"]["1"].get("next", {}))
        counter = counters.get(table)
        if isinstance(counter, int) and not isinstance(counter, bool) and counter > number:
            return
        counters[table] = number + 1
        self.table("meta").update({"next": counters}, doc_ids=[1])

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """A table's records for changing in place, inside a transaction.

        Entries are written here directly, in TinyDB's own layout: TinyDB's Table rebuilds
        the whole table dict twice per write (55 ms per add at 50k entries), which the
        quick-capture budget cannot afford. Small tables go through TinyDB's Table API.
        """
        if self.storage.appending:
            self.storage.load_fully()
        self.storage.mark_dirty()
        return self.storage.read().setdefault(table, {})

    def insert_many(self, table: str, records: Sequence[Mapping[str, Any]]) -> list[StoredRecord]:
        """Give records fresh ids and store them."""
        numbers = self.new_ids(table, len(records))
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
            self.table(table).insert_multiple(docs)
        return [dict(record) for record in stored]

    def insert(self, table: str, record: Mapping[str, Any]) -> StoredRecord:
        return self.insert_many(table, [record])[0]

    def rewrite_links(self, table: str, field: str, ident: str) -> int:
        """Drop `ident` from a list field of every record; return how many had it."""
        records = self.records(table)
        hits = 0
        for key, record in records.items():
            if ident in record.get(field, []):
                records[key] = {**record, field: [x for x in record[field] if x != ident]}
                hits += 1
        return hits

    def get(self, table: str, ident: str) -> StoredRecord | None:
        raw = self.raw(table).get(ident[len(PREFIX[table]) :] if ident else "")
        if raw is None or raw.get("id") != ident:
            return None
        return dict(raw)

    def replace(self, table: str, record: Mapping[str, Any]) -> None:
        number = int(record["id"][len(PREFIX[table]) :])
        self.claim(table, number)
        if table == "entries":
            self.records(table)[str(number)] = dict(record)
        else:
            self.table(table).upsert(Document(record, doc_id=number))

    def remove(self, table: str, ident: str) -> None:
        number = int(ident[len(PREFIX[table]) :])
        if table == "entries":
            self.records(table).pop(str(number), None)
        else:
            self.table(table).remove(doc_ids=[number])


def unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
