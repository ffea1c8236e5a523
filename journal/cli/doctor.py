"""`journal doctor`: where the journal lives, whether it is healthy, and its backups.

Exit status: 0 when the journal is healthy (or restored/mended), 1 when it is damaged,
2 for a bad --restore choice. Everything printed passes through visible_line, since
paths and messages can carry text from the file.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from journal.doctor.checks import Report, check
from journal.doctor.repair import fix
from journal.doctor.restore import restore
from journal.paths import ENV_VAR, journal_path
from journal.storage import backups
from journal.textsafe import plural, visible_line

EPILOG = f"""\
backups: before a save, the journal's previous version is kept in the folder
JOURNAL.backups beside it when the newest backup is more than {backups.BACKUP_EVERY // 60} minutes
old; the {backups.KEEP} newest are kept. `journal doctor --restore N` puts backup N back
(the current file is kept as a backup first).
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cmd = subparsers.add_parser(
        "doctor",
        parents=[common],
        help="check the journal; list or restore backups",
        description="Check the journal file (it parses, its schema, ids, links between\n"
        "entries, goals and skills), show where it lives, and list its backups.\n"
        "Exit status: 0 healthy, 1 damaged.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    action = cmd.add_mutually_exclusive_group()
    action.add_argument(
        "--restore",
        metavar="BACKUP",
        help="restore a backup: its number in the list (1 = newest), file name or path",
    )
    action.add_argument(
        "--fix",
        action="store_true",
        help="drop links to goals, skills or entries that no longer exist "
        "and repair id counters (a backup is kept first)",
    )
    cmd.set_defaults(run=run_doctor)


def say(text: str = "") -> None:
    print(visible_line(text) if text else "")


def where_from(args: argparse.Namespace) -> str:
    if getattr(args, "db", None):
        return "from --db"
    if os.environ.get(ENV_VAR):
        return f"from ${ENV_VAR}"
    return "the default location"


def size_text(size: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return f"{size} bytes"


def run_doctor(args: argparse.Namespace) -> int:
    path = journal_path(getattr(args, "db", None))
    if args.restore:
        from journal.storage import unlocking

        unlocking.allow_prompt()  # an encrypted backup needs the key: ask on a terminal
        restored = restore(path, args.restore)
        if restored.kept:
            say(f"Kept the previous journal file as {restored.kept}")
        say(f"Restored {restored.backup} ({plural(restored.entries, 'entry')}) to {path}")
        if restored.next_ids:
            say(
                "Id counters kept from the journal it replaced, so no id is used twice "
                f"(next new ids: {', '.join(restored.next_ids)})"
            )
        return 0
    if args.fix:
        mended = fix(path)
        for line in mended:
            say(f"Fixed: {line}")
        if not mended:
            say("Nothing --fix can mend (it drops dangling links and repairs id counters).")
    report = check(path)
    show(report, where_from(args))
    if args.fix and not report.healthy:
        say("What is left needs a person: restore a backup with `journal doctor --restore N`.")
    missing = not report.exists and bool(report.backups)
    return 0 if report.healthy and not missing else 1


def missing_with_backups(report: Report) -> str:
    """No journal file, but backups of one: deleted (or moved away), not new."""
    good = [(n, b) for n, b in enumerate(report.backups, 1) if b.entries is not None]
    if not good:
        return "Status: the journal file is missing, and none of its backups opens (listed below)."
    number, newest = good[0]
    taken = newest.taken.astimezone().strftime("%Y-%m-%d %H:%M") if newest.taken else "?"
    return (
        f"Status: the journal file is missing, but its backups are kept. The "
        f"newest that opens is backup {number} ({taken}, "
        f"{plural(newest.entries or 0, 'entry')}); bring it back with: "
        f"journal doctor --restore {number}"
    )


def show(report: Report, source: str) -> None:
    say(f"Journal: {report.path}  ({source})")
    show_encryption(report.real)
    if report.real != report.path:
        say(f"  really written: {report.real} ({report.path} is a symbolic link to it)")
    if report.exists and report.parses:
        counts = report.counts
        when = report.modified.strftime("%Y-%m-%d %H:%M") if report.modified else "?"
        say(
            f"  {plural(counts['entries'], 'entry')}, {plural(counts['goals'], 'goal')}, "
            f"{plural(counts['skills'], 'skill')}, {plural(counts['reviews'], 'review')}; "
            f"schema {report.schema}; "
            f"{size_text(report.size)}, last changed {when}"
        )
    if not report.exists and report.backups:
        say(missing_with_backups(report))
    elif report.healthy:
        say("Status: healthy" if report.exists else "Status: no journal yet")
    else:
        say(f"Status: DAMAGED ({plural(len(report.problems), 'problem')})")
        for problem in report.problems[:50]:
            say(f"  - {problem}")
        if len(report.problems) > 50:
            say(f"  ... and {len(report.problems) - 50} more")
        if report.fixable:
            say("These can be mended: journal doctor --fix")
    for warning in report.warnings:
        say(f"Note: {warning}")
    show_unfinished_edits(report.real)
    folder = backups.folder_for(report.real)
    if not report.backups:
        say(f"Backups: none yet (they go in {folder})")
        return
    say(
        f"Backups in {folder} (newest first; at most one every "
        f"{backups.BACKUP_EVERY // 60} minutes, the {backups.KEEP} newest kept):"
    )
    for number, info in enumerate(report.backups, 1):
        taken = info.taken.astimezone().strftime("%Y-%m-%d %H:%M") if info.taken else "?"
        held = plural(info.entries, "entry") if info.entries is not None else "DOES NOT PARSE"
        say(f"  {number:>2}  {taken}  {held:<16} {size_text(info.size):>10}  {info.path.name}")
    say("Restore one with: journal doctor --restore N")


def show_encryption(path: Path) -> None:
    """ "encrypted; unlocked until 14:32" or "encrypted; locked", and the inbox's count."""
    from journal.storage.crypto import file_is_encrypted

    if not file_is_encrypted(path):
        return
    from journal.storage import inbox, unlocking

    say(f"  {unlocking.status_line(path)}")
    waiting = inbox.pending(path)
    if waiting:
        say(
            f"  {plural(waiting, 'entry')} {'waits' if waiting == 1 else 'wait'} in the inbox "
            "(sealed while locked; they come in at the next `journal unlock`)"
        )


def show_unfinished_edits(path: Path) -> None:
    """Files `journal edit` / `journal add` left in the private edit folder: an editor
    that never returned (a crash, a closed terminal). They hold what was being written."""
    from journal.editor import leftovers

    found = leftovers(path)
    if not found:
        return
    say(
        f"Note: {plural(len(found), 'unfinished edit')} (the text of an entry being edited "
        "when journal or the terminal stopped; unless an editor is still open on it, copy "
        "what you need, then delete it):"
    )
    for file in found:
        taken = datetime.fromtimestamp(file.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        say(f"  {taken}  {file}")
