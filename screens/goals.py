"""The Goals screen: company goals as a tree with personal goals woven in, and their evidence.

A goal's evidence is what `journal.query.goal_family` says (its own entries, its
sub-goals' and those of the personal goals woven into it), so the counts here match
`journal goal list` and the review. Everything that reads or writes the journal runs
in a thread worker; the tree is rebuilt on the main thread from what the worker found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from journal.dates import human_date
from journal.errors import JournalError, ValidationError
from journal.goals import goal_tree, overdue, unique
from journal.models import Record
from journal.query import goal_evidence
from journal.store.journal_store import JournalStore
from journal.textsafe import plural, visible, visible_line
from screens.goal_form import Confirm, GoalForm, Picker, app_now, store_lock
from screens.messages import GoalSaved, JournalChanged, ShowGoal

STALE_DAYS = 60


@dataclass(frozen=True)
class GoalView:
    """One goal as shown: the record plus its evidence, computed off the UI thread."""

    goal: Record
    count: int
    latest: str | None  # local ISO date of the newest evidence
    stale: bool
    overdue: bool = False  # active and past its due date

    @property
    def id(self) -> str:
        return str(self.goal["id"])


def goal_views(goals: list[Record], entries: Iterable[Record], now: datetime) -> list[GoalView]:
    """Evidence count, latest date and staleness per goal, in one pass over the entries.

    Staleness is only for active goals: a done or dropped goal needs no fresh evidence.
    """
    evidence = goal_evidence(goals, entries)
    cutoff = (now.date() - timedelta(days=STALE_DAYS)).isoformat()
    views = []
    for goal in goals:
        count, newest = evidence[goal["id"]]
        active = goal.get("status", "active") == "active"
        views.append(GoalView(goal, count, newest, active and (newest is None or newest < cutoff),
                              overdue(goal, now.date())))
    return views


COMPANY_MARK, PERSONAL_MARK = "\u25c6", "\u25c7"  # ◆ ◇: told apart without colour
LEGEND = f"{COMPANY_MARK} company  {PERSONAL_MARK} personal  (entries · latest)"


def goal_label(view: GoalView) -> Text:
    """One tree row, title first (on a narrow screen the code and counts get cut, not it).

    '◆ ⚠ Grow enterprise revenue  revenue (8 · 1 Dec 2026) ⚠ stale': the mark tells
    company from personal goals, a flag (! overdue, ⚠ stale) sits before the title and is
    spelled out at the end, the brackets are the evidence count and its latest date (the
    tree's border says so). The title is user text: plain Text, never markup.
    """
    goal = view.goal
    personal = goal.get("scope") == "personal"
    label = Text()
    label.append(f"{PERSONAL_MARK if personal else COMPANY_MARK} ",
                 style="magenta" if personal else "cyan")
    if view.overdue or view.stale:  # a short flag before the title: seen even when cut
        label.append("! " if view.overdue else "⚠ ", style="bold red" if view.overdue
                     else "bold yellow")
    label.append(visible_line(goal["title"]), style="italic" if personal else "bold")
    label.append(f"  {visible_line(goal['code'])}", style="magenta" if personal else "cyan")
    when = f" · {human_date(date.fromisoformat(view.latest))}" if view.latest else ""
    label.append(f" ({view.count}{when})", style="dim")
    if view.overdue:
        label.append(" ⚠ overdue", style="bold red")
    if view.stale:
        label.append(" ⚠ stale" if view.count else " ⚠ no evidence", style="bold yellow")
    if goal.get("status", "active") != "active":
        label.append(f" [{goal['status']}]", style="dim")
    return label


def goal_detail(view: GoalView, by_id: dict[str, Record]) -> Text:
    """The detail pane for one goal, built as Text so nothing typed is read as markup."""
    goal = view.goal
    text = Text()
    text.append(visible_line(goal["title"]) + "\n", style="bold")
    text.append(f"{visible_line(goal['code'])} · {goal['scope']} goal · {goal['status']}\n\n",
                style="dim")

    def field(name: str, value: str) -> None:
        text.append(f"{name}: ", style="bold")
        text.append(visible_line(value) if value else "—", style="" if value else "dim")
        text.append("\n")

    def refs(ids: list[str]) -> str:
        return ", ".join(f"{by_id[i]['code']} ({by_id[i]['title']})" for i in ids if i in by_id)

    field("Parent", refs([goal["parent"]] if goal.get("parent") else []))
    if goal.get("scope") == "personal":
        field("Supports", refs(goal.get("supports", [])))
    field("Measure", goal.get("measure", ""))
    field("Target", goal.get("target", ""))
    field("Due", human_date(date.fromisoformat(goal["due"])) if goal.get("due") else "")
    if view.overdue:
        text.append("⚠ overdue: past its due date and still active\n", style="bold red")
    latest = f", latest {human_date(date.fromisoformat(view.latest))}" if view.latest else ""
    field("Evidence", f"{view.count} entr{'y' if view.count == 1 else 'ies'}{latest}")
    if view.stale:
        why = f"stale: no evidence in the last {STALE_DAYS} days" if view.count else (
            "no evidence linked yet")
        text.append(f"⚠ {why}\n", style="bold yellow")
    text.append("\nNotes\n", style="bold")
    text.append(visible(goal.get("notes") or "") or "—")
    return text


def _descendants(node: TreeNode[str]) -> list[TreeNode[str]]:
    found: list[TreeNode[str]] = []
    for child in node.children:
        found.append(child)
        found.extend(_descendants(child))
    return found


class GoalTree(Tree[str]):
    """The goal tree; each node's data is a goal id (a goal may appear under several)."""


class GoalDetail(Static):
    """Measure, target, due, status and notes of the highlighted goal."""


class GoalsScreen(Screen[None]):
    """Company goals, their sub-goals and the personal goals woven into them."""

    CSS_PATH = "goals.tcss"
    SUB_TITLE = "Goals"
    BINDINGS = [
        Binding("a", "add_goal", "Add goal", tooltip="Add a company goal"),
        Binding("p", "add_personal", "Personal goal",
                tooltip="Add a personal goal under the selected goal"),
        Binding("e", "edit_goal", "Edit", tooltip="Edit the selected goal"),
        Binding("m", "move_goal", "Move", tooltip="Give the selected goal a new parent"),
        Binding("d", "delete_goal", "Delete", tooltip="Delete the selected goal"),
    ]

    def __init__(self, store: JournalStore) -> None:
        super().__init__()
        self.store = store
        self._want: str | None = None  # a selection asked for but not yet shown
        self.views: dict[str, GoalView] = {}
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            tree = GoalTree("Goals", id="goal-tree")
            tree.show_root = False
            tree.guide_depth = 3
            tree.border_title = LEGEND
            yield tree
            with VerticalScroll(id="goal-detail-pane"):
                yield GoalDetail(Text("Loading goals…"), id="goal-detail")
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
        return app_now(self.app)

    # -- loading -----------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        """Counts change when entries are edited elsewhere: reload whenever we are shown."""
        self.reload()

    def on_journal_changed(self, message: JournalChanged) -> None:
        self.reload()

    def on_show_goal(self, message: ShowGoal) -> None:
        self.reload(select=message.goal_id)

    def _written(self, goal_id: str) -> None:
        """Reload here, and tell the app so the other screens catch up."""
        self.reload(select=goal_id)
        self.post_message(GoalSaved(goal_id))

    def reload(self, select: str | None = None) -> None:
        """Re-read the journal (in a worker) and rebuild the tree, keeping the selection."""
        self._want = select or self._want
        current = self.selected
        self._load(self.now(), self._want or (current.id if current else None))

    @work(thread=True, exclusive=True, group="goals-load")
    def _load(self, now: datetime, select: str | None) -> None:
        with store_lock(self.app):
            self.store.refresh()
            views = goal_views(self.store.goals(), self.store.raw_entries(), now)
        if not get_current_worker().is_cancelled:  # a newer load supersedes this one
            self.app.call_from_thread(self._show, views, select)

    def _show(self, views: list[GoalView], select: str | None) -> None:
        self._want = None
        current = self.selected
        if self._shown and views == list(self.views.values()) and (select is None or (
                current is not None and current.id == select)):
            return  # nothing changed: keep the tree as the user left it
        self._shown = True
        self.views = {v.id: v for v in views}
        tree = self.goals_tree
        collapsed = {n.data for n in _descendants(tree.root) if not n.is_expanded}
        tree.clear()
        goals = [v.goal for v in views]
        target: list[TreeNode[str]] = []
        path: list[TreeNode[str]] = [tree.root]  # the open node at each depth
        for depth, goal in goal_tree(goals):  # the same tree as `journal goal list`
            del path[depth + 1:]
            child = path[-1].add(goal_label(self.views[goal["id"]]), data=goal["id"],
                                 expand=goal["id"] not in collapsed)
            path.append(child)
            if goal["id"] == select and not target:
                target.append(child)
        for node in _descendants(tree.root):
            node.allow_expand = bool(node.children)
        if not goals:
            self.detail.update(Text("No goals yet. Press a to add a company goal."))
        self.call_after_refresh(self._place_cursor, target[0] if target else None)

    def _place_cursor(self, target: TreeNode[str] | None) -> None:
        """Put the cursor on `target`, else keep its line, else the first row."""
        tree = self.goals_tree
        if tree.last_line < 0:  # reading last_line lays the new tree out
            return
        if target is not None:
            tree.move_cursor(target)
        elif tree.cursor_node is None:
            tree.move_cursor_to_line(0)
        self._show_detail()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.selected
        if view is not None:
            self.detail.update(goal_detail(view, {k: v.goal for k, v in self.views.items()}))

    # -- actions -----------------------------------------------------------------------

    def _need_selection(self) -> GoalView | None:
        view = self.selected
        if view is None:
            self.notify("Select a goal first.", severity="warning", markup=False)
        return view

    def _open_form(self, heading: str, goal: Record | None, **fixed: Any) -> None:
        """Add (goal None, with `fixed` scope/parent/supports) or edit a goal in the form."""
        store = self.store

        def save(values: dict[str, Any]) -> Record:
            if goal is None:
                return store.add_goal(values.pop("title"), **values, **fixed)
            return store.update_goal(goal["id"], **values)

        def done(saved: dict[str, Any] | None) -> None:
            if saved is not None:
                self.notify(f"Saved {visible_line(saved['code'])}", markup=False)
                self._written(saved["id"])

        company = None
        if (goal or fixed).get("scope") == "personal":  # it may serve company goals
            company = [(v.id, f"{v.goal['code']}  {v.goal['title']}")
                       for v in self.views.values() if v.goal.get("scope") == "company"]
        supports = fixed.pop("supports", None)
        self.app.push_screen(GoalForm(heading, goal, save, self.now(), company, supports), done)

    def action_add_goal(self) -> None:
        self._open_form("New company goal", None, scope="company")

    def action_add_personal(self) -> None:
        view = self.selected
        if view is None:
            self._open_form("New personal goal", None, scope="personal")
        elif view.goal["scope"] == "company":
            self._open_form(f"New personal goal supporting {view.goal['code']}", None,
                            scope="personal", supports=[view.id])
        else:
            self._open_form(f"New personal goal under {view.goal['code']}", None,
                            scope="personal", parent=view.id)

    def action_edit_goal(self) -> None:
        if view := self._need_selection():
            self._open_form(f"Edit goal {view.goal['code']}", view.goal)

    def action_move_goal(self) -> None:
        view = self._need_selection()
        if view is None:
            return
        items: list[tuple[Any, Text]] = [("", Text("(top level: no parent)", style="italic"))]
        for depth, goal in unique(goal_tree([v.goal for v in self.views.values()])):
            if goal["id"] != view.id:
                label = Text("  " * depth)
                label.append(visible_line(goal["code"]), style="bold")
                label.append(f"  {visible_line(goal['title'])}")
                items.append((goal["id"], label))

        def chosen(parent: str | None) -> None:
            if parent is not None:
                self._reparent(view.id, parent or None)

        self.app.push_screen(Picker(f"Move {view.goal['code']} under…", items), chosen)

    @work(thread=True, group="goals-write")
    def _reparent(self, goal_id: str, parent: str | None) -> None:
        try:
            with store_lock(self.app):
                saved = self.store.update_goal(goal_id, parent=parent)
        except (ValidationError, JournalError) as err:
            self.app.call_from_thread(self.notify, str(err), title="Not moved",
                                 severity="error", markup=False)
            return
        self.app.call_from_thread(self._written, saved["id"])

    def action_delete_goal(self) -> None:
        if view := self._need_selection():
            self._ask_delete(view.goal)

    @work(thread=True, group="goals-write")
    def _ask_delete(self, goal: Record) -> None:
        """Count what a deletion would drop before asking, so the question is honest."""
        with store_lock(self.app):
            links = sum(goal["id"] in e["goals"] for e in self.store.raw_entries())
            kids = sum(g.get("parent") == goal["id"] for g in self.store.goals())
        self.app.call_from_thread(self._confirm_delete, goal, links, kids)

    def _confirm_delete(self, goal: Record, links: int, kids: int) -> None:
        question = Text(f"Delete goal {visible_line(goal['code'])} ", style="bold")
        question.append(f"“{visible_line(goal['title'])}”?\n", style="")
        if links:
            question.append(f"{plural(links, 'entry link')} will be dropped "
                            "(the entries stay).", style="")
        else:
            question.append("No entry links to it.", style="")
        if kids:
            question.append(f"\n{kids} sub-goal{'s' * (kids != 1)} will move to the top level.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(goal)

        self.app.push_screen(Confirm(question), answered)

    @work(thread=True, group="goals-write")
    def _delete(self, goal: Record) -> None:
        try:
            with store_lock(self.app):
                dropped = self.store.delete_goal(goal["id"])
        except (ValidationError, JournalError) as err:
            self.app.call_from_thread(self.notify, str(err), title="Not deleted",
                                 severity="error", markup=False)
            return
        message = f"Deleted {visible_line(goal['code'])}: {plural(dropped, 'entry link')} dropped"
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self._written, goal["id"])
