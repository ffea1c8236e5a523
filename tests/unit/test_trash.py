"""The trash: a delete waits there whole, for `journal undo`, however large it was."""

import pytest

from journal.errors import ValidationError
from journal.store.journal_store import JournalStore


def test_the_trash_keeps_a_whole_delete_however_large(store: JournalStore) -> None:
    from journal.store.journal_store import TRASH_KEEP

    ids = [
        e["id"]
        for e in store.add_entries(
            [{"kind": "note", "text": f"n{i}"} for i in range(2 * TRASH_KEEP + 10)]
        )
    ]
    store.delete_entries(ids[:3])
    store.delete_entries(ids[3 : TRASH_KEEP - 1])
    store.delete_entries(ids[TRASH_KEEP - 1 : TRASH_KEEP + 1])
    # the newer batches hold fewer than TRASH_KEEP: the oldest is kept, whole
    assert [len(store.undo_delete()) for _ in range(3)] == [2, TRASH_KEEP - 4, 3]
    store.delete_entries(ids[:5])
    store.delete_entries(ids[5:])  # one delete larger than the trash
    assert len(store.trashed()) == len(ids) - 5  # kept whole; the older batch is gone
    assert len(store.undo_delete()) == len(ids) - 5
    with pytest.raises(ValidationError, match="nothing to undo"):
        store.undo_delete()  # a batch goes as a whole, never a part of one
