"""The journal screen: the filter bar, the virtual entry list and the preview pane.

Filtering runs in an exclusive thread worker over the `snapshot` the app hands down, so
only the newest query's result is shown and typing never waits for the previous one; the
worker posts `EntriesFiltered`. Every write (add, edit, delete, undo, star, link) runs
in a thread worker through `live.write` and then posts an event (`EntrySaved`,
`EntryDeleted`, ... or `WriteFailed`): the screen reacts with `@on`, and the event goes
on up to the app, which hands every screen the new snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from journal.coach.nudges import nudges
from journal.coach.settings import CoachSettings
from journal.errors import DateError, JournalError, ValidationError
from journal.goals import goal_family
from journal.live import LiveJournal, Snapshot
from journal.periods import parse_period
from journal.query import EntryFilter
from journal.records import Entry
from journal.store.journal_store import JournalStore
from journal.textsafe import plural, plural_word, visible_line
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
from screens.snapshot import FilterResult, apply_filter
from screens.widgets.entry_list import EntryList
from screens.widgets.filter_bar import FilterBar, FilterValues
from screens.widgets.preview import EntryPreview

PREVIEW_DELAY = 0.06
"""Seconds the cursor must rest on an entry before the preview renders it."""


@dataclass
class EntriesFiltered(Message):
    """The filter worker finished: the entries passing the filters, for the list."""

    result: FilterResult


class JournalScreen(LiveScreen):
    """Browse, filter and edit entries."""

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

    def __init__(self, live: LiveJournal, coach_settings: CoachSettings | None = None) -> None:
        super().__init__(live)
        self.coach_settings = coach_settings or CoachSettings()  # the status line's nudges
        self._snapshot: Snapshot | None = None
        self._result: FilterResult | None = None
        self._keep: str | None = None
        self._undo: list[Entry] = []
        self._problem: str | None = None
        self._pending: Entry | None = None
        self._previewed: Entry | None = None
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar()
        yield Static(Text("Loading the journal…"), id="status", markup=False)
        with Horizontal(id="panes"):
            yield EntryList(id="entries")
            yield EntryPreview(id="preview")
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
        self._load(snapshot)

    def _load(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.filter_bar.set_goals(list(snapshot.goals))
        self._refilter()

    @on(FilterBar.Changed)
    def _refilter(self) -> None:
        if self._snapshot is None:
            return
        values = self.filter_bar.values
        flt, problem = self._make_filter(values, self._snapshot)
        self.filter_bar.mark_period(problem is None)
        self._problem = problem
        self._run_filter(self._snapshot, flt, self._result)

    def _make_filter(
        self, values: FilterValues, snapshot: Snapshot
    ) -> tuple[EntryFilter, str | None]:
        period, problem = None, None
        if values.period:
            try:
                period = parse_period(values.period, now=self.live.now())
            except DateError as err:  # one line: the list must not jump while typing
                problem = str(err).split(": ", 1)[0] + " (try: last quarter, H1 2026)"
        goals = goal_family(values.goal_id, snapshot.goals) if values.goal_id else None
        flt = EntryFilter(
            kind=values.kind or None,
            tags=values.tags,
            goal_ids=goals,
            period=period,
            text=values.text,
        )
        return flt, problem

    @work(thread=True, exclusive=True, group="filter", description="filter entries")
    def _run_filter(
        self, snapshot: Snapshot, flt: EntryFilter, previous: FilterResult | None
    ) -> None:
        result = apply_filter(snapshot, flt, previous)
        if not get_current_worker().is_cancelled:
            self.post_message(EntriesFiltered(result))

    @on(EntriesFiltered)
    def _show_result(self, event: EntriesFiltered) -> None:
        result = event.result
        if not self.query(EntryList) or result.snapshot is not self._snapshot:
            return  # a filter that finished as the app closed, or over an older journal
        self._result = result
        entries = result.entries
        keep = self._keep or (self.current["id"] if self.current else None)
        self._keep = None
        total = len(result.snapshot.entries)
        filtered = result.flt != EntryFilter()
        empty = (
            "No entries match the filters (c clears them)."
            if filtered
            else "No entries yet: press a to add one."
        )
        self.entry_list.show(
            entries, result.snapshot.codes, cursor=result.index_of(keep) or 0, empty_text=empty
        )
        noun = plural_word(total, "entry")  # the count has thousands separators
        count = f"{len(entries):,} of {total:,} {noun}" if filtered else f"{total:,} {noun}"
        status = Text(count)
        if result.flt.period is not None:
            period = result.flt.period
            status.append(f"  ·  {visible_line(period.label)}: {period.start} to {period.end}")
        waiting = len(nudges(result.snapshot, self.live.now(), self.coach_settings))
        if waiting:
            status.append(f"  ·  {plural(waiting, 'nudge')} waiting (o)")
        if self._problem:
            status.append(f"  ·  {visible_line(self._problem)}", style="bold red")
        self.status.update(status)
        self.status.set_class(bool(self._problem), "-problem")

    @on(EntryList.Highlighted)
    def _highlighted(self, event: EntryList.Highlighted) -> None:
        """Show the entry once the cursor rests: holding a key repaints the list only."""
        self._pending = event.entry
        if self._preview_timer is None:
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._show_preview)
        else:
            self._preview_timer.reset()

    def _show_preview(self) -> None:
        self._preview_timer = None
        if self._pending is self._previewed and self._pending is not None:
            return
        names: dict[str, str] = {}
        if self._snapshot is not None:
            names = {g["id"]: f"{g['code']} ({g['title']})" for g in self._snapshot.goals}
            names |= {s["id"]: f"{s['code']} ({s['name']})" for s in self._snapshot.skills}
        self._previewed = self._pending
        self.preview.show(self._pending, names)

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
        self._keep = self.entry_list.neighbour_of(record["id"])  # the place, not the top
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
