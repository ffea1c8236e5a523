"""The unlocked key, kept in the user's runtime folder until it expires or `journal lock`.

`$XDG_RUNTIME_DIR` is a RAM-backed folder only the user can enter (systemd makes it 0700
and removes it at logout). We keep one 0600 file per journal id there, holding the
unwrapped keys and their expiry; never the passphrase. Without a runtime folder nothing
is cached and every command asks.
"""

from __future__ import annotations

import base64
import contextlib
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import orjson

from journal.storage.crypto import Keys

FOLDER = "coaching-journal"


def runtime_folder(create: bool = False) -> Path | None:
    """Our folder under $XDG_RUNTIME_DIR, or None when there is no safe runtime folder.

    A runtime folder that is not a directory owned by this user with no access for others
    is not used: a key file there would not be private.
    """
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base:
        return None
    try:
        st = os.stat(base)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    folder = Path(base) / FOLDER
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)
    return folder


def private_folder(journal: Path, purpose: str) -> Path | None:
    """A 0700 folder in the runtime folder for one journal's passing plaintext (editor
    files, drafts of an encrypted journal); None when there is no safe runtime folder."""
    import hashlib

    base = runtime_folder(create=True)
    if base is None:
        return None
    name = hashlib.sha256(os.fsencode(journal)).hexdigest()[:20]
    folder = base / purpose / name
    for each in (folder.parent, folder):
        with contextlib.suppress(FileExistsError):
            each.mkdir(mode=0o700)
        os.chmod(each, 0o700)
    return folder


def key_file(journal_id: bytes, create: bool = False) -> Path | None:
    folder = runtime_folder(create)
    return None if folder is None else folder / f"{journal_id.hex()}.key"


def save(keys: Keys, until: datetime) -> Path | None:
    """Cache `keys` until `until` (atomic, 0600); None when there is no runtime folder."""
    from journal.storage.fileops import replace_atomically

    path = key_file(keys.journal_id, create=True)
    if path is None:
        return None
    record = {
        "journal_id": keys.journal_id.hex(),
        "data_key": base64.b64encode(keys.data_key).decode(),
        "capture_secret": base64.b64encode(keys.capture_secret).decode(),
        "until": until.astimezone(UTC).isoformat(),
    }
    replace_atomically(path, [orjson.dumps(record)])
    return path


def load(journal_id: bytes, now: datetime | None = None) -> tuple[Keys, datetime] | None:
    """The cached keys and their expiry; an expired or unreadable file is removed."""
    path = key_file(journal_id)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if st.st_uid != os.getuid() or st.st_mode & 0o077 or not stat.S_ISREG(st.st_mode):
            return None  # not ours, or readable by others: never trusted
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    finally:
        os.close(fd)
    try:
        record = orjson.loads(raw)
        until = datetime.fromisoformat(record["until"])
        keys = Keys(
            bytes.fromhex(record["journal_id"]),
            base64.b64decode(record["data_key"]),
            base64.b64decode(record["capture_secret"]),
        )
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        forget(journal_id)
        return None
    if keys.journal_id != journal_id or (now or datetime.now(UTC)) >= until:
        forget(journal_id)
        return None
    return keys, until


def forget(journal_id: bytes) -> bool:
    """Remove the cached key (`journal lock`); True if there was one."""
    path = key_file(journal_id)
    if path is None:
        return False
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
