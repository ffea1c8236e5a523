"""Re-applying a save's change on top of a file another program put in its place.

A sync tool (Dropbox, Syncthing) replaces the journal by rename, without our lock. When
that happens between a save's read and its replace, the save must not write over it: the
storage works out what its transaction changed (record by record, against what it had
read) and applies exactly that to the new file. A record both sides changed differently
is a conflict: the save is refused and the other program's version is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Doc = dict[str, dict[str, dict[str, Any]]]
MISSING: Any = object()  # a record that is not there (added or deleted)
# Meta fields that describe the file's own bytes: recomputed on every full write.
DERIVED_META = frozenset({"entries_crc", "entries_top"})


@dataclass(frozen=True)
class Change:
    table: str
    key: str
    before: Any  # the record as read, or MISSING when the transaction added it
    after: Any  # the record as saved, or MISSING when the transaction deleted it


def changes(base: Doc, ours: Doc) -> list[Change]:
    """What a transaction changed: every record that differs between base and ours."""
    found = []
    for table in base.keys() | ours.keys():
        before, after = base.get(table, {}), ours.get(table, {})
        for key in before.keys() | after.keys():
            old, new = before.get(key, MISSING), after.get(key, MISSING)
            if old is not new and old != new:
                found.append(Change(table, key, old, new))
    return found


def added(table: str, records: dict[str, dict[str, Any]]) -> list[Change]:
    """The change of records appended without reading the table (the append path)."""
    return [Change(table, key, MISSING, record) for key, record in records.items()]


def apply(theirs: Doc, found: list[Change]) -> list[str]:
    """Apply the changes to `theirs` in place; return the conflicts (nothing applied then)."""
    conflicts: list[str] = []
    plan: list[tuple[str, str, Any]] = []
    for change in found:
        table = theirs.get(change.table, {})
        current = table.get(change.key, MISSING)
        if change.table == "meta":
            merged = _merge_meta(change, current)
            if merged is None:
                conflicts.append(f"meta record {change.key}")
            else:
                plan.append((change.table, change.key, merged))
        elif _same(current, change.before) or _same(current, change.after):
            plan.append((change.table, change.key, change.after))
        else:
            conflicts.append(describe(change))
    if conflicts:
        return conflicts
    for name, key, record in plan:
        records = theirs.setdefault(name, {})
        if record is MISSING:
            records.pop(key, None)
        else:
            records[key] = record
    return []


def describe(change: Change) -> str:
    prefix = {"entries": "e", "goals": "g", "skills": "s", "reviews": "r"}.get(change.table, "")
    what = {"entries": "entry", "goals": "goal", "skills": "skill", "reviews": "review"}
    return f"{what.get(change.table, change.table)} {prefix}{change.key}"


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return bool(a == b)


def _merge_meta(change: Change, current: Any) -> Any:
    """Meta merges field by field; id counters take the higher of both sides."""
    before = {} if change.before is MISSING else change.before
    after = {} if change.after is MISSING else change.after
    if current is MISSING:
        return after
    merged = dict(current)
    for name in after.keys() | before.keys():
        if name in DERIVED_META:
            continue
        old, new = before.get(name, MISSING), after.get(name, MISSING)
        if _same(old, new):
            continue
        if name == "next" and isinstance(new, dict):
            theirs = current.get("next") if isinstance(current.get("next"), dict) else {}
            merged["next"] = {
                table: max(_int(new.get(table)), _int(theirs.get(table)))
                for table in new.keys() | theirs.keys()
            }
            continue
        now = current.get(name, MISSING)
        if not (_same(now, old) or _same(now, new)):
            return None
        if new is MISSING:
            merged.pop(name, None)
        else:
            merged[name] = new
    return merged


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
