"""Goal progress on the Goals screen: the bar in each tree row, the progress part of the
detail pane, and the sparkline of check-ins under it.

Everything shown comes from `journal.progress.progress`, the function the command line
and the exports call, so the numbers agree everywhere. User text never reaches markup:
these build `rich.text.Text`.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Sparkline

from journal.measure import with_unit
from journal.progress import AT_RISK, BEHIND, DONE, NO_DATA, ON_TRACK, OVERDUE, Progress

# Status colours, and a word for each so colour is never the only signal.
STATUS_STYLE = {
    DONE: "bold green",
    ON_TRACK: "green",
    BEHIND: "yellow",
    AT_RISK: "bold red",
    OVERDUE: "bold red",
    NO_DATA: "dim",
}
BAR_WIDTH = 10
FULL, EMPTY, MARK = "\u2588", "\u2591", "\u2502"  # █ ░ │


def bar(p: Progress, width: int = BAR_WIDTH, expected_mark: bool = False) -> Text:
    """'██████░░░░' coloured by status; with `expected_mark`, a │ where it should be by now."""
    percent = p.percent or 0.0
    filled = round(percent * width / 100)
    cells = [FULL] * filled + [EMPTY] * (width - filled)
    mark = None
    if expected_mark and p.expected is not None:
        mark = min(width - 1, round(p.expected * width / 100))
        cells[mark] = MARK
    text = Text()
    style = STATUS_STYLE.get(p.status, "")
    for i, cell in enumerate(cells):
        text.append(cell, style="bold" if i == mark else (style if cell == FULL else "dim"))
    return text


def progress_cells(p: Progress) -> Text:
    """The row's progress: ' ██████░░░░  60% on track'."""
    text = Text(" ")
    text.append_text(bar(p))
    percent = "  -" if p.percent is None else f"{p.percent:3.0f}"
    text.append(f" {percent}% ", style="bold")
    text.append(p.status, style=STATUS_STYLE.get(p.status, ""))
    return text


def progress_detail(p: Progress) -> Text:
    """The detail pane's progress: baseline → current → target, the bar with the expected
    mark, percent, expected by now and status."""
    text = Text()
    text.append("Progress: ", style="bold")
    text.append(p.status + "\n", style=STATUS_STYLE.get(p.status, ""))
    if p.target is not None:
        text.append(
            f"{with_unit(p.baseline, p.unit)} \u2192 {with_unit(p.current, p.unit)} \u2192 "
            f"{with_unit(p.target, p.unit)}\n"
        )
    text.append_text(bar(p, width=24, expected_mark=True))
    percent = "?" if p.percent is None else f"{p.percent:.0f}%"
    text.append(f" {percent}\n")
    if p.expected is not None:
        text.append(f"expected by now: {p.expected:.0f}% (the │ mark)\n", style="dim")
    if p.target is not None:
        last = f", latest {p.checkins[-1].when}" if p.checkins else ""
        text.append(
            f"{len(p.checkins)} check-in{'s' * (len(p.checkins) != 1)}{last}; k checks in\n",
            style="dim",
        )
    return text


class CheckinSparkline(Sparkline):
    """The check-in values over time, oldest on the left (hidden with fewer than two)."""

    DEFAULT_CSS = """
    CheckinSparkline { height: 3; margin: 1 0; }
    """

    def show_progress(self, p: Progress | None) -> None:
        values = [c.value for c in p.checkins] if p is not None else []
        self.data = values
        self.display = len(values) >= 2
