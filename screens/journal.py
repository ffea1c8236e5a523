"""The journal screen: the filter bar, the virtual entry list and the preview pane.

Filtering runs in an exclusive thread worker over the `snapshot` the app hands down, so
only the newest query's result is shown and typing never waits for the previous one; the
worker posts `EntriesFiltered`. Data goes down by reactives: the screen holds `filters`,
`result`, `listing`, `highlighted` and `names`, and the entry list and the preview get
theirs with `data_bind`; the widgets' events (`FilterBar.Changed`, `EntryList.Highlighted`)
come up and set them. Every write (add, edit, delete, undo, star, link) runs
in a thread worker through `live.write` and then posts an event (`EntrySaved`,
`EntryDeleted`, ... or `WriteFailed`): the screen reacts with `@on`, and the event goes
on up to the app, which hands every screen the new snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from journal.coach.nudges import nudges
from journal.coach.settings import CoachSettings
from journal.errors import DateError, JournalError, ValidationError
from journal.live import LiveJournal, Snapshot
from journal.query import EntryFilter
from journal.records import Entry, Goal
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line
from screens.editor import EntryEditor
from screens.link import LinkDialog, Links
from screens.live_screen import LiveScreen
from screens.messages import (
    EditedInTwoPlaces,
    EntryDeleted,
    EntryRestored,
    EntrySaved,
    ShowEntry,
    WriteFailed,
)
from screens.snapshot import FilterResult, apply_filter, make_filter, status_line
from screens.widgets.entry_list import EntryList, Listing
from screens.widgets.filter_bar import FilterBar, FilterValues
from screens.widgets.preview import EntryPreview


@dataclass
class EntriesFiltered(Message):
    """The filter worker finished: the entries passing the filters, for the list."""

    result: FilterResult


class JournalScreen(LiveScreen):
    """Browse, filter and edit entries.

    The screen holds the view's state as reactives and binds it down: `filters` (what the
    filter bar says), `goals` and `problem` (bound into the bar), `result` (the entries
    passing the filters), `listing` (bound into the list), `highlighted` and `names`
    (bound into the preview).
    """

    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add an entry"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted entry (also enter)"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted entry (u undoes)"),
        Binding("u", "undo", "Undo", tooltip="Put back the last deleted entry"),
        Binding("asterisk", "star", "Star", key_display="*", tooltip="Star or unstar"),
        Binding("l", "link", "Link", tooltip="Link the entry to goals and skills"),
        Binding(
            "v",
            "development_goal",
            "Dev goal",
            show=False,
            tooltip="Turn this feedback into a development goal woven into a company goal",
        ),
        Binding("slash", "search", "Find", key_display="/", tooltip="Type to filter"),
        Binding("c", "clear_filters", "Clear", show=False, tooltip="Clear every filter"),
    ]

    filters: var[FilterValues] = var(FilterValues, init=False)
    """What the filter bar says (its `Changed` sets it; setting it refilters)."""
    goals: var[tuple[Goal, ...]] = var(tuple, init=False)
    """The snapshot's goals, bound into the filter bar's goal choice."""
    problem: var[str | None] = var(None, init=False)
    """Why the typed period cannot be read, bound into the filter bar (and the status)."""
    result: var[FilterResult | None] = var(None, init=False, always_update=True)
    """The filter worker's newest result over the current snapshot."""
    listing: var[Listing] = var(Listing, init=False)
    """What the entry list shows, bound into it."""
    highlighted: var[Entry | None] = var(None, init=False)
    """The entry under the list's cursor, bound into the preview."""
    names: var[Mapping[str, str]] = var(dict, init=False)
    """Goal and skill labels by id, bound into the preview."""

    def __init__(self, live: LiveJournal, coach_settings: CoachSettings | None = None) -> None:
        super().__init__(live)
        self.coach_settings = coach_settings or CoachSettings()  # the status line's nudges
        self._snapshot: Snapshot | None = None
        self._keep: str | None = None  # the entry the next listing puts the cursor on
        self._undo: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar().data_bind(JournalScreen.goals, period_problem=JournalScreen.problem)
        yield Static(Text("Loading the journal…"), id="status", markup=False)
        with Horizontal(id="panes"):
            yield EntryList(id="entries").data_bind(JournalScreen.listing)
            yield EntryPreview(id="preview").data_bind(
                entry=JournalScreen.highlighted, names=JournalScreen.names
            )
        yield Footer(compact=True, show_command_palette=False)

    # -- typed access ----------------------------------------------------------------

    @property
    def entry_list(self) -> EntryList:
        return self.query_one(EntryList)

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    @property
    def preview(self) -> EntryPreview:
        return self.query_one(EntryPreview)

    @property
    def status(self) -> Static:
        return self.query_one("#status", Static)

    @property
    def current(self) -> Entry | None:
        return self.entry_list.highlighted

    def on_mount(self) -> None:
        self.sub_title = "Entries"
        self.entry_list.focus()

    # -- data in ---------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.goals = snapshot.goals
        names = {g["id"]: f"{g['code']} ({g['title']})" for g in snapshot.goals}
        self.names = names | {s["id"]: f"{s['code']} ({s['name']})" for s in snapshot.skills}
        self._refilter()

    @on(FilterBar.Changed)
    def _filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.filters = event.values

    def watch_filters(self) -> None:
        self._refilter()

    def _refilter(self) -> None:
        if self._snapshot is None:
            return
        flt, self.problem = make_filter(self.filters, self._snapshot, self.live.now())
        self._run_filter(self._snapshot, flt, self.result)

    @work(thread=True, exclusive=True, group="filter", description="filter entries")
    def _run_filter(
        self, snapshot: Snapshot, flt: EntryFilter, previous: FilterResult | None
    ) -> None:
        result = apply_filter(snapshot, flt, previous)
        if not get_current_worker().is_cancelled:
            self.post_message(EntriesFiltered(result))

    @on(EntriesFiltered)
    def _show_result(self, event: EntriesFiltered) -> None:
        if not self.query(EntryList) or event.result.snapshot is not self._snapshot:
            return  # a filter that finished as the app closed, or over an older journal
        self.result = event.result

    def watch_result(self, result: FilterResult | None) -> None:
        """A new result: the listing (the cursor kept on its entry) and the status line."""
        if result is None:
            return
        keep = self._keep or (self.current["id"] if self.current else None)
        self._keep = None
        filtered = result.flt != EntryFilter()
        self.listing = Listing(
            result.entries,
            result.snapshot.codes,
            cursor=result.index_of(keep) or 0,
            empty_text=(
                "No entries match the filters (c clears them)."
                if filtered
                else "No entries yet: press a to add one."
            ),
        )
        waiting = len(nudges(result.snapshot, self.live.now(), self.coach_settings))
        self.status.update(status_line(result, waiting, self.problem))
        self.status.set_class(bool(self.problem), "-problem")

    @on(EntryList.Highlighted)
    def _highlighted(self, event: EntryList.Highlighted) -> None:
        self.highlighted = event.entry  # the preview is bound to it

    @on(EntryList.Selected)
    def _selected(self) -> None:
        self.action_edit()

    @on(FilterBar.Left)
    def _left_bar(self) -> None:
        self.entry_list.focus()

    def show_entry(self, entry_id: str) -> None:
        """Put the cursor on an entry, clearing filters that hide it."""
        if not self.entry_list.select_id(entry_id):
            self._keep = entry_id
            self.filter_bar.clear()
        self.entry_list.focus()

    def on_show_entry(self, event: ShowEntry) -> None:
        self.show_entry(event.entry_id)

    # -- actions ---------------------------------------------------------------------

    def action_search(self) -> None:
        self.filter_bar.search.focus()

    def action_clear_filters(self) -> None:
        self.filter_bar.clear()

    def action_add(self) -> None:
        self._open_editor(None)

    def action_edit(self) -> None:
        if (entry := self._require_entry()) is not None:
            self._open_editor(entry)

    def _open_editor(self, entry: Entry | None) -> None:
        snapshot = self._snapshot or Snapshot()
        live = self.live

        def save(data: dict[str, Any]) -> Entry:
            if entry is None:
                return live.write(lambda store: store.entries.add(**data)).result
            record, conflicts = live.write(
                lambda store: store.entries.edit(entry["id"], entry, data)
            ).result
            self._tell_conflicts(record, conflicts)
            return record

        editor = EntryEditor(
            save=save,
            now=self.live.now(),
            goals=snapshot.goals,
            skills=snapshot.skills,
            entry=entry,
            journal=live.path,
        )
        self.app.push_screen(editor, self._edited)

    def _edited(self, record: Entry | None) -> None:
        if record is not None:
            self._keep = record["id"]
            self.post_message(EntrySaved(record["id"]))
            self.notify(f"Saved {record['id']}.", markup=False)

    def action_delete(self) -> None:
        if (entry := self._require_entry()) is not None:
            ident = entry["id"]

            def delete(store: JournalStore) -> Message:
                record = store.entries.delete(ident)
                return EntryDeleted(record["id"], record)

            self._write(delete)

    @on(EntryDeleted)
    def _deleted(self, event: EntryDeleted) -> None:
        record = event.record
        if record is None:
            return
        self._undo.append(record)
        self._keep = self.listing.neighbour_of(record["id"])  # the place, not the top
        self.notify(
            f"Deleted “{visible_line(record['title'])[:40]}”. Press u to undo.", markup=False
        )

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", markup=False)
            return
        record = self._undo.pop()
        self._keep = record["id"]
        self._write(lambda store: EntryRestored(store.entries.restore(record)["id"]), undo=record)

    @on(EntryRestored)
    def _restored(self, event: EntryRestored) -> None:
        self.notify(f"Restored {event.entry_id}.", markup=False)

    def action_star(self) -> None:
        if (entry := self._require_entry()) is not None:
            ident, starred = entry["id"], not entry.get("starred")
            self._keep = ident
            self._write(
                lambda store: EntrySaved(store.entries.update(ident, starred=starred)["id"])
            )

    def action_development_goal(self) -> None:
        from screens.development import start_goal_from_feedback

        if (entry := self._require_entry()) is not None:
            start_goal_from_feedback(self.app, self.live, entry["id"])

    def action_link(self) -> None:
        if (entry := self._require_entry()) is None:
            return
        snapshot = self._snapshot or Snapshot()
        ident = entry["id"]

        def chosen(links: Links | None) -> None:
            if links is not None:
                self._keep = ident
                self._write(lambda store: self._write_links(store, entry, links))

        self.app.push_screen(LinkDialog(entry, snapshot.goals, snapshot.skills), chosen)

    def _write_links(self, store: JournalStore, entry: Entry, links: Links) -> Message:
        """Add and remove only the links ticked or unticked (in a worker's write)."""
        edited = {"goals": links[0], "skills": links[1]}
        record, conflicts = store.entries.edit(entry["id"], entry, edited)
        self._tell_conflicts(record, conflicts)
        return EntrySaved(record["id"])

    def _tell_conflicts(self, record: Entry, conflicts: list[str]) -> None:
        """From a worker: another program changed what the user changed too."""
        if conflicts:
            self.post_message(EditedInTwoPlaces(record["id"], conflicts))

    @on(EditedInTwoPlaces)
    def _edited_in_two_places(self, event: EditedInTwoPlaces) -> None:
        fields = ", ".join(event.fields)
        self.notify(
            f"{event.entry_id} was also changed elsewhere while you edited it; your "
            f"{fields} replaced the other version (every other change was kept).",
            title="Edited in two places",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _require_entry(self) -> Entry | None:
        entry = self.current
        if entry is None:
            self.notify("No entry selected.", markup=False)
        return entry

    @work(thread=True, group="write", description="save a change")
    def _write(self, change: Callable[[JournalStore], Message], undo: Entry | None = None) -> None:
        """One change through the live journal; the event it returns says what happened
        (`EntrySaved`, ...), or `WriteFailed` does."""
        try:
            event = self.live.write(change).result
        except (JournalError, ValidationError, DateError, OSError) as err:
            self.post_message(WriteFailed("Not saved", str(err), undo))
            return
        self.post_message(event)

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        if event.undo is not None:
            self._undo.append(event.undo)
        self.notify(visible_line(event.message), title=event.title, severity="error", markup=False)
