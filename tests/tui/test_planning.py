"""Pilot tests for issue 15's screens: feedback -> development goal woven into a company
goal in one flow (journal screen and Skills screen), the goal form's live SMART marks,
the Plan and 1:1 agenda screens from the Goals screen."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.development import DevelopmentGoalForm
from screens.goal_form import GoalForm
from screens.goals import GoalsScreen
from screens.journal import JournalScreen
from screens.planning import AgendaScreen, PlanScreen
from screens.skills import SkillsScreen
from tests.tui.helpers import NOW, SIZE, app_on_screen, screen_text, settle, wait_for


async def test_feedback_to_a_development_goal_woven_into_a_company_goal(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await wait_for(pilot, lambda: len(screen.entry_list.entries) > 0)
        entry = screen.entry_list.highlighted
        assert entry is not None and entry["title"] == "Lead with the customer problem"
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, DevelopmentGoalForm))
        form = app.screen
        assert isinstance(form, DevelopmentGoalForm)
        assert form.title_input.value == "Improve my deck"  # the theme, not the sentence
        assert [p.goal["code"] for p in form.proposals][0] == "revenue"  # linked: ranked first
        assert form.weave_select.value == journal_store.goals.get("revenue")["id"]
        assert "Priya" in screen_text(app) and "Weave into" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    goal = next(g for g in journal_store.goals.all() if g["title"] == "Improve my deck")
    assert goal["scope"] == "personal" and goal["why"] == [entry["id"]]
    revenue = journal_store.goals.get("revenue")
    assert goal["supports"] == [revenue["id"]]
    assert revenue["steps"][-1]["for"] == goal["id"]
    assert goal["id"] in journal_store.entries.get(entry["id"])["goals"]


async def test_skills_screen_key_opens_the_development_goal_form(
    journal_store: JournalStore,
) -> None:
    feedback = next(
        e
        for e in journal_store.entries.all()
        if e["kind"] == "feedback" and e.get("sentiment") == "constructive"
    )
    for code in ("storytelling", "feedback-giving"):  # whichever row is selected
        journal_store.skills.update(code, why=[feedback["id"]])
    async with app_on_screen(journal_store, "s", SkillsScreen, NOW, SIZE) as (app, pilot):
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, DevelopmentGoalForm))
        form = app.screen
        assert isinstance(form, DevelopmentGoalForm) and form.entry["id"] == feedback["id"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SkillsScreen))
    assert not any(g["title"] == "Improve my deck" for g in journal_store.goals.all())


async def test_a_non_feedback_entry_is_refused_with_a_notice(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await wait_for(pilot, lambda: len(screen.entry_list.entries) > 0)
        await pilot.press("down")
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert any("not feedback" in n.message for n in app._notifications)


async def test_the_goal_form_shows_the_five_smart_marks_live(journal_store: JournalStore) -> None:
    async with app_on_screen(journal_store, "g", GoalsScreen, NOW, SIZE) as (app, pilot):
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalForm))
        form = app.screen
        assert isinstance(form, GoalForm) and form.smart_marks is not None

        def marks() -> dict[str, bool]:
            return {c.name: c.ok for c in form.smart_marks.checks}  # type: ignore[union-attr]

        await pilot.press(*"Revenue")
        await settle(pilot)
        assert marks() == {
            "Specific": False,
            "Measurable": False,
            "Achievable": True,
            "Relevant": True,
            "Time-bound": False,
        }
        assert "Specific: the title has 1 word" in screen_text(app)
        await pilot.press(*" growth in EMEA")  # three words, still no action word
        await settle(pilot)
        assert not marks()["Specific"] and "names a thing" in screen_text(app)
        form.title_input.value = "Grow revenue in EMEA"
        form.measure_input.value = "ARR"
        form.target_input.value = "2M"
        form.due_input.value = "2026-12-31"
        await settle(pilot)
        assert all(marks().values()), marks()
        assert "S ✓  M ✓  A ✓  R ✓  T ✓" in screen_text(app)
        await pilot.press("escape")


async def test_plan_and_agenda_screens_from_goals(journal_store: JournalStore) -> None:
    from journal.planning.meeting_store import add_meeting
    from journal.planning.plan_store import add_step

    add_step(journal_store, "revenue", "Pricing workshop", serves="influence")
    add_meeting(
        journal_store, "Talked plans", ["Send the memo"], who="Dana", when=NOW.replace(day=1)
    )
    async with app_on_screen(journal_store, "g", GoalsScreen, NOW, SIZE) as (app, pilot):
        detail = screen_text(app)
        assert "SMART" in detail
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        await wait_for(pilot, lambda: "Goal-setting proposal" in plan.text_area.text)
        assert plan.query_one("#plan-cycle", Input).value == "H2 2026"
        assert "Pricing workshop" in plan.text_area.text
        await pilot.press("c")
        await wait_for(pilot, lambda: app.clipboard == plan.text_area.text)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalsScreen))
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        await wait_for(pilot, lambda: "# 1:1: agenda" in agenda.query_one(TextArea).text)
        assert "Send the memo (action 1" in agenda.text_area.text
        assert "since the last 1:1 on 2026-03-01" in agenda.text_area.text
        await pilot.press("escape")
