"""Issue 10, items 6-8: what the app saves is what the user typed, and only that.

Keys arrive in bursts (a fast typist, a paste through a slow ssh link): the save must
see every key sent before ctrl+s. An edit must not undo a change another program made
to the same entry meanwhile. Work typed and not saved is asked about, or kept as a draft.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from journal.store import JournalStore
from screens.app import JournalApp, make_app
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from tests.reliability.conftest import seeded
from tests.tui.conftest import SIZE, fixed_now
from tests.tui.helpers import wait_for


def burst(app: JournalApp, *keys: str) -> None:
    """Queue key events the way a fast terminal delivers them: no pause in between."""
    assert app._driver is not None
    for key in keys:
        char = key if len(key) == 1 else None
        event = events.Key("space" if key == " " else key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def open_new_entry(pilot, app: JournalApp) -> EntryEditor:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen)
                   and len(app.screen.entry_list.entries) > 0)
    await pilot.press("a")
    assert isinstance(app.screen, EntryEditor)
    return app.screen


async def test_keys_typed_just_before_ctrl_s_are_all_saved(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    title = "A title typed fast enough to race the save key"
    async with app.run_test(size=SIZE) as pilot:
        for attempt in range(3):
            await open_new_entry(pilot, app)
            burst(app, *f"{title} {attempt}", "ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    titles = {e["title"] for e in JournalStore(db).entries()}
    assert {f"{title} {n}" for n in range(3)} <= titles


async def test_keys_right_after_tab_land_in_the_next_field(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_entry(pilot, app)
        burst(app, *"Title", "tab", *"Body typed at once", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    saved = [e for e in JournalStore(db).entries() if e["title"] == "Title"]
    assert saved and saved[0]["body"] == "Body typed at once"

