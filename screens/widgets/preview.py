"""The preview pane: an entry's facts as plain Text, its body rendered as Markdown.

Titles, sources, tags and links are user text, so they are built as `rich.text.Text`
with control characters made visible; only the body goes through Markdown (which never
reads Rich markup), and Markdown links are not opened by a click.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Markdown, Static

from journal.records import Entry
from journal.textsafe import visible, visible_line
from journal.timestamps import from_iso, human_date

MAX_BODY = 100_000
"""Longer bodies are cut in the preview: Markdown-rendering megabytes would stall the UI."""
PREVIEW_DELAY = 0.06
"""Seconds the entry must rest before the preview renders it."""


def entry_facts(entry: Entry, names: Mapping[str, str]) -> Text:
    """The header of the preview: kind, date, source, sentiment, tags, goals, skills."""
    when = from_iso(entry["when"])
    text = Text()
    text.append(entry["kind"], style="bold")
    text.append(f"  {human_date(when)} {when:%H:%M}", style="dim")
    if entry.get("starred"):
        text.append("  ★ starred", style="yellow")
    text.append(f"  {entry['id']}", style="dim")
    if entry["kind"] == "feedback":
        text.append("\nfrom ", style="dim")
        text.append(visible_line(entry.get("source") or "(unknown)"))
        if entry.get("sentiment"):
            text.append(f"  ({entry['sentiment']})", style="italic")
    for label, ids in (("goals", entry.get("goals", ())), ("skills", entry.get("skills", ()))):
        if ids:
            text.append(f"\n{label}: ", style="dim")
            text.append(visible_line(", ".join(names.get(i, i) for i in ids)))
    if entry.get("tags"):
        text.append("\ntags: ", style="dim")
        text.append(visible_line(" ".join(f"#{t}" for t in entry["tags"])))
    text.append("\n\n")
    text.append(visible_line(entry["title"]), style="bold")
    return text


class EntryPreview(VerticalScroll, can_focus=False):
    """Shows one entry, bound from the screen: `entry` (None says nothing is selected)
    and `names`, the goal and skill labels its links are shown with.

    It renders once the two rest for `PREVIEW_DELAY`: holding a key in the list repaints
    the list only."""

    DEFAULT_CSS = """
    EntryPreview {
        padding: 0 1;
        & > #facts { width: 1fr; }
        & > Markdown { margin: 1 0 0 0; padding: 0; background: transparent; }
    }
    """

    entry: var[Entry | None] = var(None, init=False)
    names: var[Mapping[str, str]] = var(dict, init=False)

    _timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="facts", markup=False)
        yield Markdown(open_links=False)

    @property
    def facts(self) -> Static:
        return self.query_one("#facts", Static)

    @property
    def body(self) -> Markdown:
        return self.query_one(Markdown)

    def watch_entry(self) -> None:
        self._rest()

    def watch_names(self) -> None:
        self._rest()

    def _rest(self) -> None:
        if self._timer is None:
            self._timer = self.set_timer(PREVIEW_DELAY, self._render_entry)
        else:
            self._timer.reset()

    def _render_entry(self) -> None:
        self._timer = None
        self.show(self.entry, self.names)

    def show(self, entry: Entry | None, names: Mapping[str, str]) -> None:
        """Render `entry` now (the bound `entry` and `names` do this after a rest)."""
        if entry is None:
            self.facts.update(Text("Nothing selected.", style="dim italic"))
            self.body.update("")
            return
        self.facts.update(entry_facts(entry, names))
        body = entry.get("body") or ""
        if len(body) > MAX_BODY:
            body = body[:MAX_BODY] + f"\n\n*(preview cut at {MAX_BODY:,} characters)*"
        self.body.update(visible(body))
        self.scroll_home(animate=False)
