"""Pilot tests of the review's title and saving: what a new user tripped over (issue 12)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from journal.store.journal_store import JournalStore
from screens.app import make_app
from screens.review.export import ExportPrompt
from tests.tui.helpers import fixed_now, screen_text, settle, wait_for
from tests.tui.test_review import SIZE, open_review


async def test_a_renamed_review_exports_and_copies_under_its_new_title(
    journal_store: JournalStore, app
) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        title = screen.query_one("#review-title", Input)
        title.focus()
        title.value = ""
        await pilot.press(*"Brag doc", "escape")
        await pilot.press("c")
        await wait_for(pilot, lambda: bool(app.clipboard))
        assert app.clipboard.startswith("# Brag doc\n")
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        assert app.screen.query_one(Input).value == "~/brag-doc.md"


async def test_no_company_goals_is_not_every_goal_has_evidence(store: JournalStore) -> None:
    store.goals.add("Learn to delegate", code="delegate", scope="personal")
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot, app)
        text = screen_text(app)
        assert "Every company goal has recent evidence" not in text
        assert "No company goals yet" in text


async def test_a_new_reviews_title_is_the_saved_one_and_follows_the_period(
    journal_store: JournalStore, settings_file: Path
) -> None:
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        title = screen.query_one("#review-title", Input)
        assert title.value == "2026 self-assessment"
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.press(*"A good quarter")
        period = screen.query_one("#period", Input)
        period.focus()
        period.value = ""
        await pilot.press(*"Q1 2026")
        await wait_for(pilot, lambda: title.value == "Q1 2026 self-assessment")
        await pilot.press("ctrl+q")
    [saved] = journal_store.reviews.all()
    assert saved["title"] == "Q1 2026 self-assessment"
    assert saved["period"]["label"] == "Q1 2026" and saved["summary"] == "A good quarter"


async def test_a_title_of_ones_own_stays_when_the_period_moves(
    journal_store: JournalStore, app
) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        title = screen.query_one("#review-title", Input)
        title.focus()
        title.value = ""
        await pilot.press(*"Brag doc")
        period = screen.query_one("#period", Input)
        period.focus()
        period.value = ""
        await pilot.press(*"Q1 2026")
        await wait_for(
            pilot, lambda: screen.period is not None and screen.period.label == "Q1 2026"
        )
        await settle(pilot)
        assert title.value == "Brag doc"
        await pilot.press("ctrl+q")
    [saved] = journal_store.reviews.all()
    assert saved["title"] == "Brag doc" and saved["period"]["label"] == "Q1 2026"


async def test_a_stray_letter_saves_no_review(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        screen.query_one("#summary", TextArea).focus()
        await pilot.press("k")
        await pilot.pause(1.0)  # past the save delay
        await pilot.press("escape", "j")  # away and back: the screen saves on suspend
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert journal_store.reviews.all() == []


async def test_n_starts_a_review_that_is_saved_once_written_in(
    journal_store: JournalStore, app
) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        screen.query_one("#summary", TextArea).focus()
        await pilot.press(*"First one", "escape")
        await pilot.pause(1.0)
        await settle(pilot)
        assert len(journal_store.reviews.all()) == 1
        await pilot.press("n")
        await settle(pilot)
        assert len(journal_store.reviews.all()) == 1  # nothing written in the new one yet
        assert screen.query_one("#review-title", Input).value == "2026 self-assessment (2)"
        assert screen.query_one("#summary", TextArea).text == ""
        screen.query_one("#summary", TextArea).focus()
        await pilot.press(*"Second one")
        await pilot.press("ctrl+q")
    titles = sorted(r["title"] for r in journal_store.reviews.all())
    assert titles == ["2026 self-assessment", "2026 self-assessment (2)"]
