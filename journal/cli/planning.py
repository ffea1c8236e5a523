"""`journal plan export`, `journal 1on1 [note]` and `journal action done`: next cycle's
proposal for goal setting, and preparing and recording 1:1s with the manager."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import open_store, write_output
from journal.errors import ValidationError
from journal.textsafe import plural, visible_line

RAW = argparse.RawDescriptionHelpFormatter

PLAN_EPILOG = """\
Per company goal: its SMART marks, agreement and plan steps, the personal goals woven
in and why (the feedback behind them), and the support asked of the manager; then the
development goals not yet woven into any company goal; then skills and their plans.

examples:
  journal plan export --cycle "H1 2027"
  journal plan export --cycle "H1 2027" -o proposal.html
"""

ONE_ON_ONE_EPILOG = """\
The agenda covers what happened since the last 1:1 (an entry tagged 1on1; with --with,
the last one with that person) or since --since: wins, goal progress and what is off
track, feedback, constructive feedback not yet acted on, what you need from your manager
(entries tagged `ask`, the weekly review's manager question), personal goals and their
agreement, and the action items of earlier 1:1s still open.

examples:
  journal 1on1 --with Dana
  journal 1on1 note "Talked about the Q1 plan" --with Dana --action "Draft the pricing memo"
  journal action done 1
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    plan = subparsers.add_parser(
        "plan",
        parents=[common],
        help="next cycle's goal proposal",
        description="The document you bring to goal setting.",
        epilog=PLAN_EPILOG,
        formatter_class=RAW,
    )
    plan_sub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    export = plan_sub.add_parser(
        "export",
        parents=[common],
        help="write the proposal",
        epilog=PLAN_EPILOG,
        formatter_class=RAW,
    )
    export.add_argument(
        "--cycle",
        metavar="PERIOD",
        required=True,
        help="the cycle it proposes goals for: 'H1 2027', '2027'",
    )
    export.add_argument(
        "--format",
        choices=("md", "html", "txt"),
        help="md (default), html or txt; -o's suffix decides otherwise",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(run=run_plan_export)

    meeting = subparsers.add_parser(
        "1on1",
        parents=[common],
        help="the agenda for your next 1:1, or record one",
        description="The agenda for your next 1:1 with your manager, or (`note`) a record "
        "of the meeting with its action items.",
        epilog=ONE_ON_ONE_EPILOG,
        formatter_class=RAW,
    )
    meeting.add_argument("--with", dest="who", metavar="WHO", help="the person you meet")
    meeting.add_argument("--since", metavar="W", help="from this day, not the last 1:1")
    meeting.add_argument(
        "--format", choices=("md", "txt"), default="md", help="md (default) or txt"
    )
    meeting.set_defaults(run=run_agenda)
    meeting_sub = meeting.add_subparsers(dest="meeting_command", metavar="ACTION")
    note = meeting_sub.add_parser(
        "note", parents=[common], help="record a 1:1", epilog=ONE_ON_ONE_EPILOG, formatter_class=RAW
    )
    note.add_argument("text", metavar="TEXT", help="what you talked about")
    note.add_argument(
        "--action",
        action="append",
        default=[],
        metavar="TEXT",
        help="an action item, carried forward until done (repeatable)",
    )
    note.add_argument("--with", dest="note_with", metavar="WHO", help="who you met")
    note.add_argument("--when", metavar="W", help="when it was (default: now)")
    note.set_defaults(run=run_note)

    action = subparsers.add_parser(
        "action",
        parents=[common],
        help="1:1 action items",
        description="The action items of your 1:1s.",
        epilog=ONE_ON_ONE_EPILOG,
        formatter_class=RAW,
    )
    action_sub = action.add_subparsers(dest="action_command", metavar="ACTION", required=True)
    done = action_sub.add_parser("done", parents=[common], help="mark an action item done")
    done.add_argument(
        "number", metavar="N", type=int, help="the item's number, as `journal 1on1` shows it"
    )
    done.add_argument("--undo", action="store_true", help="open it again")
    done.set_defaults(run=run_action_done)


def run_plan_export(args: argparse.Namespace) -> int:
    from journal.cli.review import check_output
    from journal.export.assessment import format_for
    from journal.periods import parse_period
    from journal.planning.proposal import proposal_blocks, render_proposal
    from journal.timestamps import local_now

    now = local_now()
    cycle = parse_period(args.cycle, now)
    to_file = args.output not in (None, "-")
    if to_file:
        check_output(args.output, args.format)
        fmt = args.format or format_for(args.output)
        if fmt == "json":
            raise ValidationError("the proposal is md, html or txt: choose one of those")
    else:
        fmt = args.format or "md"
    store = open_store(args, must_exist=True)
    blocks = proposal_blocks(
        store.goals.all(), store.skills.all(), store.raw_entries(), cycle, now.date()
    )
    text = render_proposal(blocks, fmt, now.date())
    if not to_file:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    path = write_output(args.output, text, args.force, store.path)
    print(visible_line(f"Wrote the {cycle.label} proposal ({fmt}) to {path}"))
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    from journal.periods import parse_date
    from journal.planning.agenda import build_agenda
    from journal.planning.agenda_text import render_agenda
    from journal.timestamps import local_now

    now = local_now()
    since = parse_date(args.since, now) if args.since else None
    if args.who is not None and not args.who.strip():
        raise ValidationError("--with is empty: name the person you meet")
    store = open_store(args, must_exist=True)
    entries = list(store.raw_entries())
    agenda = build_agenda(
        entries,
        store.goals.all(),
        store.skills.all(),
        now.date(),
        who=args.who.strip() if args.who else None,
        since_day=since,
    )
    sys.stdout.buffer.write(render_agenda(agenda, args.format).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def run_note(args: argparse.Namespace) -> int:
    from journal.dates import parse_when
    from journal.planning.meeting_store import add_meeting
    from journal.timestamps import FUTURE_NOTE, from_iso, in_future, local_now

    when = parse_when(args.when) if args.when else None
    store = open_store(args)
    entry = add_meeting(store, args.text, args.action, who=args.note_with, when=when)
    with_them = f" with {entry['with']}" if entry.get("with") else ""
    print(
        visible_line(
            f"{entry['id']} added: 1:1{with_them} on {entry['when'][:10]}, "
            f"{plural(len(entry['actions']), 'action item')}"
        )
    )
    if in_future(from_iso(entry["when"]), local_now()):
        print(
            f"journal: note: {entry['id']} is dated {entry['when'][:10]}, {FUTURE_NOTE}; "
            "the agenda still counts from the last 1:1 up to today",
            file=sys.stderr,
        )
    return 0


def run_action_done(args: argparse.Namespace) -> int:
    from journal.planning.meeting_store import done_action, find_action

    store = open_store(args, must_exist=True)
    find_action(store.raw_entries(), args.number)  # refused before the lock file is made
    item = done_action(store, args.number, undo=args.undo)
    state = "open again" if args.undo else "done"
    print(visible_line(f"action {item.number} is {state}: {item.text}"))
    return 0
