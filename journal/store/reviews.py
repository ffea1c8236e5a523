"""Saved reviews and imported review forms: the two small tables the review screens keep."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from journal import models
from journal.errors import ValidationError
from journal.records import Review, StoredRecord
from journal.store.tables import Tables


def as_review(record: Mapping[str, Any]) -> Review:
    """A stored review (TinyDB holds plain dicts) as the shape records.py declares: the
    reviews table's one cast. Pass a copy when the result will be changed."""
    return cast(Review, record)


class Reviews:
    """The saved reviews (`store.reviews`), by id or title."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def all(self) -> list[Review]:
        return [as_review(dict(r)) for r in self._tables.raw("reviews").values()]

    def get(self, ref: str) -> Review:
        """A saved review by id or title (case-insensitive)."""
        wanted = ref.strip().lower()
        for record in self._tables.raw("reviews").values():
            if record.get("id") == wanted or str(record.get("title", "")).lower() == wanted:
                return as_review(dict(record))
        titles = ", ".join(repr(r.get("title")) for r in self._tables.raw("reviews").values())
        raise ValidationError(f"no review {ref!r} (saved: {titles or 'none yet'})")

    def save(self, record: Review) -> Review:
        """Insert a new review or replace one by id; the caller builds the record."""
        with self._tables.transaction():
            record = as_review({**record, "updated": self._tables.now_iso()})
            status = record.get("status") or "draft"
            record["status"] = models.choose(status, models.REVIEW_STATUSES, "status")
            if record.get("id"):
                self._tables.replace("reviews", record)
                return record
            record.setdefault("created", record["updated"])
            return as_review(self._tables.insert("reviews", record))

    def delete(self, ident: str) -> None:
        with self._tables.transaction():
            self._tables.remove("reviews", self.get(ident)["id"])


class Forms:
    """The review forms imported into this journal (`store.forms`; see
    `journal.review.forms`), keyed by name, without ids."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def all(self) -> list[StoredRecord]:
        """The forms imported into this journal (`journal form import`), as stored."""
        return [dict(r) for r in self._tables.raw("forms").values()]

    def save(self, record: Mapping[str, Any], replace: bool = False) -> StoredRecord:
        """Store a form under its name; one already there is replaced only when asked."""
        with self._tables.transaction():
            table = self._tables.table("forms")
            for key, old in self._tables.raw("forms").items():
                if str(old.get("name", "")).lower() == str(record["name"]).lower():
                    if not replace:
                        raise ValidationError(
                            f"a form named {record['name']!r} is already in the journal: "
                            "add --replace to replace it, or --name to import it as another"
                        )
                    table.remove(doc_ids=[int(key)])
            stored = {**record, "imported": self._tables.now_iso()}
            table.insert(stored)
            return stored
