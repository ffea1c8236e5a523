"""`journal add`, `journal list` and `journal link`: the quick-capture path."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.capture import add_sealed, capture_key
from journal.errors import JournalError, ValidationError
from journal.goals import goal_family
from journal.models import KINDS, SENTIMENTS, choose, normalise_tags
from journal.paths import journal_path
from journal.periods import parse_period
from journal.records import Entry, StoredRecord
from journal.storage.crypto import file_is_encrypted
from journal.textsafe import visible_line
from journal.timestamps import FUTURE_NOTE, from_iso, in_future, local_now


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    for build in PARSERS.values():
        build(subparsers, common)


def register_add(subparsers: Any, common: argparse.ArgumentParser) -> None:
    add = subparsers.add_parser(
        "add",
        parents=[common],
        help="add an entry",
        description="Add an entry. The first sentence or line becomes its title; "
        "#words in the text become tags. Pass - as TEXT to read it from standard input; "
        "with no TEXT on a terminal, $VISUAL or $EDITOR opens to write it.",
        epilog="examples:\n"
        '  journal add win "Shipped the checkout fix. p95 down 27%. #latency" --goal latency\n'
        '  journal add feedback "Lead with the customer problem." --from Priya '
        "--sentiment constructive\n"
        "  journal add reflection            (opens your editor)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s [-h] [--db PATH] [options] KIND [TEXT]",
    )
    add.add_argument("kind", metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    add.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        help="what happened (- reads standard input; none on a terminal opens $EDITOR)",
    )
    add.add_argument(
        "--when",
        metavar="W",
        help="when it happened: 'last friday', '3 days ago', '2026-03-04 17:40' (default: now)",
    )
    add.add_argument(
        "--goal", action="append", default=[], metavar="CODE", help="link to a goal (repeatable)"
    )
    add.add_argument(
        "--skill", action="append", default=[], metavar="CODE", help="link to a skill (repeatable)"
    )
    add.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    add.add_argument("--from", dest="source", metavar="WHO", help="who gave the feedback")
    add.add_argument("--sentiment", metavar="S", help=f"feedback only: {', '.join(SENTIMENTS)}")
    add.add_argument("--star", action="store_true", help="star the entry")
    add.add_argument(
        "--impact",
        metavar="TEXT",
        help="wins only: what it changed, short, e.g. 'p95 -34%%' (shown first in exports)",
    )
    add.set_defaults(run=run_add)


def register_list(subparsers: Any, common: argparse.ArgumentParser) -> None:
    lst = subparsers.add_parser(
        "list",
        parents=[common],
        help="list entries, newest first",
        description="List entries, newest first. Filters combine (all must match).",
        epilog="examples:\n"
        '  journal list --search "customer demo" --period "this quarter"\n'
        "  journal list --kind feedback --from Priya --sentiment constructive\n"
        "  journal list --goal revenue --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lst.add_argument("--kind", metavar="K", help=f"one of: {', '.join(KINDS)}")
    lst.add_argument(
        "--goal",
        metavar="CODE",
        help="entries that are evidence for a goal (sub-goals and personal goals "
        "woven into it count too)",
    )
    lst.add_argument("--skill", metavar="CODE", help="entries linked to a skill")
    lst.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="entries with this tag (repeatable: all must match)",
    )
    lst.add_argument(
        "--period",
        metavar="P",
        help="'this quarter', 'H1 2026', 'last 6 months', '2026-01-01..2026-06-30'",
    )
    lst.add_argument(
        "--search",
        metavar="TEXT",
        help="entries holding every word of TEXT, in any order and any case, in the title, "
        "body, source or tags",
    )
    lst.add_argument("--from", dest="source", metavar="WHO", help="feedback from WHO (any case)")
    lst.add_argument("--sentiment", metavar="S", help=f"feedback of: {', '.join(SENTIMENTS)}")
    lst.add_argument("--starred", action="store_true", help="starred entries only")
    lst.add_argument("-n", type=int, metavar="N", help="show at most N entries")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.set_defaults(run=run_list)


def register_link(subparsers: Any, common: argparse.ArgumentParser) -> None:
    link = subparsers.add_parser(
        "link",
        parents=[common],
        help="tag an entry against goals and skills",
        description="Link an entry to goals and skills (evidence for a review).",
    )
    link.add_argument("entry", metavar="ENTRY_ID", help="the entry's id, as `journal list` shows")
    link.add_argument(
        "--goal",
        action="append",
        default=[],
        metavar="CODE",
        help="a goal the entry is evidence for (repeatable)",
    )
    link.add_argument(
        "--skill",
        action="append",
        default=[],
        metavar="CODE",
        help="a skill the entry shows practice of (repeatable)",
    )
    link.add_argument("--remove", action="store_true", help="remove these links instead")
    link.set_defaults(run=run_link)


# One builder per sub-command: `journal add` builds only the add parser (journal.cli).
PARSERS = {"add": register_add, "list": register_list, "link": register_link}


def read_text(text: str) -> str:
    """TEXT, or standard input for '-', decoded strictly so bad bytes are refused."""
    if text != "-":
        return text
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValidationError(
            f"standard input is not valid UTF-8 (byte {err.start}): save it as UTF-8"
        ) from None


def run_add(args: argparse.Namespace) -> int:
    if args.text is None and args.kind.lower() not in KINDS:
        import shlex  # only here: the capture path loads nothing it does not use

        raise ValidationError(
            f"journal add needs the kind first, one of {', '.join(KINDS)}: e.g. "
            f"journal add note {shlex.quote(args.kind)}"
        )
    from journal.entry_text import hashtags

    kind = choose(args.kind, KINDS, "kind")
    path = journal_path(getattr(args, "db", None))
    sealed_for = capture_key(path) if file_is_encrypted(path) else None
    if args.text is None:
        if sealed_for is not None:
            raise JournalError(
                f"The journal {path} is encrypted and locked: give the entry's TEXT to seal "
                "it for the inbox, or `journal unlock` first to write it in $EDITOR."
            )
        return add_in_editor(args, kind)
    text = read_text(args.text)
    if sealed_for is not None:
        from journal.storage.inbox import JournalRekeyed

        try:
            add_sealed(args, kind, text, [*args.tag, *hashtags(text)], path, sealed_for)
            return 0
        except JournalRekeyed:
            if file_is_encrypted(path):
                raise
            # decrypted meanwhile (`journal decrypt` in another terminal): an ordinary add
    from journal.cli.output import open_store  # here: a sealed add never loads the store

    store = open_store(args)
    entry = store.entries.add(
        kind,
        text,
        when=args.when,
        tags=[*args.tag, *hashtags(text)],
        goals=args.goal,
        skills=args.skill,
        source=args.source,
        sentiment=args.sentiment,
        starred=args.star,
        impact=args.impact,
    )
    report_added(entry)
    return 0


def added_line(entry: Entry) -> str:
    day = entry["when"][:16].replace("T", " ")
    return visible_line(f"{entry['id']} added: {entry['kind']} on {day}: {entry['title']}")


def report_added(entry: Entry) -> None:
    """The `eN added` line; a date in the future is taken as typed, but said."""
    print(added_line(entry))
    if in_future(from_iso(entry["when"]), local_now()):
        day = entry["when"][:16].replace("T", " ")
        print(f"journal: note: {entry['id']} is dated {day}, {FUTURE_NOTE}", file=sys.stderr)


def add_in_editor(args: argparse.Namespace, kind: str) -> int:
    """`journal add KIND` on a terminal: write the entry in $EDITOR."""
    from journal.cli import UsageError
    from journal.cli.edit import edit_until_valid
    from journal.entry_text import hashtags, template

    if not sys.stdin.isatty():
        raise UsageError(
            "give the entry's TEXT (or - to read standard input); "
            "with no TEXT, $EDITOR opens only on a terminal"
        )
    from journal.cli.output import open_store

    store = open_store(args)
    text = template(
        kind,
        when=args.when,
        goals=args.goal,
        skills=args.skill,
        tags=args.tag,
        source=args.source,
        sentiment=args.sentiment,
        starred=args.star or None,
        impact=args.impact,
    )

    def apply(fields: StoredRecord) -> Entry | None:
        if not fields["title"]:
            return None
        return store.entries.add(
            fields["kind"] or kind,
            title=fields["title"],
            body=fields["body"],
            when=fields["when"] or None,
            tags=[*fields["tags"], *hashtags(f"{fields['title']}\n{fields['body']}")],
            goals=fields["goals"],
            skills=fields["skills"],
            source=fields["source"],
            sentiment=fields["sentiment"],
            starred=fields["starred"],
            impact=fields.get("impact"),
        )

    done, entry = edit_until_valid(store, text, "new", apply)
    if not done:
        return 1
    if entry is None:
        print("The entry was empty: nothing written.", file=sys.stderr)
        return 0
    report_added(entry)
    return 0


def run_list(args: argparse.Namespace) -> int:
    if args.n is not None and args.n < 0:
        raise ValidationError("-n must be 0 or more")
    from journal.cli.output import entry_json, entry_line, open_store, print_json

    store = open_store(args, must_exist=True)
    from journal.query import EntryFilter, find  # only `list` filters

    flt = EntryFilter(
        kind=choose(args.kind, KINDS, "kind") if args.kind else None,
        tags=tuple(normalise_tags(args.tag)),
        goal_ids=goal_family(store.goals.get(args.goal)["id"], store.goals.all())
        if args.goal
        else None,
        skill_id=store.skills.get(args.skill)["id"] if args.skill else None,
        period=parse_period(args.period) if args.period else None,
        text=args.search or "",
        starred=args.starred,
        source=args.source,
        sentiment=choose(args.sentiment, SENTIMENTS, "sentiment") if args.sentiment else None,
    )
    found = find(store.raw_entries(), flt, args.n)
    codes = store.code_map()
    if args.json:
        print_json([entry_json(e, codes) for e in found])
        return 0
    out = sys.stdout
    for entry in found:
        out.write(entry_line(entry, codes) + "\n")
    if not found:
        print("no entries match", file=sys.stderr)
    return 0


def run_link(args: argparse.Namespace) -> int:
    if not args.goal and not args.skill:
        raise ValidationError("name at least one --goal or --skill to link")
    from journal.cli.output import entry_line, open_store

    store = open_store(args, must_exist=True)
    ref = f"e{args.entry}" if args.entry.isdigit() else args.entry  # `journal link 15`
    store.entries.get(ref)  # an unknown entry is refused before the lock file is made
    entry = store.entries.link(ref, goals=args.goal, skills=args.skill, unlink=args.remove)
    codes = store.code_map()
    print(entry_line(entry, codes))
    return 0
