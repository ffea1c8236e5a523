"""The headline flow: constructive feedback becomes a skill in one step.

`feedback_wanting_skill` lists the constructive (and mixed) feedback no skill covers yet;
`start_skill_from_feedback` opens the skill form pre-filled (a short name suggested from
the title) and saving creates the skill with `why=[entry]` and tags the entry with the
skill, in one write. It runs on the app, so any screen can start it (skills, journal,
coach).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App

from journal.live import LiveJournal, Snapshot
from journal.query import EntryFilter, find
from journal.records import Entry, Skill
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line
from screens.messages import SkillSaved
from screens.skill_form import SkillForm

DEFAULT_LEVEL, DEFAULT_TARGET = 2, 4
WANTS_SKILL = ("constructive", "mixed")


def feedback_wanting_skill(entries: Iterable[Entry], skills: list[Skill]) -> list[Entry]:
    """Constructive or mixed feedback that no skill covers yet, newest first."""
    covered = {w for s in skills for w in s.get("why", [])}
    feedback = find(entries, EntryFilter(kind="feedback"))
    return [
        e.copy()
        for e in feedback
        if e.get("sentiment") in WANTS_SKILL and not e["skills"] and e["id"] not in covered
    ]


SUGGEST_WORDS, SUGGEST_WIDTH = 5, 32


def suggest_name(title: str) -> str:
    """A short skill name from a feedback title: its first clause, at most five words.

    A starting point to edit, not the whole sentence: 'Your updates ramble; lead with the
    ask.' gives 'Your updates ramble'. Capitalised, no end punctuation.
    """
    clause = re.split(r"[,;:.!?\u2014\u2013]| - ", visible_line(title).strip(), maxsplit=1)[0]
    name = ""
    for word in clause.split()[:SUGGEST_WORDS]:
        if name and len(name) + len(word) + 1 > SUGGEST_WIDTH:
            break
        name = f"{name} {word}".strip()
    name = name[:SUGGEST_WIDTH].rstrip(".!?;:, ")
    return name[:1].upper() + name[1:] if name else "New skill"


def start_skill_from_feedback(
    app: App[Any],
    live: LiveJournal,
    snapshot: Snapshot,
    entry_id: str,
    on_saved: Callable[[Skill], None] | None = None,
) -> None:
    """Open the skill form pre-filled from a feedback entry; saving links the two both ways.

    Works from any screen: it runs on the app, not on a screen that may not be shown.
    """

    def save(values: dict[str, Any]) -> Skill:
        def change(store: JournalStore) -> Skill:  # skill and entry link: one write
            skill = store.skills.add(values.pop("name"), why=[entry_id], **values)
            store.entries.link(entry_id, skills=[skill["id"]])
            return skill

        return live.write(change).result

    def open_form(entry: Entry) -> None:
        prefill: Skill = {
            "name": suggest_name(entry["title"]),
            "level": DEFAULT_LEVEL,
            "target_level": DEFAULT_TARGET,
        }

        def done(saved: Skill | None) -> None:
            if saved is not None:
                app.notify(f"Skill {saved['code']} created from {entry_id}", markup=False)
                app.post_message(SkillSaved(saved["id"]))
                if on_saved is not None:
                    on_saved(saved)

        app.push_screen(SkillForm("New skill from feedback", prefill, save, [entry]), done)

    entry = snapshot.entry(entry_id.strip().lower())
    if entry is None:
        app.notify(
            f"no entry {entry_id!r}: `journal list` shows entry ids", severity="error", markup=False
        )
    elif entry["kind"] != "feedback":
        app.notify(
            f"{entry_id} is a {entry['kind']}, not feedback", severity="warning", markup=False
        )
    else:
        open_form(entry.copy())
