"""At 80x24: the footer keeps q Quit on every screen, F1 opens at this screen's keys."""

from __future__ import annotations

import pytest

from journal.store.journal_store import JournalStore
from screens.goals import GoalsScreen
from screens.journal import JournalScreen
from screens.review.screen import ReviewScreen
from screens.skills import SkillsScreen
from tests.tui.helpers import NOW, app_on_screen, screen_text, settle

SCREENS = [
    ("j", JournalScreen, "Journal screen"),
    ("g", GoalsScreen, "Goals screen"),
    ("s", SkillsScreen, "Skills screen"),
    ("r", ReviewScreen, "Review screen"),
]


@pytest.mark.parametrize(("key", "screen", "section"), SCREENS)
async def test_the_footer_keeps_the_global_keys_at_80_columns(
    journal_store: JournalStore, key: str, screen: type, section: str
) -> None:
    async with app_on_screen(journal_store, key, screen, NOW, (80, 24)) as (app, pilot):
        footer = screen_text(app).splitlines()[-1]
        assert "f1 Help" in footer and "j/g/s/r Screens" in footer and "q Quit" in footer


@pytest.mark.parametrize(("key", "screen", "section"), SCREENS)
async def test_f1_opens_at_the_current_screens_keys(
    journal_store: JournalStore, key: str, screen: type, section: str
) -> None:
    async with app_on_screen(journal_store, key, screen, NOW, (80, 24)) as (app, pilot):
        if key == "j":  # the journal screen may start in its search box
            app.screen.query_one("EntryList").focus()
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert section in text
        assert "Everywhere" not in text or text.index(section) < text.index("Everywhere")


async def test_review_titles_and_period_read_at_80_columns(journal_store: JournalStore) -> None:
    async with app_on_screen(journal_store, "r", ReviewScreen, NOW, (80, 24)) as (app, pilot):
        text = screen_text(app)
        assert "Grow enterprise reve" in text  # not cut to ~15 characters
        period = app.screen.query_one("#period")
        period.focus()
        period.value = ""
        await pilot.press(*"2026-01-01..2026-11-30")
        await settle(pilot)
        app.screen.goal_list.focus()
        await settle(pilot)
        top = screen_text(app).splitlines()[1]
        assert "2026-01-01.." in top


async def test_goal_titles_come_first_in_the_tree_at_80_columns(
    journal_store: JournalStore,
) -> None:
    async with app_on_screen(journal_store, "g", GoalsScreen, NOW, (80, 24)) as (app, pilot):
        text = screen_text(app)
        assert "◆ Grow enterprise revenue" in text
        assert "◇ ⚠ Influence across teams" in text  # personal, and stale: flagged first
        assert "(entries · latest)" in text  # the brackets are explained
        assert not app.screen.goals_tree.show_horizontal_scrollbar  # no stray glyph below


async def test_skills_table_keeps_status_and_evidence_at_80_and_codes_at_100(
    journal_store: JournalStore,
) -> None:
    async with app_on_screen(journal_store, "s", SkillsScreen, NOW, (80, 24)) as (app, pilot):
        header = screen_text(app).splitlines()[2]
        assert "Status" in header and "Ev." in header
        assert not app.screen.table.show_horizontal_scrollbar
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert "feedback-giving" in screen_text(app)
