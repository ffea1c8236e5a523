"""A searchable multi-select: a filter Input above a SelectionList.

Typing in the filter rebuilds the visible options; what was ticked is remembered in
`chosen`, so hiding an option never unticks it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, SelectionList
from textual.widgets.selection_list import Selection

from journal.textsafe import visible_line


class PickList(Vertical):
    """Pick any number of (value, label) items; `chosen` keeps the original order."""

    class Changed(Message):
        """An item was ticked or unticked."""

    DEFAULT_CSS = """
    PickList {
        height: 1fr;
        & > Input { height: 1; }
        & > SelectionList { height: 1fr; }
    }
    """

    def __init__(
        self,
        items: Sequence[tuple[str, str]],
        chosen: Sequence[str] = (),
        *,
        placeholder: str = "filter",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._items = list(items)
        self._chosen = {value for value in chosen if any(v == value for v, _ in self._items)}
        self._placeholder = placeholder
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, compact=True)
        yield SelectionList[str](compact=True)

    def on_mount(self) -> None:
        self._rebuild("")

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def options(self) -> SelectionList[str]:
        return self.query_one(SelectionList)

    @property
    def chosen(self) -> list[str]:
        return [value for value, _ in self._items if value in self._chosen]

    def choose(self, values: Sequence[str]) -> None:
        """Tick exactly these (known) items."""
        self._chosen = {value for value in values if any(v == value for v, _ in self._items)}
        self._rebuild(self.filter_input.value)

    def _rebuild(self, needle: str) -> None:
        needle = needle.strip().casefold()
        shown = [(v, label) for v, label in self._items if needle in label.casefold()]
        self._shown = [v for v, _ in shown]
        options = self.options
        with self.prevent(SelectionList.SelectedChanged):
            options.clear_options()
            options.add_options(
                [Selection(Text(visible_line(label)), v, v in self._chosen) for v, label in shown]
            )
        if shown:  # space ticks the first match straight away, however focus arrives
            options.highlighted = 0

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild(event.value)

    @on(Input.Submitted)
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.options
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
        options.focus()

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        visible = set(self._shown)
        self._chosen = (self._chosen - visible) | set(self.options.selected)
        self.post_message(self.Changed())
