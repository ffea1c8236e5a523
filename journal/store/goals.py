"""Goals: what the journal's evidence is for, with the rules they obey.

Goal codes are unique slugs (derived from the title when not given); a goal's parent
chain may not loop; personal goals support company goals. Deleting a goal keeps every
entry and drops only the links, and says how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from journal import models
from journal.errors import ValidationError
from journal.records import Goal, Metric, StoredRecord
from journal.store.tables import Tables, unique


class Goals:
    """The goals table (`store.goals`): its records and the rules a goal obeys."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def all(self) -> list[Goal]:
        return [as_goal(dict(g)) for g in self._tables.raw("goals").values()]

    def get(self, ref: str) -> Goal:
        """A goal by code or id."""
        return as_goal(resolve(self._tables, "goals", ref))

    def ids(self, refs: Iterable[str]) -> list[str]:
        return unique(self.get(ref)["id"] for ref in refs)

    def add(
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
        metric: Metric | None = None,
    ) -> Goal:
        with self._tables.transaction():
            record = self._check_goal(
                {
                    "metric": metric,
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
                    "created": self._tables.now_iso(),
                }
            )
            return as_goal(self._tables.insert("goals", record))

    def update(self, ref: str, **changes: Any) -> Goal:
        with self._tables.transaction():
            current = self.get(ref)
            was_done = current.get("status") == "done"
            record = self._check_goal({**current, **changes})
            if record["status"] == "done" and not was_done:  # a review of this period shows it
                record["done_on"] = self._tables.now_iso()[:10]
            self._tables.replace("goals", record)
            return record

    def _check_goal(self, record: StoredRecord) -> Goal:
        """A goal as given (an add's fields, or a stored goal with an update's changes),
        completed and checked."""
        from journal.periods import parse_date

        record["title"] = models.check_text(record.get("title") or "", "the goal's title").strip()
        others = [g for g in self.all() if g["id"] != record.get("id")]
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
        record["parent"] = self.get(parent)["id"] if parent else None
        if record["parent"]:
            self._refuse_cycle(record.get("id"), record["parent"])
            if record["scope"] == "company" and self.get(record["parent"])["scope"] != "company":
                raise ValidationError(
                    "a company goal cannot sit under a personal goal: choose a company parent"
                )
        record["supports"] = self.ids(record.get("supports") or [])
        if record["supports"] and record["scope"] != "personal":
            raise ValidationError(
                "only personal goals support company goals; "
                "a company goal sits under another as its parent"
            )
        for supported in record["supports"]:
            if self.get(supported)["scope"] != "company":
                raise ValidationError("a personal goal supports company goals only")
        due = record.get("due")
        record["due"] = parse_date(due).isoformat() if due else None
        if record["status"] != "done":
            record.pop("done_on", None)
        metric = record.get("metric")
        if metric is None:
            if not record.get("id"):  # a new goal: absent is no metric, as in older journals
                record.pop("metric", None)
        elif not metric.get("start"):  # a metric starts the day the goal was added
            record["metric"] = {
                **metric,
                "start": (record.get("created") or self._tables.now_iso())[:10],
            }
        return models.check_goal(as_goal(record))  # the rule doctor and import json apply too

    def _refuse_cycle(self, ident: str | None, parent: str) -> None:
        seen: set[str] = set()
        current: str | None = parent
        while current:
            if current == ident or current in seen:
                raise ValidationError("that parent would make a goal its own ancestor (a cycle)")
            seen.add(current)
            found = self._tables.get("goals", current)
            current = found.get("parent") if found else None

    def delete(self, ref: str) -> int:
        """Delete a goal; entries stay, links to it are dropped. Returns how many."""
        with self._tables.transaction():
            goal_id = self.get(ref)["id"]
            dropped = self._tables.rewrite_links("entries", "goals", goal_id)
            for goal in self.all():
                if goal.get("parent") == goal_id or goal_id in goal.get("supports", []):
                    goal["parent"] = None if goal.get("parent") == goal_id else goal["parent"]
                    goal["supports"] = [s for s in goal.get("supports", []) if s != goal_id]
                    self._tables.replace("goals", goal)
            self._tables.remove("goals", goal_id)
            return dropped


def as_goal(record: Mapping[str, Any]) -> Goal:
    """A stored goal (TinyDB holds plain dicts) as the shape records.py declares: the
    goals table's one cast. Pass a copy when the result will be changed."""
    return cast(Goal, record)


def resolve(tables: Tables, table: str, ref: str) -> StoredRecord:
    """A goal or skill by code or id; the error lists the codes there are."""
    ref = ref.strip().lower()
    for record in tables.raw(table).values():
        if record.get("code") == ref or record.get("id") == ref:
            return dict(record)
    what = "goal" if table == "goals" else "skill"
    codes = sorted(r.get("code", "") for r in tables.raw(table).values())
    known = f"known: {', '.join(codes)}" if codes else f"there are no {what}s yet"
    raise ValidationError(f"no {what} {ref!r} ({known}); add it with `journal {what} add`")
