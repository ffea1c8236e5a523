"""`journal checkin CODE VALUE`: record where a measurable goal stands (quick capture)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from journal.cli.entries import report_added
from journal.cli.output import open_store
from journal.models import CONFIDENCES, choose

NEGATIVE_VALUE = re.compile(r"^-(?:[\d.$€£¥]|inf|nan)", re.IGNORECASE)

EPILOG = """\
VALUE is a number with an optional unit or thousands separator: 375, 375ms, 375 ms,
34%, 1,250, $1,250, -2.5. A unit typed with it must be the goal's unit (any case); the
goal needs a metric first (`journal goal edit CODE --baseline N --target N --unit U`).
The check-in is an entry of kind `checkin` linked to the goal: `journal list --kind
checkin` lists them, `journal goal show CODE` shows the goal's progress.

examples:
  journal checkin latency 375ms --note "after the cache change" --confidence high
  journal checkin deals 3 --when "last friday"
  journal checkin nps 34%
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cmd = subparsers.add_parser(
        "checkin",
        parents=[common],
        help="record a value on a measurable goal",
        description="Record where a goal with a metric stands: a value on a date, with an "
        "optional note and confidence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # argparse takes only -2 and -2.5 for numbers: -5ms, -$3 and -1,250 would be read as
    # unknown options (and VALUE reported missing), -inf too instead of "cannot read".
    cmd._negative_number_matcher = NEGATIVE_VALUE
    cmd.add_argument("goal", metavar="CODE", help="the goal's code (`journal goal list`)")
    cmd.add_argument("value", metavar="VALUE", help="the value now: 375, 375ms, 34%%, 1,250")
    cmd.add_argument("--when", metavar="W", help="when it was measured (default: now)")
    cmd.add_argument("--note", metavar="TEXT", default="", help="what changed, in a sentence")
    cmd.add_argument(
        "--confidence", metavar="C", help=f"how sure you are of the value: {', '.join(CONFIDENCES)}"
    )
    cmd.set_defaults(run=run_checkin)


def run_checkin(args: argparse.Namespace) -> int:
    from journal.goal_metrics import add_checkin
    from journal.models import check_text

    confidence = choose(args.confidence, CONFIDENCES, "confidence") if args.confidence else None
    if args.note and args.note.strip():
        check_text(args.note, "the note")
    store = open_store(args)
    entry = add_checkin(
        store, args.goal, args.value, when=args.when, note=args.note.strip(), confidence=confidence
    )
    report_added(entry)
    return 0
