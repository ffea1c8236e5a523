"""Goal progress on the command line: the metric flags of `goal add/edit`, `goal show`,
`goal milestone add/done`, and the one-line progress summary `goal list` prints."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any, Literal

from journal.cli.output import open_store, print_json
from journal.errors import ValidationError
from journal.goal_metrics import MetricFlags
from journal.measure import parse_value, with_unit
from journal.progress import Progress
from journal.progress import summary as progress_summary
from journal.textsafe import plural, visible_line

RAW = argparse.RawDescriptionHelpFormatter

METRIC_NOTE = """\
A metric makes a goal measurable: --baseline (where it stands at --start, default the day
the goal was added), --target and --unit. --target is kept as typed in the goal's target
text; when it starts with a number that number is also the metric's target. The unit is
--unit, else the words after --target's number, else the metric's unit so far, else the
unit typed with --baseline (420ms); a unit typed with --baseline or --target that is not
that unit is refused, as a check-in's is. A target below the baseline means lower is better.
"""


def number(text: str) -> tuple[float, str]:
    """A flag's number and the unit typed with it, read like a check-in's VALUE (1,250,
    34% and 420ms work): '420ms' -> (420.0, 'ms')."""
    try:
        return parse_value(text)
    except ValidationError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_metric_flags(parser: argparse.ArgumentParser, edit: bool) -> None:
    from journal.cli.checkins import NEGATIVE_VALUE

    parser._negative_number_matcher = NEGATIVE_VALUE  # --baseline -1e3, as checkin reads it
    parser.add_argument("--unit", metavar="U", help="the metric's unit: ms, %%, deals, $")
    parser.add_argument(
        "--baseline",
        type=number,
        metavar="N",
        help="where the metric stands at the start: 420, or 420ms (the unit, without --unit)",
    )
    parser.add_argument(
        "--start", metavar="W", help="when the goal started (default: the day it was added)"
    )
    if edit:
        parser.add_argument(
            "--no-metric",
            action="store_true",
            help="remove the metric (check-ins stay, as entries)",
        )


def metric_flags(args: argparse.Namespace) -> MetricFlags:
    baseline, baseline_unit = args.baseline if args.baseline is not None else (None, None)
    return MetricFlags(
        unit=args.unit,
        baseline=baseline,
        target=args.target or None,
        start=args.start,
        baseline_unit=baseline_unit or None,
    )


def note_no_baseline(code: str) -> None:
    print(
        f"journal: note: to track {code}'s progress give it a baseline: "
        f"journal goal edit {code} --baseline N",
        file=sys.stderr,
    )


def summary(p: Progress) -> str:
    """The progress line of `goal show`: 'baseline -> latest -> target (percent, status)'."""
    return progress_summary(p, arrow="->")


def register_progress(goal_sub: Any, common: argparse.ArgumentParser) -> None:
    show = goal_sub.add_parser(
        "show",
        parents=[common],
        help="one goal with its progress and check-ins",
        description="One goal in full: its fields, its progress (baseline -> current -> "
        "target, percent, expected by now, status), its milestones, its check-ins and how "
        "many entries are evidence for it.",
        epilog="examples:\n  journal goal show latency\n  journal goal show latency --json",
        formatter_class=RAW,
    )
    show.add_argument("goal", metavar="CODE", help="the goal's code")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(run=run_goal_show)
    milestone = goal_sub.add_parser(
        "milestone",
        parents=[common],
        help="add or finish a goal's milestones",
        description="Milestones of a goal without a numeric target: their share done is "
        "its progress.",
    )
    actions = milestone.add_subparsers(dest="milestone_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        parents=[common],
        help="add a milestone",
        epilog='example:\n  journal goal milestone add influence "Run the API guild" '
        "--due 2026-09-30",
        formatter_class=RAW,
    )
    add.add_argument("goal", metavar="CODE", help="the goal's code")
    add.add_argument("text", metavar="TEXT", help="what the milestone is")
    add.add_argument("--due", metavar="W", help="when it is due")
    add.set_defaults(run=run_milestone_add)
    done = actions.add_parser(
        "done",
        parents=[common],
        help="mark milestone N done (1 is the first)",
        epilog="example:\n  journal goal milestone done influence 1",
        formatter_class=RAW,
    )
    done.add_argument("goal", metavar="CODE", help="the goal's code")
    done.add_argument("number", metavar="N", type=int, help="the milestone's number")
    done.set_defaults(run=run_milestone_done)


def run_milestone_add(args: argparse.Namespace) -> int:
    from journal.goal_metrics import milestone_added

    store = open_store(args, must_exist=True)
    goal = store.goals.get(args.goal)
    goal = store.goals.update(goal["id"], milestones=milestone_added(goal, args.text, args.due))
    print(visible_line(f"{goal['code']}: milestone {len(goal['milestones'])} added: {args.text}"))
    return 0


def run_milestone_done(args: argparse.Namespace) -> int:
    from journal.goal_metrics import milestone_done

    store = open_store(args, must_exist=True)
    goal = store.goals.get(args.goal)
    today = store.now_iso()[:10]
    goal = store.goals.update(goal["id"], milestones=milestone_done(goal, args.number, today))
    item = goal["milestones"][args.number - 1]
    print(visible_line(f"{goal['code']}: milestone {args.number} done: {item['text']}"))
    return 0


def run_goal_show(args: argparse.Namespace) -> int:
    from journal.cli.goals import goal_json
    from journal.progress import progress
    from journal.query import goal_evidence
    from journal.storage.migrate import target_offers

    store = open_store(args, must_exist=True)
    goal = store.goals.get(args.goal)
    entries = store.raw_entries()
    count, latest = goal_evidence([goal], entries)[goal["id"]]
    now = date.today()
    found = progress(goal, entries, now)
    if args.json:
        print_json(goal_json(goal, store.code_map(), count, latest, now, found))
        return 0
    lines = [f"{goal['code']}  {goal['scope']} goal  {goal['title']}"]
    shown: tuple[tuple[str, Literal["measure", "target", "due", "status", "notes"]], ...] = (
        ("measure", "measure"),
        ("target", "target"),
        ("due", "due"),
        ("status", "status"),
        ("notes", "notes"),
    )
    for label, name in shown:
        if goal.get(name):
            lines.append(f"  {label + ':':<10}{goal[name]}")
    lines.append(f"  {'progress:':<10}{summary(found)}")
    if found.expected is not None:
        lines.append(f"  {'expected:':<10}{found.expected:.0f}% by today")
    offer = target_offers([goal]).get(goal["id"])
    if offer:
        base = (
            f" --baseline {offer['baseline']:g}"
            if offer["baseline"] is not None
            else " --baseline N"
        )
        unit = f" --unit {offer['unit']}" if offer["unit"] else ""
        lines.append(
            f"  its target reads as {with_unit(offer['target'], offer['unit'])}; "
            f"track it: journal goal edit {goal['code']}{base} "
            f"--target {offer['target']:g}{unit}"
        )
    for n, item in enumerate(goal.get("milestones") or [], 1):
        mark = "x" if item.get("done_on") else " "
        due = f"  due {item['due']}" if item.get("due") else ""
        done = f"  done {item['done_on']}" if item.get("done_on") else ""
        lines.append(f"  [{mark}] {n}. {item['text']}{due}{done}")
    lines.append(f"  evidence: {plural(count, 'entry')}" + (f", latest {latest}" if latest else ""))
    from journal.planning.describe import plan_lines  # issue 15: agreement and plan steps

    lines += [f"  {line}" for line in plan_lines(goal, store.goals.all(), store.skills.all())]
    if found.checkins:
        lines.append(f"  check-ins ({len(found.checkins)}):")
    for c in found.checkins:
        conf = f" ({c.confidence})" if c.confidence else ""
        note = f"  {c.note}" if c.note else ""
        lines.append(f"    {c.when}  {with_unit(c.value, found.unit)}{conf}{note}")
    for line in lines:
        print(visible_line(line))
    return 0


def progress_cell(p: Progress) -> str:
    """The short progress column of `journal goal list`: ' 45% on track'."""
    percent = "   -" if p.percent is None else f"{p.percent:3.0f}%"
    return f"{percent} {p.status}"
