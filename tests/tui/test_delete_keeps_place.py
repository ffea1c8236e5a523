"""After a delete the cursor stays where the user was, not back at the top (issue 12)."""

from __future__ import annotations

from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.goals import GoalsScreen
from screens.skills import SkillsScreen
from tests.tui.helpers import DEMO_NOW, SIZE, app_on_screen, settle, wait_for
from tests.tui.test_goals import select
from tests.tui.test_journal_screen import loaded, titles


async def test_deleting_a_goal_keeps_the_place(goals_store: JournalStore) -> None:
    s = goals_store
    enterprise, influence = s.goals.get("enterprise")["id"], s.goals.get("influence")["id"]
    async with app_on_screen(s, "g", GoalsScreen, DEMO_NOW) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, GoalsScreen)
        await select(pilot, enterprise)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: enterprise not in screen.views)
        await settle(pilot)
        assert screen.selected is not None and screen.selected.id == influence


async def test_deleting_a_skill_keeps_the_place(store: JournalStore) -> None:
    for name in ("Alpha skill", "Beta skill", "Gamma skill"):
        store.skills.add(name)
    beta, gamma = store.skills.get("beta-skill")["id"], store.skills.get("gamma-skill")["id"]
    async with app_on_screen(store, "s", SkillsScreen, DEMO_NOW) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, SkillsScreen)
        screen.table.focus()
        await pilot.press("down")
        assert screen.selected is not None and screen.selected.id == beta
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: beta not in screen.views)
        await settle(pilot)
        assert screen.selected is not None and screen.selected.id == gamma


async def test_after_a_delete_the_cursor_moves_to_the_next_entry(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("down", "down")
        victim = screen.entry_list.highlighted
        assert victim is not None and victim["title"] == "Too many meetings this week"
        await pilot.press("d")
        await wait_for(pilot, lambda: victim["title"] not in titles(app))
        await settle(pilot)
        assert screen.entry_list.highlighted["title"] == "Checkout p95 is 900 ms"  # type: ignore[index]
        await pilot.press("end", "d")  # the last one: the one above it takes its place
        await wait_for(pilot, lambda: "Read the pricing memo" not in titles(app))
        await settle(pilot)
        assert screen.entry_list.highlighted["title"] == "Great demo to the sales team"  # type: ignore[index]
