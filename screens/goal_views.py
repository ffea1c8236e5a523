"""What the Goals screen shows of each goal: its row in the tree and its detail pane.

Pure builders from records to Rich text (no widgets), so the screen module keeps only the
screen's own work: the tree, the keys and the writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.text import Text

from journal.goals import STALE_DAYS, overdue
from journal.progress import Progress, checkins_by_goal, measurable, progress
from journal.query import goal_evidence
from journal.records import Entry, Goal
from journal.textsafe import plural, visible, visible_line
from journal.timestamps import human_date
from screens.goal_progress import (
    progress_cells,
    progress_detail,
    status_word,
)


@dataclass(frozen=True)
class GoalView:
    """One goal as shown: the record plus its evidence, computed off the UI thread."""

    goal: Goal
    count: int
    latest: str | None  # local ISO date of the newest evidence
    stale: bool
    overdue: bool = False  # active and past its due date
    progress: Progress | None = None  # journal.progress, as `journal goal list` shows it

    @property
    def id(self) -> str:
        return str(self.goal["id"])


def goal_views(goals: list[Goal], entries: Iterable[Entry], now: datetime) -> list[GoalView]:
    """Evidence count, latest date and staleness per goal, in one pass over the entries.

    Staleness is only for active goals: a done or dropped goal needs no fresh evidence.
    """
    entries = list(entries)
    evidence = goal_evidence(goals, entries)
    checkins = checkins_by_goal(entries)
    cutoff = (now.date() - timedelta(days=STALE_DAYS)).isoformat()
    views = []
    for goal in goals:
        count, newest = evidence[goal["id"]]
        active = goal.get("status", "active") == "active"
        views.append(
            GoalView(
                goal,
                count,
                newest,
                active and (newest is None or newest < cutoff),
                overdue(goal, now.date()),
                progress(goal, checkins.get(goal["id"], []), now),
            )
        )
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
    label.append(
        f"{PERSONAL_MARK if personal else COMPANY_MARK} ", style="magenta" if personal else "cyan"
    )
    if view.overdue or view.stale:  # a short flag before the title: seen even when cut
        label.append(
            "! " if view.overdue else "⚠ ", style="bold red" if view.overdue else "bold yellow"
        )
    shows_progress = view.progress is not None and measurable(goal)
    if view.progress is not None and shows_progress:
        label.append_text(progress_cells(view.progress))
    label.append(visible_line(goal["title"]), style="italic" if personal else "bold")
    label.append(f"  {visible_line(goal['code'])}", style="magenta" if personal else "cyan")
    when = f" · {human_date(date.fromisoformat(view.latest))}" if view.latest else ""
    label.append(f" ({view.count}{when})", style="dim")
    if view.progress is not None and shows_progress:
        label.append_text(status_word(view.progress))
    if view.overdue:
        label.append(" ⚠ overdue", style="bold red")
    if view.stale:
        label.append(" ⚠ stale" if view.count else " ⚠ no evidence", style="bold yellow")
    if goal.get("status", "active") != "active":
        label.append(f" [{goal['status']}]", style="dim")
    return label


def goal_detail(view: GoalView, by_id: dict[str, Goal]) -> Text:
    """The detail pane for one goal, built as Text so nothing typed is read as markup."""
    goal = view.goal
    text = Text()
    text.append(visible_line(goal["title"]) + "\n", style="bold")
    text.append(
        f"{visible_line(goal['code'])} · {goal['scope']} goal · {goal['status']}\n\n", style="dim"
    )

    def field(name: str, value: str) -> None:
        text.append(f"{name}: ", style="bold")
        text.append(visible_line(value) if value else "—", style="" if value else "dim")
        text.append("\n")

    def refs(ids: list[str]) -> str:
        return ", ".join(f"{by_id[i]['code']} ({by_id[i]['title']})" for i in ids if i in by_id)

    field("Parent", refs([parent] if (parent := goal.get("parent")) else []))
    if goal.get("scope") == "personal":
        field("Supports", refs(goal.get("supports", [])))
    field("Measure", goal.get("measure") or "")
    field("Target", goal.get("target") or "")
    field("Due", human_date(date.fromisoformat(due)) if (due := goal.get("due")) else "")
    if view.overdue:
        text.append("⚠ overdue: past its due date and still active\n", style="bold red")
    if view.progress is not None and measurable(goal):
        text.append("\n")
        text.append_text(progress_detail(view.progress))
        for n, item in enumerate(goal.get("milestones") or [], 1):
            mark = "☑" if item.get("done_on") else "☐"
            text.append(f"{mark} {n}. {visible_line(item['text'])}\n")
        text.append("\n")
    latest = f", latest {human_date(date.fromisoformat(view.latest))}" if view.latest else ""
    field("Evidence", f"{plural(view.count, 'entry')}{latest}")
    if view.stale:
        why = (
            f"stale: no evidence in the last {STALE_DAYS} days"
            if view.count
            else ("no evidence linked yet")
        )
        text.append(f"⚠ {why}\n", style="bold yellow")
    text.append("\nNotes\n", style="bold")
    text.append(visible(goal.get("notes") or "") or "—")
    return text
