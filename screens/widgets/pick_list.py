"""A searchable multi-select: a filter Input above a list of ☑/☐ items.

Typing in the filter narrows the visible options; what was ticked is remembered in
`chosen`, so hiding an option never unticks it. From the filter box, down enters the
list and space ticks the highlighted item (filters are single words: a space typed
there was never what anyone meant). Ticked items come first whenever the list is
built, each row shows ☑ or ☐ (not only a colour, which light themes lose), and a
line under the list says how many are ticked.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from journal.textsafe import visible_line

TICKED, UNTICKED = "\u2611 ", "\u2610 "  # ☑ ☐


class CheckList(SelectionList[str]):
    """A SelectionList drawn with ☑/☐ glyphs instead of a coloured block."""

    def _get_left_gutter_width(self) -> int:
        return len(TICKED)

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return line
        selection = self.get_option_at_index(index)
        ticked = selection.value in self._selected
        base = next(iter(line)).style or Style()
        glyph = Style(color="green", bold=True) if ticked else Style(dim=True)
        return Strip(
            [
                Segment(
                    TICKED if ticked else UNTICKED, base + glyph + Style(meta={"option": index})
                ),
                *line,
            ]
        )


class FilterBox(Input):
    """The filter: down and space belong to the list below it."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("down", "space"):
            event.stop()
            event.prevent_default()
            picker = next((a for a in self.ancestors if isinstance(a, PickList)), None)
            if picker is not None:
                picker.from_filter(event.key)
            return
        await super()._on_key(event)


class PickList(Vertical):
    """Pick any number of (value, label) items; `chosen` keeps the original order."""

    class Changed(Message):
        """An item was ticked or unticked."""

    DEFAULT_CSS = """
    PickList {
        height: 1fr;
        & > Input { height: 1; }
        & > CheckList { height: 1fr; }
        & > .pick-count { height: 1; color: $text-muted; }
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
        yield FilterBox(placeholder=self._placeholder, compact=True)
        yield CheckList(compact=True)
        yield Static("", classes="pick-count", markup=False)

    def on_mount(self) -> None:
        self._rebuild("")

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def options(self) -> CheckList:
        return self.query_one(CheckList)

    @property
    def chosen(self) -> list[str]:
        return [value for value, _ in self._items if value in self._chosen]

    def choose(self, values: Sequence[str]) -> None:
        """Tick exactly these (known) items."""
        self._chosen = {value for value in values if any(v == value for v, _ in self._items)}
        self._rebuild(self.filter_input.value)

    def _count(self) -> None:
        n = len(self._chosen)
        self.query_one(".pick-count", Static).update(
            Text(f"{n} selected" if n else "none selected · space ticks")
        )

    def _rebuild(self, needle: str) -> None:
        needle = needle.strip().casefold()
        shown = [(v, label) for v, label in self._items if needle in label.casefold()]
        shown.sort(key=lambda item: item[0] not in self._chosen)  # ticked first, stable
        self._shown = [v for v, _ in shown]
        options = self.options
        with self.prevent(SelectionList.SelectedChanged):
            options.clear_options()
            options.add_options(
                [Selection(Text(visible_line(label)), v, v in self._chosen) for v, label in shown]
            )
        if shown:  # space ticks the first match straight away, however focus arrives
            options.highlighted = 0
        self._count()

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild(event.value)

    def _enter_list(self) -> None:
        options = self.options
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
        options.focus()

    @on(Input.Submitted)
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()
        self._enter_list()

    def from_filter(self, key: str) -> None:
        """In the filter box: down enters the list, space ticks the highlighted item."""
        if key == "down":
            self._enter_list()
            return
        options = self.options
        if options.highlighted is not None:
            options.toggle(options.get_option_at_index(options.highlighted))

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        visible = set(self._shown)
        self._chosen = (self._chosen - visible) | set(self.options.selected)
        self.post_message(self.Changed())
        self._count()
