"""`journal form import|list|show`: the review forms a saved review can answer.

Heavy imports happen inside the commands, so registering them costs `journal add` nothing.
"""

from __future__ import annotations

import argparse
from typing import Any

from journal.cli.output import open_store, print_json
from journal.textsafe import visible, visible_line

IMPORT_EPILOG = """\
a form file is Markdown: a title, then one question per bullet, options at its end:

  # Mid-year review 2026
  - What did you achieve? (limit: 3,500 chars)
  - Progress on each goal (per goal) (limit: 300 words)
  - Rating (per goal) (rating)
  - How did you grow as a presenter? (skill: presenting) (limit: 1000 chars)
  - How did each competency grow? (per skill)

options: (limit: N chars) or (limit: N words); (per goal) or (per skill): one answer per
goal or skill; (goal: CODE) or (skill: CODE): about that one; (rating): the goal's rating
on the review's scale. An indented line continues the question above it. Characters are
counted as you see them (an emoji or an accented letter is one).

examples:
  journal form import midyear.md
  journal form import midyear.md --name midyear-2026 --replace
  journal review start --period "H1 2026" --form midyear-2026
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    form = subparsers.add_parser(
        "form",
        parents=[common],
        help="review forms: questions with limits",
        description="Review forms: the questions your company's review asks, each with its "
        "limit, answered in a saved review (`journal review start --form NAME`).",
    )
    sub = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="import a form from a Markdown file",
        description="Import a review form from a Markdown file. Every bad line is listed "
        "with its number, and then nothing is saved.",
        epilog=IMPORT_EPILOG,
        formatter_class=raw,
    )
    imp.add_argument("file", metavar="FILE", help="the form file (Markdown, UTF-8)")
    imp.add_argument(
        "--name", metavar="NAME", help="the name to use it by (default: from its title)"
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace a form of the same name (reviews keep their own copy)",
    )
    imp.set_defaults(run=run_import)
    lst = sub.add_parser("list", parents=[common], help="list the forms (built-in and imported)")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.set_defaults(run=run_list)
    show = sub.add_parser(
        "show", parents=[common], help="print a form as a form file (to copy and change)"
    )
    show.add_argument("name", metavar="NAME", help="the form's name (`journal form list`)")
    show.set_defaults(run=run_show)


MAX_FORM_BYTES = 1_000_000  # a form is a page of questions; more is the wrong file


def run_import(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.importers.common import read_small_file
    from journal.models import check_code
    from journal.review.builtin_forms import builtin_forms
    from journal.review.forms import parse_form

    raw = read_small_file(args.file, MAX_FORM_BYTES, "a review form")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UsageError(f"{args.file} is not UTF-8 (byte {err.start}): save it as UTF-8") from None
    name = check_code(args.name) if args.name else None
    store = open_store(args)
    goal_codes = {g["code"]: g["id"] for g in store.goals.all()}
    skill_codes = {s["code"]: s["id"] for s in store.skills.all()}
    form = parse_form(text, args.file, name, goal_codes, skill_codes)
    if form.name in builtin_forms():
        raise UsageError(
            f"{form.name!r} is a built-in form's name: import it with --name NAME as another"
        )
    store.forms.save(form.to_record(), replace=args.replace)
    print(
        visible_line(
            f"Imported the form {form.name!r} ({form.title}): {len(form.questions)} questions"
        )
    )
    return 0


def _forms(args: argparse.Namespace) -> list[Any]:
    from journal.review.builtin_forms import builtin_forms
    from journal.review.forms import form_from_record

    store = open_store(args, must_exist=False)
    stored = [form_from_record(r) for r in store.forms.all()] if store.path.exists() else []
    return stored + list(builtin_forms().values())


def run_list(args: argparse.Namespace) -> int:
    forms = _forms(args)
    if args.json:
        print_json([{**f.to_record(), "builtin": f.builtin} for f in forms])
        return 0
    for form in forms:
        where = "built-in" if form.builtin else "imported"
        print(
            visible_line(f"{form.name:<24} {form.title} ({len(form.questions)} questions, {where})")
        )
        for number, q in enumerate(form.questions, 1):
            extra = [
                x
                for x in (
                    "rating" if q.rating else "",
                    "per goal" if q.per_goal and not q.rating else "",
                    "per skill" if q.per_skill else "",
                    q.limit.describe() if q.limit else "",
                )
                if x
            ]
            print(
                visible_line(f"  {number}. {q.text}" + (f" ({'; '.join(extra)})" if extra else ""))
            )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from journal.review.builtin_forms import find_form
    from journal.review.forms import form_markdown

    forms = [f for f in _forms(args) if not f.builtin]
    form = find_form(args.name, forms)
    store = open_store(args, must_exist=False)
    codes = store.code_map() if store.path.exists() else {}
    print(visible(form_markdown(form, codes)), end="")
    return 0
