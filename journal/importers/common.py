"""What the importers share: reading the file, the summary, dry runs and progress.

Both importers (`importers.jrnl`, `importers.goals`) check the whole file before touching the
journal, then make every change inside one store transaction, so an import is written
once and completely, or not at all. A dry run does the very same work and then rolls
the transaction back, so what it reports is exactly what a real import would do.
"""

from __future__ import annotations

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


def read_file(path: str | Path) -> tuple[bytes, str]:
    """The file's bytes and the name to show for it; `-` reads standard input."""
    if str(path) == "-":
        return sys.stdin.buffer.read(), "standard input"
    file = Path(path).expanduser()
    try:
        return file.read_bytes(), str(file)
    except FileNotFoundError:
        raise ImportFileError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise ImportFileError(f"{file} is a folder, not a file") from None
    except PermissionError:
        raise ImportFileError(f"{file}: permission denied") from None
    except OSError as err:
        raise ImportFileError(f"{file}: cannot read it ({err.strerror or err})") from None


def read_small_file(path: str | Path, limit: int, what: str) -> bytes:
    """A regular file's bytes, refused when over `limit` bytes: /dev/zero, a FIFO or a
    huge file would otherwise be read without end. Checked before opening (a FIFO would
    block the open) and again while reading (a file that grows)."""
    file = Path(path).expanduser()
    try:
        if not stat.S_ISREG(file.stat().st_mode):
            raise ImportFileError(f"{file} is not a regular file: give {what} saved as a file")
        with file.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as err:
        raise ImportFileError(f"cannot read {file}: {err.strerror or err}") from None
    if len(raw) > limit:
        raise ImportFileError(
            f"{file} is larger than {limit // 1_000_000 or limit} "
            f"{'MB' if limit >= 1_000_000 else 'bytes'}: {what} is far smaller; "
            "check that this is the right file"
        )
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
