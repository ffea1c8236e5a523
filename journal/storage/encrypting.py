"""`journal encrypt`, `decrypt` and `passwd`: the journal and every backup, rewritten.

Each file is replaced atomically (old or new, never torn), under the journal's lock. A
plaintext backup is replaced by its encrypted copy, so no plaintext file is left under
the journal's name (the blocks the old inode used are the filesystem's to reuse; see
docs/encryption.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journal.errors import JournalError, JournalFileError
from journal.storage import backups, crypto, layout
from journal.storage.document import load_quietly, parse_ok, without_bom
from journal.storage.fileops import real_path, replace_atomically, take_lock


class InboxWaiting(JournalError):
    """Entries were captured into the inbox after decrypt merged it: merge them again."""


@dataclass
class Rewritten:
    """What a rewrite did: the backups it converted and the ones it could not read."""

    backups: int = 0
    skipped: list[Path] = field(default_factory=list)


def readable_with(keys: crypto.Keys | None) -> Callable[[bytes], bool]:
    """`parse_ok` for a journal that may be encrypted: an encrypted file must decrypt with
    `keys` (or the cached ones). Locked, with no key at hand, a backup whose header reads
    counts as good: the message naming it must not wait for a passphrase."""
    from journal.storage import keycache

    def check(raw: bytes) -> bool:
        if not crypto.is_encrypted(raw):
            return parse_ok(raw)
        try:
            header = crypto.split_header(raw)[0]
            found = keys if keys and keys.journal_id == header.journal_id else None
            cached = found or keycache.load(header.journal_id)
            if cached is None:
                return True
            use = cached if isinstance(cached, crypto.Keys) else cached[0]
            return parse_ok(crypto.open_sealed(raw, use)[1])
        except crypto.CryptoError:
            return False

    return check


def plaintext_of(path: Path, raw: bytes) -> bytes:
    """A plaintext journal's bytes in our own layout, or refused as unreadable."""
    if not parse_ok(raw):
        raise JournalFileError(
            f"Cannot encrypt the journal {path}: it cannot be read as a journal; it was left "
            "untouched. `journal doctor` says what is wrong."
        )
    return b"".join(layout.compose(load_quietly(without_bom(raw))))


def encrypt(path: Path, text: str, kdf: crypto.KdfParams) -> tuple[crypto.Keys, Rewritten]:
    """Encrypt the journal and every backup with fresh keys wrapped under `text`.

    Through a symbolic link the real file is rewritten (and its backups, which sit beside
    it): an atomic replace of the link itself would leave the real journal in plaintext."""
    path = real_path(path)
    keys = crypto.new_keys()
    header = crypto.wrap(keys, text, kdf)
    fd = take_lock(path)
    try:
        raw = _read(path)
        if crypto.is_encrypted(raw):
            raise JournalError(f"The journal {path} is already encrypted: nothing was changed.")
        backups.remove_stale_temps(path)  # a killed writer's temp file holds plaintext
        sealed = crypto.seal(header, keys, plaintext_of(path, raw))
        done = Rewritten()
        for backup in backups.list_backups(path):  # damaged ones too: they hold plaintext
            old = _read(backup)
            if not crypto.is_encrypted(old):
                replace_atomically(backup, crypto.seal(header, keys, old))
                done.backups += 1
        replace_atomically(path, sealed)
    finally:
        os.close(fd)
    return keys, done


def decrypt(path: Path, keys: crypto.Keys) -> Rewritten:
    """Write the journal and its backups back as plaintext.

    Refused (InboxWaiting) while captured entries wait: the plaintext journal keeps no
    capture key, so an inbox left behind could never be opened again."""
    return _rewrite(path, keys, lambda plain: [plain], inbox_must_be_empty=True)


def rewrap(path: Path, keys: crypto.Keys, text: str, kdf: crypto.KdfParams) -> Rewritten:
    """`passwd`: the same data key wrapped under a new passphrase, in every file."""
    header = crypto.wrap(keys, text, kdf)
    return _rewrite(path, keys, lambda plain: crypto.seal(header, keys, plain))


def _rewrite(
    path: Path,
    keys: crypto.Keys,
    make: Callable[[bytes], list[bytes]],
    inbox_must_be_empty: bool = False,
) -> Rewritten:
    from journal.storage import inbox

    path = real_path(path)  # as in encrypt: the file a link names, not the link
    fd = take_lock(path)
    try:
        if inbox_must_be_empty and inbox.pending(path):
            raise InboxWaiting(
                f"An entry was captured into the inbox of {path} meanwhile: nothing was "
                "changed; merge it (`journal unlock`) and run this again."
            )
        raw = _read(path)
        if not crypto.is_encrypted(raw):
            raise JournalError(f"The journal {path} is not encrypted: nothing was changed.")
        try:
            plain = crypto.open_sealed(raw, keys)[1]
        except crypto.CryptoError as err:
            raise JournalFileError(f"Cannot open the journal {path}: {err}.") from None
        done = Rewritten()
        for backup in backups.list_backups(path):
            kept = _read(backup)
            if not crypto.is_encrypted(kept):
                continue  # a plaintext backup (from before `encrypt`): left as it is
            try:
                old = crypto.open_sealed(kept, keys)[1]
            except crypto.CryptoError:
                done.skipped.append(backup)
                continue
            replace_atomically(backup, make(old))
            done.backups += 1
        replace_atomically(path, make(plain))
    finally:
        os.close(fd)
    return done


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise JournalError(f"There is no journal at {path}: nothing to do.") from None
    except OSError as err:
        raise JournalFileError(f"Cannot read {path}: {err.strerror}.") from None


def plain_for_check(path: Path, raw: bytes) -> tuple[bytes | None, str]:
    """For `journal doctor`: the plaintext of a journal file and a problem ("" if none).

    Plaintext files come back as they are; an encrypted one is opened with the cached
    key or the passphrase. Locked with no passphrase at hand gives (None, "") and the
    doctor says it is locked rather than damaged.
    """
    from journal.storage import unlocking

    if not crypto.is_encrypted(raw):
        return raw, ""
    try:
        header = crypto.split_header(raw)[0]
        keys = unlocking.keys_for(path, header)
        return crypto.open_sealed(raw, keys)[1], ""
    except unlocking.JournalLocked:
        return None, ""
    except crypto.CryptoError as err:
        return None, f"{err}: restore a backup"


def backup_plaintext(path: Path, raw: bytes) -> bytes | None:
    """A backup's plaintext for listing it: decrypted with the cached key, else None."""
    from journal.storage import keycache

    if not crypto.is_encrypted(raw):
        return raw
    try:
        header = crypto.split_header(raw)[0]
        found = keycache.load(header.journal_id)
        return None if found is None else crypto.open_sealed(raw, found[0])[1]
    except crypto.CryptoError:
        return None


def open_backup(
    path: Path, backup: Path, raw: bytes
) -> tuple[tuple[crypto.Header, crypto.Keys], bytes]:
    """An encrypted backup to restore: its header and keys, and its plaintext."""
    from journal.errors import ValidationError
    from journal.storage import unlocking

    try:
        header = crypto.split_header(raw)[0]
        keys = unlocking.keys_for(path, header)
        return (header, keys), crypto.open_sealed(raw, keys)[1]
    except crypto.CryptoError as err:
        raise ValidationError(
            f"the backup {backup} cannot be opened ({err}): choose another"
        ) from None
