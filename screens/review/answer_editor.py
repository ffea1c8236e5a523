"""The answer editor: a review's form, one question at a time, against its limit.

Left, the form's questions (one per goal or skill for linked ones) with each answer's
count; in the middle the answer with a live counter that turns to a warning past the
limit; on the right the evidence for that question (space marks one as used, `i` inserts
a dated one-line citation) and the previous cycle's answer to the same question. `c` on
a question copies its answer as plain text, and refuses one over its limit. Changes go
to the review screen's draft, saved like every other edit (screens.review.saving).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from journal.records import Review
from journal.review.answers import (
    Slot,
    answer_text,
    citation,
    evidence_for,
    measure,
    plain_text,
    previous_answer,
    set_answer,
    set_used,
    used_evidence,
)
from journal.review.forms import Form
from journal.textsafe import visible, visible_line
from screens.clipboard import Copied, copy_in_thread, show_copied
from screens.widgets.pick_list import CheckList

Edit = Callable[[Callable[[Review], None]], None]


def slot_prompt(slot: Slot, text: str) -> Text:
    """'2. Progress — Grow revenue  12/300w', the count in red past the limit."""
    prompt = Text(visible_line(f"{slot.number}. {slot.label}"))
    if slot.question.rating:
        prompt.append(f"  {visible_line(text) or 'not rated'}", style="dim")
    elif slot.question.limit is not None:
        size = measure(text, slot.question.limit)
        unit = "w" if slot.question.limit.unit == "words" else "c"
        style = "bold red" if size.over else "dim"
        prompt.append(f"  {size.count}/{slot.question.limit.count}{unit}", style=style)
    return prompt


class AnswerScreen(ModalScreen[None]):
    """Answer a review's form question by question (see the module docstring)."""

    CSS_PATH = "answer_editor.tcss"
    AUTO_FOCUS = "#questions"
    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="To the questions; from there, to the review"),
        Binding("c", "copy", "Copy answer", tooltip="Copy this answer as plain text"),
        Binding("i", "cite", "Insert citation", tooltip="Insert the evidence as a dated line"),
    ]

    def __init__(
        self,
        form: Form,
        slots: list[Slot],
        review: Callable[[], Review],
        edit: Edit,
        assessment: Any,
        previous: Review | None,
    ) -> None:
        super().__init__()
        self.form, self.slots = form, slots
        self.review, self.edit = review, edit
        self.assessment, self.previous = assessment, previous
        self.current = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="answers-dialog"):
            yield Static(Text(visible_line(f"Answers: {self.form.title}")), id="answers-title")
            with Horizontal(id="answers-body"):
                yield OptionList(
                    *[Option(slot_prompt(s, answer_text(self.review(), s))) for s in self.slots],
                    id="questions",
                )
                with Vertical(id="answer-column"):
                    yield Static(id="question-text", markup=False)
                    yield TextArea(id="answer", soft_wrap=True, compact=True)
                    yield Static(id="answer-counter", markup=False)
                with Vertical(id="answer-side"):
                    yield Label(
                        "Evidence (space: used, i: cite)", classes="side-label", markup=False
                    )
                    yield CheckList(id="answer-evidence", compact=True)
                    yield Label("Last cycle's answer", classes="side-label", markup=False)
                    with VerticalScroll(id="previous-scroll"):
                        yield Static(id="previous-answer", markup=False)
            yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_slot(0)

    # -- showing a question ------------------------------------------------------------

    @property
    def slot(self) -> Slot:
        return self.slots[self.current]

    @property
    def answer_area(self) -> TextArea:
        return self.query_one("#answer", TextArea)

    @property
    def questions(self) -> OptionList:
        return self.query_one("#questions", OptionList)

    @property
    def evidence(self) -> CheckList:
        return self.query_one("#answer-evidence", CheckList)

    def show_slot(self, index: int) -> None:
        if not self.slots:
            self.query_one("#question-text", Static).update("This form has no questions.")
            return
        self.current = index
        slot, review = self.slot, self.review()
        text = answer_text(review, slot)
        limit = slot.question.limit
        head = Text(visible_line(f"{slot.number}. {slot.label}"), style="bold")
        if limit is not None:
            head.append(f"  (limit: {limit.describe()})", style="dim")
        self.query_one("#question-text", Static).update(head)
        area = self.answer_area
        with self.prevent(TextArea.Changed):
            area.load_text(text)
        area.read_only = slot.question.rating
        if slot.question.rating:
            area.load_text(text or "")
        self.update_counter(text)
        used = set(used_evidence(review, slot))
        self.evidence.clear_options()
        self.evidence.add_options(
            [
                Selection(Text(visible_line(citation(e))), str(e["id"]), str(e["id"]) in used)
                for e in evidence_for(slot, self.assessment)[:200]
            ]
        )
        earlier = previous_answer(self.previous, slot)
        label = (self.previous or {}).get("period", {}).get("label", "")
        self.query_one("#previous-answer", Static).update(
            Text(visible(earlier))
            if earlier
            else Text(
                f"No earlier answer to this question{f' ({label})' if label else ''}.", style="dim"
            )
        )

    def update_counter(self, text: str) -> None:
        slot = self.slot
        counter = self.query_one("#answer-counter", Static)
        if slot.question.rating:
            counter.update("A rating: choose it on the goal's pane of the review (r).")
            counter.remove_class("-over")
            return
        size = measure(text, slot.question.limit)
        message = size.describe()
        if size.over:
            message = f"\u26a0 {message}; copy refused until it fits"
        counter.update(message)
        counter.set_class(size.over, "-over")
        self.questions.replace_option_prompt_at_index(self.current, slot_prompt(slot, text))

    @on(OptionList.OptionHighlighted, "#questions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.current:
            self.show_slot(event.option_index)

    @on(OptionList.OptionSelected, "#questions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.answer_area.focus()

    # -- editing -----------------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        slot, text = self.slot, event.text_area.text
        if slot.question.rating or text == answer_text(self.review(), slot):
            return
        self.edit(lambda r: set_answer(r, slot, text))
        self.update_counter(text)

    @on(SelectionList.SelectionToggled, "#answer-evidence")
    def _used_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        slot, entry_id = self.slot, str(event.selection.value)
        used = entry_id in event.selection_list.selected
        self.edit(lambda r: set_used(r, slot, entry_id, used))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy" and self.focused is not self.questions:
            return None  # a 'c' typed in the answer is a letter
        if action == "cite" and self.focused is not self.evidence:
            return None
        return True

    def action_close(self) -> None:
        """Escape: from the answer or the evidence back to the questions; from there, out."""
        if self.focused is not self.questions:
            self.questions.focus()
            return
        self.dismiss(None)

    def action_cite(self) -> None:
        """Insert the highlighted evidence as a dated line, and mark it used."""
        index = self.evidence.highlighted
        if index is None or self.slot.question.rating:
            return
        entry_id = str(self.evidence.get_option_at_index(index).value)
        entry = next(
            (e for e in evidence_for(self.slot, self.assessment) if str(e["id"]) == entry_id), None
        )
        if entry is None:
            return
        area = self.answer_area
        line = citation(entry)
        text = area.text
        area.move_cursor(area.document.end)
        area.insert(("\n" if text and not text.endswith("\n") else "") + line + "\n")
        if entry_id not in self.evidence.selected:
            self.evidence.select(entry_id)  # no SelectionToggled: record it here
            slot = self.slot
            self.edit(lambda r: set_used(r, slot, entry_id, True))
        area.focus()

    def action_copy(self) -> None:
        slot = self.slot
        text = plain_text(answer_text(self.review(), slot))
        if not text.strip():
            self.notify("This question has no answer yet.", severity="warning", markup=False)
            return
        size = measure(text, slot.question.limit)
        if size.over:
            self.notify(
                f"Not copied: the answer is {size.describe()}. Shorten it first "
                "(`journal review copy --force` copies it anyway).",
                title="Over the limit",
                severity="error",
                markup=False,
            )
            return
        self._copy(text, f"Answer {slot.number}")

    @work(thread=True, group="answer-copy")
    def _copy(self, text: str, what: str) -> None:
        copy_in_thread(self, text, what)

    @on(Copied)
    def _copied(self, event: Copied) -> None:
        show_copied(self.app, event)


class FormPicker(ModalScreen[Form | None]):
    """Choose the form a review answers (imported forms first, then the built-in ones)."""

    CSS_PATH = "answer_editor.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, forms: list[Form]) -> None:
        super().__init__()
        self.forms = forms

    def compose(self) -> ComposeResult:
        with Vertical(id="form-picker"):
            yield Label("Which form does this review answer?", markup=False)
            yield OptionList(
                *[
                    Option(
                        Text(
                            visible_line(
                                f"{f.title} ({len(f.questions)} questions, "
                                f"{'built-in' if f.builtin else 'imported'})"
                            )
                        )
                    )
                    for f in self.forms
                ],
                id="form-list",
            )
            yield Label(
                "enter: choose   escape: cancel   (journal form import FILE adds your company's)",
                classes="hint",
            )

    @on(OptionList.OptionSelected, "#form-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.forms[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
