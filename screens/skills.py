"""The Skills screen: what to develop, how far along, and the feedback each skill came from.

The headline flow: constructive feedback becomes a skill in one step. `f` lists the
constructive (and mixed) feedback no skill covers yet, newest first; choosing one opens
the skill form pre-filled, and saving creates the skill with `why=[entry]` and tags the
entry with the skill, in one write (`screens.skill_feedback`). The journal screen starts
the same flow through `SkillsScreen.create_skill_from_feedback` or
`start_skill_from_feedback`. What each row and the detail pane show: `screens.skill_views`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from journal.errors import JournalError, ValidationError
from journal.live import LiveJournal, Snapshot
from journal.records import Entry, Skill, entry_order
from journal.store.journal_store import JournalStore
from journal.textsafe import plural, visible_line
from screens.dialogs import Confirm, Picker
from screens.live_screen import LiveScreen
from screens.messages import ShowSkill, SkillSaved, WriteFailed
from screens.skill_feedback import WANTS_SKILL, feedback_wanting_skill, start_skill_from_feedback
from screens.skill_form import SkillForm, feedback_line
from screens.skill_views import SkillView, level_text, skill_detail, skill_views
from screens.widgets.skill_table import SkillTable


def existing_entries(store: JournalStore, ids: Iterable[str]) -> list[str]:
    """The ids that still name an entry: a why-entry may have been deleted since."""
    kept = []
    for ident in ids:
        try:
            kept.append(store.entries.get(ident)["id"])
        except ValidationError:
            continue
    return kept


@dataclass
class SkillsCounted(Message):
    """The worker computed every skill's evidence; `select` is where the cursor goes."""

    views: list[SkillView]
    select: str | None


@dataclass
class FeedbackFound(Message):
    """Feedback no skill covers yet (`waiting`); `some`: is there any such feedback at all."""

    waiting: list[Entry]
    some: bool


@dataclass
class SkillDeleted(Message):
    """A skill is gone with `dropped` entry links; the cursor goes to `neighbour`."""

    skill_id: str
    dropped: int
    neighbour: str | None


class SkillDetail(Static):
    """Level, plan, evidence and the feedback behind the highlighted skill."""


class SkillsScreen(LiveScreen):
    """Skills to develop, with level -> target, plan and the feedback they came from."""

    CSS_PATH = "skills.tcss"
    SUB_TITLE = "Skills"
    BINDINGS = [
        Binding("a", "add_skill", "Add skill", tooltip="Add a skill to develop"),
        Binding(
            "f",
            "from_feedback",
            "From feedback",
            tooltip="Turn a piece of constructive feedback into a skill",
        ),
        Binding(
            "v",
            "development_goal",
            "Dev goal",
            show=False,
            tooltip="Turn the selected skill's feedback into a development goal",
        ),
        Binding("e", "edit_skill", "Edit", tooltip="Edit the selected skill"),
        Binding("d", "delete_skill", "Delete", tooltip="Delete the selected skill"),
    ]

    def __init__(self, live: LiveJournal) -> None:
        super().__init__(live)
        self._want: str | None = None  # a selection asked for but not yet shown
        self.views: dict[str, SkillView] = {}
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield SkillTable(level_text, id="skill-table")
            with VerticalScroll(id="skill-detail-pane"):
                yield SkillDetail(Text("Loading skills…"), id="skill-detail")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def table(self) -> SkillTable:
        return self.query_one(SkillTable)

    @property
    def detail(self) -> SkillDetail:
        return self.query_one(SkillDetail)

    @property
    def selected(self) -> SkillView | None:
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.views.get(str(row_key.value))

    # -- loading -----------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.reload()

    def on_show_skill(self, message: ShowSkill) -> None:
        self.reload(select=message.skill_id)

    def reload(self, select: str | None = None) -> None:
        """Recount from the snapshot in a worker and refill the table, keeping the selection."""
        self._want = select or self._want
        if self.snapshot is None or not self.is_mounted:
            return
        current = self.selected
        self._count(self.snapshot, self._want or (current.id if current else None))

    @work(thread=True, exclusive=True, group="skills-load")
    def _count(self, snapshot: Snapshot, select: str | None) -> None:
        views = skill_views(list(snapshot.skills), snapshot.entries)
        if not get_current_worker().is_cancelled:  # a newer count supersedes this one
            self.post_message(SkillsCounted(views, select))

    @on(SkillsCounted)
    def _counted(self, event: SkillsCounted) -> None:
        self._show(event.views, event.select)

    def _show(self, views: list[SkillView], select: str | None) -> None:
        self._want = None
        current = self.selected
        if (
            self._shown
            and views == list(self.views.values())
            and (select is None or (current is not None and current.id == select))
        ):
            return  # nothing changed: keep the table as the user left it
        self._shown = True
        self.views = {v.id: v for v in views}
        table = self.table
        table.fill([(view.skill, view.count) for view in views])
        if select in self.views:
            table.move_cursor(row=table.get_row_index(select))
        if not views:
            self.detail.update(
                Text(
                    "No skills yet. Press a to add one, or f to start one "
                    "from constructive feedback."
                )
            )
        self._show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.selected
        if view is not None:
            self.detail.update(skill_detail(view))

    # -- actions -----------------------------------------------------------------------

    def _saved(self, skill: Skill) -> None:
        """Select it once the new journal arrives (the app hands it to every screen)."""
        self._want = skill["id"]

    def create_skill_from_feedback(self, entry_id: str) -> None:
        """Open the skill form pre-filled from one feedback entry (the journal screen's `f`)."""
        start_skill_from_feedback(
            self.app, self.live, self.snapshot or Snapshot(), entry_id, on_saved=self._saved
        )

    def action_from_feedback(self) -> None:
        self._list_feedback()

    def action_development_goal(self) -> None:
        """The selected skill's newest feedback becomes a development goal, woven into a
        company goal (`screens.development`)."""
        from screens.development import start_goal_from_feedback

        view = self.selected
        sources = sorted(view.sources, key=entry_order) if view else []
        if not sources:
            self.notify(
                "Select a skill that came from feedback (f starts one).",
                severity="warning",
                markup=False,
            )
            return
        start_goal_from_feedback(self.app, self.live, sources[-1]["id"])

    @work(thread=True, group="skills-read")
    def _list_feedback(self) -> None:
        snapshot = self.snapshot or Snapshot()
        entries = snapshot.entries
        waiting = feedback_wanting_skill(entries, list(snapshot.skills))
        some = waiting or any(
            e["kind"] == "feedback" and e.get("sentiment") in WANTS_SKILL for e in entries
        )
        self.post_message(FeedbackFound(waiting, bool(some)))

    @on(FeedbackFound)
    def _pick_feedback(self, event: FeedbackFound) -> None:
        waiting, some = event.waiting, event.some
        if not waiting:
            self.notify(
                "No constructive feedback is waiting: every piece already has a skill."
                if some
                else "No constructive feedback yet: log some (kind feedback, "
                "sentiment constructive) and turn it into a skill here.",
                markup=False,
            )
            return
        items: list[tuple[Any, Text]] = [(e["id"], feedback_line(e)) for e in waiting]

        def chosen(entry_id: str | None) -> None:
            if entry_id:
                self.create_skill_from_feedback(entry_id)

        self.app.push_screen(Picker("Turn which feedback into a skill?", items), chosen)

    def _open_form(self, heading: str, view: SkillView | None) -> None:
        live = self.live

        def save(values: dict[str, Any]) -> Skill:
            def change(store: JournalStore) -> Skill:
                if view is None:
                    return store.skills.add(values.pop("name"), **values)
                why = existing_entries(store, view.skill.get("why", []))
                return store.skills.update(view.id, why=why, **values)

            return live.write(change).result

        def done(saved: Skill | None) -> None:
            if saved is not None:
                self.notify(f"Saved {saved['code']}", markup=False)
                self._saved(saved)
                self.post_message(SkillSaved(saved["id"]))

        sources = list(view.sources) if view else []
        self.app.push_screen(SkillForm(heading, view.skill if view else None, save, sources), done)

    def action_add_skill(self) -> None:
        self._open_form("New skill", None)

    def action_edit_skill(self) -> None:
        view = self.selected
        if view is None:
            self.notify("Select a skill first.", severity="warning", markup=False)
            return
        self._open_form(f"Edit skill {view.skill['code']}", view)

    def action_delete_skill(self) -> None:
        view = self.selected
        if view is None:
            self.notify("Select a skill first.", severity="warning", markup=False)
            return
        question = Text(f"Delete skill {visible_line(view.skill['code'])} ", style="bold")
        question.append(f"“{visible_line(view.skill['name'])}”?\n", style="")
        links = view.count
        if links:
            question.append(f"{plural(links, 'entry link')} will be dropped (the entries stay).")
        else:
            question.append("No entry links to it.")

        ids = list(self.views)
        at = ids.index(view.id)
        rest = ids[at + 1 :] + ids[:at][::-1]  # the row below, else the one above
        neighbour = rest[0] if rest else None

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(view.id, neighbour)

        self.app.push_screen(Confirm(question), answered)

    @work(thread=True, group="skills-write")
    def _delete(self, skill_id: str, neighbour: str | None = None) -> None:
        try:
            dropped = self.live.write(lambda store: store.skills.delete(skill_id)).result
        except (ValidationError, JournalError) as err:
            self.post_message(WriteFailed("Not deleted", str(err)))
            return
        self.post_message(SkillDeleted(skill_id, dropped, neighbour))

    @on(SkillDeleted)
    def _deleted(self, event: SkillDeleted) -> None:
        self.notify(f"Skill deleted: {plural(event.dropped, 'entry link')} dropped", markup=False)
        self._want = event.neighbour  # stay where the user was
        self.post_message(SkillSaved(event.skill_id))

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        self.notify(event.message, title=event.title, severity="error", markup=False)
