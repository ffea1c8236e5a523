"""Goals and skills: what the journal's evidence is for, with the rules they obey.

Goal codes are unique slugs (derived from the title when not given); a goal's parent
chain may not loop; personal goals support company goals. Deleting a goal or skill keeps
every entry and drops only the links, and says how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from journal import models
from journal.errors import ValidationError
from journal.models import Record
from journal.store.base import StoreBase, unique


class GoalStore(StoreBase):
    """Goal and skill records on top of the store's plumbing."""

    # -- goals -----------------------------------------------------------------------

    def goals(self) -> list[Record]:
        return [dict(g) for g in self._raw("goals").values()]

    def goal(self, ref: str) -> Record:
        """A goal by code or id."""
        return self._resolve("goals", ref)

    def goal_ids(self, refs: Iterable[str]) -> list[str]:
        return unique(self.goal(ref)["id"] for ref in refs)

    def skill_ids(self, refs: Iterable[str]) -> list[str]:
        return unique(self.skill(ref)["id"] for ref in refs)

    def _resolve(self, table: str, ref: str) -> Record:
        ref = ref.strip().lower()
        for record in self._raw(table).values():
            if record.get("code") == ref or record.get("id") == ref:
                return dict(record)
        what = "goal" if table == "goals" else "skill"
        codes = sorted(r.get("code", "") for r in self._raw(table).values())
        known = f"known: {', '.join(codes)}" if codes else f"there are no {what}s yet"
        raise ValidationError(f"no {what} {ref!r} ({known}); add it with `journal {what} add`")

    def add_goal(
        self,
        title: str,
        *,
        code: str | None = None,
        scope: str = "company",
        parent: str | None = None,
        supports: Iterable[str] = (),
        measure: str = "",
        target: str = "",
        due: str | None = None,
        status: str = "active",
        notes: str = "",
    ) -> Record:
        with self.transaction():
            record = self._check_goal(
                {
                    "title": title,
                    "code": code,
                    "scope": scope,
                    "parent": parent,
                    "supports": list(supports),
                    "measure": measure,
                    "target": target,
                    "due": due,
                    "status": status,
                    "notes": notes,
                    "created": self.now_iso(),
                }
            )
            return self._insert("goals", record)

    def update_goal(self, ref: str, **changes: Any) -> Record:
        with self.transaction():
            record = self.goal(ref)
            was_done = record.get("status") == "done"
            record.update(changes)
            record = self._check_goal(record)
            if record["status"] == "done" and not was_done:  # a review of this period shows it
                record["done_on"] = self.now_iso()[:10]
            self._replace("goals", record)
            return record

    def _check_goal(self, record: Record) -> Record:
        from journal.dates import parse_date

        record["title"] = models.check_text(record.get("title") or "", "the goal's title").strip()
        others = [g for g in self.goals() if g["id"] != record.get("id")]
        taken = {g["code"] for g in others}
        code = record.get("code")
        code = models.check_code(code) if code else models.slugify(record["title"], taken)
        if code in taken:
            raise ValidationError(f"a goal with code {code!r} already exists: choose another code")
        title = record["title"].casefold()
        twin = next((g for g in others if g["title"].casefold() == title), None)
        if twin:
            raise ValidationError(
                f"a goal titled {record['title']!r} already exists ({twin['code']}): "
                "give this one a title of its own"
            )
        record["code"] = code
        record["scope"] = models.choose(record.get("scope") or "company", models.SCOPES, "scope")
        record["status"] = models.choose(
            record.get("status") or "active", models.GOAL_STATUSES, "status"
        )
        parent = record.get("parent")
        record["parent"] = self.goal(parent)["id"] if parent else None
        if record["parent"]:
            self._refuse_cycle(record.get("id"), record["parent"])
            if record["scope"] == "company" and self.goal(record["parent"])["scope"] != "company":
                raise ValidationError(
                    "a company goal cannot sit under a personal goal: choose a company parent"
                )
        record["supports"] = self.goal_ids(record.get("supports") or [])
        if record["supports"] and record["scope"] != "personal":
            raise ValidationError(
                "only personal goals support company goals; "
                "a company goal sits under another as its parent"
            )
        for supported in record["supports"]:
            if self.goal(supported)["scope"] != "company":
                raise ValidationError("a personal goal supports company goals only")
        due = record.get("due")
        record["due"] = parse_date(due).isoformat() if due else None
        if record["status"] != "done":
            record.pop("done_on", None)
        return models.check_goal(record)  # the rule doctor and import json apply too

    def _refuse_cycle(self, ident: str | None, parent: str) -> None:
        seen: set[str] = set()
        current: str | None = parent
        while current:
            if current == ident or current in seen:
                raise ValidationError("that parent would make a goal its own ancestor (a cycle)")
            seen.add(current)
            found = self._get("goals", current)
            current = found.get("parent") if found else None

    def delete_goal(self, ref: str) -> int:
        """Delete a goal; entries stay, links to it are dropped. Returns how many."""
        with self.transaction():
            goal_id = self.goal(ref)["id"]
            dropped = self._rewrite_links("entries", "goals", goal_id)
            for goal in self.goals():
                if goal.get("parent") == goal_id or goal_id in goal.get("supports", []):
                    goal["parent"] = None if goal.get("parent") == goal_id else goal["parent"]
                    goal["supports"] = [s for s in goal.get("supports", []) if s != goal_id]
                    self._replace("goals", goal)
            self._remove("goals", goal_id)
            return dropped

    # -- skills ----------------------------------------------------------------------

    def skills(self) -> list[Record]:
        return [dict(s) for s in self._raw("skills").values()]

    def skill(self, ref: str) -> Record:
        return self._resolve("skills", ref)

    def add_skill(
        self,
        name: str,
        *,
        code: str | None = None,
        why: Iterable[str] = (),
        level: int | None = None,
        target_level: int | None = None,
        plan: str = "",
        status: str = "active",
    ) -> Record:
        item = {key: value for key, value in locals().items() if key != "self"}
        return self.add_skills([item])[0]

    def add_skills(self, items: list[dict[str, Any]]) -> list[Record]:
        """Add many skills in one write (an import may start thousands): all or none."""
        if not items:
            return []
        with self.transaction():
            taken = {s["code"] for s in self._raw("skills").values()}
            names = {s["name"].casefold(): s["code"] for s in self._raw("skills").values()}
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
                        "created": self.now_iso(),
                    },
                    taken,
                    names,
                )
                taken.add(record["code"])
                names[record["name"].casefold()] = record["code"]
                records.append(record)
            added = self._insert_many("skills", records)
            for skill in added:  # the feedback a skill came from is linked to it, both ways
                for entry_id in skill["why"]:
                    entry = self._get("entries", entry_id)
                    if entry is not None and skill["id"] not in entry["skills"]:
                        self._replace(
                            "entries", {**entry, "skills": [*entry["skills"], skill["id"]]}
                        )
            return added

    def update_skill(self, ref: str, **changes: Any) -> Record:
        with self.transaction():
            record = self.skill(ref)
            record.update(changes)
            if "level" in changes or "target_level" in changes:  # old records may predate it
                models.check_levels(record.get("level"), record.get("target_level"))
            names = None
            if "name" in changes:
                others = [s for s in self.skills() if s["id"] != record["id"]]
                names = {s["name"].casefold(): s["code"] for s in others}
            record = self._check_skill(record, names=names)
            self._replace("skills", record)
            return record

    def _check_skill(
        self, record: Record, taken: set[str] | None = None, names: dict[str, str] | None = None
    ) -> Record:
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
            taken = {s["code"] for s in self._raw("skills").values() if s["id"] != record.get("id")}
        code = record.get("code")
        code = models.check_code(code) if code else models.slugify(record["name"], taken)
        if code in taken:
            raise ValidationError(f"a skill with code {code!r} already exists: choose another code")
        record["code"] = code
        stored = self._get("skills", record["id"]) if record.get("id") else None
        kept = set(stored.get("why", [])) if stored else set()  # a deleted entry may come back
        record["why"] = unique(
            e if e in kept else self.entry(e)["id"] for e in record.get("why") or []
        )
        models.check_level(record.get("level"), "--level")
        models.check_level(record.get("target_level"), "--target")
        record["status"] = models.choose(
            record.get("status") or "active", models.SKILL_STATUSES, "status"
        )
        return models.check_skill(record)  # the rule doctor and import json apply too

    def delete_skill(self, ref: str) -> int:
        """Delete a skill; entries stay, links to it are dropped. Returns how many."""
        with self.transaction():
            skill_id = self.skill(ref)["id"]
            dropped = self._rewrite_links("entries", "skills", skill_id)
            self._remove("skills", skill_id)
            return dropped
