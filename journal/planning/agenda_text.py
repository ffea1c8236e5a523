"""The 1:1 agenda as the exports' outline blocks, then Markdown or plain text (the CLI
and the app's agenda screen render the same blocks)."""

from __future__ import annotations

from journal.export.outline import Block, Bullets, Em, Heading, Inline, Para, Strong
from journal.planning.agenda import Agenda
from journal.records import Entry

FORMATS = ("md", "txt")
NOTHING = "Nothing here."


def _entry(entry: Entry) -> tuple[Inline, ...]:
    source = (
        f" ({entry['source']}, {entry.get('sentiment') or 'feedback'})"
        if entry.get("source")
        else ""
    )
    return (f"{entry['when'][:10]}: ", entry["title"], source)


def _section(title: str, items: list[tuple[Inline, ...]]) -> list[Block]:
    body: Block = Bullets(tuple(items)) if items else Para((Em((NOTHING,)),))
    return [Heading(2, (title,)), body]


def agenda_blocks(agenda: Agenda) -> list[Block]:
    who = f" with {agenda.who}" if agenda.who else ""
    blocks: list[Block] = [Heading(1, (f"1:1{who}: agenda",)), Para((agenda.since_label,))]
    blocks += _section("Wins", [_entry(e) for e in agenda.wins])
    blocks += _section(
        "Progress on goals",
        [
            (
                Strong((g["code"],)),
                f": {g['title']}, {n} entr{'y' if n == 1 else 'ies'} since"
                + ("" if status == "no data" else f"; {status}"),
            )
            for g, n, status in agenda.progress
        ],
    )
    blocks += _section(
        "Off track",
        [(Strong((g["code"],)), f": {g['title']}, {why}") for g, why in agenda.off_track],
    )
    blocks += _section("Feedback received", [_entry(e) for e in agenda.feedback])
    blocks += _section(
        "Constructive feedback not yet acted on",
        [(*_entry(e), f" [{e['id']}]") for e in agenda.not_acted_on],
    )
    blocks += _section("What I need from my manager", [(text,) for text in agenda.asks])
    blocks += _section(
        "Career and personal goals",
        [(Strong((g["code"],)), f": {g['title']}; {line}") for g, line in agenda.personal],
    )
    blocks += _section(
        "Open action items from earlier 1:1s",
        [
            (a.text, f" (action {a.number}, from the 1:1 of {a.meeting_when[:10]})")
            for a in agenda.open_actions
        ],
    )
    return blocks


def render_agenda(agenda: Agenda, fmt: str) -> str:
    from journal.export.assessment import to_markdown, to_text

    blocks = agenda_blocks(agenda)
    return to_text(blocks) if fmt == "txt" else to_markdown(blocks)
