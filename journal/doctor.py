"""`journal doctor`: check a journal file, list its backups, restore one, mend links.

The storage refuses a journal it cannot read and never overwrites it; this module is
what the user reaches for next. It reads the file itself (not through the storage, so a
damaged file can still be described), reports what is wrong in words that say what to
do, and restores a backup the safe way: under the journal's lock, after keeping the
current file (damaged or not) byte for byte, by atomic replace.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from journal import backups, models
from journal.dates import DateError, from_iso
from journal.models import ValidationError
from journal.storage import (
    LOCK_TIMEOUT,
    SCHEMA_VERSION,
    TEMP_SUFFIX,
    JournalError,
    JournalWriteError,
    describe_os_error,
    ensure_folder,
    fsync_dir,
    parse_ok,
    schema_of,
    shape_problem,
    temp_prefix,
)

PREFIX = {"entries": "e", "goals": "g", "skills": "s", "reviews": "r"}
Doc = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Dangling:
    """A link to a record that is not there: safe to drop (`journal doctor --fix`)."""

    table: str
    key: str
    field: str
    missing: str

    def describe(self) -> str:
        ident = f"{PREFIX[self.table]}{self.key}"
        what = {"entries": "entry", "goals": "goal", "skills": "skill"}[self.table]
        target = _target_word(self.missing)
        return (
            f"{what} {ident} links to {target} {self.missing} in '{self.field}', "
            "which does not exist"
        )


@dataclass(frozen=True)
class Counter:
    """A table whose next-id counter lags behind its ids: a deleted id could come back."""

    table: str
    counter: int
    highest: int

    def describe(self) -> str:
        prefix = PREFIX[self.table]
        return (
            f"the {self.table} id counter is out of step: ids go up to {prefix}{self.highest} "
            f"but the next new id would be {prefix}{self.counter}"
        )


@dataclass
class BackupInfo:
    """One backup as the listing shows it; `entries` is None when it does not parse."""

    path: Path
    taken: datetime | None
    size: int
    entries: int | None


@dataclass
class Report:
    """What `journal doctor` found. Healthy means nothing in `problems`."""

    path: Path
    exists: bool = False
    size: int = 0
    modified: datetime | None = None
    schema: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dangling: list[Dangling] = field(default_factory=list)
    counters: list[Counter] = field(default_factory=list)
    parses: bool = False
    backups: list[BackupInfo] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def fixable(self) -> bool:
        """True when every problem is one `--fix` can mend (links and counters)."""
        mendable = len(self.dangling) + len(self.counters)
        return self.parses and mendable > 0 and mendable == len(self.problems)


def _target_word(ident: str) -> str:
    return {"e": "entry", "g": "goal", "s": "skill", "r": "review"}.get(ident[:1], "record")


# -- checking ----------------------------------------------------------------------------


def check(path: Path, *, with_backups: bool = True) -> Report:
    """Examine the journal at `path` without changing or locking anything."""
    report = Report(path=path)
    if with_backups:
        report.backups = list_backups(path)
    raw = _read(path, report)
    if raw is None:
        return report
    doc = _parse(raw, report)
    if doc is None:
        return report
    report.parses = True
    report.schema = schema_of(doc)
    report.counts = {table: len(doc.get(table, {})) for table in PREFIX}
    _check_records(doc, report)
    _check_modes(path, report)
    return report


def _read(path: Path, report: Report) -> bytes | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        report.warnings.append(
            "there is no journal file yet; the first `journal add` creates it"
        )
        return None
    except OSError as err:
        report.problems.append(f"cannot look at the file: {describe_os_error(err)}")
        return None
    report.exists = True
    if stat.S_ISDIR(st.st_mode):
        report.problems.append(
            "it is a directory, not a journal file: move it away, then restore a backup"
        )
        return None
    report.size = st.st_size
    report.modified = datetime.fromtimestamp(st.st_mtime).astimezone()
    try:
        return path.read_bytes()
    except OSError as err:
        report.problems.append(f"cannot read it: {describe_os_error(err)}")
        return None


def _parse(raw: bytes, report: Report) -> Doc | None:
    if not raw.strip(b" \t\r\n"):
        report.problems.append("the file is empty (a journal always holds at least its meta)")
        return None
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        report.problems.append(f"it is not valid JSON ({err}): it may be truncated or overwritten")
        return None
    problem = shape_problem(doc)
    if problem:
        report.problems.append(problem)
        return None
    schema = schema_of(doc)
    if schema > SCHEMA_VERSION:
        report.problems.append(
            f"it was written by a newer version of journal (schema {schema}; this version "
            f"knows up to {SCHEMA_VERSION}): upgrade journal rather than restoring a backup"
        )
        return None
    return doc  # type: ignore[no-any-return]


def _check_records(doc: Doc, report: Report) -> None:
    """Ids, counters, record fields, links, codes and goal cycles."""
    problems = report.problems
    meta = doc.get("meta", {}).get("1")
    if doc and not isinstance(meta, dict):
        problems.append("the meta table has no record 1 (schema version and id counters)")
        meta = {}
    counters = (meta or {}).get("next", {})
    if not isinstance(counters, dict):
        problems.append("the meta id counters are not a mapping")
        counters = {}
    ids: dict[str, set[str]] = {}
    for table, prefix in PREFIX.items():
        records = doc.get(table, {})
        seen: dict[str, str] = {}
        numbers: list[int] = []
        for key, record in records.items():
            if not key.isdigit():
                problems.append(f"the {table} table has a record under a non-numeric key {key!r}")
                continue
            numbers.append(int(key))
            ident = record.get("id")
            if ident != f"{prefix}{key}":
                problems.append(
                    f"the {table} record stored under {key} has id {ident!r} "
                    f"(expected {prefix}{key})"
                )
            if isinstance(ident, str):
                if ident in seen:
                    problems.append(f"duplicate id {ident} in {table} (records {seen[ident]} "
                                    f"and {key})")
                seen[ident] = key
        ids[table] = set(seen)
        if numbers:
            highest = max(numbers)
            raw_counter = counters.get(table, 1)
            counter = raw_counter if isinstance(raw_counter, int) else 0
            if counter <= highest:
                found = Counter(table, counter, highest)
                report.counters.append(found)
                problems.append(found.describe())
    _check_entries(doc.get("entries", {}), ids, report)
    _check_goals(doc.get("goals", {}), ids, report)
    _check_skills(doc.get("skills", {}), ids, report)


def _links(
    report: Report, table: str, key: str, record: dict[str, Any], name: str, known: set[str]
) -> None:
    value = record.get(name)
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        report.problems.append(f"{PREFIX[table]}{key}: '{name}' is not a list of ids")
        return
    for ident in value:
        if ident not in known:
            found = Dangling(table, key, name, ident)
            report.dangling.append(found)
            report.problems.append(found.describe())


def _check_entries(entries: dict[str, Any], ids: dict[str, set[str]], report: Report) -> None:
    for key, entry in entries.items():
        ident = f"e{key}"
        try:
            models.check_entry(copy.deepcopy(entry))
        except (ValidationError, AttributeError, TypeError) as err:
            report.problems.append(f"entry {ident} is not a valid entry: {err}")
            continue
        when = entry.get("when")
        try:
            from_iso(when if isinstance(when, str) else "")
        except DateError:
            report.problems.append(f"entry {ident} has an unreadable date {when!r}")
        for name in ("goals", "skills"):
            if name not in entry:
                report.problems.append(f"entry {ident} has no '{name}' list")
        _links(report, "entries", key, entry, "goals", ids["goals"])
        _links(report, "entries", key, entry, "skills", ids["skills"])


def _check_goals(goals: dict[str, Any], ids: dict[str, set[str]], report: Report) -> None:
    codes: dict[str, str] = {}
    for key, goal in goals.items():
        code = goal.get("code")
        if code in codes:
            report.problems.append(f"goals g{codes[code]} and g{key} share the code {code!r}")
        codes[str(code)] = key
        parent = goal.get("parent")
        if parent is not None and parent not in ids["goals"]:
            found = Dangling("goals", key, "parent", str(parent))
            report.dangling.append(found)
            report.problems.append(found.describe())
        _links(report, "goals", key, goal, "supports", ids["goals"])
    # A cycle in parents would make goal trees and evidence counts loop forever.
    parents = {g.get("id"): g.get("parent") for g in goals.values()}
    reported: set[str] = set()
    for start in parents:
        seen: list[str] = []
        current = start
        while current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current in seen and current not in reported:
            loop = seen[seen.index(current):]
            reported.update(loop)
            report.problems.append(
                f"goals {' -> '.join([*loop, current])} form a cycle of parents"
            )


def _check_skills(skills: dict[str, Any], ids: dict[str, set[str]], report: Report) -> None:
    codes: dict[str, str] = {}
    for key, skill in skills.items():
        code = skill.get("code")
        if code in codes:
            report.problems.append(f"skills s{codes[code]} and s{key} share the code {code!r}")
        codes[str(code)] = key
        _links(report, "skills", key, skill, "why", ids["entries"])


def _check_modes(path: Path, report: Report) -> None:
    """Private text should stay private: warn (not fail) on loose permissions."""
    for target, wanted in ((path, 0o600), (path.parent, 0o700)):
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except OSError:
            continue
        if mode & 0o077:
            report.warnings.append(
                f"{target} is open to other users (mode {mode:04o}): chmod {wanted:o} '{target}'"
            )


# -- backups -----------------------------------------------------------------------------


def list_backups(path: Path) -> list[BackupInfo]:
    """Backups newest first, each parsed to count its entries (None: it does not parse)."""
    found: list[BackupInfo] = []
    for backup in backups.list_backups(path):
        try:
            raw = backup.read_bytes()
        except OSError:
            found.append(BackupInfo(backup, backups.taken_at(backup), 0, None))
            continue
        entries: int | None = None
        if parse_ok(raw):
            entries = len(orjson.loads(raw).get("entries", {}))
        found.append(BackupInfo(backup, backups.taken_at(backup), len(raw), entries))
    return found


def find_backup(path: Path, ref: str) -> Path:
    """A backup by its number in the listing (1 = newest), its file name, or its path."""
    listed = backups.list_backups(path)
    if ref.isdigit() and 1 <= int(ref) <= len(listed):
        return listed[int(ref) - 1]
    for backup in listed:
        if ref in (backup.name, str(backup)):
            return backup
    candidate = Path(ref).expanduser()
    if candidate.is_file():
        return candidate.absolute()
    hint = (
        f"`journal doctor` lists them (1 to {len(listed)})" if listed else "there are no backups"
    )
    raise ValidationError(f"no backup {ref!r}: give its number, file name or path; {hint}")


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the journal's own lock (the file the storage locks), without parsing the journal.

    A damaged journal cannot be opened by the storage, yet a restore must still keep any
    other journal process out while it swaps the file.
    """
    ensure_folder(path.parent)
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as err:
        raise JournalWriteError(
            f"Cannot lock the journal {path}: {describe_os_error(err)}."
        ) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise JournalError(
                        f"The journal {path} is busy: another journal process holds its lock. "
                        "Close it (the app?) and try again."
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file beside `path` (0600), fsync, replace, fsync the folder: old or new, never torn."""
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise JournalWriteError(
                f"Could not write the journal {path}: {describe_os_error(err)}.\n"
                "The journal on disk was not changed."
            ) from None
        raise
    fsync_dir(path.parent)


@dataclass
class Restored:
    backup: Path
    kept: Path | None
    entries: int


def restore(path: Path, ref: str) -> Restored:
    """Put a backup back as the journal, keeping the current file as a backup first."""
    backup = find_backup(path, ref)
    try:
        data = backup.read_bytes()  # read first: keeping a copy may rotate this backup away
    except OSError as err:
        raise JournalError(f"Cannot read the backup {backup}: {describe_os_error(err)}.") from None
    if not parse_ok(data):
        raise ValidationError(
            f"the backup {backup} is not a journal this version can open: choose another"
        )
    if path.is_dir():
        raise JournalError(
            f"{path} is a directory, not a journal file: move it away, then restore again."
        )
    with locked(path):
        kept = None
        if path.exists():
            try:
                kept = backups.keep(path)
            except OSError as err:
                raise JournalWriteError(
                    f"Could not keep a copy of the current journal {path} before restoring: "
                    f"{describe_os_error(err)}. Nothing was changed."
                ) from None
        write_atomically(path, data)
    return Restored(backup, kept, len(orjson.loads(data).get("entries", {})))


# -- mending -----------------------------------------------------------------------------


def fix(path: Path) -> list[str]:
    """Drop links to missing records and bump lagging counters; keep a backup first.

    Only these two are mended: they are unambiguous (a link to nothing carries no
    information; a counter only has to exceed the ids in use). Anything else is left for a
    person to look at, with a backup to go back to.
    """
    from journal.store import JournalStore

    report = check(path, with_backups=False)
    if not report.parses:
        raise JournalError(
            f"Cannot mend {path}: it does not open ({'; '.join(report.problems)}). "
            "Restore a backup with `journal doctor --restore N`."
        )
    if not report.dangling and not report.counters:
        return []
    store = JournalStore(path)
    try:
        with store.storage.transaction() as current:
            fresh = check(path, with_backups=False)  # re-check under the lock
            doc: Doc = orjson.loads(orjson.dumps(current))
            done = [d.describe() for d in fresh.dangling] + [c.describe() for c in fresh.counters]
            for dangling in fresh.dangling:
                record = doc[dangling.table][dangling.key]
                if dangling.field == "parent":
                    record["parent"] = None
                else:
                    record[dangling.field] = [
                        x for x in record[dangling.field] if x != dangling.missing
                    ]
            if fresh.counters:
                meta = doc.setdefault("meta", {}).setdefault("1", {"schema": SCHEMA_VERSION})
                nxt = dict(meta.get("next") or {})
                for counter in fresh.counters:
                    nxt[counter.table] = counter.highest + 1
                meta["next"] = nxt
            if done:
                backups.keep(path)
                store.storage.write(doc)
    except OSError as err:  # keeping the backup failed: nothing was written
        raise JournalWriteError(
            f"Could not mend {path}: {describe_os_error(err)}. Nothing was changed."
        ) from None
    finally:
        store.close()
    return done
