"""Command palette providers: switch screens, jump to a goal, a skill or an entry.

Hits only post a request message (`SwitchScreen`, `ShowGoal`, ...) to the app. User
text in a hit is shown as plain `Content`: Textual's `Matcher.highlight` would read it
as markup, so the highlighting is redone here on unparsed text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.message import Message

from journal.live import Snapshot
from journal.textsafe import visible_line
from screens.messages import ShowEntry, ShowGoal, ShowSkill, SwitchScreen

if TYPE_CHECKING:
    from screens.app import JournalApp

MAX_ENTRY_HITS = 20
IMPORT_HELP = "A jrnl JSON export (jrnl --export json), or company goals as Markdown or CSV"


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """Like Matcher.highlight, but the text is never parsed as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _JournalProvider(Provider):
    @property
    def snapshot(self) -> Snapshot:
        return cast("JournalApp", self.app).snapshot or Snapshot()

    def _post(self, message: Message) -> None:
        self.app.post_message(message)

    async def _ranked(self, query: str, items: Iterable[tuple[str, Message, str]]) -> Hits:
        """Yield hits for (label, request, help) items that fuzzy-match the query."""
        matcher = self.matcher(query)
        for label, request, help_text in items:
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    plain_highlight(matcher, label),
                    partial(self._post, request),
                    text=label,
                    help=help_text,
                )


class ScreenCommands(_JournalProvider):
    """Go to a screen."""

    SCREENS = (
        ("journal", "Journal: entries, filters and preview (j)"),
        ("goals", "Goals: company goals and the personal goals woven into them (g)"),
        ("skills", "Skills: what you are developing and the feedback behind it (s)"),
        ("review", "Review: build a self-assessment for a period (r)"),
    )

    def _items(self) -> list[tuple[str, Message, str]]:
        return [(f"Go to {name}", SwitchScreen(name), help) for name, help in self.SCREENS]

    def _import(self) -> None:
        cast("JournalApp", self.app).action_import()

    async def discover(self) -> Hits:
        for label, request, help_text in self._items():
            yield DiscoveryHit(label, partial(self._post, request), help=help_text)
        yield DiscoveryHit("Import a jrnl export or a goals file", self._import, help=IMPORT_HELP)

    async def search(self, query: str) -> Hits:
        async for hit in self._ranked(query, self._items()):
            yield hit
        matcher = self.matcher(query)
        label = "Import a jrnl export or a goals file"
        if (score := matcher.match(label)) > 0:
            yield Hit(
                score, plain_highlight(matcher, label), self._import, text=label, help=IMPORT_HELP
            )


class GoalCommands(_JournalProvider):
    """Jump to a goal by code or title."""

    async def search(self, query: str) -> Hits:
        items = [
            (visible_line(f"goal {g['code']}  {g['title']}"), ShowGoal(g["id"]), "goal")
            for g in self.snapshot.goals
        ]
        async for hit in self._ranked(query, items):
            yield hit


class SkillCommands(_JournalProvider):
    """Jump to a skill by code or name."""

    async def search(self, query: str) -> Hits:
        items = [
            (visible_line(f"skill {s['code']}  {s['name']}"), ShowSkill(s["id"]), "skill")
            for s in self.snapshot.skills
        ]
        async for hit in self._ranked(query, items):
            yield hit


class EntryCommands(_JournalProvider):
    """Jump to an entry: every word of the query must appear in its text."""

    async def search(self, query: str) -> Hits:
        words = query.casefold().split()
        if not words or len(query.strip()) < 2:
            return
        snapshot, found = self.snapshot, 0
        matcher = self.matcher(query)
        for entry, hay in zip(snapshot.entries, snapshot.haystacks, strict=True):
            if all(word in hay for word in words):
                label = visible_line(f"{entry['when'][:10]}  {entry['title']}")[:120]
                score = max(matcher.match(label), 0.05) * 0.9
                yield Hit(
                    score,
                    plain_highlight(matcher, label),
                    partial(self._post, ShowEntry(entry["id"])),
                    text=label,
                    help=f"{entry['kind']} entry {entry['id']}",
                )
                found += 1
                if found >= MAX_ENTRY_HITS:
                    return
