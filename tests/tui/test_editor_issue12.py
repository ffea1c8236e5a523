"""The entry editor's leftovers of issue 12: body-only entries, F1 and the palette inside
the editor, room for the body at 80x24, future dates, and Escape on a 1 MB body."""

from __future__ import annotations

from journal.store import JournalStore
from screens.app import JournalApp
from screens.journal import JournalScreen
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle, wait_for
from tests.tui.test_editor import open_editor


async def test_a_body_only_entry_takes_its_first_sentence_as_title(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot, app)
        await pilot.press("tab", *"Met with Priya. She liked the plan.", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    added = [e for e in journal_store.entries() if e["title"] == "Met with Priya."]
    assert len(added) == 1 and added[0]["body"] == "She liked the plan."
