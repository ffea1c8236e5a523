"""User text is shown literally: never read as markup, never sent as control codes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from screens.link import LinkDialog
from screens.widgets.entry_list import EntryList
from tests.tui.helpers import NOW, SIZE, notices, screen_text, wait_for

NASTY = [
    ("[/]", "[/]"),
    ("[bold red]x", "[bold red]x"),
    ("[@click=app.quit]click me[/]", "[@click=app.quit]click me[/]"),
    ("[link=https://evil.example]pay[/link] [/", "[link=https://evil.example]pay[/link] [/"),
    ("esc \x1b[31mred\x1b]0;title\x07 bs\x08 c1\x9b6n", "esc ␛[31mred␛]0;title␇ bs␈ c1<U+009B>6n"),
]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def nasty_store(journal_store: JournalStore) -> JournalStore:
    for n, (title, _) in enumerate(NASTY):
        journal_store.entries.add(
            "feedback",
            title=title,
            body=f"{title}\n\n[@click=app.quit]body[/] \x1b]52;c;aGk=\x07",
            source=title,
            tags=["odd"],
            when=NOW - timedelta(minutes=n + 1),
        )
    return journal_store


def assert_no_raw_controls(app: JournalApp) -> None:
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert not RAW_CONTROL.search(segment.text), repr(segment.text)


async def test_markup_and_escapes_in_titles_show_literally(
    app: JournalApp, nasty_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) == 11
            ),
        )
        text = screen_text(app)
        for _, shown in NASTY:
            assert shown[:30] in text  # the list row (cut to the column)
        assert_no_raw_controls(app)
        for row in range(len(NASTY)):  # walk the list: the preview shows each one
            await pilot.press("down" if row else "home")
            assert_no_raw_controls(app)
        assert "esc ␛[31mred␛]0;title␇" in screen_text(app)  # preview of the last one


async def test_clicking_a_markup_title_runs_nothing(
    app: JournalApp, nasty_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) == 11
            ),
        )
        row = next(i for i, (t, _) in enumerate(NASTY) if "@click" in t)
        for x in (27, 30, 35, 40):
            await pilot.click(EntryList, offset=(x, row))
        await pilot.click("#preview", offset=(10, 6))
        await pilot.pause(0.1)
        assert app.is_running
        assert isinstance(app.screen, JournalScreen)


async def test_editor_link_dialog_palette_and_notices_stay_literal(
    app: JournalApp, nasty_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) == 11
            ),
        )
        await pilot.press("home", "down", "down")  # "[@click=app.quit]click me[/]"
        await pilot.press("e")
        assert isinstance(app.screen, EntryEditor)
        assert "[@click=app.quit]click me[/]" in screen_text(app)
        assert_no_raw_controls(app)
        await pilot.press("escape", "l")
        assert isinstance(app.screen, LinkDialog)
        assert "[@click=app.quit]click me[/]" in screen_text(app)
        await pilot.press("escape", "ctrl+p", *"click me")
        await wait_for(pilot, lambda: "[@click=app.quit]click me[/]" in screen_text(app))
        await pilot.press("escape")
        await pilot.press("end", "d")  # the control-character entry: the notice names it
        await wait_for(pilot, lambda: any("Deleted" in n for n in notices(app)))
        assert_no_raw_controls(app)
        assert app.is_running


async def test_editing_an_escape_title_keeps_it_exactly(
    app: JournalApp, nasty_store: JournalStore
) -> None:
    title = NASTY[-1][0]
    ident = next(e["id"] for e in nasty_store.entries.all() if e["title"] == title)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) == 11
            ),
        )
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.entry_list.select_id(ident)
        await pilot.press("e", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.pause(0.2)
    assert nasty_store.entries.get(ident)["title"] == title
