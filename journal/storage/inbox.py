"""The write-only inbox: entries captured while the journal is locked, sealed to its
capture public key, waiting beside the journal for the next unlock.

`<journal>.inbox` holds a short clear-text line and then length-prefixed sealed boxes.
It is written by atomic replace under the journal's own lock, 0600. A merge first moves
every waiting record into `<journal>.inbox.merging` (atomic), adds them to the journal in
one write, and only then removes that file: a crash at any point leaves each record
either still waiting or in the journal, and a record seen twice (a merge killed after the
journal was written) is dropped by its capture id, which the entry keeps as its origin.
"""

from __future__ import annotations

import contextlib
import os
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from journal.errors import JournalError, JournalFileError, ValidationError
from journal.storage import crypto
from journal.storage.fileops import real_path, replace_atomically, take_lock

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

MAGIC = b"coaching-journal inbox 1\n"
LENGTH = struct.Struct(">I")
ORIGIN = "inbox"


def _beside(journal: Path, suffix: str) -> Path:
    """A file beside the real journal (links followed), where the storage's merge looks:
    a capture through a link must land where the unlock that merges it reads."""
    real = real_path(journal)
    return real.with_name(real.name + suffix)


def inbox_path(journal: Path) -> Path:
    return _beside(journal, ".inbox")


def merging_path(journal: Path) -> Path:
    return _beside(journal, ".inbox.merging")


class JournalRekeyed(JournalError):
    """The journal was decrypted (or replaced) between reading its header and the lock."""


def _records(path: Path) -> list[bytes]:
    """The sealed records of an inbox file ([] when there is none)."""
    raw = _read_regular(path)
    if raw is None:
        return []
    if not raw.startswith(MAGIC):
        raise JournalFileError(
            f"The inbox {path} is not an inbox file this version can read; it was left "
            "untouched. Move it away to go on."
        )
    found, at = [], len(MAGIC)
    while at < len(raw):
        if at + LENGTH.size > len(raw):
            raise JournalFileError(f"The inbox {path} is truncated; it was left untouched.")
        (size,) = LENGTH.unpack_from(raw, at)
        at += LENGTH.size
        if at + size > len(raw):
            raise JournalFileError(f"The inbox {path} is truncated; it was left untouched.")
        found.append(raw[at : at + size])
        at += size
    return found


def _read_regular(path: Path) -> bytes | None:
    """The inbox file's bytes, None when there is none. Opened without blocking and
    checked to be a regular file: a FIFO or a folder put there must not hang or crash a
    locked add or an unlock."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        fd = -1
    except OSError as err:
        raise JournalFileError(f"Cannot read the inbox {path}: {err.strerror}.") from None
    try:
        if fd < 0 or not stat.S_ISREG(os.fstat(fd).st_mode):
            raise JournalFileError(
                f"The inbox {path} is not a regular file; it was left untouched. Move it "
                "away to go on."
            )
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        if fd >= 0:
            os.close(fd)


def _chunks(records: list[bytes]) -> list[bytes]:
    return [MAGIC, *(LENGTH.pack(len(r)) + r for r in records)]


def pending(journal: Path) -> int:
    """How many captured entries wait to be merged."""
    return len(_records(merging_path(journal))) + len(_records(inbox_path(journal)))


def capture(journal: Path, capture_public: bytes, item: Mapping[str, Any]) -> None:
    """Seal one entry (the fields `journal add` was given) and add it to the inbox."""
    plain = orjson.dumps({"capture_id": os.urandom(16).hex(), "item": item})
    sealed = crypto.seal_for_inbox(capture_public, plain)
    path = inbox_path(journal)
    fd = take_lock(real_path(journal))  # the journal's lock: a merge never misses a record
    try:
        _still_sealed_to(journal, capture_public)
        replace_atomically(path, _chunks([*_records(path), sealed]))
    finally:
        os.close(fd)


def _still_sealed_to(journal: Path, capture_public: bytes) -> None:
    """Under the lock: the journal still takes records sealed to this key (a decrypt that
    ran since the header was read would leave the record where nothing can open it)."""
    start = crypto.read_start(real_path(journal), len(crypto.MAGIC) + crypto.HEADER_LIMIT)
    try:
        current = crypto.split_header(start)[0].capture_public
    except crypto.CryptoError:
        current = None
    if current != capture_public:
        raise JournalRekeyed(
            f"The journal {journal} was decrypted or replaced while this entry was being "
            "sealed for its inbox: nothing was written; run the command again."
        )


@dataclass
class Merged:
    """What an unlock brought in from the inbox."""

    added: list[str] = field(default_factory=list)  # entry ids
    duplicates: int = 0
    unreadable: int = 0  # records that did not open with this journal's key
    invalid: list[str] = field(default_factory=list)  # why each opened record was refused
    dropped_links: list[str] = field(default_factory=list)

    @property
    def set_aside(self) -> int:
        return self.unreadable + len(self.invalid)


def unreadable_path(journal: Path) -> Path:
    return _beside(journal, ".inbox.unreadable")


def merge(store: JournalStore, keys: crypto.Keys) -> Merged:
    """Add every waiting record to the journal in one write; remove them only after."""
    journal, result = store.path, Merged()
    staged = merging_path(journal)
    with store.transaction():  # holds the journal's lock: no capture lands meanwhile
        records = _records(staged) + _records(inbox_path(journal))
        if not records:
            return result
        replace_atomically(staged, _chunks(records))
        with contextlib.suppress(FileNotFoundError):
            inbox_path(journal).unlink()
        seen = {
            str(e["origin"].get("key"))
            for e in store.raw_entries()
            if isinstance(e.get("origin"), dict) and e["origin"].get("source") == ORIGIN
        }
        items, bad = [], []
        for sealed in records:
            try:
                opened = orjson.loads(crypto.open_inbox_record(keys, sealed))
                capture_id, item = str(opened["capture_id"]), dict(opened["item"])
            except (crypto.CryptoError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                result.unreadable += 1
                bad.append(sealed)
                continue
            if capture_id in seen:
                result.duplicates += 1
                continue
            # Anyone can seal a record to the public capture key, and a newer version may
            # capture what this one does not know: one bad record must not block the rest.
            try:
                item["origin"] = {"source": ORIGIN, "key": capture_id}
                checked = _checked_links(store, item, result)
                store.entries.check_new(checked)
            except (ValidationError, TypeError, ValueError, AttributeError, KeyError) as err:
                result.invalid.append(str(err) or type(err).__name__)
                bad.append(sealed)
                continue
            seen.add(capture_id)
            items.append(checked)
        result.added = [e["id"] for e in store.entries.add_many(items)]
        if bad:  # kept, out of the way, for a look; before the staged copy goes
            _set_aside(unreadable_path(journal), bad)
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
    return result


def _set_aside(path: Path, bad: list[bytes]) -> None:
    """Add records to the set-aside file (once each: a merge re-run after a crash)."""
    try:
        kept = _records(path)
    except JournalFileError:  # not a file we can read: left as it is, ours goes beside it
        kept, path = [], path.with_name(f"{path.name}-{os.urandom(4).hex()}")
    replace_atomically(path, _chunks([*kept, *(r for r in bad if r not in kept)]))


def _checked_links(store: JournalStore, item: dict[str, Any], result: Merged) -> dict[str, Any]:
    """Links given by code at capture time; a code the journal does not know is dropped."""
    for name, records in (("goals", store.goals.all()), ("skills", store.skills.all())):
        known = {r["id"] for r in records} | {r.get("code") for r in records}
        given = [str(c).strip().lower() for c in item.get(name) or []]
        result.dropped_links += [f"{name[:-1]} {c!r}" for c in given if c not in known]
        item[name] = [c for c in given if c in known]
    return item
