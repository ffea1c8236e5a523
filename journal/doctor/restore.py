"""A journal's backups as `journal doctor` lists them, and putting one back.

The storage refuses a damaged journal and never overwrites it, so a restore works beside
it: under the journal's own lock, after keeping the current file (damaged or not) byte
for byte as a backup, by atomic replace.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from journal.errors import JournalError, JournalWriteError, ValidationError
from journal.models import PREFIX
from journal.storage import backups, layout
from journal.storage.crypto import MAGIC as ENCRYPTED_MAGIC

if TYPE_CHECKING:
    from journal.storage import crypto
from journal.storage.document import parse_ok, shape_problem, without_bom
from journal.storage.fileops import (
    describe_os_error,
    real_path,
    refuse_special,
    replace_atomically,
    take_lock,
)


@dataclass
class BackupInfo:
    """One backup as the listing shows it; `entries` is None when it does not parse."""

    path: Path
    taken: datetime | None
    size: int
    entries: int | None


def describe_backups(path: Path) -> list[BackupInfo]:
    """`backups.list_backups`, each described: when, how big, how many entries (None: it
    does not parse)."""
    found: list[BackupInfo] = []
    for backup in backups.list_backups(path):
        try:
            raw = backup.read_bytes()
        except OSError:
            found.append(BackupInfo(backup, backups.taken_at(backup), 0, None))
            continue
        entries: int | None = None
        if raw.startswith(ENCRYPTED_MAGIC):  # counted when the key is at hand
            from journal.storage.encrypting import backup_plaintext

            raw = backup_plaintext(path, raw) or b""
        if parse_ok(raw):
            entries = len(orjson.loads(without_bom(raw)).get("entries", {}))
        found.append(BackupInfo(backup, backups.taken_at(backup), len(raw), entries))
    return found


def find_backup(path: Path, ref: str) -> Path:
    """A backup by its number in the listing (1 = newest), its file name, or its path."""
    listed = backups.list_backups(path)
    if ref.isdigit() and 1 <= int(ref) <= len(listed):
        return listed[int(ref) - 1]
    for backup in listed:
        if ref in (backup.name, str(backup)):
            return backup
    candidate = Path(ref).expanduser()
    if candidate.is_file():
        return candidate.absolute()
    hint = f"`journal doctor` lists them (1 to {len(listed)})" if listed else "there are no backups"
    raise ValidationError(f"no backup {ref!r}: give its number, file name or path; {hint}")


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the journal's lock without opening it as a store.

    A damaged journal cannot be opened by the storage, yet a restore must still keep any
    other journal process out while it swaps the file.
    """
    fd = take_lock(path, timeout)
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@dataclass
class Restored:
    backup: Path
    kept: Path | None
    entries: int
    next_ids: list[str] = field(default_factory=list)  # counters kept from the replaced file


def restore(path: Path, ref: str) -> Restored:
    """Put a backup back as the journal, keeping the current file as a backup first."""
    path = real_path(path)
    refuse_special(path)
    backup = find_backup(path, ref)
    try:
        data = backup.read_bytes()  # read first: keeping a copy may rotate this backup away
    except OSError as err:
        raise JournalError(f"Cannot read the backup {backup}: {describe_os_error(err)}.") from None
    sealed_with = None  # an encrypted backup: restored encrypted, with the same header
    if data.startswith(ENCRYPTED_MAGIC):
        from journal.storage.encrypting import open_backup

        sealed_with, data = open_backup(path, backup, data)
    if not parse_ok(data):
        raise ValidationError(
            f"the backup {backup} is not a journal this version can open: choose another"
        )
    if path.is_dir():
        raise JournalError(
            f"{path} is a directory, not a journal file: move it away, then restore again."
        )
    with locked(path):
        data, raised = keep_counters(path, data, sealed_with[1] if sealed_with else None)
        kept = None
        if path.exists():
            try:
                kept = backups.keep(path)
            except OSError as err:
                raise JournalWriteError(
                    f"Could not keep a copy of the current journal {path} before restoring: "
                    f"{describe_os_error(err)}. Nothing was changed."
                ) from None
        if sealed_with is None:
            replace_atomically(path, [data])
        else:
            from journal.storage import crypto

            replace_atomically(path, crypto.seal(*sealed_with, data))
    entries = len(orjson.loads(without_bom(data)).get("entries", {}))
    return Restored(backup, kept, entries, raised)


def keep_counters(
    path: Path, data: bytes, keys: crypto.Keys | None = None
) -> tuple[bytes, list[str]]:
    """The backup's bytes, with its id counters raised to those of the journal it replaces
    where they are lower: ids are never reused, also after a rollback (a rolled-back
    entry's id may sit in an export or a note). Returns the next ids it raised. `keys`
    open the current journal when it is encrypted."""
    try:
        raw = path.read_bytes()
        if keys is not None and raw.startswith(ENCRYPTED_MAGIC):
            from journal.storage import crypto

            raw = crypto.open_sealed(raw, keys)[1]
        current = orjson.loads(without_bom(raw))
    except (OSError, orjson.JSONDecodeError, ValueError):
        return data, []  # nothing there, or damaged: nothing to carry over
    if shape_problem(current):
        return data, []
    doc = orjson.loads(without_bom(data))
    meta = doc.get("meta", {}).get("1")
    if not isinstance(meta, dict):
        return data, []
    wanted, counters = next_numbers(current), next_numbers(doc)
    raised = {t: n for t, n in wanted.items() if n > counters.get(t, 1)}
    if not raised:
        return data, []
    before = meta.get("next")
    meta["next"] = {**(before if isinstance(before, dict) else {}), **raised}
    return b"".join(layout.compose(doc)), [f"{PREFIX[t]}{n}" for t, n in sorted(raised.items())]


def next_numbers(doc: dict[str, Any]) -> dict[str, int]:
    """Per table, the next id number a new record would get: past the counter and every id."""
    meta = doc.get("meta", {}).get("1")
    counters = meta.get("next") if isinstance(meta, dict) else None
    counters = counters if isinstance(counters, dict) else {}
    found = {}
    for table in PREFIX:
        counter = counters.get(table)
        counter = counter if isinstance(counter, int) and not isinstance(counter, bool) else 1
        records = doc.get(table)
        top = layout.top_key(records) if isinstance(records, dict) else 0
        found[table] = max(counter, top + 1)
    return found
