"""The trash: a delete waits there whole, for `journal undo`, however large it was."""

import pytest

from journal.errors import ValidationError
from journal.store.journal_store import JournalStore


def test_the_trash_keeps_a_whole_delete_however_large(store: JournalStore) -> None:
    from journal.store.entries import TRASH_KEEP

    ids = [
        e["id"]
        for e in store.entries.add_many(
            [{"kind": "note", "text": f"n{i}"} for i in range(2 * TRASH_KEEP + 10)]
        )
    ]
    store.entries.delete_many(ids[:3])
    store.entries.delete_many(ids[3 : TRASH_KEEP - 1])
    store.entries.delete_many(ids[TRASH_KEEP - 1 : TRASH_KEEP + 1])
    # the newer batches hold fewer than TRASH_KEEP: the oldest is kept, whole
    assert [len(store.entries.undo_delete()) for _ in range(3)] == [2, TRASH_KEEP - 4, 3]
    store.entries.delete_many(ids[:5])
    store.entries.delete_many(ids[5:])  # one delete larger than the trash
    assert len(store.entries.trashed()) == len(ids) - 5  # kept whole; the older batch is gone
    assert len(store.entries.undo_delete()) == len(ids) - 5
    with pytest.raises(ValidationError, match="nothing to undo"):
        store.entries.undo_delete()  # a batch goes as a whole, never a part of one
