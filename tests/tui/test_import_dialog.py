"""The import dialog inside a tiny app: preview, import, errors, all shown literally."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Static

from journal.importers.common import Summary
from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.import_dialog import ImportScreen
from tests.tui.helpers import wait_for

SAMPLE = Path(__file__).parents[1] / "data" / "sample.jrnl.json"  # a real jrnl export
DATA = Path(__file__).parents[1] / "data"


class Host(JournalApp):
    """The real app (`make_app`'s class) that opens the dialog at once and keeps what it
    dismissed with."""

    def __init__(self, store: JournalStore) -> None:
        super().__init__(store)
        self.results: list[Summary | None] = []

    def on_mount(self) -> None:
        self.push_screen(ImportScreen(self.live), self.results.append)


def summary_text(app: App[None]) -> str:
    return str(app.screen.query_one("#import-summary", Static).render())


async def test_preview_then_import_then_close(store: JournalStore) -> None:
    app = Host(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await pilot.press(*str(SAMPLE))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Dry run" in summary_text(app))
        assert "10 would be imported" in summary_text(app)
        assert not store.path.exists()
        await pilot.click("#import-run")
        await wait_for(pilot, lambda: "10 imported" in summary_text(app))
        assert len(store.entries.all()) == 10
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
    [result] = app.results
    assert result is not None and result.imported == 10 and not result.dry_run


async def test_goals_file_and_errors_are_shown_literally(
    store: JournalStore, tmp_path: Path
) -> None:
    bad = tmp_path / "[bold]goals[red].csv"
    bad.write_text("title,code\n[red]x[/red],BAD CODE\n", encoding="utf-8")
    app = Host(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.path_input.value = str(bad)
        await pilot.click("#import-run")
        await wait_for(pilot, lambda: "line 2" in summary_text(app))
        assert "[bold]goals[red].csv" in summary_text(app)
        assert screen.summary.has_class("-bad")
        assert not store.path.exists()
        screen.path_input.value = str(DATA / "goals.md")
        await pilot.pause(0.3)  # a Button ignores clicks during its 0.2 s press effect
        await pilot.click("#import-run")
        await wait_for(pilot, lambda: "Goals: 7 added" in summary_text(app))
        assert not screen.summary.has_class("-bad")
        await pilot.click("#import-close")
        await pilot.pause()
    assert app.results[0] is not None and app.results[0].kind == "goals"
    assert len(store.goals.all()) == 7


async def test_empty_path_asks_for_one(store: JournalStore) -> None:
    app = Host(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the path" in summary_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
