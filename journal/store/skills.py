"""Skills: what the user is growing, with the rules they obey.

Skill codes are unique slugs (derived from the name when not given), and so are names;
the feedback a skill came from is linked to it both ways. Deleting a skill keeps every
entry and drops only the links, and says how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from journal import models
from journal.errors import ValidationError
from journal.records import Skill, StoredRecord
from journal.store.entries import lookup_entry
from journal.store.goals import resolve
from journal.store.tables import Tables, unique


def as_skill(record: Mapping[str, Any]) -> Skill:
    """A stored skill (TinyDB holds plain dicts) as the shape records.py declares: the
    skills table's one cast. Pass a copy when the result will be changed."""
    return cast(Skill, record)


class Skills:
    """The skills table (`store.skills`): its records and the rules a skill obeys."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def all(self) -> list[Skill]:
        return [as_skill(dict(s)) for s in self._tables.raw("skills").values()]

    def get(self, ref: str) -> Skill:
        return as_skill(resolve(self._tables, "skills", ref))

    def ids(self, refs: Iterable[str]) -> list[str]:
        return unique(self.get(ref)["id"] for ref in refs)

    def add(
        self,
        name: str,
        *,
        code: str | None = None,
        why: Iterable[str] = (),
        level: int | None = None,
        target_level: int | None = None,
        plan: str = "",
        status: str = "active",
    ) -> Skill:
        item = {key: value for key, value in locals().items() if key != "self"}
        return self.add_many([item])[0]

    def add_many(self, items: list[dict[str, Any]]) -> list[Skill]:
        """Add many skills in one write (an import may start thousands): all or none."""
        if not items:
            return []
        with self._tables.transaction():
            taken = {s["code"] for s in self._tables.raw("skills").values()}
            names = {s["name"].casefold(): s["code"] for s in self._tables.raw("skills").values()}
            records = []
            for item in items:
                models.check_levels(item.get("level"), item.get("target_level"))
                record = self._check_skill(
                    {
                        "name": item.get("name"),
                        "code": item.get("code"),
                        "why": list(item.get("why") or ()),
                        "level": item.get("level"),
                        "target_level": item.get("target_level"),
                        "plan": item.get("plan") or "",
                        "status": item.get("status") or "active",
                        "created": self._tables.now_iso(),
                    },
                    taken,
                    names,
                )
                taken.add(record["code"])
                names[record["name"].casefold()] = record["code"]
                records.append(record)
            added = [as_skill(s) for s in self._tables.insert_many("skills", records)]
            for skill in added:  # the feedback a skill came from is linked to it, both ways
                for entry_id in skill["why"]:
                    entry = self._tables.get("entries", entry_id)
                    if entry is not None and skill["id"] not in entry["skills"]:
                        self._tables.replace(
                            "entries", {**entry, "skills": [*entry["skills"], skill["id"]]}
                        )
            return added

    def update(self, ref: str, **changes: Any) -> Skill:
        with self._tables.transaction():
            record: StoredRecord = {**self.get(ref), **changes}
            if "level" in changes or "target_level" in changes:  # old records may predate it
                models.check_levels(record.get("level"), record.get("target_level"))
            names = None
            if "name" in changes:
                others = [s for s in self.all() if s["id"] != record["id"]]
                names = {s["name"].casefold(): s["code"] for s in others}
            checked = self._check_skill(record, names=names)
            self._tables.replace("skills", checked)
            return checked

    def _check_skill(
        self,
        record: StoredRecord,
        taken: set[str] | None = None,
        names: dict[str, str] | None = None,
    ) -> Skill:
        """Check a skill; `taken` (codes in use by others) saves a scan in bulk adds. With
        `names` (other skills' folded names to codes) a name already used is refused, as
        goals refuse a second goal with the same title; an edit passes it only when the
        name changes (twins made before this rule can still be edited)."""
        record["name"] = models.check_text(record.get("name") or "", "the skill's name").strip()
        if names is not None and (twin := names.get(record["name"].casefold())) is not None:
            raise ValidationError(
                f"a skill named {record['name']!r} already exists ({twin}): add to that one, "
                "or give this one a name of its own"
            )
        if taken is None:
            taken = {
                s["code"]
                for s in self._tables.raw("skills").values()
                if s["id"] != record.get("id")
            }
        code = record.get("code")
        code = models.check_code(code) if code else models.slugify(record["name"], taken)
        if code in taken:
            raise ValidationError(f"a skill with code {code!r} already exists: choose another code")
        record["code"] = code
        stored = self._tables.get("skills", record["id"]) if record.get("id") else None
        kept = set(stored.get("why", [])) if stored else set()  # a deleted entry may come back
        record["why"] = unique(
            e if e in kept else lookup_entry(self._tables, e)["id"] for e in record.get("why") or []
        )
        models.check_level(record.get("level"), "--level")
        models.check_level(record.get("target_level"), "--target")
        record["status"] = models.choose(
            record.get("status") or "active", models.SKILL_STATUSES, "status"
        )
        return models.check_skill(as_skill(record))  # the rule doctor and import json apply too

    def delete(self, ref: str) -> int:
        """Delete a skill; entries stay, links to it are dropped. Returns how many."""
        with self._tables.transaction():
            skill_id = self.get(ref)["id"]
            dropped = self._tables.rewrite_links("entries", "skills", skill_id)
            self._tables.remove("skills", skill_id)
            return dropped
