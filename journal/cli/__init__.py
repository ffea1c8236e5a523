"""The `journal` command line: quick capture and queries, and the door to the TUI.

Exit status: 0 success, 2 bad usage or input (nothing written), 1 a failure such as an
unreadable journal. This path must stay light: it never imports textual, except to
open the TUI.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from journal.dates import DateError
from journal.models import ValidationError
from journal.storage import JournalError

# Each module registers its sub-commands with `register(subparsers, common)` and keeps
# its module top light; a run builds only the module of the command it was given.
COMMANDS = {
    "add": "entries",
    "list": "entries",
    "link": "entries",
    "show": "edit",
    "edit": "edit",
    "delete": "edit",
    "undo": "edit",
    "restore": "edit",
    "goal": "goals",
    "skill": "goals",
    "review": "review",
    "export": "export",
    "import": "importing",
    "doctor": "doctor",
}

DESCRIPTION = """\
A private work journal: log feedback, reflections and wins, tag them against your
company's goals and your own, and export a self-assessment before a review.

Run `journal` with no command to open the app; `journal --demo` opens it on sample data.
"""

EPILOG = """\
examples:
  journal add feedback "Lead with the customer problem." --from Priya \\
      --sentiment constructive --when "last friday" --goal revenue
  journal list --goal revenue --period "this quarter"
  journal list --search "customer demo" --from Priya
  journal show e12 && journal edit e12          (edit opens $EDITOR)
  journal export --format json -o journal-backup.json
  journal review export --period "H1 2026" -o review.md

The journal is one file: --db PATH, else $JOURNAL_DB, else the user data folder
(`journal doctor` prints where it is).
"""


DISTRIBUTION = "coaching-journal"


class UsageError(Exception):
    """Bad usage found after parsing (exit 2)."""


# Arguments that name files: a path may be any bytes, so these are not checked below.
PATH_ARGS = frozenset({"db", "output", "file", "files", "path", "restore"})


def refuse_undecodable(args: argparse.Namespace) -> None:
    """Refuse argv bytes that are not UTF-8 (Python keeps them as lone surrogates, which
    would pass some checks, match nothing, or fail only when the journal is saved)."""
    for name, value in vars(args).items():
        if name in PATH_ARGS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise UsageError(
                        f"the {name} argument is not valid UTF-8: check the terminal's encoding"
                    ) from None


class VersionAction(argparse.Action):
    """`--version`: the installed package's version, read from its metadata only when asked
    (importlib.metadata costs start-up time that `journal add` should not pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("nargs", 0)
        kwargs.setdefault("default", argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version(DISTRIBUTION)
        except PackageNotFoundError:  # run from a source tree that was never installed
            from journal import __version__ as number
        parser.exit(message=f"journal {number}\n")


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; with `argv`, only the invoked command's module is imported."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="journal file to use (default: $JOURNAL_DB or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="journal",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action=VersionAction,
        help="print the version of journal and exit",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a throwaway journal filled with a year of sample data",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    invoked = COMMANDS.get(command_word(argv) or "")
    modules = [invoked] if invoked else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        try:
            module = importlib.import_module(f"journal.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"journal.cli.{name}":
                raise
            continue
        module.register(subparsers, common)
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The sub-command in argv, skipping global options (and --db's value)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    gc.disable()  # a short-lived process: collection passes only cost time on big journals
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    try:
        refuse_undecodable(args)
        if args.command is None:
            gc.enable()
            return open_app(args)
        status: int = args.run(args)
        return status
    except (ValidationError, UsageError, DateError) as err:
        print(f"journal: error: {err}", file=sys.stderr)
        return 2
    except JournalError as err:
        print(f"journal: {err}", file=sys.stderr)
        return 1
    except (KeyError, TypeError, AttributeError) as err:  # a record edited by hand, say
        from journal.paths import journal_path

        where = journal_path(getattr(args, "db", None))
        print(
            f"journal: the journal {where} holds a record this version cannot read "
            f"({type(err).__name__}: {err}).\nNothing was changed. `journal doctor` shows "
            "which record; `journal doctor --restore 1` goes back to the newest backup.",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def open_app(args: argparse.Namespace) -> int:
    """Open the TUI (the only place the CLI imports textual)."""
    from journal.paths import journal_path
    from journal.store import JournalStore

    if args.demo:
        from journal.demo import demo_store

        store = demo_store()
    else:
        store = JournalStore(journal_path(getattr(args, "db", None)))
    from screens.app import run_app

    run_app(store)
    return 0


def console() -> None:
    """The `journal` executable: `main`, then exit without freeing a parsed journal.

    Tearing down a 50k-entry document object by object costs 50-90 ms that nobody
    waits for; the app (no command) exits normally so its clean-up handlers run.
    """
    argv = sys.argv[1:]
    status = main(argv)
    if command_word(argv) is None:
        sys.exit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(status)
