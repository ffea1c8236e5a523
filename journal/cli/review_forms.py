"""`journal review start|answer|answers|copy|compare|readiness`: a review filled into a form.

Registered by `journal.cli.review`; heavy imports happen inside the commands.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import open_store, print_json
from journal.textsafe import visible, visible_line

COPY_EPILOG = """\
It copies the answer as plain text (what `journal review answers` prints: no Markdown
marks, no terminal control sequences; --force changes only the limit) with every way
there is: wl-copy (Wayland), xclip (X11) or pbcopy (macOS) when present, and OSC 52, an
escape sequence asking the terminal to set the clipboard. A tool says whether it worked;
a terminal never answers OSC 52 (tmux drops it unless `set -g set-clipboard on`), so then
the command says it was sent, not that it arrived: paste somewhere to check.

exit status: 0 copied or sent, 1 nothing could be copied, 2 refused (over the limit).

examples:
  journal review copy --review "H1 2026 self-assessment" --question 2
  journal review copy --review r3 --question 1 --goal revenue --force
"""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    start = sub.add_parser(
        "start",
        parents=[common],
        help="start a saved review (optionally on a form)",
        description="Start a saved review for a period, answering a form's questions if "
        "--form is given (`journal form list` shows the forms).",
        epilog='example: journal review start --period "H1 2026" --form self-assessment',
        formatter_class=raw,
    )
    start.add_argument("--period", metavar="P", required=True, help="'H1 2026', '2026-Q3'...")
    start.add_argument("--title", metavar="T", help="its title (default: 'PERIOD self-assessment')")
    start.add_argument("--form", metavar="NAME", help="the form it answers")
    start.set_defaults(run=run_start)

    answer = sub.add_parser(
        "answer",
        parents=[common],
        help="write the answer to one question of a review's form",
        description="Write one answer of a review's form. A rating question takes a rating "
        "on the review's scale.",
        epilog='examples:\n  journal review answer --review r1 --question 1 "I led..."\n'
        "  journal review answer --review r1 --question 2 --goal revenue - < answer.txt",
        formatter_class=raw,
    )
    _slot_args(answer)
    answer.add_argument("text", metavar="TEXT", help="the answer (- reads standard input)")
    answer.set_defaults(run=run_answer)

    answers = sub.add_parser(
        "answers",
        parents=[common],
        help="print a review's answers, ready to paste",
        description="Print each question of the review's form and its answer. txt (the "
        "default) is plain text: no Markdown marks and no line breaks inside a paragraph, so "
        "it pastes cleanly into a web form.",
    )
    answers.add_argument("--review", metavar="NAME", required=True, help="title or id")
    answers.add_argument(
        "--format",
        choices=("txt", "md", "json"),
        default="txt",
        metavar="F",
        help="txt (default), md or json",
    )
    answers.set_defaults(run=run_answers)

    copy = sub.add_parser(
        "copy",
        parents=[common],
        help="put one answer on the clipboard",
        description="Put one answer (plain text) on the clipboard; an answer over its limit "
        "is refused unless --force.",
        epilog=COPY_EPILOG,
        formatter_class=raw,
    )
    _slot_args(copy)
    copy.add_argument("--force", action="store_true", help="copy even when over the limit")
    copy.set_defaults(run=run_copy)

    compare = sub.add_parser(
        "compare",
        parents=[common],
        help="compare two review cycles",
        description="Compare two saved reviews: per goal the rating before and after and "
        "the evidence counts; the feedback balance; and each next-period action of the "
        "earlier review with the evidence linked since to the goals or skills it names.",
        epilog='example: journal review compare "H1 2026 self-assessment" r4 --format json',
        formatter_class=raw,
    )
    compare.add_argument("before", metavar="A", help="the earlier review (title or id)")
    compare.add_argument("after", metavar="B", help="the later review (title or id)")
    compare.add_argument(
        "--format", choices=("md", "json"), default="md", metavar="F", help="md (default) or json"
    )
    compare.set_defaults(run=run_compare)

    ready = sub.add_parser(
        "readiness",
        parents=[common],
        help="how ready a review is (0-100) and what is left",
        description="A readiness score 0-100 and a to-do list: evidence, ratings, answers, "
        "evidence bunched at the end of the period, evidence without numbers, starred wins "
        "without impact, quarters without evidence.",
    )
    ready.add_argument("--review", metavar="NAME", help="a saved review (title or id)")
    ready.add_argument("--period", metavar="P", help="a period, without a saved review")
    ready.add_argument("--json", action="store_true", help="print JSON")
    ready.set_defaults(run=run_readiness)


def _slot_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--review", metavar="NAME", required=True, help="title or id")
    parser.add_argument(
        "--question",
        metavar="N",
        type=int,
        required=True,
        help="the question's number (`journal review answers`)",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--goal", metavar="CODE", help="for a question asked per goal")
    target.add_argument("--skill", metavar="CODE", help="for a question asked per skill")


def _context(store: Any, review: Any) -> tuple[Any, Any, list[Any]]:
    """The review's assessment, form and answer slots; a review without a form is refused."""
    from journal.review.answers import review_form, slots
    from journal.review.assess import assess_store
    from journal.review.saved import review_period
    from journal.timestamps import local_now

    form = review_form(review)
    if form is None:
        from journal.cli import UsageError

        raise UsageError(
            f"the review {review.get('title')!r} has no form: start one with "
            "`journal review start --period P --form NAME`"
        )
    assessment = assess_store(store, review_period(review), review, local_now().date())
    goals = [r.goal for r in assessment.company_goals()]
    skills = [r.skill for r in assessment.skills]
    return assessment, form, slots(form, goals, skills)


def _slot(args: argparse.Namespace, found: list[Any]) -> Any:
    from journal.review.answers import find_slot

    code = args.goal or args.skill
    return find_slot(found, args.question, code.strip().lower() if code else None)


def run_start(args: argparse.Namespace) -> int:
    from journal.periods import parse_period
    from journal.review.builtin_forms import find_form
    from journal.review.forms import form_from_record
    from journal.review.saved import new_review, unique_title
    from journal.timestamps import local_now

    period = parse_period(args.period, local_now())
    store = open_store(args)
    review = new_review(period, args.title)
    review["title"] = unique_title(
        review["title"], [str(r.get("title")) for r in store.reviews.all()]
    )
    if args.form:
        form = find_form(args.form, [form_from_record(r) for r in store.forms.all()])
        review["form"] = form.to_record()
        review["answers"] = {}
    saved = store.reviews.save(review)
    with_form = f" on the form {saved['form']['name']!r}" if args.form else ""
    print(visible_line(f"{saved['id']} started: {saved['title']}{with_form}"))
    return 0


def run_answer(args: argparse.Namespace) -> int:
    from journal.cli.entries import read_text
    from journal.models import check_text
    from journal.review.answers import measure, set_answer
    from journal.review.saved import set_rating

    text = read_text(args.text)
    store = open_store(args, must_exist=True)
    with store.transaction():  # read, change and save the review under one lock
        review = store.reviews.get(args.review)
        _, _, found = _context(store, review)
        slot = _slot(args, found)
        if slot.question.rating:
            set_rating(review, slot.goal["id"], text.strip() or None)
        else:
            set_answer(review, slot, check_text(text, "the answer") if text.strip() else "")
        store.reviews.save(review)
    size = measure(text, slot.question.limit)
    print(
        visible_line(
            f"Answered {slot.number}. {slot.label}"
            + ("" if slot.question.rating else f" ({size.describe()})")
        )
    )
    if size.over:
        print(
            "journal: note: the answer is over the form's limit; `journal review copy` will "
            "refuse it without --force",
            file=sys.stderr,
        )
    return 0


def run_answers(args: argparse.Namespace) -> int:
    from journal.review.answers_out import render

    store = open_store(args, must_exist=True)
    review = store.reviews.get(args.review)
    _, form, found = _context(store, review)
    text = render(review, form, found, args.format)
    sys.stdout.write(text if args.format == "json" else visible(text))
    return 0


def run_copy(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.clipboard import copy_text
    from journal.review.answers import answer_text, measure, plain_text

    store = open_store(args, must_exist=True)
    review = store.reviews.get(args.review)
    _, _, found = _context(store, review)
    slot = _slot(args, found)
    text = plain_text(answer_text(review, slot))
    if not text.strip():
        raise UsageError(f"question {slot.number} ({slot.label}) has no answer yet")
    size = measure(text, slot.question.limit)
    if size.over and not args.force:
        raise UsageError(
            f"the answer to question {slot.number} is {size.describe()}: the "
            "form would cut it or refuse it. Shorten it, or copy it anyway "
            "with --force"
        )
    result = copy_text(text)
    print(visible_line(f"Question {slot.number} ({size.describe()}): {result.describe()}"))
    return 0 if result.anything else 1


def run_compare(args: argparse.Namespace) -> int:
    from journal.review.assess import assess_store
    from journal.review.compare import compare, to_data, to_markdown
    from journal.review.saved import review_period
    from journal.timestamps import local_now

    store = open_store(args, must_exist=True)
    today = local_now().date()
    first, second = store.reviews.get(args.before), store.reviews.get(args.after)
    before = assess_store(store, review_period(first), first, today)
    after = assess_store(store, review_period(second), second, today)
    result = compare(before, after, store.raw_entries(), store.goals.all(), store.skills.all())
    if args.format == "json":
        print_json(to_data(result))
    else:
        sys.stdout.write(visible(to_markdown(result)))
    return 0


def run_readiness(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.periods import parse_period
    from journal.review.answers import answer_text, measure
    from journal.review.assess import assess_store
    from journal.review.balance import balance
    from journal.review.saved import review_period
    from journal.timestamps import local_now

    if bool(args.review) == bool(args.period):
        raise UsageError("say --review NAME or --period P (one of them)")
    store = open_store(args, must_exist=True)
    now = local_now()
    review = store.reviews.get(args.review) if args.review else None
    period = review_period(review) if review else parse_period(args.period, now)
    answered = questions = over = 0
    if review is not None and review.get("form"):
        _, _, found = _context(store, review)
        texts = [(s, answer_text(review, s)) for s in found]
        questions = len(found)
        answered = sum(1 for _, t in texts if t.strip())
        over = sum(1 for s, t in texts if measure(t, s.question.limit).over)
    result = balance(assess_store(store, period, review, now.date()), answered, questions, over)
    if args.json:
        print_json(
            {
                "score": result.score,
                "todo": result.todo,
                "recency": result.recency,
                "concrete_share": round(result.concrete_share, 3),
                "evidence": result.evidence,
                "starred_wins_without_impact": result.starred_wins_without_impact,
                "quarter_gaps": [{"quarter": q, "goal": c} for q, c in result.quarter_gaps],
            }
        )
        return 0
    print(f"Readiness: {result.score}/100")
    for item in result.todo:
        print(visible_line(f"- {item}"))
    if not result.todo:
        print("Nothing left to do.")
    return 0
