"""Shared helpers for command output: the store from --db, JSON and safe text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import JournalError
from journal.paths import journal_path
from journal.records import Entry, StoredRecord
from journal.textsafe import safe_json, visible_line

if TYPE_CHECKING:  # a locked `journal add` seals to the inbox and never opens the store
    from journal.store.journal_store import JournalStore


def open_store(args: argparse.Namespace, must_exist: bool = False) -> JournalStore:
    """The journal of --db, $JOURNAL_DB or the default place. A command that only reads
    (`must_exist`) refuses a --db path with no journal: a typo must not look empty."""
    path = journal_path(getattr(args, "db", None))
    if must_exist and getattr(args, "db", None) and not path.exists():
        raise JournalError(visible_line(f"no journal at {path}"))
    from journal.storage.crypto import file_is_encrypted

    if file_is_encrypted(path):  # a command on the terminal may ask for the passphrase
        from journal.storage import unlocking

        unlocking.allow_prompt()
    from journal.store.journal_store import JournalStore

    return JournalStore(path)


def write_output(output: str, text: str, force: bool, journal: Path) -> Path:
    """Write an export to the file of -o: private (0600), refusing to replace an existing
    file without --force, and `journal` or any of its own files even with it (exit 2); a
    failed write is exit 1. Returns the path written."""
    from journal.cli import UsageError
    from journal.export.outfile import JournalTargetError, write_private

    try:
        written = write_private(output, text, overwrite=force, journal=journal)
    except JournalTargetError as err:
        raise UsageError(
            f"{output} is {err}: an export never replaces it, even with --force; "
            "choose another file"
        ) from None
    except FileExistsError:
        raise UsageError(f"{output} already exists: add --force to replace it") from None
    except FileNotFoundError:
        raise UsageError(f"cannot write {output}: its folder does not exist") from None
    except IsADirectoryError:
        raise UsageError(f"cannot write {output}: it is a folder") from None
    except OSError as err:
        raise JournalError(f"cannot write {output}: {err.strerror or err}") from None
    from journal.storage.crypto import file_is_encrypted

    if file_is_encrypted(journal):
        print(
            visible_line(
                f"journal: note: {written} is NOT encrypted (an export is plain "
                "text; it is readable by you only, mode 0600): delete it when done"
            ),
            file=sys.stderr,
        )
    return written


def print_json(value: Any) -> None:
    """JSON on stdout: exact text, every control character escaped (terminal-safe)."""
    sys.stdout.buffer.write(safe_json(value) + b"\n")
    sys.stdout.flush()


def entry_json(entry: Entry, codes: dict[str, str]) -> StoredRecord:
    """An entry as `--json` shows it: the model's fields, links by code."""
    return {
        "id": entry["id"],
        "kind": entry["kind"],
        "when": entry["when"],
        "title": entry["title"],
        "body": entry["body"],
        "tags": entry["tags"],
        "goals": [codes.get(g, g) for g in entry["goals"]],
        "skills": [codes.get(s, s) for s in entry["skills"]],
        "starred": entry["starred"],
        "source": entry.get("source"),
        "sentiment": entry.get("sentiment"),
        "impact": entry.get("impact"),
        "created": entry.get("created"),
        "updated": entry.get("updated"),
        **(
            {"value": entry.get("value"), "confidence": entry.get("confidence")}
            if entry["kind"] == "checkin"
            else {}
        ),
    }


def entry_line(entry: Entry, codes: dict[str, str]) -> str:
    """One entry on one line, every piece of user text made terminal-safe."""
    star = "*" if entry.get("starred") else " "
    when = entry["when"][:16].replace("T", " ")
    links = [f"@{codes.get(g, g)}" for g in entry["goals"]]
    links += [f"+{codes.get(s, s)}" for s in entry["skills"]]
    links += [f"#{t}" for t in entry["tags"]]
    extra = f"  {' '.join(links)}" if links else ""
    source = f" (from {entry['source']})" if entry.get("source") else ""
    text = f"{entry['id']:<6} {when}  {entry['kind']:<10} {star} {entry['title']}{source}{extra}"
    return visible_line(text)
