"""Issue 12: skills refuse a duplicate name (as goals refuse a duplicate title) and a
target below the level, on every surface (the CLI and the app call these)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.errors import ValidationError
from journal.store.journal_store import JournalStore


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "journal.json")


def test_a_second_skill_with_the_same_name_is_refused(store: JournalStore) -> None:
    store.skills.add("Presenting to leadership")
    with pytest.raises(ValidationError, match="already exists"):
        store.skills.add("  presenting to LEADERSHIP ")
    with pytest.raises(ValidationError, match="already exists"):
        store.skills.add_many([{"name": "Writing"}, {"name": "writing"}])
    assert [s["name"] for s in store.skills.all()] == ["Presenting to leadership"]


def test_renaming_a_skill_onto_another_is_refused(store: JournalStore) -> None:
    store.skills.add("Presenting")
    other = store.skills.add("Writing")
    with pytest.raises(ValidationError, match="already exists"):
        store.skills.update(other["id"], name="presenting")
    assert store.skills.update(other["id"], name="Writing well")["name"] == "Writing well"


def test_a_target_below_the_level_is_refused(store: JournalStore) -> None:
    with pytest.raises(ValidationError, match="below"):
        store.skills.add("Negotiating", level=4, target_level=2)
    skill = store.skills.add("Negotiating", level=2, target_level=4)
    with pytest.raises(ValidationError, match="below"):
        store.skills.update(skill["id"], target_level=1)
    assert store.skills.update(skill["id"], level=4)["level"] == 4  # reaching it is fine


def test_an_old_skill_past_its_target_can_still_be_linked(store: JournalStore) -> None:
    """A skill stored before this rule, level above target, does not block other edits
    (an import links feedback to it with skills.update(why=...))."""
    skill = store.skills.add("Listening", level=3, target_level=3)
    with pytest.raises(ValidationError, match="below"):
        store.skills.update(skill["id"], level=5)  # raise the target with it
    with store.transaction():  # as an older version wrote it
        store.tables.replace("skills", {**store.skills.get(skill["id"]), "level": 5})
    entry = store.entries.add("feedback", "Great listening.", source="Ana")
    assert store.skills.update(skill["id"], why=[entry["id"]])["why"] == [entry["id"]]
    assert store.skills.update(skill["id"], level=5, target_level=5)["target_level"] == 5


def test_twins_made_before_the_rule_can_still_be_edited(store: JournalStore) -> None:
    first = store.skills.add("Presenting")
    twin = store.skills.add("Presenting later")
    with store.transaction():  # as an older version let `skill add` make it
        store.tables.replace("skills", {**store.skills.get(twin["id"]), "name": "Presenting"})
    entry = store.entries.add("feedback", "Slow down.", source="Ana")
    assert store.skills.update(first["id"], why=[entry["id"]])["why"] == [entry["id"]]
