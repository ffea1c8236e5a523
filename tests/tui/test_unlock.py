"""The app on an encrypted journal: the unlock prompt, a wrong passphrase, the inbox
merged at unlock, and the idle lock (keys and decrypted snapshot dropped)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.storage import crypto, encrypting, inbox, keycache
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from screens.unlock import UnlockScreen
from tests.tui.conftest import fill
from tests.tui.helpers import SIZE, fixed_now

PASS = "correct horse battery staple"


@pytest.fixture
def locked_path(db_path: Path) -> Path:
    store = fill(JournalStore(db_path))
    store.close()
    encrypting.encrypt(db_path, PASS, crypto.fast_for_tests())
    return db_path


def app_on(path: Path, settings: Path, idle_lock: float | None = None) -> JournalApp:
    return make_app(JournalStore(path), now=fixed_now, settings_path=settings, idle_lock=idle_lock)


async def settle(app: JournalApp, pilot: object) -> None:
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if not any(w.is_running for w in app.workers):
            return


async def type_passphrase(app: JournalApp, pilot: object, text: str) -> None:
    screen = app.screen
    assert isinstance(screen, UnlockScreen)
    screen.field.value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def test_locked_journal_opens_on_the_masked_prompt(
    locked_path: Path, settings_file: Path
) -> None:
    app = app_on(locked_path, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.field.password is True
        assert app.locking.locked and app.snapshot is None
        await pilot.press("g")  # a letter goes into the field, never to another screen
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(app, pilot, PASS)
        assert not isinstance(app.screen, UnlockScreen)
        assert not app.locking.locked
        assert app.snapshot is not None and len(app.snapshot.entries) == 6


async def test_a_wrong_passphrase_says_so_and_keeps_asking(
    locked_path: Path, settings_file: Path
) -> None:
    before = locked_path.read_bytes()
    app = app_on(locked_path, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_passphrase(app, pilot, "not the passphrase")
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        assert "Wrong passphrase. Try again." in str(screen.problem.render())
        assert screen.field.value == "" and not screen.field.disabled
        assert app.snapshot is None
        await type_passphrase(app, pilot, PASS)
        assert not isinstance(app.screen, UnlockScreen)
    assert locked_path.read_bytes()[:40] == before[:40]


async def test_entries_sealed_while_locked_come_in_at_unlock(
    locked_path: Path, settings_file: Path
) -> None:
    header = crypto.split_header(locked_path.read_bytes())[0]
    inbox.capture(
        locked_path,
        header.capture_public,
        {
            "kind": "note",
            "title": "Captured while locked",
            "body": "",
            "tags": [],
            "goals": [],
            "skills": [],
            "when": "2026-03-15T09:00:00+01:00",
            "created": "2026-03-15T09:00:00+01:00",
            "source": None,
            "sentiment": None,
            "starred": False,
        },
    )
    app = app_on(locked_path, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_passphrase(app, pilot, PASS)
        await settle(app, pilot)
        assert app.snapshot is not None
        assert "Captured while locked" in [e["title"] for e in app.snapshot.entries]
    assert not inbox.inbox_path(locked_path).exists()


async def test_the_idle_lock_drops_the_keys_and_the_snapshot(
    locked_path: Path, settings_file: Path
) -> None:
    header = crypto.split_header(locked_path.read_bytes())[0]
    keys = crypto.unwrap(header, PASS)
    keycache.save(keys, datetime.now().astimezone() + timedelta(minutes=5))  # `journal unlock`
    app = app_on(locked_path, settings_file, idle_lock=1.5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not isinstance(app.screen, UnlockScreen)  # the cached key opened it
        assert app.snapshot is not None and app.snapshot.entries
        await asyncio.sleep(3.0)
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert "Locked after" in str(app.screen.query_one("#unlock-reason").render())
        assert app.snapshot is not None and app.snapshot.entries == ()
        assert not app.live.has_keys_for(keys.journal_id)
        await type_passphrase(app, pilot, PASS)
        await settle(app, pilot)
        assert app.snapshot is not None and len(app.snapshot.entries) == 6


async def test_a_plain_journal_never_asks(journal_store: JournalStore, settings_file: Path) -> None:
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file, idle_lock=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await asyncio.sleep(1.5)
        await pilot.pause()
        assert not isinstance(app.screen, UnlockScreen) and not app.locking.locked


async def test_the_unlock_says_what_the_inbox_merge_did(
    locked_path: Path, settings_file: Path
) -> None:
    header = crypto.split_header(locked_path.read_bytes())[0]
    entry = {
        "kind": "note", "title": "Sealed twice", "body": "", "tags": [], "goals": ["g404"],
        "skills": [], "when": "2026-03-15T09:00:00+01:00",
        "created": "2026-03-15T09:00:00+01:00", "source": None, "sentiment": None,
        "starred": False,
    }  # fmt: skip
    inbox.capture(locked_path, header.capture_public, entry)
    sealed = inbox._records(inbox.inbox_path(locked_path))  # the same record twice: a retry
    other = crypto.wrap(crypto.new_keys(), PASS, crypto.fast_for_tests())
    foreign = crypto.seal_for_inbox(other.capture_public, b"{}")  # another journal's key
    inbox.inbox_path(locked_path).write_bytes(b"".join(inbox._chunks([*sealed * 2, foreign])))
    app = app_on(locked_path, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_passphrase(app, pilot, PASS)
        await settle(app, pilot)
        said = "\n".join(n.message for n in app._notifications)
    assert "1 entry came in from the inbox" in said, said
    assert "1 duplicate dropped" in said, said
    assert "Unknown links dropped: goal 'g404'." in said, said
    assert "1 inbox record set aside (1 could not be opened" in said, said
    assert str(inbox.unreadable_path(locked_path)) in said, said


async def test_settings_and_drafts_live_inside_the_encrypted_journal(
    locked_path: Path, settings_file: Path
) -> None:
    import json
    import os

    from journal import drafts

    header = crypto.split_header(locked_path.read_bytes())[0]
    store = JournalStore(locked_path)
    store.storage.use_keys(crypto.unwrap(header, PASS))
    store.set_meta("settings", {"theme": "nord", "idle_lock_minutes": 0.05})
    store.close()
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(json.dumps({"theme": "gruvbox", "idle_lock_minutes": 100}))
    before = settings_file.read_bytes()
    app = make_app(JournalStore(locked_path), now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.locking.idle_lock == 600 and app.theme != "gruvbox"  # defaults at the prompt
        await type_passphrase(app, pilot, PASS)
        await settle(app, pilot)
        assert app.theme == "nord" and app.locking.idle_lock == 3.0  # the journal's own settings
        drafts.save(locked_path, None, {"title": "secret draft"})
        assert drafts.load(locked_path, None) is not None
        await asyncio.sleep(4.5)  # the idle lock
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert drafts.load(locked_path, None) is None  # sealed with the document
    assert settings_file.read_bytes() == before
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    assert not [p for p in runtime.rglob("*") if p.is_file() and b"secret draft" in p.read_bytes()]
    assert b"secret draft" not in locked_path.read_bytes()
