"""A virtual list of entries: only the rows on screen are ever built.

A DataTable or OptionList builds every row up front (seconds at 50,000 entries); this
Line-API ScrollView keeps a plain sequence of records and renders a row when Textual
asks for that line, so first paint and refilters cost the same at any size.

Data comes down: the screen binds a `Listing` (rows, link codes, starting row, empty
text) into `listing` with `data_bind`. Events go up: `Highlighted` and `Selected`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from journal.records import Entry
from journal.textsafe import visible_line

KIND_LABEL = {"feedback": "feedback", "reflection": "reflect", "win": "win", "note": "note"}
KIND_SHORT = {"feedback": "fdbk", "reflection": "refl", "win": "win", "note": "note"}
NARROW = 60
"""Below this width the kind is abbreviated and gaps shrink, leaving room for titles."""


@dataclass(frozen=True, eq=False)
class Listing:
    """What the list shows: the rows, the codes of their links, the row the cursor starts
    on and what to say when there are no rows. Compared by identity: a new listing is a
    new picture, and comparing never walks 50,000 rows."""

    entries: Sequence[Entry] = ()
    codes: Mapping[str, str] = field(default_factory=dict)
    cursor: int = 0
    empty_text: str = ""  # nothing to say until the first load has answered

    def neighbour_of(self, entry_id: str) -> str | None:
        """The entry that takes a removed one's row: the next, or the one above the last."""
        entries = self.entries
        index = next((i for i, e in enumerate(entries) if e["id"] == entry_id), None)
        if index is None or len(entries) < 2:
            return None
        neighbour: str = entries[index + 1 if index + 1 < len(entries) else index - 1]["id"]
        return neighbour


class EntryList(ScrollView, can_focus=True):
    """Entries, one per row: star, date, kind, title and linked goal/skill codes."""

    COMPONENT_CLASSES = {
        "entry-list--cursor",
        "entry-list--date",
        "entry-list--star",
        "entry-list--links",
        "entry-list--empty",
        "entry-list--feedback",
        "entry-list--reflection",
        "entry-list--win",
        "entry-list--note",
        "entry-list--checkin",
    }

    DEFAULT_CSS = """
    EntryList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
        & > .entry-list--cursor { background: $surface-lighten-1; }
        &:focus > .entry-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .entry-list--date { color: $text-muted; }
        & > .entry-list--star { color: $warning; }
        & > .entry-list--links { color: $text-muted; }
        & > .entry-list--empty { color: $text-muted; text-style: italic; }
        & > .entry-list--feedback { color: $text-accent; }
        & > .entry-list--reflection { color: $text-primary; }
        & > .entry-list--win { color: $text-success; }
        & > .entry-list--note { color: $text-muted; }
        & > .entry-list--checkin { color: $text-warning; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First entry", show=False),
        Binding("end", "jump(-1)", "Last entry", show=False),
    ]

    listing: var[Listing] = var(Listing, init=False)
    """The rows: the screen binds its own `listing` here with `data_bind`."""

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another entry (None when the list is empty)."""

        entry_list: EntryList
        entry: Entry | None

        def can_replace(self, message: Message) -> bool:
            # A burst of cursor moves repaints the preview once.
            return isinstance(message, EntryList.Highlighted)

    @dataclass
    class Selected(Message):
        """Enter or a double click on an entry."""

        entry_list: EntryList
        entry: Entry

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: Sequence[Entry] = ()  # the listing's, read for every row drawn
        self._codes: Mapping[str, str] = {}
        self._cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(256)

    # -- data ------------------------------------------------------------------------

    @property
    def entries(self) -> Sequence[Entry]:
        return self._entries

    @property
    def highlighted(self) -> Entry | None:
        if 0 <= self.cursor < len(self._entries):
            return self._entries[self.cursor]
        return None

    def watch_listing(self, listing: Listing) -> None:
        """New rows: draw them afresh and put the cursor on the listing's row."""
        self._entries, self._codes = listing.entries, listing.codes
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(listing.entries))
        self.cursor = listing.cursor
        self.refresh()

    def select_id(self, entry_id: str) -> bool:
        """Move the cursor to an entry; False when it is not listed."""
        index = next((i for i, e in enumerate(self._entries) if e["id"] == entry_id), None)
        if index is not None:
            self.cursor = index
        return index is not None

    # -- cursor ----------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._entries) - 1)) if self._entries else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh_line(old)
        self.refresh_line(new)
        self.post_message(self.Highlighted(self, self.highlighted))

    def _scroll_cursor_into_view(self, wait_for_layout: bool = True) -> None:
        height = self.scrollable_content_region.height or self.size.height
        if (
            wait_for_layout
            and height
            and len(self._entries) > height
            and (not self.show_vertical_scrollbar)
        ):
            # New rows not laid out yet (a key pressed as the list arrives): Textual
            # refuses to scroll until the scrollbar exists, so scroll after the layout.
            self.call_after_refresh(self._scroll_cursor_into_view, False)
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self._entries) - 1

    def action_select(self) -> None:
        if (entry := self.highlighted) is not None:
            self.post_message(self.Selected(self, entry))

    def key_enter(self, event: events.Key) -> None:
        event.stop()
        self.action_select()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + round(self.scroll_y)
        if row < len(self._entries):
            self.cursor = row
            if event.chain >= 2:
                self.action_select()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self, event: events.Focus) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self, event: events.Blur) -> None:
        self.refresh_line(self.cursor)

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._entries))

    # -- rendering -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + round(self.scroll_y)
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        if not self._entries:
            if y == 0:
                style = self.get_component_rich_style("entry-list--empty")
                text = f" {self.listing.empty_text}"
                return Strip([Segment(text, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if row >= len(self._entries):
            return Strip.blank(width, base)
        if row == self.cursor:
            return self._render_row(self._entries[row], width, True)
        key = (row, width, id(self._entries[row]))
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._render_row(self._entries[row], width, False)
        return cached

    def _render_row(self, entry: Entry, width: int, is_cursor: bool) -> Strip:
        style = self.get_component_rich_style
        kind = str(entry.get("kind", "note"))
        links = [self._codes.get(x, x) for x in (*entry.get("goals", ()), *entry.get("skills", ()))]
        narrow = width < NARROW
        label = (KIND_SHORT if narrow else KIND_LABEL).get(kind, kind)
        gap = Segment(" " if narrow else "  ")
        segments = [
            Segment(" ★ " if entry.get("starred") else "   ", style("entry-list--star")),
            Segment(entry["when"][:10], style("entry-list--date")),
            gap,
            Segment(label.ljust(4 if narrow else 8), style(f"entry-list--{kind}")),
            gap,
            Segment(visible_line(entry["title"])),
        ]
        if links:
            links_text = "  " + visible_line(" ".join(links))
            segments.append(Segment(links_text, style("entry-list--links")))
        strip = Strip(segments).crop_extend(0, width, None).apply_style(self.rich_style)
        if is_cursor:
            cursor = style("entry-list--cursor")
            strip = Strip(
                [Segment(s.text, (s.style or Style()) + cursor, s.control) for s in strip]
            )
        return strip.simplify()
