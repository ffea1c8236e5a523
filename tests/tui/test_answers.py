"""Pilot tests of the answer editor (issue 16): type past the limit, see the warning,
copy refused; reopen, answers kept; citations, used evidence, the previous cycle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static, TextArea

import screens.clipboard
from journal.clipboard import CopyResult
from journal.periods import Period, parse_period
from journal.review.forms import parse_form
from journal.review.saved import new_review, set_rating
from journal.store.journal_store import JournalStore
from screens.app import make_app
from screens.review.answer_editor import AnswerScreen, FormPicker
from screens.review.screen import ReviewScreen
from tests.tui.helpers import fixed_now, notices, settle, wait_for
from tests.tui.test_review import SIZE, go_to, open_review

FORM = """\
# Tiny form
- What did I achieve? (limit: 10 chars)
- Progress (per goal) (limit: 5 words)
"""


@pytest.fixture(autouse=True)
def no_clipboard_tools(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No real wl-copy/xclip in tests: a fake that records what it was asked to copy."""
    copied: list[str] = []

    def fake(text: str, **_: Any) -> CopyResult:
        copied.append(text)
        return CopyResult()

    monkeypatch.setattr(screens.clipboard, "copy_text", fake)
    return copied


def with_form(store: JournalStore) -> None:
    form = parse_form(FORM, name="tiny")
    store.forms.save(form.to_record())
    review = new_review(_this_year())
    review["form"] = form.to_record()
    review["answers"] = {}
    store.reviews.save(review)


def _this_year() -> Period:
    return parse_period("this year", fixed_now())


async def open_answers(pilot: Any, app: Any) -> AnswerScreen:
    screen = await open_review(pilot, app)
    screen.goal_list.focus()
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen))
    return app.screen  # type: ignore[no-any-return]


async def test_type_past_the_limit_warn_refuse_copy_reopen_kept(
    journal_store: JournalStore, settings_file: Path, no_clipboard_tools: list[str]
) -> None:
    with_form(journal_store)
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_answers(pilot, app)
        counter = editor.query_one("#answer-counter", Static)
        await pilot.press("enter")  # from the question to its answer
        assert app.focused is editor.query_one("#answer", TextArea)
        await pilot.press(*"Signed é")
        assert "8 of 10 characters" in str(counter.render())
        assert not counter.has_class("-over")
        await pilot.press(*" Acme")  # 13 characters now
        assert counter.has_class("-over")
        assert "13 of 10 characters: 3 over" in str(counter.render())
        assert "copy refused" in str(counter.render())
        await pilot.press("escape")  # from the answer back to the question list
        assert app.focused is editor.query_one("#questions", OptionList)
        await pilot.press("c")
        await pilot.pause()
        assert any("Not copied" in n and "3 over" in n for n in notices(app))
        assert no_clipboard_tools == [] and app.clipboard == ""
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("ctrl+q")
    reopened = JournalStore(journal_store.path)
    review = reopened.reviews.all()[0]
    assert review["answers"]["1"]["text"] == "Signed é Acme"
    app = make_app(reopened, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_answers(pilot, app)
        assert editor.query_one("#answer", TextArea).text == "Signed é Acme"


async def test_copy_an_answer_within_its_limit(
    journal_store: JournalStore, settings_file: Path, no_clipboard_tools: list[str]
) -> None:
    with_form(journal_store)
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_answers(pilot, app)
        await pilot.press("enter", *"**Won**", "escape")
        editor.query_one("#questions", OptionList).focus()
        await pilot.press("c")
        await wait_for(pilot, lambda: app.clipboard == "Won")
        assert no_clipboard_tools == ["Won"]
        await wait_for(
            pilot, lambda: any("Sent to the terminal as OSC 52" in n for n in notices(app))
        )
        assert not any(n.startswith("Copied") for n in notices(app))


async def test_cite_evidence_and_mark_it_used(
    journal_store: JournalStore, settings_file: Path
) -> None:
    with_form(journal_store)
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_answers(pilot, app)
        questions = editor.query_one("#questions", OptionList)
        questions.focus()
        await pilot.press("down")  # question 2 for the first goal: revenue
        await wait_for(pilot, lambda: editor.current == 1)
        assert editor.slot.goal is not None and editor.slot.goal["code"] == "revenue"
        evidence = editor.evidence
        assert evidence.option_count >= 1
        evidence.focus()
        evidence.highlighted = 0
        await pilot.press("i")
        area = editor.query_one("#answer", TextArea)
        assert area.text.startswith("2026-03-") and area.text.endswith("\n")
        first = str(evidence.get_option_at_index(0).value)
        assert first in evidence.selected
        await settle(pilot)
        live = app.screen_stack[-2]
        assert isinstance(live, ReviewScreen) and live.review is not None
        key = f"2/{journal_store.goals.get('revenue')['id']}"
        assert live.review["answers"][key]["used"] == [first]


async def test_a_review_without_a_form_picks_one_first(
    journal_store: JournalStore, settings_file: Path
) -> None:
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        screen.goal_list.focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormPicker))
        await pilot.press("enter")  # the first form: the built-in self-assessment
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen))
        editor = app.screen
        assert isinstance(editor, AnswerScreen) and editor.form.name == "self-assessment"
        assert screen.review is not None and screen.review["form"]["name"] == "self-assessment"


async def test_previous_cycle_answer_and_rating_are_shown(
    journal_store: JournalStore, settings_file: Path
) -> None:
    form = parse_form(FORM, name="tiny")
    revenue = journal_store.goals.get("revenue")["id"]
    earlier = new_review(parse_period("2025", fixed_now()))
    earlier["form"] = form.to_record()
    earlier["answers"] = {"1": {"text": "Last year: Initech"}}
    set_rating(earlier, revenue, "Exceeded")
    journal_store.reviews.save(earlier)
    with_form(journal_store)  # this year's, saved last: the one the screen opens
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        # both saved in the same second: open this year's explicitly
        screen._open(next(r for r in screen.saved if r["period"]["label"] != "2025"))
        await wait_for(pilot, lambda: screen.assessment is not None)
        await go_to(pilot, screen, f"goal:{revenue}")
        assert (
            str(screen.query_one("#previous-rating", Static).render())
            == "Last cycle (2025): Exceeded"
        )
        screen.goal_list.focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen))
        shown = str(app.screen.query_one("#previous-answer", Static).render())
        assert shown == "Last year: Initech"
