"""The health checks behind `journal doctor`: what is wrong with a journal file, in words.

It reads the file itself, not through the storage, so a damaged file can still be
described; nothing is changed or locked. Problems say what to do next; `Dangling` and
`Counter` are the two kinds `journal doctor --fix` can mend.
"""

from __future__ import annotations

import copy
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from journal import models
from journal.doctor.restore import BackupInfo, describe_backups
from journal.errors import DateError, ValidationError
from journal.models import PREFIX
from journal.storage.crypto import MAGIC as ENCRYPTED_MAGIC
from journal.storage.document import (
    Refused,
    parse_document,
    schema_of,
)
from journal.storage.fileops import describe_os_error, real_path, special_kind
from journal.timestamps import from_iso

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
class Report:
    """What `journal doctor` found. Healthy means nothing in `problems`."""

    path: Path
    real: Path  # the file really read and written (`path` may be a symbolic link to it)
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
    report = Report(path=path, real=real_path(path))
    path = report.real
    if with_backups:
        report.backups = describe_backups(path)
    raw = _read(path, report)
    if raw is None:
        return report
    if raw.startswith(ENCRYPTED_MAGIC):
        from journal.storage.encrypting import plain_for_check

        raw, problem = plain_for_check(path, raw)
        if raw is None:
            (report.problems if problem else report.warnings).append(
                problem or "it is encrypted and locked: `journal unlock` to check its records"
            )
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


def check_document(doc: Doc, path: Path) -> Report:
    """The record checks of `check` on a document in memory: `journal import json` runs
    them on what it would store, so it refuses exactly what doctor would call damaged."""
    report = Report(path=path, real=path, exists=True, parses=True)
    _check_records(doc, report)
    return report


def _read(path: Path, report: Report) -> bytes | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        report.warnings.append("there is no journal file yet; the first `journal add` creates it")
        return None
    except OSError as err:
        report.problems.append(f"cannot look at the file: {describe_os_error(err)}")
        return None
    report.exists = True
    kind = special_kind(st.st_mode)
    if kind:
        report.problems.append(
            f"it is {kind}, not a journal file: point --db (or $JOURNAL_DB) at a regular file"
        )
        return None
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


_ADVICE = {
    "empty": " (a journal always holds at least its meta)",
    "json": ": it may be truncated or overwritten",
    "shape": "",
    "newer": ": upgrade journal rather than restoring a backup",
}


def _parse(raw: bytes, report: Report) -> Doc | None:
    doc = parse_document(raw)
    if isinstance(doc, Refused):
        report.problems.append(doc.reason + _ADVICE[doc.kind])
        return None
    return doc


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
                    problems.append(
                        f"duplicate id {ident} in {table} (records {seen[ident]} and {key})"
                    )
                seen[ident] = key
        ids[table] = set(seen)
        raw_next = counters.get(table)
        if isinstance(raw_next, int) and raw_next > models.MAX_ID_NUMBER:
            problems.append(
                f"the {table} id counter {raw_next} is beyond the largest id "
                f"number journal uses ({models.MAX_ID_NUMBER})"
            )
        if numbers and max(numbers) > models.MAX_ID_NUMBER:
            problems.append(
                f"the {table} table has an id beyond the largest id number "
                f"journal uses ({models.MAX_ID_NUMBER})"
            )
        if numbers:
            highest = max(numbers)
            raw_counter = counters.get(table, 1)
            counter = raw_counter if isinstance(raw_counter, int) else 0
            if counter <= highest:
                found = Counter(table, counter, highest)
                report.counters.append(found)
                problems.append(found.describe())
    _check_entries(doc.get("entries", {}), ids, report)
    # a skill may name an entry waiting in the trash (`journal undo` brings it back)
    trash = doc.get("trash", {}).values()
    ids["entries"] |= {t["entry"].get("id") for t in trash if isinstance(t.get("entry"), dict)}
    _check_goals(doc.get("goals", {}), ids, report)
    _check_skills(doc.get("skills", {}), ids, report)
    _check_storable(doc, report)


def _check_storable(doc: Doc, report: Report) -> None:
    """Every record must be one the storage can write back (orjson refuses nesting deeper
    than 254): a journal it cannot save loses the next change made to it."""
    try:
        orjson.dumps(doc)
        return
    except TypeError:
        pass
    for table, prefix in PREFIX.items():
        for key, record in doc.get(table, {}).items():
            try:
                orjson.dumps({table: {key: record}})
            except TypeError as err:
                word = {"entries": "entry", "goals": "goal", "skills": "skill"}.get(table, "review")
                report.problems.append(
                    f"{word} {prefix}{key} cannot be saved ({err}): a value nested too deeply?"
                )


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
        except (ValidationError, AttributeError, TypeError, RecursionError) as err:
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


def _valid(report: Report, label: str, rule: Any, record: dict[str, Any]) -> None:
    """The store's rule for a record (`journal.models`), on a copy; a break is a problem."""
    try:
        rule(copy.deepcopy(record))
    except (ValidationError, AttributeError, TypeError, RecursionError) as err:
        report.problems.append(f"{label} is not a valid {label.split()[0]}: {err}")


def _unique_code(
    report: Report, table: str, key: str, record: dict[str, Any], codes: dict[str, str]
) -> None:
    """Codes name goals and skills on the command line, so two records cannot share one."""
    code = record.get("code")
    if not isinstance(code, str):
        return  # the record's own check says so
    if code in codes:
        prefix = PREFIX[table]
        report.problems.append(
            f"{table} {prefix}{codes[code]} and {prefix}{key} share the code {code!r}"
        )
    codes[str(code)] = key


def _check_goals(goals: dict[str, Any], ids: dict[str, set[str]], report: Report) -> None:
    codes: dict[str, str] = {}
    for key, goal in goals.items():
        _valid(report, f"goal g{key}", models.check_goal, goal)
        _unique_code(report, "goals", key, goal, codes)
        parent = goal.get("parent")
        if parent is not None and parent not in ids["goals"]:
            found = Dangling("goals", key, "parent", str(parent))
            report.dangling.append(found)
            report.problems.append(found.describe())
        _links(report, "goals", key, goal, "supports", ids["goals"])
    # A cycle in parents would make goal trees and evidence counts loop forever.
    parents = {
        g["id"]: g.get("parent")
        for g in goals.values()
        if isinstance(g.get("id"), str) and isinstance(g.get("parent"), str | None)
    }
    reported: set[str] = set()
    for start in parents:
        seen: list[str] = []
        current = start
        while current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current in seen and current not in reported:
            loop = seen[seen.index(current) :]
            reported.update(loop)
            report.problems.append(f"goals {' -> '.join([*loop, current])} form a cycle of parents")


def _check_skills(skills: dict[str, Any], ids: dict[str, set[str]], report: Report) -> None:
    codes: dict[str, str] = {}
    for key, skill in skills.items():
        _valid(report, f"skill s{key}", models.check_skill, skill)
        _unique_code(report, "skills", key, skill, codes)
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
