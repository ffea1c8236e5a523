"""`journal import jrnl FILE` and `journal import goals FILE`: bring your history in."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from journal.cli.output import open_store
from journal.importers.common import (
    MAX_IMPORT_BYTES,
    MAX_JSON_IMPORT_BYTES,
    Summary,
    TerminalProgress,
    no_progress,
    read_file,
)
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line

JRNL_HELP = """\
Import a jrnl journal from its JSON export (FILE, or - for standard input):

  jrnl --export json > jrnl.json
  journal import jrnl jrnl.json

Every entry comes in with its date and time, title, body, star and tags. Tags
feedback, reflection or win set the kind (else note); an entry tagged skill also
starts a skill to develop. Entries already imported are skipped, so importing a
newer export of the same journal adds only the new entries.
"""

GOALS_HELP = """\
Import goals from a Markdown outline or a CSV file (FILE, or - for standard input).

Markdown: one goal per bullet; nested bullets are sub-goals; optional fields in a
trailing group:
  - Grow enterprise revenue (code: revenue, due: 2026-12-31)
    - Win three enterprise deals (code: enterprise, measure: signed deals, target: 3)
CSV: a header row, e.g. title,code,parent,measure,target,due (also scope, status,
supports, notes; other columns are ignored; parent is a code).

A goal whose code (or, without a code, whose title) is already in the journal is
updated, not duplicated; an empty field leaves its current value alone.
"""


JSON_HELP = """\
Rebuild a journal from `journal export --format json` (FILE, or - for standard input)
in an empty journal: every entry, goal, skill and saved review comes back with its id,
links and dates. A journal that already holds records is refused (ids would clash).

example:
  journal export --format json -o journal.json
  journal --db ~/new-journal.json import json journal.json
"""


def _file_help(what: str, limit: int) -> str:
    return f"{what} (at most {limit >> 20} MiB), or - for standard input"


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help="import a jrnl journal or a goals file",
        description=(
            "Bring your history in: a jrnl journal, or your company's goals. FILE must be a "
            "regular file (a FIFO or a device is refused: pipe it in with - as FILE); one over "
            "the size limit its --help gives is refused, and nothing is written."
        ),
    )
    sub = parser.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    jrnl = sub.add_parser(
        "jrnl",
        parents=[common],
        help="a jrnl JSON export (`jrnl --export json`)",
        description=JRNL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    jrnl.add_argument("file", metavar="FILE", help=_file_help("the export file", MAX_IMPORT_BYTES))
    jrnl.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    jrnl.set_defaults(run=run_import_jrnl)
    json = sub.add_parser(
        "json",
        parents=[common],
        help="a `journal export --format json` file (into an empty journal)",
        description=JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    json.add_argument(
        "file", metavar="FILE", help=_file_help("the export file", MAX_JSON_IMPORT_BYTES)
    )
    json.add_argument("--dry-run", action="store_true", help="check the file; write nothing")
    json.set_defaults(run=run_import_json)
    goals = sub.add_parser(
        "goals",
        parents=[common],
        help="goals from a Markdown outline or a CSV file",
        description=GOALS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    goals.add_argument("file", metavar="FILE", help=_file_help("the goals file", MAX_IMPORT_BYTES))
    goals.add_argument(
        "--format",
        choices=("md", "csv"),
        help="the file's format (default: from its name or its first line)",
    )
    goals.add_argument(
        "--dry-run", action="store_true", help="show what would be added and updated; write nothing"
    )
    goals.set_defaults(run=run_import_goals)


def run_import_jrnl(args: argparse.Namespace) -> int:
    from journal.importers.jrnl import import_bytes

    raw, name = read_file(args.file)
    progress = TerminalProgress(sys.stderr)

    def run(store: JournalStore, dry_run: bool, checking: bool) -> Summary:
        shown = no_progress if checking else progress
        return import_bytes(store, raw, name, dry_run=dry_run, progress=shown)

    try:
        summary = _import(args, run)
    finally:
        progress.finish()
    return report(summary)


def run_import_json(args: argparse.Namespace) -> int:
    from journal.importers.json_doc import import_bytes

    raw, name = read_file(args.file, MAX_JSON_IMPORT_BYTES)

    def run(store: JournalStore, dry_run: bool, checking: bool) -> Summary:
        return import_bytes(store, raw, name, dry_run=dry_run)

    return report(_import(args, run))


def run_import_goals(args: argparse.Namespace) -> int:
    from journal.importers.goals import import_bytes

    raw, name = read_file(args.file)

    def run(store: JournalStore, dry_run: bool, checking: bool) -> Summary:
        return import_bytes(store, raw, name, dry_run=dry_run, fmt=args.format)

    return report(_import(args, run))


Runner = Callable[[JournalStore, bool, bool], Summary]  # (store, dry_run, checking first)


def _import(args: argparse.Namespace, run: Runner) -> Summary:
    """Run an import. Into a journal that does not exist yet it first runs as a dry run on a
    throwaway journal (a dry run there needs nothing more), so an import that is refused
    creates nothing: not the journal, its folder or its lock file."""
    store = open_store(args)
    try:
        if store.path.exists():
            return run(store, args.dry_run, False)
        with tempfile.TemporaryDirectory(prefix="journal-dry-run-") as folder:
            scratch = JournalStore(Path(folder) / "journal.json")
            try:
                checked = run(scratch, True, not args.dry_run)
            finally:
                scratch.close()
        return checked if args.dry_run else run(store, False, False)
    finally:
        store.close()


def report(summary: Summary) -> int:
    for line in summary.lines():
        print(visible_line(line))
    return 0
