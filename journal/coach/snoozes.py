"""Snoozed and dismissed nudges: the only part of the coach that is stored.

They live in the journal's meta record under `coach`, so they travel with the journal
(backups, sync) and the app and the CLI honour the same ones:

    {"snoozed": {"quiet-goal:revenue": "2026-12-16"}, "dismissed": ["unsmart-goal:talks"]}

A nudge's key is `KIND:ABOUT` (`journal coach` prints it). A snooze hides the nudge up
to and including its date; a dismissal hides it for good (until `journal coach wake`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

META_KEY = "coach"


@dataclass(frozen=True)
class Snoozes:
    """Which nudge keys are hidden, and until when."""

    snoozed: dict[str, date] = field(default_factory=dict)
    dismissed: frozenset[str] = frozenset()

    def hides(self, key: str, today: date) -> bool:
        until = self.snoozed.get(key)
        return key in self.dismissed or (until is not None and today <= until)

    def as_record(self) -> dict[str, Any]:
        return {
            "snoozed": {k: v.isoformat() for k, v in sorted(self.snoozed.items())},
            "dismissed": sorted(self.dismissed),
        }


def from_meta(meta: dict[str, Any] | None) -> Snoozes:
    """Read the meta record's `coach` value; anything unreadable in it is skipped."""
    raw = (meta or {}).get(META_KEY)
    if not isinstance(raw, dict):
        return Snoozes()
    snoozed = {}
    for key, value in (raw.get("snoozed") or {}).items():
        try:
            snoozed[str(key)] = date.fromisoformat(str(value))
        except ValueError:
            continue
    dismissed = raw.get("dismissed") or []
    keys = frozenset(str(k) for k in dismissed) if isinstance(dismissed, list) else frozenset()
    return Snoozes(snoozed, keys)


class MetaStore(Protocol):
    """The part of JournalStore that keeps the snoozes."""

    def meta(self) -> dict[str, Any]: ...
    def set_meta(self, name: str, value: Any) -> None: ...


def snooze(store: MetaStore, key: str, until: date) -> Snoozes:
    current = from_meta(store.meta())
    changed = Snoozes({**current.snoozed, key: until}, current.dismissed - {key})
    store.set_meta(META_KEY, changed.as_record())
    return changed


def dismiss(store: MetaStore, key: str) -> Snoozes:
    current = from_meta(store.meta())
    snoozed = {k: v for k, v in current.snoozed.items() if k != key}
    changed = Snoozes(snoozed, current.dismissed | {key})
    store.set_meta(META_KEY, changed.as_record())
    return changed


def wake(store: MetaStore, key: str) -> bool:
    """Show a snoozed or dismissed nudge again; False when it was not hidden."""
    current = from_meta(store.meta())
    if key not in current.snoozed and key not in current.dismissed:
        return False
    snoozed = {k: v for k, v in current.snoozed.items() if k != key}
    store.set_meta(META_KEY, Snoozes(snoozed, current.dismissed - {key}).as_record())
    return True
