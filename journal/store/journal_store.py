"""JournalStore: the one object that owns TinyDB. Screens, CLI and importers ask it.

It builds the parts and holds them: `tables` (the plumbing: transactions, ids, the raw
tables) and one object per table with that table's rules, `entries`, `goals`, `skills`,
`reviews` and `forms`. What concerns the whole journal stays here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from journal.records import Entry, StoredRecord
from journal.storage.safe import SafeStorage
from journal.store.entries import TRASH_KEEP, Entries, entry_view, stored_when
from journal.store.goals import Goals
from journal.store.reviews import Forms, Reviews
from journal.store.skills import Skills
from journal.store.tables import TABLES, Tables
from journal.timestamps import local_now

__all__ = ["TRASH_KEEP", "JournalStore", "stored_when"]  # the CLI's quick add imports these here


class JournalStore:
    """The journal file, read and written safely: `store.entries.add(...)`,
    `store.goals.get(code)`, and so on."""

    def __init__(
        self, path: str | os.PathLike[str], clock: Callable[[], datetime] = local_now
    ) -> None:
        self.tables = Tables(path, clock)
        self.goals = Goals(self.tables)
        self.skills = Skills(self.tables)
        self.entries = Entries(self.tables, self.goals, self.skills)
        self.reviews = Reviews(self.tables)
        self.forms = Forms(self.tables)
        self.path = self.tables.path
        self.storage: SafeStorage = self.tables.storage

    @property
    def clock(self) -> Callable[[], datetime]:
        """Stamps created/updated; tests and the demo pin it."""
        return self.tables.clock

    @clock.setter
    def clock(self, clock: Callable[[], datetime]) -> None:
        self.tables.clock = clock

    def now_iso(self) -> str:
        return self.tables.now_iso()

    @contextlib.contextmanager
    def transaction(self, append_only: bool = False) -> Iterator[None]:
        """Group several changes into one locked write (see `Tables.transaction`)."""
        with self.tables.transaction(append_only):
            yield

    def refresh(self) -> bool:
        return self.tables.refresh()

    def meta(self) -> StoredRecord:
        return self.tables.meta()

    def set_meta(self, name: str, value: Any) -> None:
        self.tables.set_meta(name, value)

    def close(self) -> None:
        self.tables.close()

    # -- whole journal ---------------------------------------------------------------

    def raw_entries(self) -> Iterable[Entry]:
        """All entries as stored, for fast read-only queries: do not mutate them."""
        return entry_view(self.tables)

    def is_empty(self) -> bool:
        """No records, and none waiting in the trash (`journal undo` would bring its ids
        back, so they are taken)."""
        return not any(self.tables.raw(table) for table in (*TABLES, "trash"))

    def put_records(
        self, tables: Mapping[str, Sequence[Mapping[str, Any]]], counters: dict[str, int]
    ) -> None:
        """Store records under their own ids (`journal import json` into an empty journal);
        the id counters move past every id given, so none is ever handed out again."""
        with self.tables.transaction():
            for table, records in tables.items():
                for record in records:
                    self.tables.replace(table, dict(record))
            from journal.importers.json_doc import merged_counters

            merged = merged_counters(tables, counters, self.tables.raw("meta")["1"].get("next"))
            self.tables.table("meta").update({"next": merged}, doc_ids=[1])

    # -- codes for display -----------------------------------------------------------

    def code_map(self) -> dict[str, str]:
        """Goal and skill id -> code, for showing links."""
        return {
            r["id"]: r.get("code", r["id"])
            for table in ("goals", "skills")
            for r in self.tables.raw(table).values()
        }
