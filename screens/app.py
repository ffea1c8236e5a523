"""The app factory: `make_app(store)` builds the TUI from an injected store."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option
from rich.text import Text

from journal.query import EntryFilter, find
from journal.store import JournalStore


class JournalApp(App[None]):
    """A minimal entry list; the full TUI grows from here."""

    TITLE = "Journal"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: JournalStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        entries = find(self.store.raw_entries(), EntryFilter())
        yield OptionList(*[Option(Text(f"{e['when'][:10]}  {e['title']}")) for e in entries])
        yield Footer()


def make_app(store: JournalStore) -> JournalApp:
    return JournalApp(store)


def run_app(store: JournalStore) -> None:
    make_app(store).run()
