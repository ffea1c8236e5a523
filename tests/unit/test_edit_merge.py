"""merge_edit: an edit writes only what the user changed, onto the record as it is now."""

from __future__ import annotations

from datetime import datetime

from journal.store.edit_merge import merge_edit

ORIGINAL = {
    "title": "A",
    "body": "b",
    "tags": ["x"],
    "goals": ["g1"],
    "skills": [],
    "when": "2026-03-01T10:00:00+01:00",
}


def test_unchanged_fields_are_not_written() -> None:
    assert merge_edit(ORIGINAL, dict(ORIGINAL, goals=["g1"]), ORIGINAL) == ({}, [])


def test_lists_merge_both_sides() -> None:
    current = dict(ORIGINAL, goals=["g1", "g3"], tags=["x", "y"])
    edited = dict(ORIGINAL, goals=["g2"], tags=["x"])
    changes, conflicts = merge_edit(ORIGINAL, edited, current)
    assert changes == {"goals": ["g3", "g2"]} and conflicts == []


def test_a_field_changed_on_both_sides_is_ours_and_reported() -> None:
    current = dict(ORIGINAL, title="Theirs", body="theirs")
    changes, conflicts = merge_edit(ORIGINAL, dict(ORIGINAL, title="Ours"), current)
    assert changes == {"title": "Ours"} and conflicts == ["title"]


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    current = dict(ORIGINAL, title="Same")
    assert merge_edit(ORIGINAL, {"title": "Same"}, current) == ({"title": "Same"}, [])


def test_a_new_when_conflicts_only_when_theirs_moved() -> None:
    when = datetime(2026, 3, 2)
    assert merge_edit(ORIGINAL, {"when": when}, ORIGINAL) == ({"when": when}, [])
    moved = dict(ORIGINAL, when="2026-03-05T10:00:00+01:00")
    assert merge_edit(ORIGINAL, {"when": when}, moved)[1] == ["when"]
