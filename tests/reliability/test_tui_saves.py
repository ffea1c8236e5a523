"""Issue 10, items 6-8: what the app saves is what the user typed, and only that.

Keys arrive in bursts (a fast typist, a paste through a slow ssh link): the save must
see every key sent before ctrl+s. An edit must not undo a change another program made
to the same entry meanwhile. Work typed and not saved is asked about, or kept as a draft.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from tests.reliability.conftest import seeded
from tests.tui.helpers import SIZE, fixed_now, notices, wait_for


def burst(app: JournalApp, *keys: str) -> None:
    """Queue key events the way a fast terminal delivers them: no pause in between."""
    assert app._driver is not None
    for key in keys:
        char = key if len(key) == 1 else None
        event = events.Key("space" if key == " " else key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def open_new_entry(pilot, app: JournalApp) -> EntryEditor:  # type: ignore[no-untyped-def]
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) > 0,
    )
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
    titles = {e["title"] for e in JournalStore(db).entries.all()}
    assert {f"{title} {n}" for n in range(3)} <= titles


async def test_keys_right_after_tab_land_in_the_next_field(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_entry(pilot, app)
        burst(app, *"Title", "tab", *"Body typed at once", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    saved = [e for e in JournalStore(db).entries.all() if e["title"] == "Title"]
    assert saved and saved[0]["body"] == "Body typed at once"


async def open_on(pilot, app: JournalApp, ident: str, key: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) > 0,
    )
    screen = app.screen
    assert isinstance(screen, JournalScreen) and screen.entry_list.select_id(ident)
    await pilot.press(key)


async def test_an_edit_keeps_links_made_elsewhere_while_it_was_open(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, app, "e1", "e")
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("ctrl+u", *"Closed Acme, two years.")
        JournalStore(db).entries.link(
            "e1", goals=["influence"], skills=["presenting"]
        )  # `journal link`
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await app.workers.wait_for_complete()
    other = JournalStore(db)
    entry = other.entries.get("e1")
    assert entry["title"] == "Closed Acme, two years."
    assert entry["goals"] == [other.goals.get("revenue")["id"], other.goals.get("influence")["id"]]
    assert entry["skills"] == [other.skills.get("presenting")["id"]]
    assert entry["tags"] == ["customer"]


async def test_the_link_dialog_adds_to_links_made_elsewhere(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, app, "e1", "l")
        JournalStore(db).entries.link("e1", skills=["presenting"])
        JournalStore(db).entries.update("e1", tags=["customer", "renewal"])
        await pilot.press(*"infl", "tab", "space", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await app.workers.wait_for_complete()
    other = JournalStore(db)
    entry = other.entries.get("e1")
    assert entry["goals"] == [other.goals.get("revenue")["id"], other.goals.get("influence")["id"]]
    assert entry["skills"] == [other.skills.get("presenting")["id"]]
    assert entry["tags"] == ["customer", "renewal"]


async def test_both_changed_the_title_ours_is_kept_and_the_user_told(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, app, "e1", "e")
        await pilot.press("ctrl+u", *"Ours")
        JournalStore(db).entries.update("e1", title="Theirs")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("title" in n and "elsewhere" in n for n in notices(app)))
    assert JournalStore(db).entries.get("e1")["title"] == "Ours"


async def test_a_paste_among_fast_keys_keeps_its_place(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_entry(pilot, app)
        burst(app, *"Before ")
        paste = events.Paste("pasted")
        paste.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(paste)
        burst(app, *" after", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    titles = {e["title"] for e in JournalStore(db).entries.all()}
    assert "Before pasted after" in titles
