"""`journal.live.LiveJournal`: one current snapshot, writes under one lock, change news
that no reader can use up (issue 11)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from journal.errors import ValidationError
from journal.live import LiveJournal, Snapshot
from journal.records import Entry
from journal.store.journal_store import JournalStore

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)


@pytest.fixture
def live(store: JournalStore) -> LiveJournal:
    store.goals.add("Grow revenue", code="revenue")
    store.entries.add("note", "First", when="2026-03-01")
    store.entries.add("win", "Second", when="2026-03-02", goals=["revenue"])
    return LiveJournal(store, now=lambda: NOW)


def test_snapshot_holds_the_journal_newest_first(live: LiveJournal) -> None:
    snap = live.snapshot()
    assert [e["title"] for e in snap.entries] == ["Second", "First"]
    assert [g["code"] for g in snap.goals] == ["revenue"]
    assert snap.skills == () and snap.reviews == ()
    assert snap.codes["g1"] == "revenue"
    assert snap.entry("e2") is snap.entries[0]
    assert snap.generation >= 1


def test_snapshot_is_read_only(live: LiveJournal) -> None:
    snap = live.snapshot()
    with pytest.raises(AttributeError):
        snap.entries = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        snap.codes["g1"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        snap.position["e1"] = 5  # type: ignore[index]
    assert isinstance(snap.entries, tuple) and isinstance(snap.goals, tuple)


def test_now_is_the_injected_clock(live: LiveJournal) -> None:
    assert live.now() == NOW


def test_snapshot_is_the_same_until_something_changes(live: LiveJournal) -> None:
    first = live.snapshot()
    assert live.refresh() is first
    assert not live.changed_since(first.generation)
    assert live.snapshot() is first


def test_write_returns_the_result_and_a_newer_snapshot(live: LiveJournal) -> None:
    before = live.snapshot()
    written = live.write(lambda store: store.entries.add("note", "Third", when="2026-03-03"))
    assert written.result["title"] == "Third"
    assert written.snapshot.generation > before.generation
    assert written.snapshot is live.snapshot()
    assert written.snapshot.entries[0]["title"] == "Third"
    assert before.entries[0]["title"] == "Second", "an old snapshot never changes"


def test_write_runs_in_one_transaction(live: LiveJournal, db_path: Path) -> None:
    """Two changes in one write: both saved, or (on an error) neither."""

    def two_then_fail(store: JournalStore) -> None:
        store.entries.add("note", "Half")
        store.entries.update("e1", title="Renamed")
        raise ValidationError("refused")

    before = live.snapshot()
    with pytest.raises(ValidationError):
        live.write(two_then_fail)
    on_disk = {e["title"] for e in JournalStore(db_path).entries.all()}
    assert on_disk == {"First", "Second"}
    assert live.snapshot() is before, "nothing changed: the same snapshot"


def test_another_process_write_is_news_for_every_reader(live: LiveJournal, db_path: Path) -> None:
    """The bug of issue 11: the first reader to notice used the change up."""
    seen = live.snapshot().generation
    JournalStore(db_path).entries.add("note", "From elsewhere")
    # A reader that goes to the store itself notices first (as the goals screen did)...
    with live.reading() as store:
        assert any(e["title"] == "From elsewhere" for e in store.raw_entries())
    # ...and still every other reader hears of it, as often as it asks.
    assert live.changed_since(seen)
    assert live.changed_since(seen)
    newer = live.snapshot()
    assert newer.generation > seen
    assert newer.entries[0]["title"] == "From elsewhere"
    assert not live.changed_since(newer.generation)


def test_reading_sees_one_state(live: LiveJournal, db_path: Path) -> None:
    """Inside `reading()`, another process's write does not show half-way."""
    other = JournalStore(db_path)
    with live.reading() as store:
        before = len(list(store.raw_entries()))
        other.entries.add("note", "Meanwhile")
        assert len(list(store.raw_entries())) == before
        assert len(store.goals.all()) == 1
    with live.reading() as store:
        assert len(list(store.raw_entries())) == before + 1


def test_a_failed_read_keeps_the_last_snapshot(live: LiveJournal, db_path: Path) -> None:
    from journal.errors import JournalError

    good = live.snapshot()
    db_path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(JournalError):
        live.refresh()
    assert live.snapshot() is good


def add_note(store: JournalStore, title: str) -> Entry:
    return store.entries.add("note", title)


def test_threads_write_and_read_without_losing_anything(live: LiveJournal) -> None:
    """Writers and readers at once: every write lands, generations only go up, and each
    snapshot a reader sees is a whole state (its positions match its entries)."""
    writers, per_writer = 4, 15
    problems: list[str] = []
    stop = threading.Event()

    def write(n: int) -> None:
        for i in range(per_writer):
            live.write(partial(add_note, title=f"w{n}-{i}"))

    def read() -> None:
        last = 0
        while not stop.is_set():
            snap = live.snapshot()
            if snap.generation < last:
                problems.append(f"generation went back: {snap.generation} < {last}")
            last = snap.generation
            if len(snap.position) != len(snap.entries):
                problems.append("a snapshot with a torn position map")
            live.changed_since(last)

    readers = [threading.Thread(target=read) for _ in range(3)]
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in readers + threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)
    assert problems == []
    titles = {e["title"] for e in live.snapshot().entries}
    assert {f"w{n}-{i}" for n in range(writers) for i in range(per_writer)} <= titles
    assert len(live.snapshot().entries) == 2 + writers * per_writer


def test_read_then_write_in_one_write_sees_one_state(live: LiveJournal) -> None:
    """A change that reads and then writes (count, then add) is never interleaved."""

    def add_numbered(store: JournalStore) -> None:
        count = len(list(store.raw_entries()))
        store.entries.add("note", f"number {count + 1}")

    threads = [threading.Thread(target=lambda: live.write(add_numbered)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    titles = [e["title"] for e in live.snapshot().entries if e["title"].startswith("number")]
    assert sorted(titles) == sorted(f"number {n}" for n in range(3, 11))


def test_an_empty_snapshot_has_nothing() -> None:
    empty = Snapshot()
    assert empty.entries == () and empty.generation == 0 and empty.entry("e1") is None
