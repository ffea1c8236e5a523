"""The skill form: name, code, level -> target, status, plan, and the feedback behind it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static, TextArea

from journal.models import LEVELS, SKILL_STATUSES
from journal.records import Entry, Skill
from journal.textsafe import visible_line
from journal.timestamps import human_date
from screens.dialogs import RecordForm, Save, row

LEVEL_NAMES = {1: "1 aware", 2: "2 learning", 3: "3 capable", 4: "4 strong", 5: "5 teaches others"}


def level_select(value: int | None, select_id: str) -> Select[int]:
    """A 1-5 picker that may stay blank: not every skill has a level yet."""
    chosen = value if isinstance(value, int) and value in LEVELS else Select.NULL
    options = [(LEVEL_NAMES[n], n) for n in LEVELS]
    return Select(options, value=chosen, prompt="—", compact=True, id=select_id)


def feedback_line(entry: Entry) -> Text:
    """'4 Mar 2026 · Dana: Your updates ramble', with the user's words kept literal."""
    text = Text(human_date(date.fromisoformat(entry["when"][:10])) + " · ", style="dim")
    if source := entry.get("source"):
        text.append(visible_line(source) + ": ", style="bold")
    text.append(visible_line(entry["title"]))
    return text


class SkillForm(RecordForm[Skill]):
    """Add or edit a skill; `sources` are the feedback entries it came from (read-only)."""

    def __init__(
        self, heading: str, skill: Skill | None, save: Save[Skill], sources: Sequence[Entry] = ()
    ) -> None:
        super().__init__(heading, save)
        skill = skill or {}
        self.name_input = Input(
            skill.get("name", ""),
            placeholder="e.g. Presenting to leadership",
            compact=True,
            id="skill-name",
        )
        self.code_input = Input(
            skill.get("code", ""),
            placeholder="blank: made from the name",
            compact=True,
            id="skill-code",
        )
        self.level_select = level_select(skill.get("level"), "skill-level")
        self.target_select = level_select(skill.get("target_level"), "skill-target")
        self.status_select: Select[str] = Select(
            [(s, s) for s in SKILL_STATUSES],
            value=skill.get("status") or "active",
            allow_blank=False,
            compact=True,
            id="skill-status",
        )
        self.plan_area = TextArea(skill.get("plan", ""), compact=True, id="skill-plan")
        why = Text("\n").join(feedback_line(e) for e in sources) if sources else Text("—")
        self.sources = Static(why, classes="form-value", markup=False)

    def compose_fields(self) -> ComposeResult:
        yield row("Name", self.name_input)
        yield row("Code", self.code_input)
        yield row("Level now", self.level_select)
        yield row("Target", self.target_select)
        yield row("Status", self.status_select)
        yield row("Plan", self.plan_area)
        yield row("From", self.sources)

    def values(self) -> dict[str, Any] | None:
        level, target = self.level_select.value, self.target_select.value
        return {
            "name": self.name_input.value,
            "code": self.code_input.value.strip() or None,
            "level": level if isinstance(level, int) else None,
            "target_level": target if isinstance(target, int) else None,
            "status": str(self.status_select.value),
            "plan": self.plan_area.text.strip(),
        }
