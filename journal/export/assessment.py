"""Exporting a self-assessment: Markdown (the default), JSON, HTML and plain text.

The human formats share one outline (`journal.export.outline`): a title and summary, a
section per company goal with its rating, narrative and dated evidence, gaps and stale
goals, feedback, personal goals, and the development plan last. Markdown escapes every
piece of user text, so an entry titled `# x` or `[a](javascript:...)` stays text; HTML is
rendered from that Markdown with raw HTML disabled. Files are written by
`journal.export.outfile` (atomic, 0600, never clobbering unless told).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from journal.export.formats import REVIEW_SUFFIXES
from journal.export.outline import (
    Block,
    Bullets,
    Em,
    Heading,
    Inline,
    Para,
    Strong,
    UserText,
    outline,
)
from journal.records import StoredRecord
from journal.review.assessment import Assessment, Evidence, GoalReport, SkillReport
from journal.review.feedback import SourceCount
from journal.textsafe import safe_json, visible, visible_line

DEFAULT_LIMIT = 15  # evidence items per goal in the human formats: a digest, not a dump


def render(assessment: Assessment, fmt: str = "md", limit: int | None = DEFAULT_LIMIT) -> str:
    """The assessment in one format; `limit` caps each evidence list in human formats."""
    if fmt == "json":
        return to_json(assessment)
    if fmt == "html":
        from journal.export.html import to_html

        return to_html(assessment, limit)
    blocks = outline(assessment, limit)
    return to_markdown(blocks) if fmt == "md" else to_text(blocks)


def format_for(path: str | os.PathLike[str], default: str = "md") -> str:
    """The format a file name asks for by its suffix (.md, .json, .html, .txt)."""
    return REVIEW_SUFFIXES.get(Path(path).suffix.lower(), default)


# -- Markdown ------------------------------------------------------------------------

# Escaped anywhere: what starts emphasis, code, links, HTML, entities or strikethrough.
_INLINE = re.compile(
    r"[\\`*\[\]~]|<(?=[A-Za-z/!?])|&(?=#?[0-9A-Za-z]+;)|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"
)
_NEWLINES = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_CLOSING_HASHES = re.compile(r"(#+)(\s*)$")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_BULLET = re.compile(r"^[-*+\u2022]\s+")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+")


def md_escape(text: str) -> str:
    """User text made inert inline: Markdown punctuation backslash-escaped, controls visible."""
    flat = visible_line(_NEWLINES.sub(" ", text))
    return _INLINE.sub(lambda m: "\\" + m.group(), flat)


def _line_start(line: str) -> str:
    """Escape what would start a block (heading, quote, list, setext line) at a line start."""
    line = line.lstrip(" \t")
    if line[:1] in ("#", ">", "+", "-", "="):
        return "\\" + line
    return _ORDERED.sub(r"\1\\\2", line, count=1)


def _inline_md(parts: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, Strong):
            out.append(f"**{_inline_md(part.parts)}**")
        elif isinstance(part, Em):
            out.append(f"*{_inline_md(part.parts)}*")
        else:
            out.append(md_escape(part))
    return "".join(out)


def _user_md(text: str) -> list[str]:
    """A narrative: paragraphs and simple '-' or '1.' lists kept, everything else escaped."""
    lines: list[str] = []
    previous = "blank"
    for raw in visible(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if previous != "blank":
                lines.append("")
            previous = "blank"
            continue
        if bullet := _BULLET.match(line):
            kind, rendered = "list", "- " + _line_start(md_escape(line[bullet.end() :]))
        elif number := _NUMBERED.match(line):
            kind, rendered = "list", f"{number[1]}. " + _line_start(md_escape(line[number.end() :]))
        else:
            kind, rendered = "para", _line_start(md_escape(line))
        if previous not in ("blank", kind):
            lines.append("")
        lines.append(rendered)
        previous = kind
    while lines and not lines[-1]:
        lines.pop()
    return lines


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            text = _CLOSING_HASHES.sub(lambda m: "\\#" * len(m[1]) + m[2], _inline_md(block.parts))
            out.append("#" * block.level + " " + text)
        elif isinstance(block, Para):
            out.append(_line_start(_inline_md(block.parts)))
        elif isinstance(block, Bullets):
            out.extend("- " + _line_start(_inline_md(item)) for item in block.items)
        elif isinstance(block, UserText):
            out.extend(_user_md(block.text))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- plain text ----------------------------------------------------------------------

_UNDERLINE = {1: "=", 2: "-", 3: "~"}


def _inline_txt(parts: tuple[Inline, ...]) -> str:
    return "".join(
        _inline_txt(p.parts) if isinstance(p, Strong | Em) else visible_line(_NEWLINES.sub(" ", p))
        for p in parts
    )


def to_text(blocks: list[Block]) -> str:
    """Plain text for forms that take no formatting: underlined headings, '-' lists."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            title = _inline_txt(block.parts)
            if block.level == 1:
                title = title.upper()
            out += [title, _UNDERLINE.get(block.level, "-") * len(title)]
        elif isinstance(block, Para):
            out.append(_inline_txt(block.parts))
        elif isinstance(block, Bullets):
            out.extend("- " + _inline_txt(item) for item in block.items)
        elif isinstance(block, UserText):
            out.extend(line.rstrip() for line in visible(block.text).strip("\n").splitlines())
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- JSON ----------------------------------------------------------------------------


def _evidence_json(ev: Evidence, codes: dict[str, str]) -> StoredRecord:
    e = ev.entry
    return {
        "id": e["id"],
        "when": e["when"],
        "kind": e["kind"],
        "title": e["title"],
        "impact": e.get("impact"),
        "starred": bool(e.get("starred")),
        "source": e.get("source"),
        "sentiment": e.get("sentiment"),
        "tags": list(e.get("tags", [])),
        "via": [codes.get(g, g) for g in ev.via],
    }


def _goal_json(rep: GoalReport, codes: dict[str, str], months: list[str]) -> StoredRecord:
    goal = rep.goal
    latest = rep.latest
    return {
        "id": rep.id,
        "code": rep.code,
        "title": rep.title,
        "scope": goal.get("scope", "company"),
        "parent": codes.get(goal.get("parent") or "") if goal.get("parent") else None,
        "supports": [codes.get(s, s) for s in goal.get("supports", [])],
        "status": goal.get("status", "active"),
        "measure": goal.get("measure", ""),
        "target": goal.get("target", ""),
        "due": goal.get("due"),
        "rating": rep.rating,
        "narrative": rep.narrative,
        "evidence_count": len(rep.evidence),
        "last_evidence": latest.isoformat() if latest else None,
        "counts": rep.counts,
        "by_month": dict(zip(months, rep.months, strict=True)),
        "evidence": [_evidence_json(ev, codes) for ev in rep.evidence],
        "excluded": sorted(rep.excluded),
        "metric": goal.get("metric"),
        "progress": _progress_json(rep),
    }


def _progress_json(rep: GoalReport) -> StoredRecord | None:
    """The goal's `progress` as of the period's end; its check-ins are the period's."""
    if rep.progress is None:
        return None
    data = rep.progress.as_json()
    data["checkins"] = [
        {
            "when": c["when"][:10],
            "value": c.get("value"),
            "note": c.get("body") or "",
            "confidence": c.get("confidence"),
        }
        for c in rep.checkins
    ]
    return data


def _count_json(c: SourceCount) -> StoredRecord:
    return {"total": c.total, "praise": c.praise, "constructive": c.constructive, "mixed": c.mixed}


def _skill_json(rep: SkillReport) -> StoredRecord:
    s = rep.skill
    return {
        "id": s["id"],
        "code": rep.code,
        "name": s["name"],
        "level": s.get("level"),
        "target_level": s.get("target_level"),
        "plan": s.get("plan", ""),
        "status": s.get("status", "active"),
        "narrative": rep.narrative,
        "why": [e["id"] for e in rep.origins],
        "evidence_count": len(rep.practice),
        "evidence": [
            {"id": e["id"], "when": e["when"], "kind": e["kind"], "title": e["title"]}
            for e in rep.practice
        ],
    }


def to_data(a: Assessment) -> dict[str, Any]:
    """The assessment as JSON-ready data with stable field names."""
    codes = {r.id: r.code for r in a.all_goals()}
    months = [f"{y:04d}-{m:02d}" for y, m in a.months]
    fb = a.feedback
    r = a.readiness
    return {
        "title": a.title,
        "status": a.status,
        "review": a.review_id,
        "period": {
            "start": a.period.start.isoformat(),
            "end": a.period.end.isoformat(),
            "label": a.period.label,
        },
        "as_of": a.as_of.isoformat(),
        "scale": list(a.scale),
        "summary": a.summary,
        "next_steps": a.next_steps,
        "entry_count": a.entry_count,
        "readiness": {
            "goals": r.goals,
            "with_evidence": r.with_evidence,
            "rated": r.rated,
            "narrated": r.narrated,
            "summary": r.summary,
            "ready": r.ready,
        },
        "months": months,
        "goals": [_goal_json(g, codes, months) for g in a.all_goals()],
        "gaps": [g.code for g in a.gaps],
        "stale": [g.code for g in a.stale],
        "overdue": [g.code for g in a.overdue],
        "at_risk": [g.code for g in a.at_risk],
        "achievements": [g.code for g in a.achievements],
        "feedback": {
            **_count_json(fb.counts),
            "by_source": {name: _count_json(c) for name, c in fb.by_source.items()},
            "themes": {tag: _count_json(c) for tag, c in fb.themes.items()},
            "constructive_without_skill": [
                {"id": e["id"], "when": e["when"], "source": e.get("source"), "title": e["title"]}
                for e in fb.without_skill
            ],
        },
        "skills": [_skill_json(s) for s in a.skills],
    }


def to_json(a: Assessment) -> str:
    return safe_json(to_data(a)).decode() + "\n"
