"""Rotating backups beside the journal, and the clean-up of temp files a crash left.

A backup is the previous version of the journal, kept by hard-linking the old file just
before the atomic replace (no copy, so it costs nothing on a big journal). One is kept
when the newest is older than BACKUP_EVERY; the KEEP newest survive.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from journal.storage.fileops import Chunks, replace_atomically

BACKUP_EVERY = 3600  # seconds between automatic backups
KEEP = 10
_STAMP = "%Y%m%dT%H%M%SZ"


def folder_for(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, newest first by real age: one stamped in the future (a clock
    that was wrong, a copy from another machine) cannot be newer than now, so those come
    last, as the oldest, and are the first to be rotated away."""
    folder = folder_for(path)
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".bak")]
    except OSError:
        return []
    now = datetime.now(UTC).strftime(_STAMP)

    def age(name: str) -> tuple[bool, str, int]:
        stamp, n = _order(name)
        return _parses(stamp) and stamp <= now, stamp, n

    return [folder / n for n in sorted(names, key=age, reverse=True)]


def _order(name: str) -> tuple[str, int]:
    """Sort key: the stamp, then the -N suffix of backups taken in the same second.

    Plain name order puts "...Z.bak" after "...Z-1.bak" and "-10" before "-2".
    """
    stamp, _, n = name.rsplit(".", 2)[-2].partition("-")
    return stamp, int(n) if n.isdigit() else 0


def _parses(stamp: str) -> bool:
    return _stamp_time(stamp) is not None


def _stamp_time(stamp: str) -> datetime | None:
    """A stamp like 20261202T014500Z as a UTC time; None if it is not one. (By hand:
    strptime's first use costs a quick `journal add` 2 ms of imports.)"""
    if len(stamp) != 16 or stamp[8] != "T" or stamp[15] != "Z":
        return None
    digits = stamp[:8] + stamp[9:15]
    if not digits.isascii() or not digits.isdigit():
        return None
    try:
        return datetime(
            int(digits[:4]),
            int(digits[4:6]),
            int(digits[6:8]),
            int(digits[8:10]),
            int(digits[10:12]),
            int(digits[12:14]),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def taken_at(backup: Path) -> datetime | None:
    """When a backup was taken, from its name (a hard link keeps the old mtime)."""
    return _stamp_time(backup.name.rsplit(".", 2)[-2].split("-")[0])


def keep(path: Path) -> Path:
    """Keep the current journal file as a new backup now; return the backup's path."""
    target = _new_name(path)
    try:
        os.link(path, target)
    except OSError:  # a filesystem without hard links: copy instead
        import shutil

        shutil.copyfile(path, target)
    os.chmod(target, 0o600)
    _rotate(path, target)
    return target


def keep_bytes(path: Path, data: Chunks) -> Path:
    """Keep `data`, a version of the journal no longer on disk (what the app held when
    another program rolled the file back or deleted it), as a new backup; return it."""
    target = _new_name(path)
    replace_atomically(target, data)  # 0600, whole or not at all
    _rotate(path, target)
    return target


def _new_name(path: Path) -> Path:
    """A fresh backup name, stamped now, in the private backup folder (made if missing).

    Past every suffix used this second: a name freed by rotation must not come back, or
    the newest backup would sort as the oldest.
    """
    folder = folder_for(path)
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    stamp = datetime.now(UTC).strftime(_STAMP)
    same = [_order(b.name)[1] for b in list_backups(path) if _order(b.name)[0] == stamp]
    suffix = f"-{max(same) + 1}" if same else ""
    return folder / f"{path.name}.{stamp}{suffix}.bak"


def _rotate(path: Path, kept: Path) -> None:
    """Only the KEEP newest survive; never the backup just kept, whatever its stamp."""
    for old in list_backups(path)[KEEP:]:
        if old == kept:
            continue
        with contextlib.suppress(OSError):
            old.unlink()


def maybe_keep(path: Path) -> None:
    """Keep a backup if the newest one is older than BACKUP_EVERY (never fails a save);
    a newest backup stamped in the future counts as stale, or none would be kept again."""
    existing = list_backups(path)
    newest = taken_at(existing[0]) if existing else None
    if newest and 0 <= (datetime.now(UTC) - newest).total_seconds() < BACKUP_EVERY:
        return
    with contextlib.suppress(OSError):
        keep(path)


def newest_good(path: Path, parse_ok: Callable[[bytes], bool]) -> Path | None:
    """The newest backup that parses as a journal, for error messages and doctor."""
    for backup in list_backups(path):
        try:
            if parse_ok(backup.read_bytes()):
                return backup
        except OSError:
            continue
    return None


def remove_stale_temps(path: Path) -> int:
    """Delete temp files a killed writer left; called under the lock, so none is live."""
    prefix, removed = f".{path.name}.", 0
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)
                removed += 1
    return removed
