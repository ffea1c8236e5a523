"""After a delete the cursor stays where the user was, not back at the top (issue 12)."""

from __future__ import annotations

from journal.store import JournalStore
from screens.goals import GoalsScreen
from screens.skills import SkillsScreen
from tests.tui.helpers import app_on_screen, settle, wait_for
from tests.tui.test_goals import NOW, select


async def test_deleting_a_goal_keeps_the_place(goals_store: JournalStore) -> None:
    s = goals_store
    enterprise, influence = s.goal("enterprise")["id"], s.goal("influence")["id"]
    async with app_on_screen(s, "g", GoalsScreen, NOW) as (app, pilot):
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
        store.add_skill(name)
    beta, gamma = store.skill("beta-skill")["id"], store.skill("gamma-skill")["id"]
    async with app_on_screen(store, "s", SkillsScreen, NOW) as (app, pilot):
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
