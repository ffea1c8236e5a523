import os
import stat
from datetime import UTC
from pathlib import Path

import orjson
import pytest

from journal.errors import JournalFileError, JournalWriteError, ValidationError
from journal.storage import backups
from journal.storage.document import SCHEMA_VERSION
from journal.store.journal_store import JournalStore


def test_add_entry_splits_text_and_gets_an_id(store: JournalStore) -> None:
    entry = store.entries.add(
        "win", "Shipped the fix. p95 down 27%.", tags=["@Latency"], starred=True
    )
    assert entry["id"] == "e1"
    assert entry["title"] == "Shipped the fix."
    assert entry["body"] == "p95 down 27%."
    assert entry["tags"] == ["latency"]
    assert entry["starred"] is True
    assert store.entries.get("e1")["title"] == "Shipped the fix."


def test_ids_are_never_reused_after_delete(store: JournalStore) -> None:
    first = store.entries.add("note", "one")
    second = store.entries.add("note", "two")
    store.entries.delete(second["id"])
    third = store.entries.add("note", "three")
    assert (first["id"], second["id"], third["id"]) == ("e1", "e2", "e3")
    # a new store on the same file continues the same counter
    assert JournalStore(store.path).entries.add("note", "four")["id"] == "e4"


def test_delete_and_undo_restore_the_same_entry(goals_store: JournalStore) -> None:
    entry = goals_store.entries.add("win", "Closed Acme", goals=["revenue"])
    deleted = goals_store.entries.delete(entry["id"])
    assert not goals_store.entries.all()
    restored = goals_store.entries.restore(deleted)
    assert restored == entry
    assert goals_store.entries.get(entry["id"]) == entry


def test_unknown_entry_goal_and_skill_are_clear_errors(goals_store: JournalStore) -> None:
    with pytest.raises(ValidationError, match="no entry 'e99'"):
        goals_store.entries.get("e99")
    with pytest.raises(ValidationError, match="no goal 'nope'.*known: enterprise, influence"):
        goals_store.entries.add("note", "x", goals=["nope"])
    with pytest.raises(ValidationError, match="no skill 'nope'"):
        goals_store.entries.add("note", "x", skills=["nope"])
    assert goals_store.entries.all() == []


def test_failed_validation_writes_nothing(goals_store: JournalStore) -> None:
    before = goals_store.path.read_bytes()
    with pytest.raises(ValidationError):
        goals_store.entries.add("memo", "x")
    with pytest.raises(ValueError):
        goals_store.entries.add("note", "x", when="whenever")
    assert goals_store.path.read_bytes() == before


def test_goal_codes_derived_unique_and_checked(store: JournalStore) -> None:
    goal = store.goals.add("Grow enterprise revenue")
    assert goal["code"] == "grow-enterprise"
    assert store.goals.add("Grow enterprise revenue fast")["code"] == "grow-enterprise-2"
    with pytest.raises(ValidationError, match="titled 'grow enterprise REVENUE' already exists"):
        store.goals.add("grow enterprise REVENUE")
    with pytest.raises(ValidationError, match="already exists"):
        store.goals.add("Other", code="grow-enterprise")
    with pytest.raises(ValidationError, match="no goal 'ghost'"):
        store.goals.add("Child", parent="ghost")


def test_goal_parent_cycle_is_refused(goals_store: JournalStore) -> None:
    with pytest.raises(ValidationError, match="cycle"):
        goals_store.goals.update("revenue", parent="enterprise")
    with pytest.raises(ValidationError, match="cycle"):
        goals_store.goals.update("revenue", parent="revenue")


def test_supports_and_parents_follow_the_model(goals_store: JournalStore) -> None:
    with pytest.raises(ValidationError, match="company goals only"):
        goals_store.goals.add("Speak up", scope="personal", supports=["influence"])
    with pytest.raises(ValidationError, match="only personal goals support"):
        goals_store.goals.add("Sell more", supports=["revenue"])
    with pytest.raises(ValidationError, match="cannot sit under a personal goal"):
        goals_store.goals.add("Sell more", parent="influence")
    assert goals_store.goals.add("Speak up", scope="personal", parent="influence")["parent"]


def test_goal_due_date_is_parsed(store: JournalStore) -> None:
    assert store.goals.add("Ship it", due="2026-06-30")["due"] == "2026-06-30"
    with pytest.raises(ValueError, match="someday"):
        store.goals.add("Later", due="someday")


def test_deleting_a_goal_keeps_entries_and_counts_dropped_links(goals_store: JournalStore) -> None:
    goals_store.entries.add("win", "a", goals=["revenue", "latency"])
    goals_store.entries.add("win", "b", goals=["revenue"])
    goals_store.entries.add("win", "c", goals=["latency"])
    assert goals_store.goals.delete("revenue") == 2
    assert len(goals_store.entries.all()) == 3
    assert goals_store.goals.get("enterprise")["parent"] is None
    assert goals_store.goals.get("influence")["supports"] == []
    latency = goals_store.goals.get("latency")["id"]
    assert sorted(e["title"] for e in goals_store.entries.all() if latency in e["goals"]) == [
        "a",
        "c",
    ]


def test_link_and_unlink(goals_store: JournalStore) -> None:
    skill = goals_store.skills.add(
        "Presenting to leadership", code="presenting", level=2, target_level=4
    )
    entry = goals_store.entries.add("reflection", "VP talk went ok")
    linked = goals_store.entries.link(
        entry["id"], goals=["revenue", "revenue"], skills=["presenting"]
    )
    assert linked["goals"] == [goals_store.goals.get("revenue")["id"]]
    assert linked["skills"] == [skill["id"]]
    unlinked = goals_store.entries.link(entry["id"], goals=["revenue"], unlink=True)
    assert unlinked["goals"] == []


def test_skill_from_feedback_entry(store: JournalStore) -> None:
    entry = store.entries.add(
        "feedback", "Lead with the customer.", sentiment="constructive", source="Priya"
    )
    skill = store.skills.add("Presenting", why=[entry["id"]], level=2, target_level=4)
    assert skill["why"] == [entry["id"]]
    with pytest.raises(ValidationError, match="between 1 and 5"):
        store.skills.add("Other", level=9)
    with pytest.raises(ValidationError, match="no entry"):
        store.skills.add("Other", why=["e42"])


def test_reviews_round_trip(store: JournalStore) -> None:
    review = store.reviews.save(
        {"title": "H1 2026", "period": {"start": "2026-01-01", "end": "2026-06-30"}}
    )
    assert review["id"] == "r1" and review["status"] == "draft"
    review["summary"] = "A good half."
    store.reviews.save(review)
    assert store.reviews.get("h1 2026")["summary"] == "A good half."
    with pytest.raises(ValidationError, match="no review"):
        store.reviews.get("H2")


# -- the storage rules -------------------------------------------------------------------


def test_file_is_0600_and_folder_0700_even_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "private" / "journal.json"
        s = JournalStore(path)
        s.entries.add("note", "hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(s.storage.lock_path.stat().st_mode) == 0o600
    for backup in backups.list_backups(path):
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_meta_holds_the_schema_version(store: JournalStore) -> None:
    store.entries.add("note", "x")
    doc = orjson.loads(store.path.read_bytes())
    assert doc["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert store.meta()["schema"] == SCHEMA_VERSION


def test_two_stores_on_one_file_never_lose_writes(db_path: Path) -> None:
    a, b = JournalStore(db_path), JournalStore(db_path)
    for i in range(20):
        a.entries.add("note", f"from a {i}")
        b.entries.add("note", f"from b {i}")
    assert a.goals.add("Shared goal", code="shared")
    b.entries.add("win", "linked", goals=["shared"])  # b sees a's goal without reopening
    fresh = JournalStore(db_path)
    titles = [e["title"] for e in fresh.entries.all()]
    assert len(titles) == 41
    assert len({e["id"] for e in fresh.entries.all()}) == 41


def test_add_splices_into_our_layout_and_falls_back_on_foreign_files(db_path: Path) -> None:
    s = JournalStore(db_path)
    s.entries.add("note", "one\nbody with a newline")
    s.entries.add_many([{"kind": "win", "text": f"w{i}"} for i in range(3)])
    spliced = JournalStore(db_path)
    spliced.entries.add("note", "spliced")  # head-only: the entries are not parsed
    assert not spliced.storage.appending
    titles = [e["title"] for e in JournalStore(db_path).entries.all()]
    assert titles == ["one", "w0", "w1", "w2", "spliced"]
    # a valid journal in another layout (say, pretty-printed by hand) is parsed in full
    doc = orjson.loads(db_path.read_bytes())
    db_path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    JournalStore(db_path).entries.add("note", "after hand edit")
    assert len(JournalStore(db_path).entries.all()) == 6
    # entries changed behind the CRC's back: parsed in full, nothing lost
    raw = db_path.read_bytes().replace(b'"w0"', b'"W0"')
    db_path.write_bytes(raw)
    JournalStore(db_path).entries.add("note", "last")
    assert "W0" in [e["title"] for e in JournalStore(db_path).entries.all()]


def test_document_is_reread_only_when_the_file_changes(store: JournalStore) -> None:
    store.entries.add("note", "x")
    assert store.refresh() is False
    other = JournalStore(store.path)
    other.entries.add("note", "y")
    assert store.refresh() is True
    assert len(store.entries.all()) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'{"meta": {"1": {"schema": 1}}, "entries": {"1": {"id": "e1"',
        b"not json at all",
        b"\x00" * 64,
        b"[1, 2, 3]",
        b'{"entries": [1]}',
        b"{}",
    ],
    ids=["empty", "truncated", "garbage", "nul", "list", "wrong-shape", "empty-object"],
)
def test_unreadable_file_is_refused_and_left_byte_for_byte(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(JournalFileError) as err:
        JournalStore(db_path).entries.add("note", "x")
    assert str(db_path) in str(err.value)
    assert "left untouched" in str(err.value)
    assert db_path.read_bytes() == content


def test_newer_schema_is_refused(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    content = orjson.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "entries": {}})
    db_path.write_bytes(content)
    with pytest.raises(JournalFileError, match="newer version"):
        JournalStore(db_path).entries.all()
    assert db_path.read_bytes() == content


def test_refusal_names_the_newest_good_backup(db_path: Path) -> None:
    s = JournalStore(db_path)
    s.entries.add("note", "x")
    s.entries.add("note", "y")  # the first save's file is now a backup
    good = backups.list_backups(db_path)
    assert good, "a backup is kept on the first overwrite"
    db_path.write_bytes(b"{ torn")
    with pytest.raises(JournalFileError, match="Newest good backup: .*" + good[0].name):
        JournalStore(db_path).entries.add("note", "z")


def test_write_failure_leaves_journal_unchanged_and_store_usable(
    store: JournalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.entries.add("note", "kept")
    before = store.path.read_bytes()

    def full_disk(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(JournalWriteError, match="(?s)disk is full.*not changed"):
        store.entries.add("note", "lost")
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [e["title"] for e in store.entries.all()] == ["kept"]
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_stale_temp_files_are_cleaned_at_open(store: JournalStore) -> None:
    store.entries.add("note", "x")
    stale = store.path.parent / f".{store.path.name}.crashed.tmp"
    stale.write_bytes(b"half")
    JournalStore(store.path)
    assert not stale.exists()


def test_backups_rotate(store: JournalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "BACKUP_EVERY", 0)
    for i in range(backups.KEEP + 5):
        store.entries.add("note", f"n{i}")
    kept = backups.list_backups(store.path)
    assert len(kept) == backups.KEEP
    for backup in kept:
        assert orjson.loads(backup.read_bytes())["meta"]


def test_skill_stays_editable_after_its_feedback_is_deleted(store: JournalStore) -> None:
    entry = store.entries.add("feedback", "Lead with the customer.", sentiment="constructive")
    store.skills.add("Presenting", code="presenting", why=[entry["id"]])
    deleted = store.entries.delete(entry["id"])
    assert store.skills.update("presenting", level=3)["why"] == [entry["id"]]
    store.entries.restore(deleted)  # undo brings the link back to life
    with pytest.raises(ValidationError, match="no entry"):
        store.skills.update("presenting", why=[entry["id"], "e99"])


def test_update_keeps_a_full_timestamp_and_its_offset(store: JournalStore) -> None:
    entry = store.entries.add("note", "x", when="2026-03-04T17:40:00+05:30")
    assert entry["when"] == "2026-03-04T17:40:00+05:30"
    assert store.entries.update(entry["id"], when=entry["when"])["when"] == entry["when"]
    moved = store.entries.update(entry["id"], when="2026-03-05 09:00")["when"]
    assert moved.startswith("2026-03-05T09:00:00")


def test_a_head_only_save_without_new_entries_keeps_them(store: JournalStore) -> None:
    store.entries.add_many([{"kind": "note", "text": f"n{i}"} for i in range(3)])
    fresh = JournalStore(store.path)
    with fresh.transaction(append_only=True):
        fresh.tables.table("meta").update({"note": "touched"}, doc_ids=[1])  # head only
    assert [e["title"] for e in JournalStore(store.path).entries.all()] == ["n0", "n1", "n2"]
    assert JournalStore(store.path).meta()["note"] == "touched"


def test_add_skills_in_bulk_gives_unique_codes_and_checks_each(store: JournalStore) -> None:
    entry = store.entries.add("feedback", "Speak up earlier.", sentiment="constructive")
    store.skills.add("Presenting", code="presenting")
    added = store.skills.add_many(
        [{"name": "Presenting!", "why": [entry["id"]]}, {"name": "Presenting?"}]
    )
    assert [s["code"] for s in added] == ["presenting-2", "presenting-3"]
    assert added[0]["why"] == [entry["id"]]
    before = store.path.read_bytes()
    with pytest.raises(ValidationError, match="no entry"):
        store.skills.add_many([{"name": "Fine"}, {"name": "Broken", "why": ["e99"]}])
    assert store.path.read_bytes() == before  # all or none


def test_store_clock_stamps_records(db_path: Path) -> None:
    from datetime import datetime

    fixed = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    s = JournalStore(db_path, clock=lambda: fixed)
    entry = s.entries.add("note", "x")
    assert entry["created"] == entry["updated"] == "2026-01-02T03:04:05+00:00"
    assert entry["when"] == "2026-01-02T03:04:05+00:00"


def test_a_read_only_journal_is_not_replaced(store: JournalStore) -> None:
    store.entries.add("note", "kept")
    store.path.chmod(0o444)
    before = store.path.read_bytes()
    with pytest.raises(JournalWriteError, match="(?s)read-only.*chmod u\\+w.*not changed"):
        JournalStore(store.path).entries.add("note", "refused")
    assert store.path.read_bytes() == before
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o444
    store.path.chmod(0o600)


def test_deleted_entries_wait_in_the_trash_and_undo_brings_back_the_last_batch(
    goals_store: JournalStore,
) -> None:
    s = goals_store
    skill = s.skills.add("Influencing", code="influencing")
    first = s.entries.add("win", "Closed Acme", goals=["revenue"], skills=["influencing"])
    second = s.entries.add("note", "Second")
    third = s.entries.add("note", "Third")
    s.entries.delete_many([first["id"]])
    s.entries.delete_many([second["id"], third["id"]])
    assert [e["id"] for e in s.entries.trashed()] == [third["id"], second["id"], first["id"]]
    assert s.entries.all() == []
    restored = s.entries.undo_delete()
    assert sorted(e["id"] for e in restored) == [second["id"], third["id"]]
    assert [e["id"] for e in s.entries.trashed()] == [first["id"]]
    again = JournalStore(s.path)  # the trash is in the file, not in memory
    [back] = again.entries.restore_deleted(first["id"])
    assert back == first
    assert again.entries.get(first["id"])["goals"] == [s.goals.get("revenue")["id"]]
    assert again.entries.get(first["id"])["skills"] == [skill["id"]]
    assert again.entries.trashed() == []
    with pytest.raises(ValidationError, match="nothing to undo"):
        again.entries.undo_delete()
    with pytest.raises(ValidationError, match="e99 is not in the trash"):
        again.entries.restore_deleted("e99")


def test_the_trash_keeps_only_the_newest_deletions(store: JournalStore) -> None:
    from journal.store.entries import TRASH_KEEP

    ids = [
        e["id"]
        for e in store.entries.add_many(
            [{"kind": "note", "text": f"n{i}"} for i in range(TRASH_KEEP + 5)]
        )
    ]
    for ident in ids:
        store.entries.delete(ident)
    kept = [e["id"] for e in store.entries.trashed()]
    assert len(kept) == TRASH_KEEP
    assert kept[0] == ids[-1] and ids[0] not in kept


def test_restore_entry_takes_it_out_of_the_trash(store: JournalStore) -> None:
    entry = store.entries.add("note", "one")
    deleted = store.entries.delete(entry["id"])
    store.entries.restore(deleted)
    assert store.entries.trashed() == []
