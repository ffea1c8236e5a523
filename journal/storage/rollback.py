"""Catching up with the file without silently losing what we held.

A long-lived reader (the app) re-reads the journal when another program changed it.
When that change takes entries away or makes them older (a sync tool or a person
renaming an older copy over the file, a restore) or deletes the file, what the reader
held may exist nowhere else. The storage then calls `keep_if_lost` before adopting the
file as it is (it never fights the other program): what it held is kept as a backup,
unless the newest backup already holds exactly that, and a `Rollback` says what
happened so the app can tell the user in words.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from journal.errors import JournalError
from journal.storage import backups, layout
from journal.textsafe import visible_line


@dataclass(frozen=True)
class Rollback:
    """The journal went back (or vanished); what we held is kept as backup `number`."""

    path: Path
    held: int  # entries we held
    now: int | None  # entries on disk now; None when the file is gone
    number: int | None  # the backup of what we held, in `journal doctor`'s list (1 = newest)
    problem: str = ""  # why no backup could be kept

    def message(self) -> str:
        if self.now is None:
            what = f"The journal file {visible_line(str(self.path))} was deleted elsewhere."
            kept = f"what was shown here ({self.held} entries)"
        elif self.now < self.held:
            what = f"The journal went back from {self.held} to {self.now} entries."
            kept = "the previous version"
        else:
            what = "The journal went back to older versions of some entries."
            kept = "the previous version"
        if self.number is None:
            return f"{what} No backup of {kept} could be kept: {visible_line(self.problem)}"
        return (
            f"{what} {kept[0].upper()}{kept[1:]} is kept as backup {self.number}; "
            f"`journal doctor --restore {self.number}` brings it back."
        )


def keep_if_lost(
    path: Path,
    held: dict[str, Any],
    now: dict[str, Any] | None,
    seal: Callable[[layout.Chunks], layout.Chunks] = lambda data: data,
) -> Rollback | None:
    """Before adopting `now` (None: the file is gone) over `held`: keep `held` if needed.

    `seal` turns the kept bytes into what goes on disk (an encrypted journal's backups are
    encrypted too)."""
    entries = held.get("entries") or {}
    if not entries:
        return None
    if now is not None and not lost_work(entries, now.get("entries") or {}):
        return None
    count = None if now is None else len(now.get("entries") or {})
    try:
        kept = _already_kept(path, entries)
        if kept is None:
            meta = {key: dict(value) for key, value in (held.get("meta") or {}).items()}
            kept = backups.keep_bytes(path, seal(layout.compose({**held, "meta": meta})))
    except (OSError, JournalError) as err:
        return Rollback(path, len(entries), count, None, str(err))
    listed = backups.list_backups(path)
    number = listed.index(kept) + 1 if kept in listed else 1
    return Rollback(path, len(entries), count, number)


def lost_work(held: dict[str, Any], now: dict[str, Any]) -> bool:
    """Entries we held are gone, or are older on disk than ours."""
    for key, record in held.items():
        there = now.get(key)
        if there is None or str(there.get("updated", "")) < str(record.get("updated", "")):
            return True
    return False


def _already_kept(path: Path, entries: dict[str, Any]) -> Path | None:
    """The newest backup, if it holds exactly these entries (a restore keeps one itself)."""
    listed = backups.list_backups(path)
    if not listed:
        return None
    with contextlib.suppress(OSError, orjson.JSONDecodeError, AttributeError):
        if orjson.loads(listed[0].read_bytes()).get("entries") == entries:
            return listed[0]
    return None
