"""`journal coach`: the nudges, most important first; snooze, dismiss and wake them."""

from __future__ import annotations

import argparse
import re
from datetime import date, timedelta
from typing import Any

from journal.cli.output import open_store, print_json
from journal.errors import ValidationError
from journal.textsafe import visible_line

RAW = argparse.RawDescriptionHelpFormatter

EPILOG = """\
Each nudge has a key (KIND:ABOUT, printed under it) and the command that resolves it.
Kinds: off-track, review-coming, weekly-review-due, feedback-to-act-on, no-checkin,
quiet-goal, idle-skill, unsmart-goal. Thresholds live in the [coach] section of the
config file ($JOURNAL_CONFIG, or config.toml in the user config folder; see the README).

examples:
  journal coach                          the top nudges
  journal coach --json -n 0              every nudge, as JSON
  journal coach snooze quiet-goal:revenue --for 2w
  journal coach dismiss unsmart-goal:talks
  journal coach wake unsmart-goal:talks
"""

DURATION = re.compile(r"^\s*(\d+)\s*([dwm]?)\s*$")
UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30}
MAX_DAYS = 3650  # ten years: a longer snooze is a dismissal


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    coach = subparsers.add_parser(
        "coach",
        parents=[common],
        help="what to do next: the coach's nudges",
        description="Print the coach's nudges, most important first, each with the command "
        "that acts on it: quiet goals, feedback to act on, idle skills, goals off track, "
        "missing check-ins, goals that are not SMART, a weekly review due, a review coming.",
        epilog=EPILOG,
        formatter_class=RAW,
    )
    coach.add_argument(
        "--json",
        action="store_true",
        help="a JSON array of objects: kind, about, title, reason, action, key",
    )
    coach.add_argument(
        "-n",
        type=int,
        default=10,
        metavar="N",
        help="show at most N nudges (default 10; 0 shows all)",
    )
    coach.set_defaults(run=run_coach)
    sub = coach.add_subparsers(dest="coach_command", metavar="ACTION")
    snooze = sub.add_parser(
        "snooze",
        parents=[common],
        help="hide a nudge for a while",
        description="Hide a nudge until a date: it comes back afterwards if still true.",
        epilog="examples:\n  journal coach snooze quiet-goal:revenue --for 2w\n"
        "  journal coach snooze weekly-review-due:weekly --until monday",
        formatter_class=RAW,
    )
    snooze.add_argument("key", metavar="KEY", help="the nudge's key, as `journal coach` shows")
    when = snooze.add_mutually_exclusive_group()
    when.add_argument(
        "--for",
        dest="duration",
        default="1w",
        metavar="D",
        help="how long: 3d, 2w, 1m (30 days) (default: 1w)",
    )
    when.add_argument("--until", metavar="DATE", help="the last day it stays hidden")
    snooze.set_defaults(run=run_snooze)
    dismiss = sub.add_parser(
        "dismiss",
        parents=[common],
        help="hide a nudge for good",
        description="Hide a nudge for good (`journal coach wake KEY` brings it back).",
        epilog="example:\n  journal coach dismiss unsmart-goal:talks",
        formatter_class=RAW,
    )
    dismiss.add_argument("key", metavar="KEY", help="the nudge's key")
    dismiss.set_defaults(run=run_dismiss)
    wake = sub.add_parser(
        "wake",
        parents=[common],
        help="show a snoozed or dismissed nudge again",
        description="Show a snoozed or dismissed nudge again.",
        epilog="example:\n  journal coach wake unsmart-goal:talks",
        formatter_class=RAW,
    )
    wake.add_argument("key", metavar="KEY", help="the nudge's key")
    wake.set_defaults(run=run_wake)


def run_coach(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.coach.nudges import nudges
    from journal.coach.settings import load_settings
    from journal.coach.streak import review_days, streak
    from journal.timestamps import local_now

    if args.n < 0:
        raise UsageError("-n must be 0 (all) or more")
    settings = load_settings()
    store = open_store(args, must_exist=True)
    now = local_now()
    found = nudges(store, now, settings)
    shown = found[: args.n] if args.n else found
    if args.json:
        print_json([n.as_json() for n in shown])
        return 0
    if not found:
        print("Nothing to nudge about: every goal, skill and review is looked after.")
        return 0
    weeks = streak(review_days(store.raw_entries()), now.date())
    print(
        f"{len(found)} nudge{'' if len(found) == 1 else 's'} "
        f"(weekly review streak: {weeks} week{'' if weeks == 1 else 's'})"
    )
    for number, nudge in enumerate(shown, 1):
        print(visible_line(f"{number:>2}. {nudge.kind}: {nudge.title}"))
        print(visible_line(f"    {nudge.reason}"))
        print(
            visible_line(
                f"    do: {nudge.action}   (app: {nudge.tui_key}; "
                f"snooze: journal coach snooze {nudge.key})"
            )
        )
    if len(shown) < len(found):
        print(f"... and {len(found) - len(shown)} more: journal coach -n 0")
    return 0


def snooze_until(args: argparse.Namespace, today: date) -> date:
    from journal.cli import UsageError
    from journal.periods import parse_date

    if args.until:
        until = parse_date(args.until)
        if until < today:
            raise UsageError(f"--until {args.until} is in the past: give a day from today on")
        return until
    match = DURATION.match(args.duration)
    digits = match.group(1).lstrip("0") if match else ""  # no int() yet: 5000 digits raise
    if match is None or not digits:
        raise UsageError(f"--for {args.duration!r}: give a length such as 3d, 2w or 1m")
    # Bounded before the date sum: 3000000d would overflow the calendar with a traceback.
    days = int(digits) * UNIT_DAYS[match.group(2)] if len(digits) <= 6 else MAX_DAYS + 1
    if days > MAX_DAYS:
        raise ValidationError(
            f"--for {args.duration!r} is longer than {MAX_DAYS // 365} years: to hide a nudge "
            "for good, use `journal coach dismiss KEY`"
        )
    return today + timedelta(days=days)


def check_known(key: str, store: Any) -> None:
    """Refuse a key that names nothing in this journal (a typo would be stored and the
    real nudge keep showing); a key already snoozed or dismissed is known."""
    from journal.coach.scan import tables_of
    from journal.coach.snoozes import from_meta
    from journal.coach.subjects import subjects

    tables = tables_of(store)
    hidden = from_meta(tables.meta)
    kind, _, about = key.partition(":")
    known = subjects(kind, tables)
    if about in known or key in hidden.dismissed or key in hidden.snoozed:
        return
    listed = ", ".join(f"{kind}:{k}" for k in known[:8]) + (" ..." if len(known) > 8 else "")
    raise ValidationError(
        f"{key!r} names nothing this journal has for a {kind} nudge: "
        + (f"known keys: {listed}" if known else "there is none yet")
        + " (`journal coach` prints each nudge's key)"
    )


def checked_key(key: str) -> str:
    from journal.cli import UsageError
    from journal.coach.settings import NUDGE_KINDS

    kind, _, about = key.strip().partition(":")
    if kind not in NUDGE_KINDS or not about:
        raise UsageError(
            f"{key!r} is not a nudge key: use KIND:ABOUT as `journal coach` prints it, "
            "e.g. quiet-goal:revenue"
        )
    return f"{kind}:{about}"


def run_snooze(args: argparse.Namespace) -> int:
    from journal.coach.snoozes import snooze
    from journal.timestamps import local_now

    key = checked_key(args.key)
    until = snooze_until(args, local_now().date())
    store = open_store(args, must_exist=True)
    check_known(key, store)
    snooze(store, key, until)
    print(visible_line(f"Snoozed {key} until {until.isoformat()} (inclusive)."))
    return 0


def run_dismiss(args: argparse.Namespace) -> int:
    from journal.coach.snoozes import dismiss

    key = checked_key(args.key)
    store = open_store(args, must_exist=True)
    check_known(key, store)
    dismiss(store, key)
    print(visible_line(f"Dismissed {key}: `journal coach wake {key}` brings it back."))
    return 0


def run_wake(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.coach.snoozes import wake

    key = checked_key(args.key)
    if not wake(open_store(args, must_exist=True), key):
        raise UsageError(f"{key} is neither snoozed nor dismissed")
    print(visible_line(f"{key} is back."))
    return 0
