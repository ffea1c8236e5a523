"""`journal review export` and `journal review list`: the self-assessment on the command line.

Heavy imports (assessment, export, markdown-it) happen inside the commands, so
registering them costs `journal add` nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import open_store, print_json, write_output
from journal.export.formats import REVIEW_FORMATS
from journal.textsafe import visible_line


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    review = subparsers.add_parser(
        "review",
        parents=[common],
        help="build and export a self-assessment",
        description="Self-assessments built from the journal's evidence.",
    )
    sub = review.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    export = sub.add_parser(
        "export",
        parents=[common],
        help="export a self-assessment for a period",
        description="Export the self-assessment for a period: per company goal its evidence, "
        "rating and narrative; gaps and stale goals; feedback; personal goals; skills. "
        "Without --review it has no ratings yet (rate goals in the app: key r).",
        epilog='example: journal review export --period "H1 2026" --format html -o review.html',
    )
    export.add_argument(
        "--period",
        metavar="P",
        help="'H1 2026', '2026', 'last quarter', '2026-01-01..2026-06-30' "
        "(default: the saved review's period)",
    )
    export.add_argument(
        "--format",
        choices=REVIEW_FORMATS,
        metavar="F",
        help="md (default), json, html or txt; with -o and no --format, the file's suffix decides",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (private: mode 0600) instead of standard output",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument(
        "--review", metavar="NAME", help="a saved review (title or id, see `journal review list`)"
    )
    export.add_argument(
        "--limit",
        type=int,
        default=15,
        metavar="N",
        help="at most N evidence items per goal in md/html/txt, starred first "
        "(0: all; JSON always has all); default 15",
    )
    export.set_defaults(run=run_export)

    lst = sub.add_parser("list", parents=[common], help="list saved reviews")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.set_defaults(run=run_list)

    from journal.cli.review_forms import register as register_forms

    register_forms(sub, common)


def run_export(args: argparse.Namespace) -> int:
    from journal.cli import UsageError
    from journal.export.assessment import format_for, render
    from journal.periods import parse_period
    from journal.review.assess import assess_store
    from journal.review.saved import review_period
    from journal.timestamps import local_now

    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if not args.period and not args.review:
        raise UsageError("say which period: --period 'H1 2026' (or --review NAME)")
    now = local_now()
    period = parse_period(args.period, now) if args.period else None
    to_file = args.output not in (None, "-")
    if to_file:
        check_output(args.output, args.format)
    fmt = args.format or (format_for(args.output) if to_file else "md")
    store = open_store(args, must_exist=True)
    review = store.reviews.get(args.review) if args.review else None
    if period is None:
        assert review is not None
        period = review_period(review)
    assessment = assess_store(store, period, review, now.date())
    text = render(assessment, fmt, limit=args.limit or None)
    if not to_file:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    path = write_output(args.output, text, args.force, store.path)
    print(visible_line(f"Wrote {assessment.title} ({fmt}) to {path}"))
    return 0


def check_output(output: str, fmt: str | None) -> None:
    """Refuse at once, before any work: a folder, or a name whose suffix says no format we
    write (x.docx, or none without --format: the app refuses the same)."""
    from pathlib import Path

    from journal.cli import UsageError
    from journal.export.formats import REVIEW_SUFFIXES

    path = Path(output)
    if path.is_dir():
        raise UsageError(
            f"cannot write {output}: it is a folder; name a file in it, e.g. {path / 'review.md'}"
        )
    if path.suffix.lower() in REVIEW_SUFFIXES or (fmt and not path.suffix):
        return
    suffix = f"its suffix {path.suffix!r}" if path.suffix else "it has no suffix"
    raise UsageError(
        f"cannot tell which format to write to {output}: {suffix}; end the name "
        "in .md, .html, .json or .txt, or say --format"
    )


def run_list(args: argparse.Namespace) -> int:
    from journal.review.saved import review_period
    from journal.timestamps import human_date

    store = open_store(args, must_exist=True)
    reviews = sorted(store.reviews.all(), key=lambda r: str(r.get("updated", "")), reverse=True)
    rows = []
    for review in reviews:
        period = review_period(review)
        rated = sum(
            1
            for part in (review.get("goals") or {}).values()
            if isinstance(part, dict) and part.get("rating")
        )
        rows.append(
            {
                "id": review["id"],
                "title": review.get("title", ""),
                "period": {
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                    "label": period.label,
                },
                "status": review.get("status", "draft"),
                "rated": rated,
                "updated": review.get("updated"),
            }
        )
        if not args.json:
            span = f"{human_date(period.start)} \u2013 {human_date(period.end)}"
            line = (
                f"{review['id']:<5} {review.get('title', '')}  ({span}, "
                f"{review.get('status', 'draft')}, {rated} rated)"
            )
            print(visible_line(line))
    if args.json:
        print_json(rows)
    elif not rows:
        print("No saved reviews yet. Open the app and press r to start one.")
    return 0
