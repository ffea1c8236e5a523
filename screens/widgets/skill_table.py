"""The skills table: name first, then level, status, evidence count, and the code last.

The columns are sized to the table's width: the fixed ones always fit, the name takes
the room left, and the code (also shown in the detail pane) is what a narrow terminal
cuts. No horizontal scrollbar: nothing is hidden off to the right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from journal.records import Skill
from journal.textsafe import visible_line

# (key, heading, width) of the columns that always show in full
FIXED = (("level", "Level", 5), ("status", "Status", 7), ("count", "Ev.", 3))
NAME_MIN, CODE_MAX = 14, 14


def column_widths(inner: int, longest_code: int) -> tuple[int, int]:
    """(name, code) widths for a table `inner` cells wide (each column pads 1 each side)."""
    room = inner - 2 * (len(FIXED) + 2) - sum(width for _, _, width in FIXED)
    code = max(4, min(CODE_MAX, longest_code))
    return max(NAME_MIN, room - code), code


class SkillTable(DataTable[Text]):
    """One row per skill, keyed by skill id."""

    DEFAULT_CSS = "SkillTable { overflow-x: hidden; }"

    def __init__(self, level_text: Callable[[Skill], str], **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.level_text = level_text
        self._rows: Sequence[tuple[Skill, int]] = ()
        self._widths: tuple[int, int] | None = None

    def fill(self, rows: Sequence[tuple[Skill, int]]) -> None:
        """Show these (skill, evidence count) rows, sizing the columns to the table."""
        self._rows = rows
        longest = max((len(visible_line(s["code"])) for s, _ in rows), default=4)
        widths = column_widths(self.size.width or 60, longest)
        if widths != self._widths:
            self._widths = widths
            self.clear(columns=True)
            self.add_column(Text("Skill"), key="name", width=widths[0])
            for key, heading, width in FIXED:
                self.add_column(Text(heading), key=key, width=width)
            self.add_column(Text("Code"), key="code", width=widths[1])
        else:
            self.clear()
        for skill, count in rows:
            dim = "dim" if skill.get("status", "active") != "active" else ""
            self.add_row(
                Text(visible_line(skill["name"]), style=dim, overflow="ellipsis", no_wrap=True),
                Text(self.level_text(skill)),
                Text(skill.get("status", "active"), style=dim),
                Text(str(count), justify="right"),
                Text(visible_line(skill["code"]), style="bold", overflow="ellipsis", no_wrap=True),
                key=skill["id"],
            )

    def on_resize(self, event: events.Resize) -> None:
        """Re-size the columns for the new width, keeping the cursor where it was."""
        if not self._rows:
            return
        longest = max(len(visible_line(s["code"])) for s, _ in self._rows)
        if column_widths(event.size.width, longest) != self._widths:
            row = self.cursor_row
            self.fill(self._rows)
            self.move_cursor(row=min(row, self.row_count - 1))
