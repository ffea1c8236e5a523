"""`journal add` on a locked encrypted journal: seal the entry for the inbox, no passphrase.

Only the journal's header is read (its capture public key); the entry is checked as an
add would check it, then sealed and appended to the inbox (journal.storage.inbox). Links
are kept as the codes typed and checked when the next unlock merges the inbox.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.models import check_entry, check_text, split_title
from journal.timestamps import local_now, to_iso


def capture_key(path: Path) -> bytes | None:
    """The capture public key when `path` is an encrypted journal with no key at hand."""
    from journal.storage import crypto, unlocking

    try:
        header = unlocking.read_header(path)
    except crypto.CryptoError:
        return None  # damaged: the ordinary path refuses it with the full message
    if header is None or unlocking.cached(header) is not None:
        return None
    return header.capture_public


def when_typed(text: str) -> str:
    from journal.store.journal_store import stored_when  # the store's rule, loaded only when needed

    return stored_when(text)


def add_sealed(
    args: argparse.Namespace,
    kind: str,
    text: str,
    tags: list[str],
    path: Path,
    capture_public: bytes,
) -> None:
    """Check the entry like an add, then seal it into the inbox."""
    from journal.storage import inbox

    check_text(text, "the entry's text")
    title, body = split_title(text)
    stamp = to_iso(local_now())
    record = check_entry(
        {
            "kind": kind,
            "title": title,
            "body": body,
            "when": stamp if not args.when else when_typed(args.when),
            "tags": tags,
            "source": args.source,
            "sentiment": args.sentiment,
            "starred": args.star,
            "created": stamp,
        }
    )
    record["goals"], record["skills"] = list(args.goal), list(args.skill)
    inbox.capture(path, capture_public, record)
    print("sealed for the inbox (locked journal)")
