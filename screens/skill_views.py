"""The Skills screen's view of each skill: its evidence (how many entries, the latest),
the feedback entries it came from, and the detail pane's text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rich.text import Text

from journal.records import Entry, Skill
from journal.textsafe import plural, visible, visible_line
from journal.timestamps import human_date
from screens.skill_form import LEVEL_NAMES, feedback_line


@dataclass(frozen=True)
class SkillView:
    """One skill as shown: the record, its evidence, and the feedback entries it came from."""

    skill: Skill
    count: int
    latest: str | None
    sources: tuple[Entry, ...]

    @property
    def id(self) -> str:
        return str(self.skill["id"])


def skill_views(skills: list[Skill], entries: Iterable[Entry]) -> list[SkillView]:
    """Evidence per skill in one pass; `sources` keeps only the why-entries that still exist."""
    counts = {s["id"]: 0 for s in skills}
    latest: dict[str, str] = {}
    wanted = {w for s in skills for w in s.get("why", [])}
    found: dict[str, Entry] = {}
    for entry in entries:
        if entry["id"] in wanted:
            found[entry["id"]] = entry.copy()
        for skill_id in entry["skills"]:
            if skill_id in counts:
                counts[skill_id] += 1
                latest[skill_id] = max(latest.get(skill_id, ""), entry["when"])
    ordered = sorted(skills, key=lambda s: (s.get("status") != "active", s["code"]))
    return [
        SkillView(
            s,
            counts[s["id"]],
            latest[s["id"]][:10] if s["id"] in latest else None,
            tuple(found[w] for w in s.get("why", []) if w in found),
        )
        for s in ordered
    ]


def level_text(skill: Skill) -> str:
    level, target = skill.get("level"), skill.get("target_level")
    return f"{level or '?'} → {target or '?'}"


def skill_detail(view: SkillView) -> Text:
    """The detail pane, as Text so a name or plan like `[/]` shows literally."""
    skill = view.skill
    text = Text()
    text.append(visible_line(skill["name"]) + "\n", style="bold")
    text.append(f"{visible_line(skill['code'])} · {skill.get('status', 'active')}\n\n", style="dim")
    level = LEVEL_NAMES.get(skill.get("level") or 0, "not set")
    target = LEVEL_NAMES.get(skill.get("target_level") or 0, "not set")
    text.append("Level: ", style="bold")
    text.append(f"{level} → {target}\n")
    text.append("Evidence: ", style="bold")
    latest = f", latest {human_date(date.fromisoformat(view.latest))}" if view.latest else ""
    text.append(f"{plural(view.count, 'entry')}{latest}\n")
    text.append("\nPlan\n", style="bold")
    text.append(visible(skill.get("plan") or "") or "—")
    text.append("\n\nCame from\n", style="bold")
    if not view.sources:
        text.append("— (press f to start a skill from feedback)", style="dim")
    for entry in view.sources:
        text.append_text(feedback_line(entry))
        text.append("\n")
    return text
