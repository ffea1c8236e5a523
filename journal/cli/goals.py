"""`journal goal ...` and `journal skill ...`: what the journal's evidence is for."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from journal.cli.goal_progress import (
    METRIC_NOTE,
    add_metric_flags,
    metric_flags,
    note_no_baseline,
    progress_cell,
    register_progress,
)
from journal.cli.output import open_store, print_json
from journal.errors import ValidationError
from journal.goal_metrics import check_unit_kept, metric_changes, metric_unit
from journal.goals import goal_tree, overdue, unique
from journal.models import GOAL_STATUSES
from journal.planning.describe import steps_json
from journal.progress import Progress, checkins_by_goal, progress
from journal.query import goal_evidence
from journal.records import Goal, StoredRecord
from journal.textsafe import plural, visible_line


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    goal = subparsers.add_parser(
        "goal",
        parents=[common],
        help="add, change and list goals",
        description="Company goals and your own development goals.",
    )
    goal_sub = goal.add_subparsers(dest="goal_command", metavar="ACTION", required=True)
    add = goal_sub.add_parser(
        "add",
        parents=[common],
        help="add a goal",
        description="Add a goal. Company goals by default; --personal "
        "for your own, woven into company goals with --supports.",
        epilog=METRIC_NOTE + '\nexample:\n  journal goal add "Cut checkout latency" --code '
        "latency --baseline 420 --target 300 --unit ms --due 2026-06-30",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument(
        "title",
        metavar="TITLE",
        nargs="?",
        help="what the goal is (with --from-entry: from the feedback's theme)",
    )
    add.add_argument("--code", metavar="C", help="short unique code (default: from the title)")
    add.add_argument("--personal", action="store_true", help="a personal development goal")
    add.add_argument("--parent", metavar="CODE", help="the goal this one sits under")
    add.add_argument(
        "--supports",
        action="append",
        default=[],
        metavar="CODE",
        help="a company goal this personal goal serves (repeatable)",
    )
    add.add_argument("--measure", metavar="M", default="", help="how progress is measured")
    add.add_argument(
        "--target",
        metavar="T",
        default="",
        help="the target: text ('ship v2') or a number ('300', '5 deals')",
    )
    add.add_argument(
        "--due", metavar="W", help="due date: 'end of year', 'June 2027', '2027-06-30'"
    )
    add.add_argument(
        "--from-entry",
        action="append",
        default=[],
        metavar="ID",
        help="make a development goal from this feedback entry (with --personal)",
    )
    add.add_argument(
        "--weave-into",
        metavar="CODE",
        help="with --from-entry: the company goal to pursue it through (adds a "
        "plan step there --for the new goal)",
    )
    add.add_argument("--step", metavar="TEXT", help="with --weave-into: that step's text")
    add_metric_flags(add, edit=False)
    add.set_defaults(run=run_goal_add)
    register_goal_changes(goal_sub, common)
    register_progress(goal_sub, common)
    from journal.cli.goal_plan import register as register_plan

    register_plan(goal_sub, common)
    lst = goal_sub.add_parser(
        "list", parents=[common], help="list goals as a tree, with percent done and status"
    )
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.set_defaults(run=run_goal_list)


def run_goal_add(args: argparse.Namespace) -> int:
    if args.from_entry:
        from journal.cli.goal_plan import run_goal_from_entry

        return run_goal_from_entry(args)
    if args.weave_into or args.step:
        raise ValidationError("--weave-into and --step go with --from-entry ID")
    if args.title is None:
        raise ValidationError("say what the goal is: journal goal add TITLE")
    changes, needs_baseline = metric_changes(None, metric_flags(args))
    store = open_store(args)
    goal = store.goals.add(
        args.title,
        code=args.code,
        scope="personal" if args.personal else "company",
        parent=args.parent,
        supports=args.supports,
        measure=args.measure,
        target=args.target,
        due=args.due,
        metric=changes.get("metric"),
    )
    print(visible_line(f"{goal['code']} added: {goal['scope']} goal {goal['title']}"))
    if needs_baseline:
        note_no_baseline(goal["code"])
    return 0


def goal_json(
    goal: Goal,
    codes: dict[str, str],
    count: int,
    latest: str | None,
    today: date,
    found: Progress,
) -> StoredRecord:
    return {
        "id": goal["id"],
        "code": goal["code"],
        "title": goal["title"],
        "scope": goal["scope"],
        "parent": codes.get(parent) if (parent := goal.get("parent")) else None,
        "supports": [codes.get(s, s) for s in goal.get("supports", [])],
        "measure": goal.get("measure", ""),
        "target": goal.get("target", ""),
        "due": goal.get("due"),
        "overdue": overdue(goal, today),
        "done_on": goal.get("done_on"),
        "status": goal.get("status", "active"),
        "notes": goal.get("notes", ""),
        "evidence_count": count,
        "last_evidence": latest,
        "steps": steps_json(goal, codes),
        "agreement": goal.get("agreement"),
        "why": goal.get("why", []),
        "metric": goal.get("metric"),
        "milestones": goal.get("milestones") or [],
        "progress": found.as_json(),
    }


def run_goal_list(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    goals = store.goals.all()
    codes = store.code_map()
    stats = goal_evidence(goals, store.raw_entries())
    tree = goal_tree(goals)
    today = date.today()
    checkins = checkins_by_goal(store.raw_entries())
    found = {g["id"]: progress(g, checkins.get(g["id"], []), today) for g in goals}
    if args.json:
        print_json(
            [goal_json(g, codes, *stats[g["id"]], today, found[g["id"]]) for _, g in unique(tree)]
        )
        return 0
    if not goals:
        print('No goals yet. Add one: journal goal add "Grow enterprise revenue" --code revenue')
    for depth, goal in tree:
        n, latest = stats[goal["id"]]
        scope = "personal" if goal["scope"] == "personal" else "company "
        due = f"  due {goal['due']}" if goal.get("due") else ""
        due += " (overdue)" if overdue(goal, today) else ""
        status = f"  [{goal['status']}]" if goal.get("status", "active") != "active" else ""
        evidence = plural(n, "entry") + (f", latest {latest}" if latest else "")
        line = (
            f"{'  ' * depth}{goal['code']:<16} {progress_cell(found[goal['id']]):<14} {scope} "
            f"{goal['title']}  ({evidence}){due}{status}"
        )
        print(visible_line(line))
    return 0


RAW = argparse.RawDescriptionHelpFormatter

GOAL_EDIT_EPILOG = """\
Only the fields you name change. --supports replaces the company goals a personal goal
serves (repeat it for several; --no-supports clears them). Entries stay linked when the
code changes: links are by id.

examples:
  journal goal edit influence --supports revenue --supports quality
  journal goal edit revenue --target "3 deals" --due 2026-12-31
  journal goal edit enterprise --parent revenue
"""


def register_goal_changes(goal_sub: Any, common: argparse.ArgumentParser) -> None:
    edit = goal_sub.add_parser(
        "edit",
        parents=[common],
        help="change a goal's fields",
        description="Change a goal: its title, code, scope, parent, the company goals a "
        "personal goal supports, measure, target, due date, status or notes.",
        epilog=GOAL_EDIT_EPILOG + "\n" + METRIC_NOTE,
        formatter_class=RAW,
    )
    edit.add_argument("goal", metavar="CODE", help="the goal's code, as `journal goal list` shows")
    edit.add_argument("--title", metavar="T", help="the new title")
    edit.add_argument("--code", metavar="C", help="a new code")
    scope = edit.add_mutually_exclusive_group()
    scope.add_argument(
        "--personal",
        dest="scope",
        action="store_const",
        const="personal",
        help="make it a personal development goal",
    )
    scope.add_argument(
        "--company",
        dest="scope",
        action="store_const",
        const="company",
        help="make it a company goal",
    )
    parent = edit.add_mutually_exclusive_group()
    parent.add_argument("--parent", metavar="CODE", help="the goal this one sits under")
    parent.add_argument("--no-parent", action="store_true", help="make it a top-level goal")
    supports = edit.add_mutually_exclusive_group()
    supports.add_argument(
        "--supports",
        action="append",
        metavar="CODE",
        help="a company goal this personal goal serves (repeatable; replaces the ones it has)",
    )
    supports.add_argument("--no-supports", action="store_true", help="it supports no company goal")
    edit.add_argument("--measure", metavar="M", help="how progress is measured")
    edit.add_argument(
        "--target", metavar="T", help="the target: text ('ship v2') or a number ('300', '5 deals')"
    )
    add_metric_flags(edit, edit=True)
    due = edit.add_mutually_exclusive_group()
    due.add_argument("--due", metavar="W", help="due date: '2026-06-30', '30 June 2026'")
    due.add_argument("--no-due", action="store_true", help="remove the due date")
    edit.add_argument("--status", metavar="S", help=f"one of: {', '.join(GOAL_STATUSES)}")
    edit.add_argument("--notes", metavar="TEXT", help="notes on the goal")
    edit.set_defaults(run=run_goal_edit)
    for action, status, what in (
        ("done", "done", "mark a goal done"),
        ("drop", "dropped", "drop a goal you no longer pursue"),
    ):
        cmd = goal_sub.add_parser(
            action,
            parents=[common],
            help=what,
            description=f"{what[0].upper()}{what[1:]} (its status becomes {status}; the "
            "entries linked to it keep their links). `journal goal edit CODE --status "
            "active` takes it back.",
            epilog=f"example:\n  journal goal {action} latency",
            formatter_class=RAW,
        )
        cmd.add_argument("goal", metavar="CODE", help="the goal's code")
        cmd.set_defaults(run=run_goal_status, status=status)


def changed(args: argparse.Namespace, names: dict[str, str]) -> dict[str, Any]:
    """The record fields whose flags were given (flag name -> field name)."""
    return {
        field: getattr(args, flag)
        for flag, field in names.items()
        if getattr(args, flag) is not None
    }


def run_goal_edit(args: argparse.Namespace) -> int:
    changes = changed(
        args,
        {
            "title": "title",
            "code": "code",
            "scope": "scope",
            "parent": "parent",
            "supports": "supports",
            "measure": "measure",
            "target": "target",
            "due": "due",
            "status": "status",
            "notes": "notes",
        },
    )
    if args.no_parent:
        changes["parent"] = None
    if args.no_supports:
        changes["supports"] = []
    if args.no_due:
        changes["due"] = None
    flags = metric_flags(args)
    if args.no_metric and flags != type(flags)(target=flags.target):
        raise ValidationError(
            "--no-metric removes the metric: give it without --unit, --baseline or --start"
        )
    if not changes and flags == type(flags)() and not args.no_metric:
        raise ValidationError("say what to change: see `journal goal edit --help`")
    store = open_store(args, must_exist=True)
    before = store.goals.get(args.goal)  # an unknown goal is refused before the lock file is made
    needs_baseline = False
    if args.no_metric:
        changes["metric"] = None
    else:
        more, needs_baseline = metric_changes(before, flags)
        if metric_unit(more.get("metric")) != metric_unit(before.get("metric")):
            recorded = checkins_by_goal(store.raw_entries()).get(before["id"], [])
            check_unit_kept(before, more, len(recorded))
        changes.update(more)
    goal = store.goals.update(args.goal, **changes)
    print(visible_line(f"{goal['code']} changed: {goal['scope']} goal {goal['title']}"))
    if needs_baseline:
        note_no_baseline(goal["code"])
    return 0


def run_goal_status(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    store.goals.get(args.goal)  # an unknown goal is refused before the lock file is made
    goal = store.goals.update(args.goal, status=args.status)
    print(visible_line(f"{goal['code']} is now {goal['status']}: {goal['title']}"))
    return 0
