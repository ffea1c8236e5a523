"""The link dialog (`l`): tick the goals and skills an entry is evidence for.

Returns the chosen goal and skill ids, or None on escape; the journal screen writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from journal.records import Entry, Goal, Skill
from journal.textsafe import visible_line
from screens.widgets.pick_list import PickList

Links = tuple[list[str], list[str]]


class LinkDialog(ModalScreen[Links | None]):
    """Pick goals and skills for one entry."""

    CSS_PATH = "link.tcss"
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, entry: Entry, goals: Sequence[Goal], skills: Sequence[Skill]) -> None:
        super().__init__()
        self._entry, self._goals, self._skills = entry, goals, skills

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Link to goals and skills"
            yield Static(Text(visible_line(self._entry["title"]), style="bold"), id="entry-title")
            with Horizontal(id="lists"):
                yield PickList(
                    [(g["id"], f"{g['code']}  {g['title']}") for g in self._goals],
                    self._entry.get("goals", []),
                    placeholder="goals: type to filter",
                    id="goals",
                )
                yield PickList(
                    [(s["id"], f"{s['code']}  {s['name']}") for s in self._skills],
                    self._entry.get("skills", []),
                    placeholder="skills: type to filter",
                    id="skills",
                )
            yield Static(
                Text("space tick   ctrl+s apply   esc cancel   tab next list", style="dim"),
                id="hint",
            )

    @property
    def goals(self) -> PickList:
        return self.query_one("#goals", PickList)

    @property
    def skills(self) -> PickList:
        return self.query_one("#skills", PickList)

    def on_mount(self) -> None:
        self.goals.filter_input.focus()

    def action_apply(self) -> None:
        self.dismiss((self.goals.chosen, self.skills.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
