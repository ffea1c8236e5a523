"""Forms kept in the journal, and a win's impact (issue 16)."""

from __future__ import annotations

import pytest

from journal.errors import ValidationError
from journal.review.forms import form_from_record, parse_form
from journal.store.journal_store import JournalStore


def test_forms_are_saved_by_name_and_replaced_only_when_asked(store: JournalStore) -> None:
    form = parse_form("# Mine\n- Q (limit: 3 words)", name="mine")
    store.forms.save(form.to_record())
    assert [form_from_record(r) for r in store.forms.all()] == [form]
    with pytest.raises(ValidationError, match="already in the journal"):
        store.forms.save(form.to_record())
    other = parse_form("# Mine again\n- Other", name="MINE")
    store.forms.save(other.to_record(), replace=True)
    assert [r["title"] for r in store.forms.all()] == ["Mine again"]
    reopened = JournalStore(store.path)
    assert [r["name"] for r in reopened.forms.all()] == ["MINE"]


def test_impact_on_a_win(store: JournalStore) -> None:
    win = store.entries.add("win", "Cut p95", impact="  p95   -34% ")
    assert win["impact"] == "p95 -34%"
    plain = store.entries.add("win", "No impact", impact="  ")
    assert "impact" not in plain
    with pytest.raises(ValidationError, match="only applies to wins"):
        store.entries.add("note", "x", impact="y")
    with pytest.raises(ValidationError, match="keep it under"):
        store.entries.add("win", "x", impact="y" * 201)
    changed = store.entries.update(win["id"], impact="p95 -40%")
    assert store.entries.get(win["id"])["impact"] == changed["impact"] == "p95 -40%"


def test_impact_in_the_editor_text() -> None:
    from journal.entry_text import entry_text, parse_entry_text

    win = {
        "kind": "win",
        "when": "2026-03-04T10:00:00+01:00",
        "title": "Cut p95",
        "body": "",
        "tags": [],
        "goals": [],
        "skills": [],
        "starred": False,
        "impact": "p95 -34%",
    }
    text = entry_text(win, {})
    assert "impact: p95 -34%\n" in text
    assert parse_entry_text(text)["impact"] == "p95 -34%"
    note = {**win, "kind": "note", "impact": None}
    assert "impact" not in entry_text(note, {})
