"""The sealed inbox and the key cache, on temp journals with fast test KDF parameters."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.storage import crypto, encrypting, inbox, keycache
from journal.store.journal_store import JournalStore

PASS = "correct horse battery staple"


@pytest.fixture
def encrypted_store(db_path: Path) -> tuple[JournalStore, crypto.Keys]:
    store = JournalStore(db_path)
    store.goals.add("Grow revenue", code="revenue")
    store.entries.add("note", "already here")
    store.close()
    keys, _ = encrypting.encrypt(db_path, PASS, crypto.fast_for_tests())
    opened = JournalStore(db_path)
    opened.storage.use_keys(keys)
    return opened, keys


def item(title: str, goals: list[str] | None = None) -> dict[str, object]:
    return {
        "kind": "note",
        "title": title,
        "body": "",
        "when": "2026-03-04T10:00:00+00:00",
        "tags": ["x"],
        "goals": goals or [],
        "skills": [],
        "source": None,
        "sentiment": None,
        "starred": False,
        "created": "2026-03-04T10:00:00+00:00",
    }


def test_capture_then_merge(encrypted_store: tuple[JournalStore, crypto.Keys]) -> None:
    store, keys = encrypted_store
    for n in range(3):
        inbox.capture(store.path, keys.capture_public(), item(f"captured {n}", ["revenue"]))
    path = inbox.inbox_path(store.path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert b"captured" not in path.read_bytes()
    assert inbox.pending(store.path) == 3
    merged = inbox.merge(store, keys)
    assert merged.added == ["e2", "e3", "e4"] and merged.duplicates == 0
    assert not path.exists() and not inbox.merging_path(store.path).exists()
    assert [e["goals"] for e in store.entries.all() if e["title"].startswith("captured")] == [
        ["g1"]
    ] * 3
    assert b"captured" not in store.path.read_bytes()


def test_a_merge_cut_short_after_the_journal_write_drops_the_repeats(
    encrypted_store: tuple[JournalStore, crypto.Keys],
) -> None:
    store, keys = encrypted_store
    inbox.capture(store.path, keys.capture_public(), item("once"))
    staged_copy = inbox.inbox_path(store.path).read_bytes()
    inbox.merge(store, keys)
    inbox.merging_path(store.path).write_bytes(staged_copy)  # as if killed before unlink
    os.chmod(inbox.merging_path(store.path), 0o600)
    again = inbox.merge(store, keys)
    assert again.added == [] and again.duplicates == 1
    assert [e["title"] for e in store.entries.all()].count("once") == 1


def test_unknown_links_are_dropped_and_named(
    encrypted_store: tuple[JournalStore, crypto.Keys],
) -> None:
    store, keys = encrypted_store
    inbox.capture(store.path, keys.capture_public(), item("linked", ["revenue", "nope"]))
    merged = inbox.merge(store, keys)
    assert merged.dropped_links == ["goal 'nope'"]


def test_a_record_for_another_journal_is_kept_aside(
    encrypted_store: tuple[JournalStore, crypto.Keys], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, keys = encrypted_store
    # anyone may write the inbox file: a record sealed to another key, as another tool could
    monkeypatch.setattr(inbox, "_still_sealed_to", lambda journal, key: None)
    inbox.capture(store.path, crypto.new_keys().capture_public(), item("foreign"))
    inbox.capture(store.path, keys.capture_public(), item("ours"))
    merged = inbox.merge(store, keys)
    assert merged.unreadable == 1 and len(merged.added) == 1
    assert store.path.with_name(store.path.name + ".inbox.unreadable").exists()


def test_an_invalid_record_is_set_aside_and_the_rest_merge(
    encrypted_store: tuple[JournalStore, crypto.Keys],
) -> None:
    store, keys = encrypted_store
    inbox.capture(store.path, keys.capture_public(), {**item("bogus"), "kind": "bogus"})
    inbox.capture(store.path, keys.capture_public(), {**item("bad type"), "tags": 5})
    inbox.capture(store.path, keys.capture_public(), item("ours"))
    merged = inbox.merge(store, keys)
    assert len(merged.invalid) == 2 and "bogus" in merged.invalid[0]
    assert [store.entries.get(i)["title"] for i in merged.added] == ["ours"]
    aside = inbox.unreadable_path(store.path)
    assert len(inbox._records(aside)) == 2
    assert not inbox.merging_path(store.path).exists() and inbox.pending(store.path) == 0
    inbox.capture(store.path, keys.capture_public(), {**item("bogus"), "kind": "bogus"})
    assert len(inbox.merge(store, keys).invalid) == 1
    assert len(inbox._records(aside)) == 3


def test_key_cache_expires_and_is_private(tmp_path: Path) -> None:
    keys = crypto.new_keys()
    now = datetime.now().astimezone()
    saved = keycache.save(keys, now + timedelta(minutes=5))
    assert saved is not None and saved.stat().st_mode & 0o777 == 0o600
    assert str(saved).startswith(os.environ["XDG_RUNTIME_DIR"])
    found = keycache.load(keys.journal_id)
    assert found is not None and found[0] == keys
    assert keycache.load(keys.journal_id, now + timedelta(minutes=6)) is None
    assert not saved.exists()  # an expired key is removed when seen


def test_key_cache_refuses_a_shared_runtime_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    assert keycache.save(crypto.new_keys(), datetime.now().astimezone()) is None


def test_a_locked_add_loads_neither_the_store_nor_tinydb(
    encrypted_store: tuple[JournalStore, crypto.Keys],
) -> None:
    import subprocess
    import sys

    store, _ = encrypted_store  # encrypt() here caches no key: the journal is locked
    code = (
        "import sys\nfrom journal.cli import main\n"
        f"assert main(['add', 'note', 'quick', '--db', {str(store.path)!r}]) == 0\n"
        "heavy = [m for m in ('tinydb', 'journal.store.journal_store', 'journal.storage.safe')"
        " if m in sys.modules]\nprint(heavy)\nsys.exit(1 if heavy else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sealed for the inbox" in done.stdout
    assert inbox.pending(store.path) == 1


def test_decrypt_refuses_while_captured_entries_wait(
    encrypted_store: tuple[JournalStore, crypto.Keys],
) -> None:
    """A locked add that lands between decrypt's merge and its rewrite would be sealed to a
    key the plaintext journal no longer has: decrypt says so instead of orphaning it."""
    store, keys = encrypted_store
    store.close()
    inbox.capture(store.path, keys.capture_public(), item("landed in between"))
    before = store.path.read_bytes()
    with pytest.raises(encrypting.InboxWaiting):
        encrypting.decrypt(store.path, keys)
    assert store.path.read_bytes() == before
    assert inbox.pending(store.path) == 1


def test_a_capture_for_a_journal_decrypted_meanwhile_is_refused(
    encrypted_store: tuple[JournalStore, crypto.Keys],
) -> None:
    """The header read before the lock may be stale: checked again under the lock."""
    store, keys = encrypted_store
    store.close()
    encrypting.decrypt(store.path, keys)
    with pytest.raises(inbox.JournalRekeyed, match="nothing was written"):
        inbox.capture(store.path, keys.capture_public(), item("too late"))
    assert not inbox.inbox_path(store.path).exists()
