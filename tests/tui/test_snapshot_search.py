"""The app's filter bar searches as `journal list --search` does: every word, any order."""

from journal.live import LiveJournal
from journal.query import EntryFilter
from journal.store.journal_store import JournalStore
from screens.snapshot import apply_filter


def test_filter_text_matches_all_words_across_source_and_tags(store: JournalStore) -> None:
    store.entries.add("feedback", "Great demo\nThe pool fix", source="Ana Lopez", tags=["latency"])
    store.entries.add("note", "Demo prep")
    snapshot = LiveJournal(store).snapshot()

    def titles(text: str, previous=None):  # type: ignore[no-untyped-def]
        result = apply_filter(snapshot, EntryFilter(text=text), previous)
        return [snapshot.entries[i]["title"] for i in result.indices], result

    assert titles("fix great")[0] == ["Great demo"]
    first, result = titles("lop")
    assert first == ["Great demo"]
    assert titles("lopez latency", result)[0] == ["Great demo"]  # reusing the narrower result
    assert sorted(titles("demo")[0]) == ["Demo prep", "Great demo"]
