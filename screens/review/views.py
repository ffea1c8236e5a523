"""How the review screen shows an assessment: list prompts and pane texts, as rich Text.

Kept apart from the screen so the screen is about events and workers; everything here
is a pure function of the assessment, and every piece of user text goes through
`visible_line` into `Text` (never markup), so `[/]` in a title shows literally.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from rich.table import Table
from rich.text import Text

from journal.export.outline import kinds_text
from journal.goals import STALE_DAYS
from journal.measure import with_unit
from journal.progress import measurable
from journal.progress import summary as progress_summary
from journal.review.assessment import Assessment, Evidence, GoalReport, SkillReport
from journal.textsafe import first_of, plural, visible, visible_line
from journal.timestamps import human_date
from screens.widgets.entry_list import KIND_SHORT

OVERVIEW = "overview"


def _row(left: Text, count: int) -> Table:
    """A list row: the text takes the room (cut with an ellipsis), the count sits right."""
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(justify="right", no_wrap=True, width=4)
    grid.add_row(left, Text(str(count), style="dim"))
    return grid


def goal_prompt(rep: GoalReport, gap: bool) -> Table:
    """'● Grow enterprise revenue   12': done-ness, title (indented if a sub-goal), evidence.

    The title comes first so a narrow list cuts the end of the title, not all of it.
    """
    done = bool(rep.rating) + bool(rep.narrative.strip())
    glyph, style = [("\u25cb", "dim"), ("\u25d0", "yellow"), ("\u25cf", "green")][done]
    if gap or rep.overdue:
        glyph, style = "!", "bold red"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("  " * rep.depth)
    text.append(glyph, style=style)
    text.append(" ")
    text.append(visible_line(rep.title))
    return _row(text, len(rep.evidence))


def skill_prompt(rep: SkillReport) -> Table:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(
        "\u25cf" if rep.narrative.strip() else "\u25cb",
        style="green" if rep.narrative.strip() else "dim",
    )
    text.append(" ")
    text.append(visible_line(str(rep.skill["name"])))
    return _row(text, len(rep.practice))


def heading(title: str) -> Text:
    return Text(title, style="bold", no_wrap=True, overflow="ellipsis")


def goal_header(a: Assessment, rep: GoalReport) -> Text:
    """Title, then measure/target/due and the evidence counts: one line each."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(visible_line(rep.title), style="bold")
    text.append(f"  {visible_line(rep.code)}", style="dim")
    facts = []
    goal = rep.goal
    if rep.supports:
        facts.append("supports " + ", ".join(visible_line(s) for s in rep.supports))
    facts_shown: tuple[tuple[Literal["measure", "target"], str], ...] = (
        ("measure", "measure"),
        ("target", "target"),
    )
    for key, label in facts_shown:
        if goal.get(key):
            facts.append(f"{label}: {visible_line(str(goal[key]))}")
    if due := goal.get("due"):
        facts.append(
            f"due {human_date(date.fromisoformat(due))}" + (" (overdue)" if rep.overdue else "")
        )
    if rep.done_in_period:
        done = goal.get("done_on") or goal.get("due")
        facts.append(f"done {human_date(date.fromisoformat(str(done)[:10]))}")
    evidence = rep.evidence
    counts = kinds_text(rep.counts)
    summary = plural(len(evidence), "entry", "entries") + (f" ({counts})" if counts else "")
    if rep.latest:
        summary += f", latest {human_date(rep.latest)}"
    dropped = len(rep.found) - len(evidence)
    if dropped:
        summary += f"; {dropped} dropped"
    if facts:
        text.append("\n" + " · ".join(facts), style="italic")
    if rep.progress is not None and measurable(goal):
        text.append("\nprogress: ", style="bold")
        text.append(progress_summary(rep.progress))
        if rep.checkins:
            unit = rep.progress.unit
            shown = ", ".join(
                f"{human_date(date.fromisoformat(c['when'][:10]))} "
                f"{with_unit(c.get('value'), unit)}"
                for c in rep.checkins[-4:]
            )
            more = len(rep.checkins) - 4
            text.append(f"\ncheck-ins: {'… ' if more > 0 else ''}{shown}", style="dim")
    text.append("\n" + summary)
    return text


def chart_caption(a: Assessment, rep: GoalReport) -> Text:
    """Under the sparkline: the span, the busiest month and the quiet ones."""
    if not a.months:
        return Text("")
    names = [human_date(date(y, m, 1)).split(" ", 1)[1] for y, m in a.months]
    short = [n.split()[0] if len({y for y, _ in a.months}) == 1 else n for n in names]
    text = Text(f"{names[0]} \u2192 {names[-1]}", style="dim")
    top: int = max(rep.months, default=0)
    if top:
        text.append(f" · busiest {short[rep.months.index(top)]} ({top})", style="dim")
    quiet = [n for n, c in zip(short, rep.months, strict=True) if not c]
    if quiet and len(a.months) <= 24:
        shown = ", ".join(quiet[:6]) + ("…" if len(quiet) > 6 else "")
        text.append(f" · quiet: {shown}", style="yellow")
    return text


def evidence_prompt(ev: Evidence, titles: dict[str, str]) -> Text:
    entry = ev.entry
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("\u2605 " if entry.get("starred") else "  ", style="yellow")
    text.append(f"{human_date(ev.day):>11} ", style="dim")
    text.append(f"{KIND_SHORT.get(entry['kind'], entry['kind']):<4} ", style="cyan")
    text.append(visible_line(entry["title"]))
    if source := entry.get("source"):
        text.append(f" — {visible_line(source)}", style="dim")
    if ev.via:
        text.append(
            " via " + ", ".join(visible_line(titles.get(g, g)) for g in ev.via), style="dim italic"
        )
    return text


def readiness_text(a: Assessment) -> Text:
    r = a.readiness
    text = Text()
    text.append("Readiness  ", style="bold")

    def part(label: str, n: int) -> None:
        style = "green" if n == r.goals and r.goals else "yellow"
        text.append(f"{label} {n}/{r.goals}", style=style)
        text.append(" · ")

    part("evidence", r.with_evidence)
    part("rated", r.rated)
    part("narrative", r.narrated)
    text.append("summary ", style="")
    text.append("written" if r.summary else "missing", style="green" if r.summary else "yellow")
    if r.ready:
        text.append("  ✓ ready to export", style="bold green")
    return text


def gaps_text(a: Assessment) -> Text:
    text = Text()
    text.append("Gaps and stale goals\n", style="bold")
    if not a.goals:
        text.append(
            "No company goals yet: add them on the Goals screen (g) or import an outline.\n",
            style="yellow",
        )
    elif not a.gaps and not a.stale:
        text.append("Every company goal has recent evidence.\n", style="green")
    for g in a.achievements:
        text.append("\u2713 ", style="bold green")
        text.append(visible_line(g.title))
        text.append(" — done in this period (an achievement)\n", style="dim")
    for g in a.overdue:
        text.append("! ", style="bold red")
        text.append(visible_line(g.title))
        due = human_date(date.fromisoformat(g.goal["due"] or ""))  # overdue: it has one
        text.append(f" — overdue: due {due}, still active\n", style="dim")
    for g in a.at_risk:
        if g.progress is None:
            continue
        text.append("! ", style="bold red")
        text.append(visible_line(g.title))
        text.append(f" — at risk: {progress_summary(g.progress)}\n", style="dim")
    for g in a.gaps:
        text.append("! ", style="bold red")
        text.append(visible_line(g.title))
        text.append(" — no evidence in this period\n", style="dim")
    for g in a.stale:
        text.append("~ ", style="bold yellow")
        text.append(visible_line(g.title))
        latest = human_date(g.latest) if g.latest else "?"
        text.append(
            f" — latest {latest}, over {STALE_DAYS} days before {human_date(a.as_of)}\n",
            style="dim",
        )
    text.rstrip()
    return text


def feedback_text(a: Assessment) -> Text:
    fb = a.feedback
    c = fb.counts
    text = Text()
    text.append("Feedback received\n", style="bold")
    if not c.total:
        return text.append("None in this period.", style="dim")
    text.append(f"{c.total} in all: ")
    text.append(f"{c.praise} praise", style="green")
    text.append(f", {c.constructive} constructive", style="yellow")
    text.append(f", {c.mixed} mixed\n")
    sources = [f"{visible_line(name)} {n.total}" for name, n in fb.by_source.items()]
    text.append("From: " + first_of(sources, 6) + "\n", style="dim")
    themes = [
        f"{visible_line(tag)} {n.total}" for tag, n in list(fb.themes.items())[:8] if n.total >= 2
    ]
    if themes:
        text.append("Themes: " + ", ".join(themes) + "\n")
    if fb.without_skill:
        text.append(
            f"{plural(len(fb.without_skill), 'constructive item')} not yet a skill "
            "(Skills screen, f):\n",
            style="yellow",
        )
        for entry in fb.without_skill[:5]:
            text.append(f"  {human_date(date.fromisoformat(entry['when'][:10]))} ", style="dim")
            text.append(visible_line(entry["title"]) + "\n")
    return text


def skill_text(rep: SkillReport) -> Text:
    s = rep.skill
    text = Text()
    text.append(visible_line(str(s["name"])), style="bold")
    text.append(
        f"  level {s.get('level') or '?'} \u2192 {s.get('target_level') or '?'}", style="dim"
    )
    if s.get("plan"):
        text.append("\nPlan: ", style="bold")
        text.append(visible(str(s["plan"])))
    for entry in rep.origins:
        text.append("\nFrom: ", style="bold")
        text.append(visible_line(entry["title"]))
    text.append(f"\nPractice this period: {plural(len(rep.practice), 'entry', 'entries')}")
    for entry in rep.practice[:12]:
        text.append(f"\n  {human_date(date.fromisoformat(entry['when'][:10])):>11} ", style="dim")
        text.append(visible_line(entry["title"]))
    return text
