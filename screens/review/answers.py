"""The review screen's link to its form: choosing a form, opening the answer editor,
and the previous cycle's rating shown beside the rating being chosen.

Functions of the ReviewScreen (passed in), so review.py stays one screen's layout and
edits; the answer editor itself is screens/answers.py. The forms are read in a worker,
which posts `FormsLoaded` (or `ReadFailed`) to the screen; its handler calls `choose_form`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from journal.errors import JournalError
from journal.records import Review
from journal.review.answers import review_form, slots
from journal.review.builtin_forms import builtin_forms
from journal.review.compare import previous_review
from journal.review.forms import Form, form_from_record
from journal.review.saved import goal_part, period_of
from screens.messages import ReadFailed
from screens.review.answer_editor import AnswerScreen, FormPicker

if TYPE_CHECKING:
    from screens.review.screen import ReviewScreen


@dataclass
class FormsLoaded(Message, bubble=False):
    """The forms a review can answer were read: the imported ones, then the built-in ones."""

    forms: list[Form]


def previous_rating_text(review: Review | None, saved: list[Review], goal_id: str) -> str:
    """'Last cycle (H2 2025): Met', 'Last cycle (H2 2025): not rated', or '' for a first
    review."""
    earlier = previous_review(review, saved) if review else None
    if earlier is None:
        return ""
    label = period_of(earlier).get("label") or earlier.get("title", "")
    rating = goal_part(earlier, goal_id).get("rating")
    return f"Last cycle ({label}): {rating or 'not rated'}"


def open_answers(screen: ReviewScreen) -> None:
    """`a`: the answer editor, after choosing a form if the review has none yet."""
    if screen.period is None or screen.assessment is None:
        return
    form = review_form(screen.review) if screen.review else None
    if form is not None:
        _push_editor(screen, form)
        return
    screen.run_worker(lambda: _load_forms(screen), thread=True, group="review-forms")


def _load_forms(screen: ReviewScreen) -> None:
    try:
        with screen.live.reading() as store:
            stored = [form_from_record(r) for r in store.forms.all()]
    except JournalError as err:
        screen.post_message(ReadFailed("", str(err)))
        return
    screen.post_message(FormsLoaded(stored + list(builtin_forms().values())))


def choose_form(screen: ReviewScreen, forms: list[Form]) -> None:
    """On the UI thread, once the forms are read: the picker, then the answer editor."""
    screen.app.push_screen(FormPicker(forms), lambda f: _form_chosen(screen, f))


def _form_chosen(screen: ReviewScreen, form: Form | None) -> None:
    if form is None:
        return

    def use(review: Review) -> None:
        review["form"] = form.to_record()
        review.setdefault("answers", {})

    screen._edit(use, reassess=False)
    screen.notify(f"This review answers the form {form.title!r}.", markup=False)
    _push_editor(screen, form)


def _push_editor(screen: ReviewScreen, form: Form) -> None:
    a = screen.assessment
    assert a is not None

    def review() -> Review:
        if screen.review is None:  # the first edit creates the draft (ReviewScreen._edit)
            screen._edit(lambda r: None, reassess=False)
        assert screen.review is not None
        return screen.review

    found = slots(form, [r.goal for r in a.company_goals()], [s.skill for s in a.skills])
    previous = previous_review(screen.review, screen.saved) if screen.review else None
    screen.app.push_screen(
        AnswerScreen(
            form, found, review, lambda change: screen._edit(change, reassess=False), a, previous
        )
    )
