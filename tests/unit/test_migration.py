"""Schema 2: a journal written by the release before goal progress still opens, reads as
it was, and is brought up to schema 2 on its first write, with the migration recorded."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from journal.errors import ValidationError
from journal.models import check_entry, check_goal
from journal.progress import progress
from journal.storage.document import SCHEMA_VERSION
from journal.storage.migrate import METRICS_MIGRATION, migrate_meta
from journal.store.journal_store import JournalStore

V1 = Path(__file__).parent.parent / "data" / "journal_v1.json"


@pytest.fixture
def old_journal(tmp_path: Path) -> Path:
    path = tmp_path / "old.json"
    shutil.copyfile(V1, path)
    return path


def test_the_copy_is_a_schema_1_journal() -> None:
    assert orjson.loads(V1.read_bytes())["meta"]["1"]["schema"] == 1
    assert SCHEMA_VERSION == 2


def test_an_old_journal_opens_and_reads_unchanged(old_journal: Path) -> None:
    before = old_journal.read_bytes()
    store = JournalStore(old_journal)
    assert {g["code"] for g in store.goals.all()} == {"deals", "latency", "onboarding", "influence"}
    assert len(store.entries.all()) == 3
    found = progress(store.goals.get("deals"), store.entries.all(), date(2026, 6, 1))
    assert found.status == "no data" and found.target is None
    store.close()
    assert old_journal.read_bytes() == before  # reading writes nothing


def test_the_first_write_migrates_and_records_it(old_journal: Path) -> None:
    store = JournalStore(old_journal)
    store.goals.add(
        "Cut cloud cost",
        code="cost",
        target="$40,000",
        metric={"unit": "$", "baseline": 52000, "target": 40000, "start": None},
    )
    store.close()
    doc = orjson.loads(old_journal.read_bytes())
    meta = doc["meta"]["1"]
    assert meta["schema"] == 2
    (ran,) = meta["migrations"]
    assert ran["name"] == METRICS_MIGRATION and (ran["from"], ran["to"]) == (1, 2)
    codes = {g["id"]: g["code"] for g in doc["goals"].values()}
    offers = {codes[k]: v for k, v in ran["offers"].items()}
    assert offers == {
        "deals": {"target": 5.0, "unit": "deals", "baseline": None},
        "latency": {"target": 300.0, "unit": "ms", "baseline": None},
        "onboarding": {"target": 7.0, "unit": "days", "baseline": 14.0},
    }
    assert doc["goals"]["1"]["target"] == "5 deals"  # the free text stays as written
    assert "metric" not in doc["goals"]["1"]  # a baseline is the user's to give
    again = JournalStore(old_journal)
    again.entries.add("note", "a second write runs nothing again")
    assert len(again.meta()["migrations"]) == 1
    assert again.goals.get("cost")["metric"]["start"] == again.goals.get("cost")["created"][:10]


def test_migrating_is_idempotent() -> None:
    meta = {"schema": 2, "migrations": []}
    assert migrate_meta(meta, [], "2026-01-01T00:00:00+00:00") is None


def test_a_new_journal_starts_at_schema_2(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "new.json")
    store.entries.add("note", "hello")
    assert store.meta()["schema"] == 2 and store.meta()["migrations"] == []


def test_check_ins_and_metrics_are_checked() -> None:
    entry = {"kind": "checkin", "title": "t", "goals": ["g1"], "value": 3, "tags": []}
    assert check_entry(dict(entry))["confidence"] is None
    with pytest.raises(ValidationError, match="needs a number"):
        check_entry({**entry, "value": "3"})
    with pytest.raises(ValidationError, match="one goal"):
        check_entry({**entry, "goals": ["g1", "g2"]})
    assert check_entry({**entry, "goals": []})["value"] == 3  # its goal was deleted
    with pytest.raises(ValidationError, match="confidence"):
        check_entry({**entry, "confidence": "certain"})
    with pytest.raises(ValidationError, match="only check-ins"):
        check_entry({**entry, "kind": "note"})
    goal = {"title": "G", "code": "g"}
    with pytest.raises(ValidationError, match="equals its baseline"):
        check_goal({**goal, "metric": {"unit": "", "baseline": 1, "target": 1}})
    with pytest.raises(ValidationError, match="not a number"):
        check_goal({**goal, "metric": {"unit": "", "baseline": True, "target": 1}})
    with pytest.raises(ValidationError, match="not a date"):
        check_goal({**goal, "milestones": [{"text": "a", "due": "soon"}]})


def test_deleting_a_goal_keeps_its_check_ins_readable(tmp_path: Path) -> None:
    from journal.doctor.checks import check

    store = JournalStore(tmp_path / "j.json")
    store.goals.add("G", code="g", metric={"unit": "", "baseline": 0, "target": 1, "start": None})
    store.entries.add_many([{"kind": "checkin", "title": "t", "goals": ["g"], "value": 0.5}])
    assert store.goals.delete("g") == 1
    (entry,) = store.entries.all()
    assert entry["goals"] == [] and entry["value"] == 0.5
    store.entries.update(entry["id"], title="still editable")
    assert not check(tmp_path / "j.json", with_backups=False).problems
