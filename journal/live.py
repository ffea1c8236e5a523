"""One live journal for a long-running program (the app): the store, the clock, and the
current state of the journal as an immutable snapshot.

The storage re-reads the file whenever it changed, and whichever read notices first
"uses up" the news. So change detection here never asks "did the file change?": each
snapshot remembers the storage's file signature (inode, size, mtime) it was read from,
and a reader asks `changed_since(generation)` with the generation it last saw. Any
number of readers can ask; none of them consumes anything. The generation goes up on
every reload and every write.

Writes go through `write(change)`: one lock (so a read-then-write sees one state), one
storage transaction, then a fresh snapshot. Readers that need several store calls to
agree use `with live.reading() as store:`. No Textual here: the app wraps this.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from journal.query import haystack, newest_first
from journal.records import Entry, Goal, Review, Skill
from journal.timestamps import local_now

if TYPE_CHECKING:
    from journal.storage import crypto, inbox
    from journal.storage.safe import SafeStorage
    from journal.store.journal_store import JournalStore

T = TypeVar("T")
# An encrypted journal keeps the app's settings (theme, idle_lock_minutes) in its meta
# record under this key, not in the config folder (screens/settings.py reads them).
APP_SETTINGS_KEY = "settings"
IDLE_LOCK_MINUTES = 10  # an encrypted journal's app locks itself after this long untouched
Signature = tuple[int, int, int] | None


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One state of the journal: entries newest first, goals, skills and reviews.

    Compared by identity (`eq=False`): two snapshots are the same state only if they are
    the same object, and comparing never walks 50,000 entries.

    Tuples, and read-only mappings for the lookups. The records are the storage's own
    (it never changes a stored record in place: a write replaces it), so a snapshot of
    50,000 entries costs one list, not 50,000 copies; do not mutate them.
    """

    generation: int = 0
    entries: tuple[Entry, ...] = ()
    goals: tuple[Goal, ...] = ()
    skills: tuple[Skill, ...] = ()
    reviews: tuple[Review, ...] = ()
    codes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    position: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def read(cls, store: JournalStore, generation: int) -> Snapshot:
        """Copy the store's state (the caller holds it still); sort outside the store."""
        raw = list(store.raw_entries())
        goals, skills, reviews = (
            tuple(store.goals.all()),
            tuple(store.skills.all()),
            tuple(store.reviews.all()),
        )
        codes = store.code_map()
        meta = MappingProxyType(dict(store.meta()))  # the coach's snoozes live here
        raw.sort(key=newest_first, reverse=True)  # the same order as `journal list`
        entries = tuple(raw)
        position = {e["id"]: i for i, e in enumerate(entries)}
        return cls(
            generation, entries, goals, skills, reviews,
            MappingProxyType(codes), MappingProxyType(position), meta,
        )  # fmt: skip

    @cached_property
    def haystacks(self) -> tuple[str, ...]:
        """What a search looks in (title, body, source, tags), case-folded, in list order."""
        return tuple(haystack(e) for e in self.entries)

    def __repr__(self) -> str:  # the default would print every entry
        return f"Snapshot(generation {self.generation}, {len(self.entries)} entries)"

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g["id"] == goal_id), None)

    def skill(self, skill_id: str) -> Skill | None:
        return next((s for s in self.skills if s["id"] == skill_id), None)

    def entry(self, entry_id: str) -> Entry | None:
        index = self.position.get(entry_id)
        return None if index is None else self.entries[index]

    def tags(self) -> list[str]:
        """Every tag in use, most used first (for suggestions)."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            for tag in entry["tags"]:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))


@dataclass(frozen=True)
class Written(Generic[T]):
    """What a write returned, and the journal right after it."""

    result: T
    snapshot: Snapshot


class LiveJournal:
    """The store and the clock of a long-running program, and the journal's current state."""

    def __init__(self, store: JournalStore, now: Callable[[], datetime] = local_now) -> None:
        self._store = store
        self.now = now  # the clock screens use (fixed in tests); the store stamps its own
        self._lock = threading.RLock()
        self._snapshot = Snapshot()
        self._signature: Signature = None
        self._read = False

    @property
    def path(self) -> Path:
        """The journal file (for drafts beside it, and to refuse exporting over it)."""
        return self._store.path

    @property
    def _storage(self) -> SafeStorage:
        return self._store.storage

    def snapshot(self) -> Snapshot:
        """The current state, read from the file the first time."""
        with self._lock:
            if not self._read:
                self._reload()
            return self._snapshot

    def refresh(self) -> Snapshot:
        """Catch up with the file (another process's writes); the snapshot, maybe newer."""
        with self._lock:
            self.catch_up()
            return self._snapshot

    def catch_up(self) -> Snapshot | None:
        """The new snapshot if the file changed since ours was read (another process's
        write, noticed by this call or by any earlier read), else None."""
        with self._lock:
            self._storage.changed_on_disk()  # its answer is ignored: the signature tells
            if self._read and self._storage.signature == self._signature:
                return None
            self._reload()
            return self._snapshot

    def changed_since(self, generation: int) -> bool:
        """Has the journal changed since the snapshot of `generation`? Asks the file too;
        any number of readers may ask, and asking changes nothing for the others."""
        return self.refresh().generation > generation

    @contextlib.contextmanager
    def reading(self) -> Iterator[JournalStore]:
        """Several store reads that see one state of the journal (writes wait)."""
        with self._lock, self._storage.reading():
            yield self._store

    def write(self, change: Callable[[JournalStore], T]) -> Written[T]:
        """Run `change(store)` inside one storage transaction; the result and the new state.

        On an exception nothing is saved and the exception propagates; the snapshot is
        re-read only if the file changed meanwhile.
        """
        with self._lock:
            try:
                with self._store.transaction():
                    result = change(self._store)
            except BaseException:
                if self._storage.signature != self._signature:
                    self._reload()
                raise
            self._reload()
            return Written(result, self._snapshot)

    # -- an encrypted journal (journal.storage.crypto): keys in, keys out --------------

    @property
    def encrypted(self) -> bool:
        return self._storage.encrypted

    def has_keys_for(self, journal_id: bytes) -> bool:
        return self._storage.has_keys_for(journal_id)

    def use_keys(self, keys: crypto.Keys) -> None:
        """Open the encrypted journal with these keys (the unlock prompt's)."""
        with self._lock:
            self._storage.use_keys(keys)

    def merge_inbox(self, keys: crypto.Keys) -> inbox.Merged:
        """Bring in what was sealed while locked (its own write), then a fresh snapshot."""
        from journal.storage import inbox

        with self._lock:
            merged = inbox.merge(self._store, keys)
            self._reload()
            return merged

    def lock(self) -> Snapshot:
        """The idle lock: forget the keys and every decrypted copy; an empty snapshot."""
        with self._lock:
            self._storage.drop_keys()
            self._snapshot = Snapshot(generation=self._snapshot.generation + 1)
            self._signature, self._read = None, False
            return self._snapshot

    def take_rollbacks(self) -> list[str]:
        """What the storage kept when another program rolled the journal back, once each."""
        return [rollback.message() for rollback in self._storage.take_rollbacks()]

    def _reload(self) -> None:
        """A new snapshot from the store, held still while it is copied (under `_lock`)."""
        with self._storage.reading():
            snapshot = Snapshot.read(self._store, self._snapshot.generation + 1)
            self._signature = self._storage.signature
        self._snapshot, self._read = snapshot, True
