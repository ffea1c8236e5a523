"""Issue 11: an entry written by another process shows up, whichever screen polled first.

The bug: the storage said "changed" only to the first reader after a change, and the
goals and skills screens read the store directly, so a goals-screen read used up the news
and the journal screen never reloaded.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial

from journal.records import Entry
from journal.store.journal_store import JournalStore
from screens.app import make_app
from screens.goals import GoalsScreen
from screens.journal import JournalScreen
from screens.messages import EntrySaved
from tests.tui.helpers import SIZE, fixed_now, settle


def shown_titles(screen: JournalScreen) -> set[str]:
    return {e["title"] for e in screen.entry_list.entries}


def add_from_another_process(store: JournalStore, title: str) -> None:
    """`journal add` in a second process, as a user in another terminal would."""
    subprocess.run(
        [sys.executable, "-m", "journal", "--db", str(store.path), "add", "note", title],
        check=True,
        capture_output=True,
        timeout=60,
    )


async def test_entry_from_another_process_shows_after_visiting_goals(
    journal_store: JournalStore,
) -> None:
    app = make_app(journal_store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        add_from_another_process(journal_store, "Written in another terminal")
        await pilot.press("g")
        await pilot.pause(3.0)
        await pilot.press("j")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert "Written in another terminal" in shown_titles(screen)


def add_win(store: JournalStore, title: str) -> Entry:
    return store.entries.add("win", title, goals=["latency"])


async def test_a_hidden_screen_waits_and_catches_up_when_shown(
    journal_store: JournalStore,
) -> None:
    """Writes on the journal screen rebuild it; the goals screen, hidden, only rebuilds
    (once) when shown again, and then shows the change."""
    app = make_app(journal_store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        goals = app.screen
        assert isinstance(goals, GoalsScreen)
        counts = {v.goal["code"]: v.count for v in goals.views.values()}
        await pilot.press("j")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        hidden_rebuilds, shown_rebuilds = goals.rebuilds, journal.rebuilds
        for title in ("First hidden write", "Second hidden write"):
            app.live.write(partial(add_win, title=title))
            journal.post_message(EntrySaved("e1"))  # as the editor does after a save
            await settle(pilot)
        assert journal.rebuilds >= shown_rebuilds + 2
        assert "Second hidden write" in shown_titles(journal)
        assert goals.rebuilds == hidden_rebuilds, "a hidden screen rebuilt on a change"
        await pilot.press("g")
        await settle(pilot)
        assert goals.rebuilds == hidden_rebuilds + 1
        latency = next(v for v in goals.views.values() if v.goal["code"] == "latency")
        assert latency.count == counts["latency"] + 2
