"""`journal weekly`: the weekly review, one question at a time, on the terminal.

Answers are read a line at a time from standard input, so a script (or a test) can pipe
them in: one line per question (blank skips), `y`/`n` per item of last week's top three,
up to three lines for this week's (a blank line ends), a value and a confidence per
measurable goal (blank skips), then the goals to link. The draft is kept after every
answer; end of input or Ctrl-C stops with it kept, and the next `journal weekly` picks up
where it stopped.
"""

from __future__ import annotations

import argparse
import signal
import sys
from datetime import datetime
from types import FrameType
from typing import Any

from journal.cli.output import entry_line, open_store
from journal.coach.walk import WeeklyWalk
from journal.coach.weekly import Material, WeeklyDraft
from journal.textsafe import visible_line

RAW = argparse.RawDescriptionHelpFormatter
SHOWN = 12  # material lines per kind before "... and N more"

EPILOG = """\
The question set is the [coach] `questions` setting (default, grow, or a Markdown file
with one question per bullet) unless --questions names one. The review is saved as one
reflection entry tagged `weekly`, linked to the goals you choose, plus a check-in entry
per value given, in one write.

examples:
  journal weekly
  journal weekly --questions grow
  journal weekly --questions ~/my-questions.md
  printf 'Shipped it\\n\\n...' | journal weekly      (answers from a script)
"""


class Stopped(Exception):
    """The person stopped (end of input, Ctrl-C): keep the draft."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    weekly = subparsers.add_parser(
        "weekly",
        parents=[common],
        help="the weekly review: questions, check-ins, top three",
        description="Look back on the week: its entries, check-ins and feedback; answer the "
        "question set one question at a time; check in on each measurable goal; tick last "
        "week's top three and set this week's.",
        epilog=EPILOG,
        formatter_class=RAW,
    )
    weekly.add_argument(
        "--questions",
        metavar="SET",
        help="default, grow, or a Markdown file (one question per bullet)",
    )
    weekly.add_argument(
        "--fresh", action="store_true", help="throw away a kept draft and start over"
    )
    weekly.set_defaults(run=run_weekly)


def ask(prompt: str) -> str:
    """One line of input; end of input stops the review (the draft is kept)."""
    sys.stdout.write(visible_line(prompt))
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise Stopped(1)
    if not sys.stdin.isatty():
        print()
    return line.rstrip("\r\n")


def show_material(material: Material, codes: dict[str, str]) -> None:
    print(f"Your week: {material.start.isoformat()} to {material.end.isoformat()}")
    for label, entries in (
        ("Entries", material.entries),
        ("Check-ins", material.checkins),
        ("Feedback", material.feedback),
    ):
        print(f"\n{label} ({len(entries)})")
        for entry in entries[:SHOWN]:
            print(f"  {entry_line(entry, codes)}")
        if len(entries) > SHOWN:
            print(f"  ... and {len(entries) - SHOWN} more")
    print()


def run_weekly(args: argparse.Namespace) -> int:
    from journal.coach.questions import load_question_set
    from journal.coach.settings import load_settings
    from journal.coach.walk import WeeklyWalk
    from journal.coach.weekly import discard_draft, load_draft, week_material
    from journal.timestamps import local_now

    choice = args.questions or load_settings().questions
    questions = load_question_set(choice).questions
    store = open_store(args)
    now = local_now()
    kept = None if args.fresh else load_draft(store.path)
    if args.fresh:
        discard_draft(store.path)
    entries = list(store.raw_entries())
    material = week_material(entries, now.date())
    show_material(material, store.code_map())
    if kept is not None:
        draft, saved = kept
        print(
            f"Picking up the draft kept {saved[:16].replace('T', ' ')} UTC "
            f"({len(draft.replies)} replies kept; --fresh starts over).\n"
        )
        questions, replies = tuple(draft.questions), draft.replies
    else:
        replies = []
    walk = WeeklyWalk(
        questions, entries, store.goals.all(), now, material.goal_ids, store.goals.get, replies
    )
    previous = signals_stop()
    try:
        ask_all(store, walk)
    except Stopped as stop:
        from journal.coach.weekly import keep_draft

        keep_draft(store.path, kept_draft(walk))
        print(
            "\nStopped: your answers are kept. `journal weekly` picks up where you left "
            "off (--fresh starts over).",
            file=sys.stderr,
        )
        return stop.status
    finally:
        restore(previous)
    return finish(store, walk.draft, now)


def kept_draft(walk: WeeklyWalk) -> WeeklyDraft:
    walk.draft.replies = list(walk.replies)
    return walk.draft


def signals_stop() -> dict[int, Any]:
    """While questions are asked, Ctrl-C and a closed terminal stop the walk (the draft
    is kept): the command's usual handler ignores them once a draft has been written."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(128 + signum)

    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        previous[signum] = signal.getsignal(signum)
        if previous[signum] is not signal.SIG_IGN:
            signal.signal(signum, stop)
    return previous


def restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def ask_all(store: Any, walk: WeeklyWalk) -> None:
    """Print each prompt, read its reply; keep the draft after every reply."""
    from journal.coach.weekly import keep_draft

    while walk.prompt is not None:
        prompt = walk.prompt
        for line in prompt.lines:
            print(visible_line(line))
        if prompt.error:
            print(visible_line(f"  {prompt.error}"))
        walk.answer(ask(prompt.ask))
        keep_draft(store.path, kept_draft(walk))


def finish(store: Any, draft: WeeklyDraft, now: datetime) -> int:
    from journal.coach.streak import review_days, streak
    from journal.coach.weekly import save_weekly

    saved = save_weekly(store, draft, now)
    reflection, checkins = saved[0], saved[1:]
    weeks = streak(review_days(store.raw_entries()), now.date())
    extra = f" and {len(checkins)} check-in{'' if len(checkins) == 1 else 's'}" if checkins else ""
    print(
        visible_line(
            f"Saved {reflection['id']}: {reflection['title']}{extra}. "
            f"Weekly review streak: {weeks} week{'' if weeks == 1 else 's'}."
        )
    )
    return 0
