"""The TinyDB storage under the journal: the one place bytes meet the disk.

TinyDB's own JSONStorage re-parses the file on every query and rewrites it in place, so a
crash can tear it and two processes can overwrite each other. This storage keeps the parsed
document in memory (re-read only when the file's inode, size or mtime changed), writes by
atomic replace with fsync, and holds an advisory lock across every read-modify-write.
Reading the file (and refusing it) is `journal.storage.reading`; an encrypted journal's
keys are held by a `journal.storage.sealing.Sealing`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from journal.errors import JournalFileError, JournalReplaced, JournalWriteError
from journal.storage import backups, layout
from journal.storage.document import (
    SCHEMA_VERSION,
    Document,
    load_quietly,
    schema_of,
    shape_problem,
    working_copy,
)
from journal.storage.fileops import (
    lock_path_for,
    real_path,
    refuse_read_only,
    replace_atomically,
    signals_deferred,
    take_lock,
)
from journal.storage.reading import parse_plain, read_raw, refusal
from journal.storage.sealing import Sealing

if TYPE_CHECKING:  # these load only when needed: a quick `journal add` never uses them
    from journal.storage import crypto, merge, rollback


Signature = tuple[int, int, int]
MERGE_ATTEMPTS = 5  # re-reads after another program replaced the file, before giving up


class SafeStorage(Storage):
    """A TinyDB Storage: cached orjson document, atomic writes, flock transactions."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = real_path(path)
        self.lock_path = lock_path_for(self.path)
        self._doc: Document = {}
        self._signature: Signature | None = None
        self._lock_fd: int | None = None
        self._depth = 0
        self._dirty = False
        self._cut: layout.Split | None = None  # head-only mode: entries not parsed
        self._cut_signature: Signature | None = None
        self._appends: dict[str, dict[str, Any]] = {}
        self._base: Document = {}  # inside a transaction: the document as read
        self._rollbacks: list[rollback.Rollback] = []
        self._sealing = Sealing(self.path)  # an encrypted journal's header and keys
        # One thread at a time (the app's workers share a store); re-entrant for nesting.
        self._thread_lock = threading.RLock()
        self._pinned = 0  # inside `reading()`: reads keep the state they started with

    # -- reading ---------------------------------------------------------------------

    def _refresh(self) -> bool:
        """Reload the document if the file changed on disk; True when it did."""
        held = self._doc
        found = read_raw(self.path, self._signature, self._sealing.known_keys())
        if found is None:
            changed = self._signature is not None or self._doc != {}
            self._doc, self._signature = {}, None
            self._keep_if_lost(held, None)
            return changed
        raw, signature = found
        if raw is None:
            return False
        self._doc = self._parse(raw)
        self._signature = signature
        self._keep_if_lost(held, self._doc)
        return True

    def _keep_if_lost(self, held: Document, now: Document | None) -> None:
        """Another program took entries away (or the file): keep what we held first."""
        if not held.get("entries"):
            return
        from journal.storage import rollback

        if found := rollback.keep_if_lost(self.path, held, now, self._sealing.sealed):
            self._rollbacks.append(found)

    def _load_head(self) -> bool:
        """Head-only mode for adding entries: parse everything but the entries section.

        True when the file has our layout and its CRC matches; otherwise the whole file
        is parsed (and refused if it is damaged) and False is returned.
        """
        found = read_raw(self.path, None, self._sealing.known_keys())
        if found is None:
            return False
        raw, signature = found
        assert raw is not None  # no `unless` signature was given, so the bytes were read
        raw = self._sealing.plaintext(raw)  # an encrypted journal's document has our layout too
        cut = layout.split(raw)
        if cut is None or shape_problem(cut.head) or schema_of(cut.head) > SCHEMA_VERSION:
            doc = parse_plain(self.path, raw, self._sealing.known_keys())
            self._doc, self._signature = doc, signature
            return False
        self._doc, self._cut, self._cut_signature = cut.head, cut, signature
        return True

    @property
    def appending(self) -> bool:
        """True while the entries section is held as unparsed bytes."""
        return self._cut is not None

    def load_fully(self) -> None:
        """Leave head-only mode: parse the entries section after all."""
        if self._cut is None:
            return
        entries = load_quietly(self._cut.section)
        if not isinstance(entries, dict) or shape_problem({"meta": {}, "entries": entries}):
            raise self._refusal("its entries are not a set of records")
        entries.update(self._appends)
        self._doc["entries"] = entries
        self._signature, self._cut, self._appends = self._cut_signature, None, {}

    def highest_key(self, table: str) -> int:
        """The highest numeric key in a table; for unparsed entries, the one meta records."""
        if table == "entries" and self._cut is not None:
            top = layout.stored_top(self._cut)
            if top is not None:
                return max(top, layout.top_key(self._appends))
            self.load_fully()  # a file from before `entries_top`: read the keys once
        return layout.top_key(self._doc.get(table, {}))

    def append_entries(self, records: dict[str, dict[str, Any]]) -> None:
        """Add entry records (inside a transaction), without parsing the others if we can.

        An add never replaces a record: a key already present is refused, not overwritten.
        """
        assert self._depth, "change the document only inside a transaction"
        if self._cut is not None and not all(
            key.isdigit() and int(key) > self.highest_key("entries") for key in records
        ):
            self.load_fully()  # cannot tell from the head alone: look at the keys
        taken = self._appends if self._cut is not None else self._doc.setdefault("entries", {})
        clash = sorted(records.keys() & taken.keys())
        if clash:
            raise JournalWriteError(
                f"Could not save to the journal {self.path}: entry e{clash[0]} already exists "
                "and an add never replaces an entry.\nThe journal on disk was not changed; "
                "`journal doctor` checks its id counters."
            )
        taken.update(records)
        self._dirty = True

    # -- encryption (docs/encryption.md) --------------------------------------------

    def use_keys(self, keys: crypto.Keys) -> None:
        """Open an encrypted journal with these keys (from an unlock) from now on."""
        self._sealing.given_keys = keys

    def drop_keys(self) -> None:
        """Forget the keys and the decrypted document (the app's idle lock)."""
        with self._thread_lock:
            self._sealing.given_keys, self._sealing.crypt = None, None
            self._forget()

    def has_keys_for(self, journal_id: bytes) -> bool:
        found = self._sealing.known_keys()
        return found is not None and found.journal_id == journal_id

    @property
    def encrypted(self) -> bool:
        """True when the file last read was an encrypted journal."""
        return self._sealing.crypt is not None

    def _parse(self, raw: bytes) -> Document:
        return parse_plain(self.path, self._sealing.plaintext(raw), self._sealing.known_keys())

    def _refusal(self, reason: str) -> JournalFileError:
        return refusal(self.path, reason, self._sealing.known_keys())

    def read(self) -> Document:
        """TinyDB's read: the cached document, refreshed unless inside a transaction.

        Tables handed out here are never changed afterwards (a transaction works on
        copies), so a reader may keep iterating them while another thread writes.
        """
        with self._thread_lock:
            if self._depth == 0 and not self._pinned:
                self._refresh()
            return self._doc

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads that see one state of the journal: catch up once, then hold it
        (other threads wait; another process's write shows at the next read after)."""
        with self._thread_lock:
            if self._depth == 0 and not self._pinned:
                self._refresh()
            self._pinned += 1
            try:
                yield
            finally:
                self._pinned -= 1

    @property
    def signature(self) -> Signature | None:
        """The (inode, size, mtime) of the file as last read or written: a new value means
        a new state, whichever reader noticed it (`journal.live` compares it)."""
        return self._cut_signature if self._cut is not None else self._signature

    def take_rollbacks(self) -> list[rollback.Rollback]:
        """Rollbacks and deletions adopted since the last call (see `journal.storage.rollback`)."""
        with self._thread_lock:
            found, self._rollbacks = self._rollbacks, []
            return found

    def changed_on_disk(self) -> bool:
        """Reload if another process wrote the file; lets a long-lived app notice."""
        with self._thread_lock:
            if self._depth or self._pinned:
                return False
            return self._refresh()

    # -- writing ---------------------------------------------------------------------

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write: buffered inside a transaction, else its own transaction."""
        if self._depth:
            self._doc = data
            self._dirty = True
            return
        with self.transaction():
            self._doc = data
            self._dirty = True

    def mark_dirty(self) -> None:
        """Record that the document was changed in place (inside a transaction)."""
        assert self._depth, "change the document only inside a transaction"
        self._dirty = True

    @contextlib.contextmanager
    def transaction(self, append_only: bool = False) -> Iterator[Document]:
        """Lock, catch up with the file, let the caller change the document, save once.

        On an exception nothing is written and the in-memory document is dropped, so
        the next read comes fresh from disk. `append_only` (adding entries) may leave the
        entries section unparsed when nothing is cached yet, as in a one-shot command.
        """
        with self._thread_lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._doc
                finally:
                    self._depth -= 1
                return
            with self._outermost(append_only) as doc:
                yield doc

    @contextlib.contextmanager
    def _outermost(self, append_only: bool) -> Iterator[Document]:
        self._acquire()
        try:
            if not (append_only and self._signature is None and self._load_head()):
                self._refresh()
            committed = self._base = self._doc
            self._doc = working_copy(committed)
            self._depth = 1
            try:
                yield self._doc
                if self._dirty:
                    self._flush()
            except BaseException:
                if self._cut is None:
                    self._doc = committed  # the file was not changed: neither is memory
                else:
                    self._forget()
                raise
            finally:
                self._depth = 0
                self._dirty = False
                self._base = {}
        finally:
            self._release()

    def _forget(self) -> None:
        self._doc, self._signature, self._cut, self._appends = {}, None, None, {}

    def _flush(self) -> None:
        """Save the transaction; if another program (a sync tool) replaced the file since it
        was read, re-read it and re-apply just this transaction's change on top."""
        found: list[merge.Change] | None = None
        for _ in range(MERGE_ATTEMPTS):
            try:
                self._flush_once()
                return
            except JournalReplaced:
                from journal.storage import merge

                if found is None:
                    found = merge.changes(self._base, self._doc)
                    found += merge.added("entries", self._appends)
                self._reapply(found)
        self._forget()
        raise JournalWriteError(
            f"Could not save the journal {self.path}: another program kept replacing it while "
            "saving (a sync tool?).\nNothing was saved; try again in a moment."
        )

    def _flush_once(self) -> None:
        if self._cut is not None:
            cut, appends = self._cut, self._appends
            cut.head = self._doc  # the transaction changed a copy of the head
            data = layout.append(cut, appends) if appends else layout.join(cut.head, [cut.section])
            self._write(self._sealing.sealed(data), self._cut_signature)
            self._forget()  # only the head was parsed: read afresh if asked again
            return
        sealed = self._sealing.sealed(layout.compose(self._doc))
        self._signature = self._write(sealed, self._signature)

    def _reapply(self, found: list[merge.Change]) -> None:
        """Read the file another program put in place and apply `found` to it, or refuse."""
        held = self._base  # what was read: if theirs lost entries of it, keep it first
        self._forget()  # whatever happens next, memory no longer matches the file
        read = read_raw(self.path, None, self._sealing.known_keys())
        if read is None:
            raise JournalWriteError(
                f"Could not save the journal {self.path}: another program removed it while "
                "saving.\nNothing was saved; `journal doctor` lists the backups."
            )
        raw, signature = read
        assert raw is not None
        theirs = self._parse(raw)
        self._keep_if_lost(held, theirs)
        from journal.storage import merge

        conflicts = merge.apply(theirs, found)
        if conflicts:
            raise JournalWriteError(
                f"Could not save the journal {self.path}: it was changed by another program "
                f"while saving (a sync tool such as Dropbox or Syncthing?), and "
                f"{', '.join(conflicts[:3])} changed on both sides.\nNothing was saved; the "
                "other program's version was kept: check it and make the change again."
            )
        self._doc, self._signature = theirs, signature

    def _write(self, data: layout.Chunks, expect: Signature | None) -> Signature:
        """Replace the file with `data` atomically, if it still is the file that was read."""
        with signals_deferred():
            refuse_read_only(self.path)
            backups.remove_stale_temps(self.path)
            keep = expect is not None
            return replace_atomically(
                self.path, data, lambda: backups.maybe_keep(self.path) if keep else None, expect
            )

    # -- locking ---------------------------------------------------------------------

    def _acquire(self) -> None:
        self._lock_fd = take_lock(self.path)

    def _release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the lock
            self._lock_fd = None

    def close(self) -> None:
        self._release()
