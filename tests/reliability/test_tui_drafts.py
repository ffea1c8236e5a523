"""Issue 10, item 8: work typed in the app is never thrown away without asking.

Escape in the editor with changes asks first; an entry being written is kept as a draft
beside the journal (written shortly after typing stops, on exit, and when the terminal
goes away: SIGHUP or SIGTERM) and offered back when the editor opens next; a review
narrative typed just before the terminal closes is saved.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from journal import drafts
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from screens.dialogs import Confirm
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from screens.review.screen import ReviewScreen
from tests.reliability.conftest import seeded
from tests.tui.helpers import SIZE, fixed_now, notices, wait_for

FLUSHED = 0.3  # seconds: a signal flushes at once, well before the typing pause's save


@pytest.fixture
def no_kill() -> Iterator[None]:
    """If the app installs no handler, a SIGHUP or SIGTERM must not end the test run."""
    old = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGHUP, signal.SIGTERM)}
    yield
    for sig, handler in old.items():
        signal.signal(sig, handler)


async def editor_open(pilot, app: JournalApp, key: str = "a") -> EntryEditor:  # type: ignore[no-untyped-def]
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) > 0,
    )
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, EntryEditor))
    assert isinstance(app.screen, EntryEditor)
    return app.screen


async def test_escape_with_changes_asks_before_discarding(db: Path) -> None:
    store = seeded(db)
    before = db.read_bytes()
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        editor = await editor_open(pilot, app)
        await pilot.press(*"Half a thought", "escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert app.screen is editor
        assert editor.query_one("#title", Input).value == "Half a thought"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, JournalScreen)
        await editor_open(pilot, app)
        await pilot.press("escape")  # nothing typed: closes at once
        assert isinstance(app.screen, JournalScreen)
        await app.workers.wait_for_complete()
    assert db.read_bytes() == before
    assert drafts.load(db) is None, "a discarded entry leaves no draft"


async def test_an_unsaved_entry_comes_back_when_the_editor_opens(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await editor_open(pilot, app)
        await pilot.press(*"Unsaved title", "tab", *"and a body")
        await pilot.press("ctrl+q")  # quit with the editor open
    assert drafts.load(db) is not None
    app = make_app(JournalStore(db), now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        editor = await editor_open(pilot, app)
        await wait_for(pilot, lambda: editor.query_one("#title", Input).value == "Unsaved title")
        assert editor.query_one("#body", TextArea).text == "and a body"
        assert any("draft" in n for n in notices(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await app.workers.wait_for_complete()
    saved = [e for e in JournalStore(db).entries.all() if e["title"] == "Unsaved title"]
    assert saved and saved[0]["body"] == "and a body"
    assert drafts.load(db) is None, "a saved entry's draft is gone"


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
async def test_the_terminal_closing_keeps_the_entry_being_written(
    db: Path, no_kill: None, sig: int
) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await editor_open(pilot, app)
        await pilot.press(*"Typed as the window closed")
        os.kill(os.getpid(), sig)  # well inside the 0.6 s pause before a draft is written
        await wait_for(pilot, lambda: drafts.load(db) is not None, timeout=FLUSHED)
    draft = drafts.load(db)
    assert draft is not None and draft["fields"]["title"] == "Typed as the window closed"


async def test_a_draft_for_one_entry_survives_another_entry_opened(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, JournalScreen) and app.screen.entry_list.select_id("e2"),
        )
        await pilot.press("e", "ctrl+u", *"Edited, not saved")
        await pilot.press("ctrl+q")
    ident = "e2"
    assert drafts.load(db, ident) is not None
    app = make_app(JournalStore(db), now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await editor_open(pilot, app, "a")  # a new entry: no draft of its own
        await pilot.press(*"New", "escape", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await app.workers.wait_for_complete()
    draft = drafts.load(db, ident)
    assert draft is not None and draft["fields"]["title"] == "Edited, not saved"


async def test_the_terminal_closing_keeps_the_review_narrative(db: Path, no_kill: None) -> None:
    store = seeded(db)
    revenue = store.goals.get("revenue")["id"]
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await wait_for(pilot, lambda: screen.assessment is not None and screen.goal_list.keys)
        screen.goal_list.focus()
        for _ in range(10):
            if screen.shown == f"goal:{revenue}":
                break
            await pilot.press("down")
        await pilot.press("enter", "tab")
        assert app.focused is screen.query_one("#narrative")
        await pilot.press(*"Signed Acme")
        os.kill(os.getpid(), signal.SIGHUP)  # well inside the 0.6 s debounce
        await wait_for(
            pilot,
            lambda: any(
                r["goals"].get(revenue, {}).get("narrative") == "Signed Acme"
                for r in JournalStore(db).reviews.all()
            ),
            timeout=FLUSHED,
        )
