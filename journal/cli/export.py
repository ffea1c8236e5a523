"""`journal export`: the whole journal out, to read (md, txt) or to move (json)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from journal.cli.output import open_store, write_output
from journal.textsafe import plural, visible_line

EPILOG = """\
Every entry with its body, goals, skills and feedback fields, then goals and skills
(Markdown and text list goals and skills first). JSON is one document that
`journal import json FILE` reads back into an empty journal exactly, ids and links
included: a backup you can move.

examples:
  journal export -o journal.md
  journal export --format json -o journal.json
  journal --db new.json import json journal.json
  journal export --period "H1 2026" --format txt | less
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    from journal.export.formats import JOURNAL_FORMATS

    export = subparsers.add_parser(
        "export",
        parents=[common],
        help="export the whole journal (md, json or txt)",
        description="Export the whole journal: entries, goals and skills.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "--format",
        choices=JOURNAL_FORMATS,
        metavar="F",
        help="md (default), json or txt; with -o and no --format, the file's suffix decides",
    )
    export.add_argument(
        "--period",
        metavar="P",
        help="only the entries of a period: '2026', 'H1 2026', 'last quarter' (default: all)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (private: mode 0600) instead of standard output",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.export.formats import JOURNAL_SUFFIXES
    from journal.export.whole import dump_store, render

    to_file = args.output not in (None, "-")
    fmt = args.format
    if fmt is None and to_file:
        fmt = JOURNAL_SUFFIXES.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise UsageError(
                f"cannot tell the format from the name {args.output}: add --format md, json "
                "or txt (or name the file .md, .json or .txt)"
            )
    fmt = fmt or "md"
    period = None
    if args.period:
        from journal.periods import parse_period

        period = parse_period(args.period)
    store = open_store(args, must_exist=True)
    dump = dump_store(store, period)
    data = render(dump, fmt)
    if not to_file:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    path = write_output(args.output, data.decode("utf-8"), args.force, store.path)
    print(visible_line(f"Wrote {plural(len(dump.entries), 'entry')} ({fmt}) to {path}"))
    return 0
