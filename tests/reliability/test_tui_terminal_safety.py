"""Issue 5, item 9 (TUI part): user text is never markup, never a control sequence.

Entries, a goal and a skill carry Rich markup (`[/]`, `[/`, `[b]x[/i]`,
`[@click=app.quit]ZQX[/]`, `[link=…]`) and control sequences (OSC 52, OSC 0, ESC c,
CSI 6n, C1 0x9b, BEL, backspace). On the journal screen (list, preview facts and body,
status line, notifications), in the editor and in the link dialog:

* every segment the compositor hands to the terminal is free of control characters;
* the markup shows literally, and no piece of user text carries an `@click` action;
* clicking on the text does nothing (the app is still running afterwards).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from screens.link import LinkDialog
from tests.reliability.test_terminal_safety import is_control
from tests.tui.helpers import fixed_now, notices, screen_text, wait_for

MARK = "ZQX"  # a marker inside the click markup: if the markup were read, it would be a link
MARKUP = f"[/] [/ [b]x[/i] [@click=app.quit]{MARK}[/] [link=https://example.com]l[/link]"
CONTROLS = "\x1b]52;c;aGk=\x07 \x1b]0;pwned\x07 \x1bc \x1b[6n \x9b6n \x07 b\x08s"


def evil_store(db: Path) -> JournalStore:
    store = JournalStore(db)
    store.goals.add(f"Goal {MARKUP} {CONTROLS}", code="evil")
    store.skills.add(f"Skill {MARKUP} {CONTROLS}", code="sk")
    store.entries.add(
        "feedback",
        title=f"{MARKUP} {CONTROLS}",
        body=f"Body {MARKUP}\n\n{CONTROLS}\n\n[click](app.quit) <b>html</b>",
        source=f"{MARKUP} {CONTROLS}",
        sentiment="constructive",
        tags=["t\x1b[31m"],
        goals=["evil"],
        skills=["sk"],
        when="2026-03-10 09:00",
    )
    return store


def segments(app: JournalApp) -> list[Any]:
    return [seg for strip in app.screen._compositor.render_strips() for seg in strip]


def assert_screen_safe(app: JournalApp, where: str) -> None:
    for seg in segments(app):
        bad = [f"U+{ord(c):04X}" for c in seg.text if is_control(c)]
        assert not bad, f"{where}: control characters reach the terminal: {bad} in {seg.text!r}"
        meta = seg.style.meta if seg.style else {}
        if MARK in seg.text:
            assert "@click" not in meta, f"{where}: user text became a click action"


async def click_on_marker(pilot: Pilot[None], app: JournalApp) -> int:
    """Click wherever the marker shows; return how many places that was."""
    clicks = 0
    for y, line in enumerate(screen_text(app).splitlines()):
        x = line.find(MARK)
        if x >= 0:
            await pilot.click(offset=(x + 1, y))
            await pilot.pause(0.05)
            clicks += 1
            assert app.is_running, "a click on user text quit the app"
    return clicks


async def test_journal_screen_link_dialog_and_other_screens(db: Path) -> None:
    app = make_app(evil_store(db), now=fixed_now)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: "Body [/]" in screen_text(app))  # the preview is up
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        text = screen_text(app)
        assert f"[@click=app.quit]{MARK}[/]" in text, "markup must show literally"
        assert "␛]52;c;aGk=␇" in text and "<U+009B>6n" in text
        assert_screen_safe(app, "journal screen")
        assert await click_on_marker(pilot, app) >= 2  # list row and preview at least
        for y, line in enumerate(screen_text(app).splitlines()):  # the Markdown link
            if "click html" in line:
                await pilot.click(offset=(line.find("click html") + 1, y))
                await pilot.pause(0.05)
        assert app.is_running, "a Markdown link in the body ran an action"

        await pilot.press("slash", *MARK)  # the filter finds it: the text is kept exactly
        await wait_for(pilot, lambda: len(screen.entry_list.entries) == 1)
        screen.filter_bar.query_one("#period", Input).value = "[@click=app.quit]x[/] \x1b[6n"
        await pilot.pause(0.2)
        assert_screen_safe(app, "status line with a bad period")
        assert "[@click=app.quit]x[/]" in screen_text(app)
        screen.filter_bar.query_one("#period", Input).value = ""
        screen.entry_list.focus()
        await pilot.pause(0.1)

        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkDialog))
        await pilot.pause(0.1)
        assert_screen_safe(app, "link dialog")
        await click_on_marker(pilot, app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))

        for key, name in (("g", "goals"), ("s", "skills"), ("r", "review"), ("j", "journal")):
            await pilot.press(key)
            await pilot.pause(0.4)
            assert_screen_safe(app, f"{name} screen")
            await click_on_marker(pilot, app)

        await pilot.press("d")  # the deletion notice quotes the title
        await wait_for(pilot, lambda: any("Deleted" in n for n in notices(app)))
        await pilot.pause(0.1)
        assert_screen_safe(app, "notification")
        assert app.is_running


async def test_editor_fields(db: Path) -> None:
    """The editor shows the stored text for editing; controls still must not escape."""
    store = JournalStore(db)
    store.entries.add(
        "feedback",
        title=f"{CONTROLS} {MARK}",
        body=f"{CONTROLS}\n{MARKUP}",
        source=f"{CONTROLS}",
        tags=["t\x1b[31m"],
    )
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: MARK in screen_text(app))
        await pilot.press("e")
        assert isinstance(app.screen, EntryEditor)
        for _ in range(8):  # visit every field, so each shows its start and its end
            await pilot.pause(0.05)
            assert_screen_safe(app, f"editor ({app.focused})")
            await pilot.press("end", "tab")
        await click_on_marker(pilot, app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert app.is_running
