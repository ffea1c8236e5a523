"""The `journal` command line: quick capture and queries, and the door to the TUI.

Exit status: 0 success, 2 bad usage or input (nothing written), 1 a failure such as an
unreadable journal. This path must stay light: it never imports textual, except to
open the TUI.
"""

from __future__ import annotations

import os  # os and sys come loaded with the interpreter: this hook is in place at once
import sys


def quiet_interrupt(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """Ctrl-C that reaches the top (while the command line is still loading, before its
    own handling is in place): exit 130 without a traceback, and without tearing down
    half-imported modules. Every other exception goes to the usual hook."""
    if issubclass(kind, KeyboardInterrupt):
        os._exit(130)
    usual_excepthook(kind, value, tb)  # type: ignore[arg-type]


usual_excepthook = sys.excepthook
sys.excepthook = quiet_interrupt

import signal  # noqa: E402

# While the modules load (a few ms) signals wait, as during a save: a Ctrl-C landing inside
# orjson's C start-up crashes the interpreter (SIGSEGV) instead of raising.
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
loading_mask = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
try:
    import argparse
    import gc
    import importlib
    from collections.abc import Sequence
    from types import FrameType
    from typing import Any, NoReturn

    from journal.errors import DateError, JournalError, ValidationError
    from journal.storage import fileops
    from journal.textsafe import visible
finally:
    signal.pthread_sigmask(signal.SIG_SETMASK, loading_mask)

# Each module registers its sub-commands with `register(subparsers, common)` and keeps
# its module top light; a run builds only the module of the command it was given (and
# only that command's parser when the module lists one builder per command in PARSERS).
COMMANDS = {
    "add": "entries",
    "list": "entries",
    "link": "entries",
    "show": "edit",
    "edit": "edit",
    "delete": "edit",
    "undo": "edit",
    "restore": "edit",
    "checkin": "checkins",
    "goal": "goals",
    "skill": "skills",
    "review": "review",
    "form": "forms",
    "export": "export",
    "import": "importing",
    "doctor": "doctor",
    "encrypt": "encryption",
    "decrypt": "encryption",
    "passwd": "encryption",
    "unlock": "encryption",
    "lock": "encryption",
    "completion": "completion",
    "coach": "coach",
    "weekly": "weekly",
    "plan": "planning",
    "1on1": "planning",
    "action": "planning",
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
  journal checkin latency 375ms --note "after the cache change"
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
        print(f"journal {number}")
        parser.exit()


class Parser(argparse.ArgumentParser):
    """argparse, with its own errors (unknown option, bad choice) made terminal-safe too."""

    def error(self, message: str) -> NoReturn:
        super().error(visible(message))

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        """Also note which (sub-)command parser read the line: the innermost one finishes
        first, so an unknown option is reported with that command's usage."""
        namespace, extra = super().parse_known_args(*args, **kwargs)
        if not hasattr(namespace, "parser_used"):
            namespace.parser_used = self
        return namespace, extra


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; with `argv`, only the invoked command's module is imported."""
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="journal file to use (default: $JOURNAL_DB or the user data folder)",
    )
    parser = Parser(
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
    word = command_word(argv) or ""
    invoked = COMMANDS.get(word)
    modules = [invoked] if invoked else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:  # only the invoked command's module loads: `journal add` stays quick
        module = importlib.import_module(f"journal.cli.{name}")
        # A module with one builder per sub-command (PARSERS) builds only the one run.
        only = getattr(module, "PARSERS", {}).get(word) if invoked else None
        (only or module.register)(subparsers, common)
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
    try:
        return run(argv)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt as err:  # before anything was saved (see on_signal)
        return interrupted_status(err)


def run(argv: list[str]) -> int:
    args, extra = build_parser(argv).parse_known_args(argv)
    if extra:  # `journal list --since x`: the list command's usage, not the top-level one
        args.parser_used.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        refuse_undecodable(args)
        if args.command is None:
            gc.enable()
            return open_app(args)
        status: int = args.run(args)
        return status
    except (ValidationError, UsageError, DateError) as err:
        complain(f"journal: error: {err}")
        return 2
    except JournalError as err:
        complain(f"journal: {err}")
        return 1
    except (KeyError, TypeError, AttributeError) as err:  # a record edited by hand, say
        from journal.paths import journal_path

        where = journal_path(getattr(args, "db", None))
        complain(
            f"journal: the journal {where} holds a record this version cannot read "
            f"({type(err).__name__}: {err}).\nNothing was changed. `journal doctor` shows "
            "which record; `journal doctor --restore 1` goes back to the newest backup."
        )
        return 1


def complain(message: str) -> None:
    """An error on stderr. Messages quote input (a date typed, a file's field, a path), so
    control characters are made visible: an OSC 52 in a jrnl file's date must not write
    the clipboard."""
    print(visible(message), file=sys.stderr)


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal) arrived before anything was saved."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupted_status(err: KeyboardInterrupt) -> int:
    """The shell's convention: 128 + the signal (Ctrl-C: 130)."""
    return 128 + (err.signum if isinstance(err, Interrupted) else signal.SIGINT)


def on_signal(signum: int, frame: FrameType | None) -> None:
    """Before a save, a signal stops the command (quietly, nothing written). Once a save is
    on disk the command goes on to report it and exit 0: a script that saw a failure would
    retry and add the same entry twice. (A save in progress holds signals until it ends.)"""
    if fileops.saves_completed:
        return
    if (
        frame is not None
        and frame.f_code.co_name == "cb"
        and "importlib" in frame.f_code.co_filename
    ):
        # Inside importlib's module-lock weakref callback an exception is only printed
        # ("Exception ignored in ...") and the command would go on: deliver it again in a
        # moment, outside the callback.
        import threading

        again = threading.Timer(0.001, os.kill, (os.getpid(), signum))
        again.daemon = True
        again.start()
        return
    raise Interrupted(signum)


def open_app(args: argparse.Namespace) -> int:
    """Open the TUI (the only place the CLI imports textual)."""
    from journal.paths import journal_path
    from journal.store.journal_store import JournalStore

    if args.demo:
        from journal.demo.year import demo_store

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
    command = command_word(argv)
    if command is not None:  # the app (no command) handles its own signals
        for signum in SIGNALS:
            if signal.getsignal(signum) is not signal.SIG_IGN:  # `nohup`, a background job
                signal.signal(signum, on_signal)
    try:
        status = main(argv)
    except KeyboardInterrupt as err:  # one that arrived while reporting an error, say
        status = interrupted_status(err)
    if command is None:
        sys.exit(status)
    for signum in SIGNALS:  # the command is over: only the flush below is left
        signal.signal(signum, signal.SIG_IGN)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(status)
