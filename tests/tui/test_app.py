"""Pilot tests of app-wide behaviour: help, palette, themes, screens, outside changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journal.store.journal_store import JournalStore
from screens import modes
from screens.app import JournalApp, make_app
from screens.help import HelpScreen
from screens.journal import JournalScreen
from tests.conftest import env_with_db
from tests.tui.helpers import SIZE, fixed_now, notices, screen_text, wait_for


def titles(app: JournalApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return [e["title"] for e in screen.entry_list.entries]


async def loaded(pilot, app: JournalApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: len(titles(app)) > 0)


async def test_f1_lists_every_key(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        seen = screen_text(app)
        assert seen.lstrip().find("Journal screen") < 200  # this screen's keys come first
        for _ in range(6):
            await pilot.press("pagedown")
            await pilot.pause()
            seen += screen_text(app)
        for words in ("Everywhere", "Command palette", "Journal screen", "Add an entry"):
            assert words in seen
        await pilot.press("end")
        end = screen_text(app)
        for _ in range(3):  # the other screens' sections come after the dialogs' keys
            if "Link dialog" in end:
                break
            await pilot.press("pageup")
            await pilot.pause()
            end = screen_text(app)
        assert "Link dialog" in end and "Tick or untick" in end
        await pilot.press("escape")
        assert isinstance(app.screen, JournalScreen)


async def test_help_covers_every_binding_of_my_screens() -> None:
    from screens.help import key_sections
    from screens.journal import JournalScreen as Journal

    described = {what for _, rows in key_sections() for _, what in rows}
    for binding in Journal.BINDINGS + JournalApp.BINDINGS:
        assert binding.tooltip in described  # type: ignore[union-attr]


async def test_palette_jumps_to_an_entry(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p", *"acme")
        await wait_for(pilot, lambda: "Closed the Acme renewal" in screen_text(app))
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await wait_for(
            pilot,
            lambda: (
                screen.entry_list.highlighted is not None
                and screen.entry_list.highlighted["title"] == "Closed the Acme renewal"
            ),
        )


async def test_palette_offers_screens_and_goals(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p", *"go to")
        await wait_for(pilot, lambda: "Go to review" in screen_text(app))
        await pilot.press("ctrl+u", *"latency")
        await wait_for(pilot, lambda: "goal latency  Cut checkout latency" in screen_text(app))
        await pilot.press("escape")


async def test_a_missing_screen_is_a_notice_not_a_crash(
    app: JournalApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(modes.LAZY_SCREENS, "review", ("screens.not_written_yet", "X"))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("r")
        await wait_for(pilot, lambda: "The review screen is not available yet." in notices(app))
        assert isinstance(app.screen, JournalScreen)


async def test_theme_choice_is_remembered(journal_store: JournalStore, settings_file: Path) -> None:
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+t", *"nord")
        await wait_for(pilot, lambda: "nord" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "nord")
        await wait_for(pilot, lambda: settings_file.exists())
    assert json.loads(settings_file.read_text()) == {"theme": "nord"}
    assert settings_file.stat().st_mode & 0o777 == 0o600
    again = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    assert again.theme == "nord"


async def test_a_theme_that_cannot_be_remembered_is_a_warning(
    journal_store: JournalStore, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be")
    app = make_app(journal_store, now=fixed_now, settings_path=blocked / "settings.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.theme = "nord"
        await wait_for(
            pilot, lambda: any("Could not remember the theme" in n for n in notices(app))
        )
    assert blocked.read_text() == "a file where the config folder should be"


def test_a_damaged_settings_file_means_defaults(
    journal_store: JournalStore, settings_file: Path
) -> None:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('{"theme": "no-such-theme"')
    assert make_app(journal_store, settings_path=settings_file).theme == "textual-dark"
    settings_file.write_text('{"theme": "no-such-theme"}')
    assert make_app(journal_store, settings_path=settings_file).theme == "textual-dark"


async def test_entry_added_by_another_process_shows_up_and_survives_our_save(
    app: JournalApp, journal_store: JournalStore, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "journal",
                "add",
                "win",
                "From the other terminal.",
                "--when",
                "2026-03-15 12:00",
            ],
            env=env_with_db(db_path),
            check=True,
            capture_output=True,
        )
        await wait_for(pilot, lambda: "From the other terminal." in titles(app), timeout=2.5)
        other = JournalStore(db_path)  # a second store writing while the app runs
        other.entries.add("note", "From a second store.", when="2026-03-15 13:00")
        await wait_for(pilot, lambda: "From a second store." in titles(app), timeout=2.5)
        await pilot.press("a", *"Ours", "ctrl+s")
        await wait_for(pilot, lambda: "Ours" in titles(app))
    on_disk = {e["title"] for e in JournalStore(db_path).entries.all()}
    assert {"From the other terminal.", "From a second store.", "Ours"} <= on_disk
    assert len(on_disk) == 9


async def test_q_quits_from_the_journal(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("q")
        await pilot.pause(0.1)
        assert not app.is_running


async def test_palette_opens_the_import_dialog(app: JournalApp) -> None:
    pytest.importorskip("screens.import_dialog")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p", *"import")
        await wait_for(pilot, lambda: "Import a jrnl export" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ImportScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
