"""What the importers share: reading the file, the summary, dry runs and progress.

Both importers (`importers.jrnl`, `importers.goals`) check the whole file before touching the
journal, then make every change inside one store transaction, so an import is written
once and completely, or not at all. A dry run does the very same work and then rolls
the transaction back, so what it reports is exactly what a real import would do.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO, TypeVar

from journal.errors import ImportFileError
from journal.textsafe import plural

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

Kind = Literal["jrnl", "goals", "json"]
# progress(what, done, total): called now and then during a long import.
Progress = Callable[[str, int, int], None]
T = TypeVar("T")

MAX_PROBLEMS = 20


def no_progress(what: str, done: int, total: int) -> None:
    """The default: say nothing."""


@dataclass
class Summary:
    """What an import did (or, for a dry run, would do), ready to print or show."""

    kind: Kind
    source: str
    dry_run: bool
    imported: int = 0
    skipped: int = 0
    updated: int = 0
    unchanged: int = 0
    details: list[str] = field(default_factory=list)

    def headline(self) -> str:
        if self.kind == "json":
            if self.dry_run:
                return (
                    f"Dry run: {plural(self.imported, 'entry')} would be imported; "
                    "nothing was written."
                )
            return f"{plural(self.imported, 'entry')} imported"
        if self.kind == "jrnl":
            if self.dry_run:
                return (
                    f"Dry run: {self.imported} would be imported, {self.skipped} skipped "
                    "(already imported); nothing was written."
                )
            return f"{self.imported} imported, {self.skipped} skipped (already imported)"
        counts = f"{self.imported} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.dry_run:
            return f"Dry run: goals {counts}; nothing was written."
        return f"Goals: {counts}"

    def lines(self) -> list[str]:
        return [self.headline(), *self.details]


class _Rollback(Exception):
    """Raised at the end of a dry run so the store drops every change."""


def in_one_transaction(store: JournalStore, dry_run: bool, work: Callable[[], T]) -> T:
    """Run `work` in one store transaction; a dry run rolls it back instead of saving."""
    done: list[T] = []
    try:
        with store.transaction():
            done.append(work())
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return done[0]


# The largest file `journal import jrnl|goals` reads: a jrnl export takes about 400 bytes
# an entry (tests/data/sample.jrnl.json), so 64 MiB is some 150,000 entries; the bound keeps
# a wrong file from filling memory. `journal import json` takes a whole journal's export
# (about 800 bytes an entry), which must always come back, so it allows more.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_JSON_IMPORT_BYTES = 512 * 1024 * 1024
IMPORT_FILE = "an import file"


def read_file(path: str | Path, limit: int = MAX_IMPORT_BYTES) -> tuple[bytes, str]:
    """The file's bytes and the name to show for it; `-` reads standard input. Either is
    refused past `limit` bytes, and a path that is not a regular file (a FIFO, /dev/zero)
    is refused without reading it."""
    if str(path) == "-":
        name = "standard input"
        raw = sys.stdin.buffer.read(limit + 1)
    else:
        file = Path(path).expanduser()
        name = str(file)
        raw = read_small_file(file, limit, IMPORT_FILE, hint=" (or pipe it in, with - as FILE)")
    if len(raw) > limit:
        raise too_large(name, limit, IMPORT_FILE)
    return raw, name


def _size(limit: int) -> str:
    """'64 MiB', '1 MB', '512 bytes': the limit as it was written."""
    if limit >= 1 << 20 and limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    if limit >= 1_000_000:
        return f"{limit // 1_000_000} MB"
    return f"{limit} bytes"


def too_large(name: str, limit: int, what: str) -> ImportFileError:
    return ImportFileError(
        f"{name} is larger than {_size(limit)}, the most read as {what}: "
        "check that this is the right file"
    )


def read_small_file(path: str | Path, limit: int, what: str, hint: str = "") -> bytes:
    """A regular file's bytes, refused when over `limit` bytes: /dev/zero, a FIFO or a
    huge file would otherwise be read without end. Checked before opening, and again on
    what was opened (without blocking: a FIFO swapped in between would block a plain
    open), and while reading (a file that grows)."""
    file = Path(path).expanduser()
    try:
        not_regular = ImportFileError(
            f"{file} is not a regular file: give {what} saved as a file{hint}"
        )
        mode = file.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ImportFileError(f"{file} is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise not_regular
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise not_regular
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise ImportFileError(f"cannot read {file}: no such file") from None
    except PermissionError:
        raise ImportFileError(f"cannot read {file}: permission denied") from None
    except OSError as err:
        raise ImportFileError(f"cannot read {file}: {err.strerror or err}") from None
    if len(raw) > limit:
        raise too_large(str(file), limit, what)
    return raw


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark, as Excel writes, is dropped)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ImportFileError(
            f"{name} is not UTF-8 text (bad byte on line {line}): save it as UTF-8 and retry"
        ) from None


def problems_error(name: str, what: str, problems: list[str]) -> ImportFileError:
    """One error listing every problem found (up to MAX_PROBLEMS), so all get fixed at once."""
    shown = problems[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    tail = [f"  ... and {more} more"] if more else []
    body = "\n".join([*(f"  {p}" for p in shown), *tail])
    return ImportFileError(f"{name} {what}; nothing was imported:\n{body}")


def detect_kind(raw: bytes, name: str) -> Kind:
    """A jrnl export is JSON; goals are Markdown or CSV. Used where nobody said which."""
    if name.lower().endswith(".json") or raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "jrnl"
    return "goals"


def import_path(
    store: JournalStore,
    path: str | Path,
    *,
    kind: Kind | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> Summary:
    """Import a file of either kind (the TUI's entry point); `kind` None means detect it."""
    from journal.importers.goals import import_bytes as import_goals
    from journal.importers.jrnl import import_bytes as import_jrnl

    raw, name = read_file(path)
    kind = kind or detect_kind(raw, name)
    if kind == "jrnl":
        return import_jrnl(store, raw, name, dry_run=dry_run, progress=progress)
    return import_goals(store, raw, name, dry_run=dry_run)


class TerminalProgress:
    """Progress on one rewritten line of a terminal; silent when the stream is not one."""

    def __init__(self, stream: TextIO | None = None, minimum: int = 2000) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.minimum = minimum
        self.active = self.stream.isatty()
        self.shown = False

    def __call__(self, what: str, done: int, total: int) -> None:
        if not self.active or total < self.minimum:
            return
        percent = f" {100 * done // total:3d}%" if total else ""
        self.stream.write(f"\r\x1b[K{what} {done}/{total}{percent}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """Clear the progress line so the summary starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
