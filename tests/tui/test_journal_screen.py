"""Pilot tests of the journal screen: real key presses, checked against the store."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from screens.link import LinkDialog
from screens.widgets.entry_list import EntryList
from tests.tui.helpers import SIZE, screen_text, wait_for


def journal(app: JournalApp) -> JournalScreen:
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def titles(app: JournalApp) -> list[str]:
    return [e["title"] for e in journal(app).entry_list.entries]


async def loaded(pilot, app: JournalApp) -> JournalScreen:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: len(journal(app).entry_list.entries) > 0)
    return journal(app)


@pytest.mark.parametrize("kind", ["feedback", "reflection", "win", "note"])
async def test_add_an_entry_of_each_kind(
    app: JournalApp, journal_store: JournalStore, kind: str
) -> None:
    before = len(journal_store.entries.all())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("shift+tab", "shift+tab", "enter", kind[0], "enter")  # kind select
        await pilot.press("tab", "tab", *"New")  # when -> title
        await pilot.press("tab", *"**b**")  # body
        if kind == "feedback":
            await pilot.press("tab", *"Dana", "tab", "enter", "c", "enter")  # from, sentiment
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(pilot, lambda: "New" in titles(app))
        assert journal(app).entry_list.highlighted["title"] == "New"  # type: ignore[index]
    entries = journal_store.entries.all()
    assert len(entries) == before + 1
    added = next(e for e in entries if e["title"] == "New")
    assert added["kind"] == kind
    assert added["body"] == "**b**"
    assert added["when"].startswith("2026-03-16T10:00")
    if kind == "feedback":
        assert (added["source"], added["sentiment"]) == ("Dana", "constructive")


async def test_edit_an_entry(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        ident = screen.entry_list.highlighted["id"]  # type: ignore[index]
        await pilot.press("e")
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("end", *" (edited)", "ctrl+s")
        await wait_for(pilot, lambda: "Lead with the customer problem (edited)" in titles(app))
    record = journal_store.entries.get(ident)
    assert record["title"] == "Lead with the customer problem (edited)"
    assert record["when"] == "2026-03-14T09:00:00+01:00"  # untouched date kept exactly
    assert record["source"] == "Priya"
    assert len(journal_store.entries.all()) == 6


async def test_enter_opens_the_editor_and_escape_never_writes(
    app: JournalApp, journal_store: JournalStore
) -> None:
    before = journal_store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("enter")
        assert isinstance(app.screen, EntryEditor)
        await pilot.press(*"xy", "escape", "y")  # changes: it asks before discarding them
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("a", *"zz", "escape", "y")
        await pilot.pause(0.1)
    assert journal_store.path.read_bytes() == before


async def test_delete_and_undo(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("down")
        victim = screen.entry_list.highlighted
        assert victim is not None and victim["title"] == "Closed the Acme renewal"
        await pilot.press("d")
        await wait_for(pilot, lambda: "Closed the Acme renewal" not in titles(app))
        assert len(journal_store.entries.all()) == 5
        await pilot.press("u")
        await wait_for(pilot, lambda: "Closed the Acme renewal" in titles(app))
        assert screen.entry_list.highlighted["id"] == victim["id"]  # type: ignore[index]
        await pilot.press("u")  # nothing left to undo: a notice, no crash
        await pilot.pause(0.1)
    assert journal_store.entries.get(victim["id"]) == victim


async def test_star(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        ident = screen.entry_list.highlighted["id"]  # type: ignore[index]
        await pilot.press("asterisk")
        await wait_for(pilot, lambda: journal_store.entries.get(ident)["starred"])
        await wait_for(pilot, lambda: bool(screen.entry_list.highlighted["starred"]))  # type: ignore[index]
        assert screen.entry_list.highlighted["id"] == ident  # type: ignore[index]


async def test_filter_by_text(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"ACME")
        await wait_for(pilot, lambda: titles(app) == ["Closed the Acme renewal"])
        assert "1 of 6 entries" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"zzz")
        await wait_for(pilot, lambda: titles(app) == [])
        assert "No entries match" in screen_text(app)
        await pilot.press("escape", "c")
        await wait_for(pilot, lambda: len(titles(app)) == 6)


async def test_filter_by_goal_includes_sub_and_personal_goals(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        screen.filter_bar.goal.focus()
        await pilot.press("enter", *"revenue", "enter")
        await wait_for(pilot, lambda: len(titles(app)) == 3)
        assert titles(app) == [
            "Lead with the customer problem",  # revenue
            "Closed the Acme renewal",  # enterprise, under revenue
            "Great demo to the sales team",  # influence, a personal goal supporting revenue
        ]


async def test_filters_survive_a_reload(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        screen.filter_bar.goal.focus()
        await pilot.press("enter", *"latency", "enter")
        await wait_for(pilot, lambda: titles(app) == ["Checkout p95 is 900 ms"])
        screen.entry_list.focus()
        await pilot.press("asterisk")  # a write: the app re-reads the journal
        await wait_for(pilot, lambda: bool(screen.entry_list.entries[0]["starred"]))
        assert titles(app) == ["Checkout p95 is 900 ms"]
        assert "1 of 6 entries" in screen_text(app)


async def test_filter_by_kind_tag_and_period(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        screen.filter_bar.kind.focus()
        await pilot.press("enter", "n", "enter")
        await wait_for(pilot, lambda: len(titles(app)) == 2)
        await pilot.press("tab", *"reading")
        await wait_for(pilot, lambda: titles(app) == ["Read the pricing memo"])
        await pilot.press("ctrl+u", "escape", "c")
        await wait_for(pilot, lambda: len(titles(app)) == 6)
        screen.filter_bar.period.focus()
        await pilot.press(*"last quarter")  # NOW is March 2026: Q4 2025
        await wait_for(pilot, lambda: titles(app) == ["Read the pricing memo"])
        assert "2025-10-01 to 2025-12-31" in screen_text(app)


async def test_unreadable_period_is_shown_not_raised(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        screen.filter_bar.period.focus()
        await pilot.press(*"blorp")
        await wait_for(pilot, lambda: 'cannot read "blorp" as a period' in screen_text(app))
        assert len(titles(app)) == 6
        assert screen.filter_bar.period.has_class("-invalid")


async def test_link_an_entry_to_a_goal_and_a_skill(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("down", "down")  # "Too many meetings", no links
        ident = screen.entry_list.highlighted["id"]  # type: ignore[index]
        await pilot.press("l")
        assert isinstance(app.screen, LinkDialog)
        await pilot.press(*"latency", "enter", "space")  # filter goals, tick the match
        await pilot.press("tab", *"story", "enter", "space")  # the same in skills
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: journal_store.entries.get(ident)["skills"] != [])
    record = journal_store.entries.get(ident)
    assert record["goals"] == [journal_store.goals.get("latency")["id"]]
    assert record["skills"] == [journal_store.skills.get("storytelling")["id"]]


async def test_editor_links_goals_through_its_searchable_list(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("a", *"Shipped the cache")
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        editor.query_one("#goals").query_one("Input").focus()
        await pilot.press(*"lat", "enter", "space", "ctrl+s")
        await wait_for(pilot, lambda: "Shipped the cache" in titles(app))
    added = next(e for e in journal_store.entries.all() if e["title"] == "Shipped the cache")
    assert added["goals"] == [journal_store.goals.get("latency")["id"]]


async def test_mouse_click_highlights_and_double_click_edits(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.click(EntryList, offset=(20, 3))
        assert screen.entry_list.highlighted["title"] == "Checkout p95 is 900 ms"  # type: ignore[index]
        await pilot.pause(0.1)
        assert "Profile the tax call." in screen_text(app)  # the preview follows
        await pilot.double_click(EntryList, offset=(20, 1))
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        assert editor.query_one("#title", Input).value == "Closed the Acme renewal"


async def test_a_long_list_scrolls_with_the_cursor(
    app: JournalApp, journal_store: JournalStore
) -> None:
    journal_store.entries.add_many(
        [
            {"kind": "note", "title": f"Bulk {n:03}", "when": f"2025-01-01 {n % 24:02}:00"}
            for n in range(300)
        ]
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("end")
        assert screen.entry_list.cursor == 305
        assert screen.entry_list.scroll_y > 250
        assert screen.entry_list.highlighted["title"] in screen_text(app)  # type: ignore[index]
        await pilot.press("home", "pagedown")
        assert screen.entry_list.cursor > 10
