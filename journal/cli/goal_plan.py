"""`journal goal step|agree|check` and `goal add --from-entry`: execution plans, agreement
with the manager, the SMART marks, and a development goal made from feedback."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from journal.cli.output import open_store, print_json
from journal.errors import ValidationError
from journal.textsafe import visible_line

RAW = argparse.RawDescriptionHelpFormatter

STEP_EPILOG = """\
A step --for a personal goal (or a skill) weaves it into this goal's plan: the personal
goal is pursued through that piece of work. A step cannot be --for a company goal (make
that a sub-goal: journal goal edit CODE --parent PARENT).

examples:
  journal goal step add revenue "Run the pricing workshop with sales" --for influencing \\
      --due "end of March"
  journal goal step done revenue 1
"""

AGREE_EPILOG = """\
examples:
  journal goal agree influencing --with "Dana (manager)" --when 2026-01-15 \\
      --support "monthly coaching, a negotiation course"
  journal goal agree influencing --undo
"""

CHECK_EPILOG = """\
The five marks (the rules are in journal/planning/smart.py):
  Specific    the title says what changes: three words or more, one an action word
              (improve, grow, reduce, lead, ship ...), not a bare noun phrase
  Measurable  a numeric metric, or both --measure and --target
  Achievable  a personal goal is agreed with the manager, with the support recorded
  Relevant    a personal goal supports a company goal; a sub-goal's parent is live
  Time-bound  a due date, not past for an active goal
"""


def register(goal_sub: Any, common: argparse.ArgumentParser) -> None:
    step = goal_sub.add_parser(
        "step",
        parents=[common],
        help="add or tick off a goal's plan steps",
        description="A goal's execution plan: ordered steps, each with an optional due "
        "date and the personal goal or skill it serves.",
        epilog=STEP_EPILOG,
        formatter_class=RAW,
    )
    step_sub = step.add_subparsers(dest="step_command", metavar="ACTION", required=True)
    add = step_sub.add_parser(
        "add",
        parents=[common],
        help="add a step to a goal's plan",
        epilog=STEP_EPILOG,
        formatter_class=RAW,
    )
    add.add_argument("goal", metavar="CODE", help="the goal whose plan it is")
    add.add_argument("text", metavar="TEXT", help="what the step is")
    add.add_argument(
        "--for",
        dest="serves",
        metavar="PERSONAL_OR_SKILL_CODE",
        help="the personal goal or skill this step serves",
    )
    add.add_argument("--due", metavar="W", help="when it is due: 'end of March', '2027-03-31'")
    add.set_defaults(run=run_step_add)
    done = step_sub.add_parser(
        "done", parents=[common], help="mark a step done", epilog=STEP_EPILOG, formatter_class=RAW
    )
    done.add_argument("goal", metavar="CODE", help="the goal whose plan it is")
    done.add_argument("number", metavar="N", type=int, help="the step's number, from 1")
    done.add_argument("--undo", action="store_true", help="mark it not done again")
    done.set_defaults(run=run_step_done)

    agree = goal_sub.add_parser(
        "agree",
        parents=[common],
        help="record that a goal was agreed with your manager",
        description="Record that the goal was agreed with your manager, when, and the "
        "support they committed to (coaching, a course, an introduction).",
        epilog=AGREE_EPILOG,
        formatter_class=RAW,
    )
    agree.add_argument("goal", metavar="CODE")
    agree.add_argument("--with", dest="who", metavar="WHO", help="who agreed it (required)")
    agree.add_argument("--when", metavar="W", help="when it was agreed (default: today)")
    agree.add_argument(
        "--support", metavar="TEXT", default="", help="what support they committed to"
    )
    agree.add_argument("--undo", action="store_true", help="remove the agreement")
    agree.set_defaults(run=run_agree)

    check = goal_sub.add_parser(
        "check",
        parents=[common],
        help="rate goals on the five SMART checks",
        description="Rate each goal (or one) on Specific, Measurable, Achievable, Relevant "
        "and Time-bound, saying what is missing.",
        epilog=CHECK_EPILOG,
        formatter_class=RAW,
    )
    check.add_argument(
        "goal", metavar="CODE", nargs="?", help="one goal (default: every active one)"
    )
    check.add_argument("--json", action="store_true", help="print a JSON array")
    check.set_defaults(run=run_check)


def due_date(text: str | None) -> date | None:
    from journal.periods import parse_date

    return parse_date(text) if text else None


def run_step_add(args: argparse.Namespace) -> int:
    from journal.planning.plan_store import add_step, serves_id

    due = due_date(args.due)
    store = open_store(args, must_exist=True)
    store.goals.get(args.goal)  # unknown codes are refused before the lock file is made
    if args.serves:
        serves_id(store, args.serves)
    goal, number = add_step(store, args.goal, args.text, serves=args.serves, due=due)
    print(visible_line(f"{goal['code']} step {number} added: {goal['steps'][-1]['text']}"))
    return 0


def run_step_done(args: argparse.Namespace) -> int:
    from journal.planning.plan_store import done_step, step_index

    store = open_store(args, must_exist=True)
    step_index(store.goals.get(args.goal), args.number)
    goal = done_step(store, args.goal, args.number, undo=args.undo)
    state = "not done" if args.undo else "done"
    text = goal["steps"][args.number - 1]["text"]
    print(visible_line(f"{goal['code']} step {args.number} is {state}: {text}"))
    return 0


def run_agree(args: argparse.Namespace) -> int:
    from journal.planning.plan_store import agree, undo_agreement

    if args.undo:
        if args.who or args.when or args.support:
            raise ValidationError(
                "--undo removes the agreement: give no --with, --when or --support with it"
            )
        store = open_store(args, must_exist=True)
        store.goals.get(args.goal)
        goal = undo_agreement(store, args.goal)
        print(visible_line(f"{goal['code']}: agreement removed"))
        return 0
    if not args.who or not args.who.strip():
        raise ValidationError('say who agreed it: --with WHO (e.g. --with "Dana, manager")')
    when = due_date(args.when)
    store = open_store(args, must_exist=True)
    store.goals.get(args.goal)
    goal = agree(store, args.goal, args.who, when=when, support=args.support)
    from journal.planning.describe import agreement_line

    print(visible_line(f"{goal['code']}: {agreement_line(goal)}"))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from journal.planning.smart import marks, smart_check

    store = open_store(args, must_exist=True)
    goals = store.goals.all()
    if args.goal:
        chosen = [store.goals.get(args.goal)]
    else:
        chosen = sorted(
            (g for g in goals if g.get("status", "active") == "active"),
            key=lambda g: (g["scope"], g["code"]),
        )
    today = date.today()
    results = [(g, smart_check(g, goals, today)) for g in chosen]
    if args.json:
        print_json(
            [
                {
                    "code": g["code"],
                    "title": g["title"],
                    "scope": g["scope"],
                    "passed": sum(c.ok for c in checks),
                    "checks": [{"name": c.name, "ok": c.ok, "missing": c.missing} for c in checks],
                }
                for g, checks in results
            ]
        )
        return 0
    if not results:
        print("No active goals to check. Add one: journal goal add TITLE --due W")
    for goal, checks in results:
        passed = sum(c.ok for c in checks)
        print(visible_line(f"{goal['code']:<16} {marks(checks)}  {passed}/5  {goal['title']}"))
        for c in checks:
            if not c.ok:
                print(visible_line(f"    {c.name}: {c.missing}"))
    return 0


def run_goal_from_entry(args: argparse.Namespace) -> int:
    """`journal goal add [TITLE] --personal --from-entry ID [--weave-into CODE]`."""
    from journal.planning.develop import feedback_entry, goal_from_feedback
    from journal.planning.weave import rank_company_goals

    if not args.personal:
        raise ValidationError("--from-entry makes a development goal: add --personal")
    if args.parent:
        raise ValidationError(
            "--parent does not go with --from-entry: a development goal "
            "is woven into a company goal with --weave-into CODE"
        )
    if len(args.from_entry) > 1:
        raise ValidationError("give one --from-entry: the feedback the goal comes from")
    from journal.cli.goal_progress import metric_flags, note_no_baseline
    from journal.goal_metrics import metric_changes

    due = due_date(args.due)  # a bad date is refused before anything is opened
    changes, needs_baseline = metric_changes(None, metric_flags(args))
    store = open_store(args, must_exist=True)
    entry = feedback_entry(store, args.from_entry[0])
    for ref in [*args.supports, *([args.weave_into] if args.weave_into else [])]:
        store.goals.get(ref)
    woven = goal_from_feedback(
        store,
        entry["id"],
        title=args.title,
        into=args.weave_into,
        step_text=args.step,
        code=args.code,
        supports=args.supports,
        measure=args.measure,
        target=args.target,
        due=due.isoformat() if due else None,
        metric=changes.get("metric"),
    )
    goal = woven.goal
    print(
        visible_line(
            f"{goal['code']} added: personal goal {goal['title']} (from feedback {entry['id']})"
        )
    )
    if needs_baseline:
        note_no_baseline(goal["code"])
    if woven.into is not None:
        print(
            visible_line(
                f"Woven into {woven.into['code']} as step {woven.step_number}: "
                f"{woven.into['steps'][-1]['text']}"
            )
        )
        return 0
    proposals = rank_company_goals(entry, store.raw_entries(), store.goals.all())
    if proposals:
        print("Company goals to weave it into, by overlap with the feedback:")
        for n, p in enumerate(proposals[:5], 1):
            why = f" ({'; '.join(p.reasons)})" if p.reasons else ""
            print(visible_line(f"  {n}. {p.goal['code']}: {p.goal['title']}, score {p.score}{why}"))
        best = proposals[0].goal["code"]
        print(visible_line(f'Weave it in: journal goal step add {best} "..." --for {goal["code"]}'))
    return 0
