"""Reading the journal file for the storage: its bytes, its parsed document, or a refusal.

A refusal leaves the file untouched and names the newest good backup (read with the keys
at hand, for an encrypted journal), so the message says how to get the journal back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import JournalFileError
from journal.storage import backups
from journal.storage.document import Document, Refused, load_quietly, parse_document
from journal.storage.fileops import (
    Signature,
    describe_os_error,
    special_kind,
    special_message,
)

if TYPE_CHECKING:
    from journal.storage import crypto


def read_raw(
    path: Path, unless: Signature | None, keys: crypto.Keys | None
) -> tuple[bytes | None, Signature] | None:
    """The file's bytes and signature; None if there is no file; no bytes if unchanged."""
    try:  # non-blocking: opening a FIFO would otherwise wait for a writer forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise refusal(path, "it is a directory, not a journal file", keys) from None
    except PermissionError:
        raise refusal(path, "permission denied when reading it", keys) from None
    try:
        st = os.fstat(fd)
        kind = special_kind(st.st_mode)
        if kind:
            raise JournalFileError(special_message(path, kind))
        signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        if signature == unless:
            return None, signature
        try:  # open() itself refuses a directory's descriptor, so it sits inside
            with open(fd, "rb", closefd=False) as handle:
                return handle.read(), signature
        except IsADirectoryError:
            raise refusal(path, "it is a directory, not a journal file", keys) from None
        except OSError as err:
            raise refusal(path, f"it cannot be read ({describe_os_error(err)})", keys) from None
    finally:
        os.close(fd)


def parse_plain(path: Path, raw: bytes, keys: crypto.Keys | None) -> Document:
    """The document in a plaintext journal's bytes, or a refusal naming what is wrong."""
    doc = parse_document(raw, load_quietly)
    if isinstance(doc, Refused):
        advice = ": upgrade journal to open it" if doc.kind == "newer" else ""
        raise refusal(path, doc.reason + advice, keys)
    return doc


def refusal(path: Path, reason: str, keys: crypto.Keys | None) -> JournalFileError:
    """Why the journal cannot be opened, and the newest good backup to restore."""
    from journal.storage.encrypting import readable_with

    newest = backups.newest_good(path, readable_with(keys))
    hint = (
        f"\nNewest good backup: {newest}\nTo restore it: journal doctor --restore '{newest}'"
        if newest
        else "\nNo good backup was found."
    )
    return JournalFileError(
        f"Cannot open the journal {path}: {reason}.\nThe file was left untouched.{hint}"
    )
