"""F1 help: every key of every screen, read from the classes' own BINDINGS.

Reading the bindings (rather than a hand-written list) keeps the help true as keys
change; screens written elsewhere are included when they can be imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

OTHER_SCREENS = (
    ("Goals screen", "screens.goals", "GoalsScreen"),
    ("Skills screen", "screens.skills", "SkillsScreen"),
    ("Review screen", "screens.review.screen", "ReviewScreen"),
)

EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    "Entry list": [
        ("enter", "Edit the highlighted entry"),
        ("click", "Highlight; a double click edits"),
    ],
    "Filter bar": [
        ("type", "Search text narrows the list as you type"),
        ("period", "In words: last quarter, H1 2026, since March, 2026-01-01..2026-03-31"),
        ("tab", "Next filter field"),
        ("escape / enter", "Back to the list"),
    ],
    "Everywhere": [("tab / shift+tab", "Move between fields"), ("ctrl+q", "Quit")],
}


def _rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    rows = []
    for binding in Binding.make_bindings(bindings):
        if binding.system:
            continue
        key = binding.key_display or binding.key
        if "/" in key and len(key) > 1:  # one footer item for several keys: name this one
            key = binding.key
        rows.append((key, binding.tooltip or binding.description or binding.action))
    return rows


def key_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(key, what it does)]) for the app and every screen it knows."""
    from screens.app import JournalApp
    from screens.editor import EntryEditor
    from screens.journal import JournalScreen
    from screens.link import LinkDialog
    from screens.widgets.entry_list import EntryList

    sections = [
        ("Everywhere", _rows(JournalApp.BINDINGS) + EXTRA_KEYS["Everywhere"]),
        ("Journal screen", _rows(JournalScreen.BINDINGS)),
        ("Entry list", _rows(EntryList.BINDINGS) + EXTRA_KEYS["Entry list"]),
        ("Filter bar", EXTRA_KEYS["Filter bar"]),
        ("Entry editor", _rows(EntryEditor.BINDINGS)),
        ("Link dialog", _rows(LinkDialog.BINDINGS) + [("space", "Tick or untick")]),
    ]
    for title, module_name, class_name in OTHER_SCREENS:
        try:
            screen_class = getattr(importlib.import_module(module_name), class_name)
        except Exception:  # noqa: BLE001 - a screen still being written must not break help
            continue
        rows = _rows(getattr(screen_class, "BINDINGS", []))
        if rows:
            sections.append((title, rows))
    return sections


# Which sections are "this screen's keys", by screen class name.
SCREEN_SECTIONS = {
    "JournalScreen": ("Journal screen", "Entry list", "Filter bar"),
    "GoalsScreen": ("Goals screen",),
    "SkillsScreen": ("Skills screen",),
    "ReviewScreen": ("Review screen",),
    "EntryEditor": ("Entry editor",),
    "LinkDialog": ("Link dialog",),
}


def ordered_sections(screen_name: str | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every section, the current screen's first, then Everywhere, then the rest."""
    sections = key_sections()
    first = SCREEN_SECTIONS.get(screen_name or "", ())
    return sorted(sections, key=lambda s: (s[0] not in first, s[0] != "Everywhere"))


def help_table(sections: list[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for index, (title, rows) in enumerate(sections):
        if index:
            table.add_row("", "")
        table.add_row(Text(""), Text(title, style="bold underline"))
        for key, what in rows:
            table.add_row(Text(key), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 90;
            height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, screen_name: str | None = None) -> None:
        super().__init__()
        self.screen_name = screen_name  # the screen F1 was pressed on: its keys come first

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys: this screen first, then everywhere (escape closes)"
            yield Static(help_table(ordered_sections(self.screen_name)), id="keys")
