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
from collections.abc import Callable
from datetime import datetime
from functools import partial
from types import FrameType
from typing import Any

from journal.cli.output import entry_line, open_store
from journal.coach.weekly import Material, WeeklyDraft
from journal.models import Record
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


def measurable(goals: list[Record]) -> list[Record]:
    return [g for g in goals if g.get("metric") and g.get("status", "active") == "active"]


def run_weekly(args: argparse.Namespace) -> int:
    from journal.coach.questions import load_question_set
    from journal.coach.settings import load_settings
    from journal.coach.weekly import discard_draft, load_draft, week_material
    from journal.dates import local_now

    choice = args.questions or load_settings().questions
    questions = load_question_set(choice).questions
    store = open_store(args)
    now = local_now()
    kept = None if args.fresh else load_draft(store.path)
    if args.fresh:
        discard_draft(store.path)
    if kept is not None:
        draft, saved = kept
        print(
            f"Picking up the draft kept {saved[:16].replace('T', ' ')} UTC "
            f"({draft.step} steps done; --fresh starts over).\n"
        )
    else:
        draft = WeeklyDraft(questions=list(questions))
    entries = list(store.raw_entries())
    codes = store.code_map()
    show_material(week_material(entries, now.date()), codes)
    previous = signals_stop()
    try:
        walk(store, draft, entries, now)
    except Stopped as stop:
        from journal.coach.weekly import keep_draft

        keep_draft(store.path, draft)
        print(
            "\nStopped: your answers are kept. `journal weekly` picks up where you left "
            "off (--fresh starts over).",
            file=sys.stderr,
        )
        return stop.status
    finally:
        restore(previous)
    return finish(store, draft, now)


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


def steps(
    store: Any, draft: WeeklyDraft, entries: list[Record], now: datetime
) -> list[Callable[[], None]]:
    """Each step of the walk; `draft.step` counts those done (a resumed draft skips them)."""
    from journal.coach.questions import is_top_three

    walk_steps: list[Callable[[], None]] = []
    for number, question in enumerate(draft.questions, 1):
        label = f"{number}/{len(draft.questions)}"
        if is_top_three(question):
            walk_steps.append(partial(ask_top_three, draft, entries, now, question, label))
        else:
            walk_steps.append(partial(ask_question, draft, question, label))
    for goal in measurable(store.goals()):
        walk_steps.append(partial(ask_checkin, draft, goal, entries, now))
    walk_steps.append(partial(ask_goals, store, draft, entries, now))
    return walk_steps


def walk(store: Any, draft: WeeklyDraft, entries: list[Record], now: datetime) -> None:
    from journal.coach.weekly import keep_draft

    for step in steps(store, draft, entries, now)[draft.step :]:
        step()
        draft.step += 1
        keep_draft(store.path, draft)


def ask_question(draft: WeeklyDraft, question: str, label: str) -> None:
    print(f"[{label}] {question}")
    draft.answers[question] = ask("> ").strip()


def ask_top_three(
    draft: WeeklyDraft, entries: list[Record], now: datetime, question: str, label: str
) -> None:
    from journal.coach.weekly import last_top_three, open_carried

    last = last_top_three(entries, now)
    if last:
        print("Last week's top three:")
    for item in last:
        if item not in draft.carried:
            reply = ask(f"  {item}: done? [y/N] ").strip().lower()
            draft.carried[item] = reply in ("y", "yes")
    draft.top_three = open_carried(draft)
    print(f"[{label}] {question}")
    for item in draft.top_three:
        print(f"  carried forward: {item}")
    while len(draft.top_three) < 3:
        item = ask(f"  {len(draft.top_three) + 1}. ").strip()
        if not item:
            break
        draft.top_three.append(item)


def ask_checkin(draft: WeeklyDraft, goal: Record, entries: list[Record], now: datetime) -> None:
    from journal.coach.weekly import CheckinAnswer
    from journal.measure import value_for, with_unit
    from journal.models import CONFIDENCES, ValidationError, choose
    from journal.progress import progress

    found = progress(goal, entries, now)
    unit = str(goal["metric"].get("unit") or "")
    now_text = with_unit(found.current, unit) if found.current is not None else "no value yet"
    print(
        f"Check-in: {goal['title']} ({goal['code']}): now {now_text}, target "
        f"{with_unit(found.target, unit)}, {found.status}"
    )
    while True:
        value = ask("  value (blank skips): ").strip()
        if not value:
            return
        try:
            value_for(value, unit)
            break
        except ValidationError as err:
            print(f"  {err}")
    while True:
        confidence = ask(f"  confidence ({'/'.join(CONFIDENCES)}, blank for none): ").strip()
        try:
            chosen = choose(confidence, CONFIDENCES, "confidence") if confidence else None
            break
        except ValidationError as err:
            print(f"  {err}")
    draft.checkins.append(CheckinAnswer(goal["id"], value, chosen))


def ask_goals(store: Any, draft: WeeklyDraft, entries: list[Record], now: datetime) -> None:
    from journal.coach.weekly import week_material
    from journal.models import ValidationError

    offered = [g for g in week_material(entries, now.date()).goal_ids]
    codes = store.code_map()
    names = " ".join(codes.get(g, g) for g in offered)
    hint = f"this week's evidence is on: {names}; " if offered else ""
    print(
        f"Link this review to goals ({hint}codes separated by spaces, 'all' for those "
        "offered, blank for none)"
    )
    while True:
        reply = ask("> ").strip()
        words = offered if reply.lower() == "all" else reply.replace(",", " ").split()
        try:
            draft.goals = [store.goal(word)["id"] for word in words]
            return
        except ValidationError as err:
            print(f"  {err}")


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
