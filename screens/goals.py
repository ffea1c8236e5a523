"""The Goals screen: company goals as a tree with personal goals woven in, and their evidence.

A goal's evidence is what `journal.goals.goal_family` says (its own entries, its
sub-goals' and those of the personal goals woven into it), so the counts here match
`journal goal list` and the review. The views are computed from the app's `snapshot`
in a thread worker (posting `GoalsCounted`), and writes go through `live.write` in
workers; the tree is rebuilt on the main thread (`screens.widgets.goal_tree`). What a
goal's row and detail say: `screens.goal_views`; what the dialogs ask:
`screens.goal_dialogs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from journal.errors import JournalError, ValidationError
from journal.live import LiveJournal, Snapshot
from journal.records import Entry, Goal
from journal.textsafe import plural, visible_line
from screens.checkin_dialog import CheckinForm, checkin_saver
from screens.dialogs import Confirm, Picker
from screens.goal_dialogs import delete_question, move_choices
from screens.goal_form import GoalForm
from screens.goal_progress import CheckinSparkline
from screens.goal_views import LEGEND, GoalView, goal_detail, goal_label, goal_views
from screens.live_screen import LiveScreen
from screens.messages import GoalSaved, ShowGoal, WriteFailed
from screens.planning import AgendaScreen, PlanScreen, plan_text
from screens.widgets.goal_tree import GoalTree


class GoalDetail(Static):
    """Measure, target, due, status and notes of the highlighted goal."""


@dataclass
class GoalsCounted(Message):
    """The worker computed every goal's evidence; `select` is where the cursor goes."""

    views: list[GoalView]
    select: str | None


@dataclass
class DeletionCounted(Message):
    """What deleting `goal` would drop, counted off the UI thread: ask the user now."""

    goal: Goal
    links: int
    kids: int


@dataclass
class GoalDeleted(Message):
    """A goal is gone; `dropped` entry links went with it."""

    goal: Goal
    dropped: int


class GoalsScreen(LiveScreen):
    """Company goals, their sub-goals and the personal goals woven into them."""

    CSS_PATH = "goals.tcss"
    SUB_TITLE = "Goals"
    BINDINGS = [
        Binding("a", "add_goal", "Add", tooltip="Add a company goal"),
        Binding(
            "p", "add_personal", "Personal", tooltip="Add a personal goal under the selected goal"
        ),
        Binding("e", "edit_goal", "Edit", tooltip="Edit the selected goal"),
        Binding("m", "move_goal", "Move", tooltip="Give the selected goal a new parent"),
        Binding("d", "delete_goal", "Delete", tooltip="Delete the selected goal"),
        Binding(
            "k",
            "checkin",
            "Checkin",
            tooltip="Check in: record where the selected goal's metric stands now",
        ),
        Binding(
            "P",
            "plan",
            "Plan",
            key_display="P",
            show=False,
            tooltip="Next cycle's proposal: plans, woven goals, SMART marks, support",
        ),
        Binding("1", "one_on_one", "1:1", show=False, tooltip="The agenda for your next 1:1"),
    ]

    def __init__(self, live: LiveJournal) -> None:
        super().__init__(live)
        self._want: str | None = None  # a selection asked for but not yet shown
        self.views: dict[str, GoalView] = {}
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield GoalTree(LEGEND, id="goal-tree")
            with VerticalScroll(id="goal-detail-pane"):
                yield GoalDetail(Text("Loading goals…"), id="goal-detail")
                yield CheckinSparkline([], id="goal-sparkline")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def goals_tree(self) -> GoalTree:
        return self.query_one(GoalTree)

    @property
    def detail(self) -> GoalDetail:
        return self.query_one(GoalDetail)

    @property
    def selected(self) -> GoalView | None:
        node = self.goals_tree.cursor_node
        return self.views.get(node.data) if node is not None and node.data else None

    def now(self) -> datetime:
        return self.live.now()

    # -- loading -----------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.reload()

    def on_show_goal(self, message: ShowGoal) -> None:
        self.reload(select=message.goal_id)

    def _written(self, goal_id: str) -> None:
        """Select it once the new journal arrives; the app hands it to every screen."""
        self._want = goal_id
        self.post_message(GoalSaved(goal_id))

    def reload(self, select: str | None = None) -> None:
        """Recount from the snapshot (in a worker) and rebuild the tree, keeping the selection."""
        self._want = select or self._want
        if self.snapshot is None or not self.is_mounted:
            return
        current = self.selected
        self._count(self.snapshot, self.now(), self._want or (current.id if current else None))

    @work(thread=True, exclusive=True, group="goals-load")
    def _count(self, snapshot: Snapshot, now: datetime, select: str | None) -> None:
        views = goal_views(list(snapshot.goals), snapshot.entries, now)
        if not get_current_worker().is_cancelled:  # a newer count supersedes this one
            self.post_message(GoalsCounted(views, select))

    @on(GoalsCounted)
    def _counted(self, event: GoalsCounted) -> None:
        self._show(event.views, event.select)

    def _show(self, views: list[GoalView], select: str | None) -> None:
        self._want = None
        current = self.selected
        if (
            self._shown
            and views == list(self.views.values())
            and (select is None or (current is not None and current.id == select))
        ):
            return  # nothing changed: keep the tree as the user left it
        self._shown = True
        self.views = {v.id: v for v in views}
        goals = [v.goal for v in views]
        target = self.goals_tree.rebuild(goals, lambda g: goal_label(self.views[g["id"]]), select)
        if not goals:
            self.detail.update(Text("No goals yet. Press a to add a company goal."))
        self.call_after_refresh(self._place_cursor, target)

    def _place_cursor(self, target: TreeNode[str] | None) -> None:
        if self.goals_tree.place_cursor(target):
            self._show_detail()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.selected
        if view is not None:
            detail = goal_detail(view, {k: v.goal for k, v in self.views.items()})
            skills = self.snapshot.skills if self.snapshot is not None else ()
            detail.append_text(
                plan_text(
                    view.goal, [v.goal for v in self.views.values()], skills, self.now().date()
                )
            )
            self.detail.update(detail)
        self.query_one(CheckinSparkline).show_progress(view.progress if view else None)

    def action_plan(self) -> None:
        self.app.push_screen(PlanScreen(self.live))

    def action_one_on_one(self) -> None:
        self.app.push_screen(AgendaScreen(self.live))

    # -- actions -----------------------------------------------------------------------

    def _need_selection(self) -> GoalView | None:
        view = self.selected
        if view is None:
            self.notify("Select a goal first.", severity="warning", markup=False)
        return view

    def _open_form(self, heading: str, goal: Goal | None, **fixed: Any) -> None:
        """Add (goal None, with `fixed` scope/parent/supports) or edit a goal in the form."""
        live = self.live

        def save(values: dict[str, Any]) -> Goal:
            if goal is None:
                title = values.pop("title")
                return live.write(lambda store: store.goals.add(title, **values, **fixed)).result
            return live.write(lambda store: store.goals.update(goal["id"], **values)).result

        def done(saved: Goal | None) -> None:
            if saved is not None:
                self.notify(f"Saved {visible_line(saved['code'])}", markup=False)
                self._written(saved["id"])

        company = None
        if (goal or fixed).get("scope") == "personal":  # it may serve company goals
            company = [
                (v.id, f"{v.goal['code']}  {v.goal['title']}")
                for v in self.views.values()
                if v.goal.get("scope") == "company"
            ]
        supports = fixed.pop("supports", None)
        every = [v.goal for v in self.views.values()]  # for the live SMART marks
        scope = (goal or fixed).get("scope")
        form = GoalForm(
            heading, goal, save, self.now(), company, supports, goals=every, scope=scope
        )
        form.base_goal.update(fixed)  # a fixed parent counts for Relevant
        self.app.push_screen(form, done)

    def action_add_goal(self) -> None:
        self._open_form("New company goal", None, scope="company")

    def action_add_personal(self) -> None:
        view = self.selected
        if view is None:
            self._open_form("New personal goal", None, scope="personal")
        elif view.goal["scope"] == "company":
            self._open_form(
                f"New personal goal supporting {view.goal['code']}",
                None,
                scope="personal",
                supports=[view.id],
            )
        else:
            self._open_form(
                f"New personal goal under {view.goal['code']}",
                None,
                scope="personal",
                parent=view.id,
            )

    def action_edit_goal(self) -> None:
        if view := self._need_selection():
            self._open_form(f"Edit goal {view.goal['code']}", view.goal)

    def action_checkin(self) -> None:
        view = self._need_selection()
        if view is None:
            return
        goal = view.goal
        if not goal.get("metric"):
            self.notify(
                f"{visible_line(goal['code'])} has no metric to check in against: give "
                f"it one with `journal goal edit {visible_line(goal['code'])} "
                "--baseline N --target N`",
                severity="warning",
                markup=False,
            )
            return

        def done(saved: Entry | None) -> None:
            if saved is not None:
                self.notify(visible_line(f"Checked in: {saved['title']}"), markup=False)
                self._written(goal["id"])

        self.app.push_screen(CheckinForm(goal, checkin_saver(self.live, goal)), done)

    def action_move_goal(self) -> None:
        view = self._need_selection()
        if view is None:
            return
        items = move_choices([v.goal for v in self.views.values()], view.id)

        def chosen(parent: str | None) -> None:
            if parent is not None:
                self._reparent(view.id, parent or None)

        self.app.push_screen(Picker(f"Move {view.goal['code']} under…", items), chosen)

    @work(thread=True, group="goals-write")
    def _reparent(self, goal_id: str, parent: str | None) -> None:
        try:
            saved = self.live.write(lambda store: store.goals.update(goal_id, parent=parent))
        except (ValidationError, JournalError) as err:
            self.post_message(WriteFailed("Not moved", str(err)))
            return
        self._want = saved.result["id"]
        self.post_message(GoalSaved(saved.result["id"]))

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        self.notify(event.message, title=event.title, severity="error", markup=False)

    def action_delete_goal(self) -> None:
        if view := self._need_selection():
            self._ask_delete(view.goal)

    @work(thread=True, group="goals-write")
    def _ask_delete(self, goal: Goal) -> None:
        """Count what a deletion would drop before asking, so the question is honest."""
        snapshot = self.snapshot or Snapshot()
        links = sum(goal["id"] in e["goals"] for e in snapshot.entries)
        kids = sum(g.get("parent") == goal["id"] for g in snapshot.goals)
        self.post_message(DeletionCounted(goal, links, kids))

    @on(DeletionCounted)
    def _confirm_delete(self, event: DeletionCounted) -> None:
        goal = event.goal
        question = delete_question(goal, event.links, event.kids)

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(goal)

        self.app.push_screen(Confirm(question), answered)

    @work(thread=True, group="goals-write")
    def _delete(self, goal: Goal) -> None:
        try:
            dropped = self.live.write(lambda store: store.goals.delete(goal["id"])).result
        except (ValidationError, JournalError) as err:
            self.post_message(WriteFailed("Not deleted", str(err)))
            return
        self.post_message(GoalDeleted(goal, dropped))

    @on(GoalDeleted)
    def _deleted(self, event: GoalDeleted) -> None:
        goal = event.goal
        dropped = plural(event.dropped, "entry link")
        self.notify(f"Deleted {visible_line(goal['code'])}: {dropped} dropped", markup=False)
        self._written(goal["id"])
