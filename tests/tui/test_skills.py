"""Pilot tests for the Skills screen, above all turning feedback into a skill in one step."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

import pytest
from textual.app import App
from textual.pilot import Pilot

from journal.records import Entry
from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.dialogs import Confirm, Picker
from screens.messages import ShowSkill
from screens.skill_feedback import feedback_wanting_skill, suggest_name
from screens.skill_form import SkillForm
from screens.skills import SkillsScreen
from tests.tui.helpers import DEMO_NOW, app_on_screen, settle, wait_for

SIZE = (100, 30)


def skills_app(store: JournalStore) -> AbstractAsyncContextManager[tuple[JournalApp, Pilot[None]]]:
    """The real app on `store` with a fixed clock, switched to the skills screen with `s`."""
    return app_on_screen(store, "s", SkillsScreen, DEMO_NOW, SIZE)


def skills_screen(app: App[None]) -> SkillsScreen:
    """The skills screen, also while a dialog is open over it."""
    return next(s for s in app.screen_stack if isinstance(s, SkillsScreen))


def notices(app: App[None]) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def feedback(store: JournalStore) -> dict[str, Entry]:
    """Feedback of every sentiment; one constructive piece already has its skill."""
    s = store
    covered = s.entries.add(
        "feedback",
        "Estimates slip",
        source="Priya",
        sentiment="constructive",
        when="2026-01-05 10:00",
    )
    s.skills.add("Estimating", code="estimating", why=[covered["id"]], level=2, target_level=3)
    return {
        "covered": covered,
        "old": s.entries.add(
            "feedback",
            "Docs are thin. Write more.",
            source="Ana",
            sentiment="constructive",
            when="2026-02-01 10:00",
        ),
        "praise": s.entries.add(
            "feedback", "Great demo", source="Sam", sentiment="praise", when="2026-03-01 10:00"
        ),
        "new": s.entries.add(
            "feedback",
            "Your updates ramble; lead with the decision.",
            source="Dana",
            sentiment="constructive",
            when="2026-03-10 10:00",
        ),
        "mixed": s.entries.add(
            "feedback",
            "Solid fix, slow review",
            source="Lee",
            sentiment="mixed",
            when="2026-03-05 10:00",
        ),
        "win": s.entries.add("win", "Shipped it", when="2026-03-11 10:00"),
    }


def test_feedback_waiting_for_a_skill_is_constructive_unlinked_and_newest_first(
    store: JournalStore,
    feedback: dict[str, Entry],
) -> None:
    waiting = feedback_wanting_skill(store.raw_entries(), store.skills.all())
    assert [e["id"] for e in waiting] == [feedback[k]["id"] for k in ("new", "mixed", "old")]


def test_suggested_name_is_trimmed_and_capitalised() -> None:
    assert suggest_name("your updates ramble.") == "Your updates ramble"
    long = suggest_name("word " * 40)
    assert len(long) <= 32 and not long.endswith(" ")
    # a short name, not the whole sentence (issue 12)
    assert suggest_name("You took the migration back the moment it got hard.") == (
        "You took the migration back"
    )
    assert suggest_name("Your updates ramble; lead with the ask.") == "Your updates ramble"
    assert suggest_name("\x1b[31m") == "␛[31m"
    assert suggest_name("   ") == "New skill"


async def test_turn_feedback_into_a_skill_with_f(
    store: JournalStore, feedback: dict[str, Entry]
) -> None:
    async with skills_app(store) as (app, pilot):
        await pilot.press("f")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, Picker)
        assert picker.choices == [feedback[k]["id"] for k in ("new", "mixed", "old")]
        await pilot.press("home", "enter")  # the newest: Dana's
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SkillForm)
        assert form.name_input.value == "Your updates ramble"  # a short name to edit
        assert (form.level_select.value, form.target_select.value) == (2, 4)
        await pilot.press("ctrl+u", *"Leading with the decision", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SkillsScreen)
        skill = store.skills.get("leading-with-the")
        entry_id = feedback["new"]["id"]
        assert skill["name"] == "Leading with the decision"
        assert skill["why"] == [entry_id]
        assert (skill["level"], skill["target_level"]) == (2, 4)
        assert store.entries.get(entry_id)["skills"] == [skill["id"]]
        screen = skills_screen(app)
        assert screen.selected is not None and screen.selected.id == skill["id"]
        detail = str(screen.detail.render())
        assert "Came from" in detail and "Dana: Your updates ramble" in detail
        assert "1 entry" in detail  # the linked feedback is the skill's first evidence

        await pilot.press("f")  # that feedback no longer waits for a skill
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        assert entry_id not in app.screen.choices


async def test_create_skill_from_feedback_is_callable_from_elsewhere(
    store: JournalStore,
    feedback: dict[str, Entry],
) -> None:
    async with skills_app(store) as (app, pilot):
        skills_screen(app).create_skill_from_feedback(feedback["win"]["id"])
        await settle(pilot)
        assert isinstance(app.screen, SkillsScreen)  # a win is not feedback: no form
        assert any("not feedback" in n for n in notices(app))

        skills_screen(app).create_skill_from_feedback(feedback["old"]["id"])
        await settle(pilot)
        assert isinstance(app.screen, SkillForm)
        await pilot.press("escape")  # cancel writes nothing
        await settle(pilot)
        assert len(store.skills.all()) == 1
        assert store.entries.get(feedback["old"]["id"])["skills"] == []

        skills_screen(app).create_skill_from_feedback(feedback["old"]["id"])
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        made = [s for s in store.skills.all() if s["why"] == [feedback["old"]["id"]]]
        assert len(made) == 1 and made[0]["name"] == "Docs are thin"
        assert store.entries.get(feedback["old"]["id"])["skills"] == [made[0]["id"]]


async def test_nothing_waiting_says_so(store: JournalStore) -> None:
    async with skills_app(store) as (app, pilot):
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, SkillsScreen)
        assert any("No constructive feedback" in n for n in notices(app))


async def test_add_edit_and_delete_a_skill(store: JournalStore) -> None:
    entry = store.entries.add("win", "Ran the planning session")
    async with skills_app(store) as (app, pilot):
        await pilot.press("a", *"Facilitation", "enter")
        await settle(pilot)
        skill = store.skills.get("facilitation")
        assert (skill["level"], skill["target_level"], skill["why"]) == (None, None, [])
        store.entries.link(entry["id"], skills=["facilitation"])

        await pilot.press("e")
        form = app.screen
        assert isinstance(form, SkillForm)
        form.plan_area.focus()
        await pilot.press(*"Run two retros")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.skills.get("facilitation")["plan"] == "Run two retros"

        await pilot.press("d")
        confirm = app.screen
        assert isinstance(confirm, Confirm)
        assert "1 entry link will be dropped" in confirm.question.plain
        await pilot.press("y")
        await settle(pilot)
        assert store.skills.all() == []
        assert store.entries.get(entry["id"])["skills"] == []


async def test_edit_still_saves_after_its_feedback_was_deleted(
    store: JournalStore,
    feedback: dict[str, Entry],
) -> None:
    store.entries.delete(feedback["covered"]["id"])
    async with skills_app(store) as (app, pilot):
        await pilot.press("e")
        assert isinstance(app.screen, SkillForm)
        await pilot.press("ctrl+u", *"Estimating well", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SkillsScreen)
        skill = store.skills.get("estimating")
        assert skill["name"] == "Estimating well" and skill["why"] == []


async def test_markup_in_skills_and_feedback_shows_literally(store: JournalStore) -> None:
    fb = store.entries.add(
        "feedback", "[bold]Too[/] terse\x1b]52;c;x\x07", source="[red]Kim", sentiment="constructive"
    )
    store.skills.add("[/] Writing", code="writing", plan="[link=x]read[/link]", why=[fb["id"]])
    async with skills_app(store) as (app, pilot):
        detail = str(skills_screen(app).detail.render())
        assert "[/] Writing" in detail
        assert "[link=x]read[/link]" in detail
        assert "[red]Kim: [bold]Too[/] terse␛]52;c;x␇" in detail


async def test_show_skill_selects_it(store: JournalStore, feedback: dict[str, Entry]) -> None:
    store.skills.add("Active listening", code="listening")
    wanted = store.skills.get("listening")["id"]
    async with skills_app(store) as (app, pilot):
        assert skills_screen(app).selected.id != wanted  # type: ignore[union-attr]
        await pilot.press("j")
        await settle(pilot)
        app.post_message(ShowSkill(wanted))
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SkillsScreen)
                and skills_screen(app).selected is not None
                and skills_screen(app).selected.id == wanted
            ),
        )  # type: ignore[union-attr]
