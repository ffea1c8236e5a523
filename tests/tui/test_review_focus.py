"""Review screen focus: shift+tab, a key for the period, no export while typing."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from journal.store.journal_store import JournalStore
from screens.review.export import ExportPrompt
from tests.tui.helpers import settle
from tests.tui.test_review import SIZE, go_to, goal_id, open_review


async def test_shift_tab_from_the_goal_list_goes_up_not_to_the_last_text_area(
    journal_store: JournalStore, app
) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        screen.goal_list.focus()
        await pilot.press("shift+tab")
        assert app.focused in (
            screen.query_one("#review-select", Select),
            screen.query_one("#period", Input),
        )
        assert not isinstance(app.focused, TextArea)


async def test_p_goes_to_the_period_box(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        screen.goal_list.focus()
        await pilot.press("p")
        assert app.focused is screen.query_one("#period", Input)


async def test_x_c_n_do_nothing_outside_the_goal_list(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    revenue = goal_id(journal_store, "revenue")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        await go_to(pilot, screen, f"goal:{revenue}")
        screen.query_one("#evidence").focus()
        await pilot.press("x", "c", "n")
        await settle(pilot)
        assert not isinstance(app.screen, ExportPrompt)
        assert app.clipboard == "" and journal_store.reviews.all() == []
        assert screen.review is None or not screen.review.get("id")
        screen.goal_list.focus()
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportPrompt)  # from the list the keys work


async def test_the_export_prompt_starts_in_the_last_folder(
    journal_store: JournalStore, settings_file, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from screens.app import make_app
    from tests.tui.helpers import fixed_now, wait_for

    folder = tmp_path / "reviews"
    folder.mkdir()
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        assert app.screen.query_one(Input).value.startswith("~/")
        app.screen.query_one(Input).value = str(folder / "mine.md")
        await pilot.press("enter")
        await wait_for(pilot, (folder / "mine.md").exists)
        await settle(pilot)
    again = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with again.run_test(size=SIZE) as pilot:  # remembered across runs too
        await open_review(pilot, again)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(again.screen, ExportPrompt))
        assert again.screen.query_one(Input).value == f"{folder}/2026-self-assessment.md"
