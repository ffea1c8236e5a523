"""One entry at a time: `journal show`, `edit`, `delete`, `undo` and `restore`.

Deleted entries wait in the journal's trash (each delete whole; the oldest deletes go once
newer ones hold 100 entries), so `journal undo` brings back the last deletion and
`journal restore ID` any entry still there, with its id and its links to goals and skills.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import entry_json, entry_line, open_store, print_json
from journal.errors import DateError, ValidationError
from journal.models import KINDS, SENTIMENTS
from journal.records import Entry, StoredRecord
from journal.store.journal_store import JournalStore
from journal.textsafe import plural, visible, visible_line

SHOW_EPILOG = """\
examples:
  journal show e12
  journal show e12 --json | jq .body
"""

EDIT_EPILOG = """\
With no field flags, $VISUAL (or $EDITOR) opens on the entry as text: a header of
fields (kind, when, title, from, sentiment, goals, skills, tags, star), a blank line,
then the body. Save and quit to apply; what comes back is checked first, and nothing is
written if it is unchanged or cannot be read (on a terminal you may edit it again).
#words in the title or body become tags.

examples:
  journal edit e12                           open the entry in your editor
  journal edit e12 --when yesterday --star
  journal edit e12 --goal revenue --goal latency   (replaces its goals)
  echo "The new body" | journal edit e12 --body -
"""

DELETE_EPILOG = """\
The entries wait in the trash: each delete is kept whole, the oldest go once newer
deletes hold 100 entries. examples:
  journal delete e12 e13 --yes
  journal undo            brings back the last deletion
  journal restore e12     brings back one entry; `journal restore` lists the trash
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    show = subparsers.add_parser(
        "show",
        parents=[common],
        help="print one entry in full",
        formatter_class=raw,
        description="Print one entry in full: kind, date, source, sentiment, goals, "
        "skills, tags and body.",
        epilog=SHOW_EPILOG,
    )
    show.add_argument("entry", metavar="ID", help="the entry's id, as `journal list` shows")
    show.add_argument("--json", action="store_true", help="print it as a JSON object")
    show.set_defaults(run=run_show)

    edit = subparsers.add_parser(
        "edit",
        parents=[common],
        help="change an entry (flags, or in $EDITOR)",
        description="Change fields of an entry, or edit it as text in your editor.",
        epilog=EDIT_EPILOG,
        formatter_class=raw,
    )
    edit.add_argument("entry", metavar="ID", help="the entry's id, as `journal list` shows")
    edit.add_argument("--when", metavar="W", help="'yesterday 17:40', '2026-03-04 09:00'")
    edit.add_argument("--kind", metavar="K", help=f"one of: {', '.join(KINDS)}")
    edit.add_argument("--title", metavar="T", help="the new title")
    edit.add_argument("--body", metavar="B", help="the new body (- reads standard input)")
    edit.add_argument(
        "--goal",
        action="append",
        metavar="CODE",
        help="the entry's goals (repeatable; replaces the ones it has)",
    )
    edit.add_argument(
        "--skill",
        action="append",
        metavar="CODE",
        help="the entry's skills (repeatable; replaces the ones it has)",
    )
    edit.add_argument(
        "--tag",
        action="append",
        metavar="T",
        help="the entry's tags (repeatable; replaces the ones it has)",
    )
    edit.add_argument("--from", dest="source", metavar="WHO", help="who gave the feedback")
    edit.add_argument("--sentiment", metavar="S", help=f"feedback only: {', '.join(SENTIMENTS)}")
    edit.add_argument("--star", action="store_true", help="star the entry")
    edit.add_argument("--unstar", action="store_true", help="remove its star")
    edit.add_argument(
        "--impact",
        metavar="TEXT",
        help="wins only: what it changed, e.g. 'p95 -34%%' ('' removes it)",
    )
    edit.set_defaults(run=run_edit)

    delete = subparsers.add_parser(
        "delete",
        parents=[common],
        help="delete entries (restorable with `journal undo`)",
        description="Delete entries. On a terminal it asks first; --yes skips the question.",
        epilog=DELETE_EPILOG,
        formatter_class=raw,
    )
    delete.add_argument("entries", nargs="+", metavar="ID", help="the entries' ids")
    delete.add_argument("-y", "--yes", action="store_true", help="delete without asking")
    delete.set_defaults(run=run_delete)

    undo = subparsers.add_parser(
        "undo",
        parents=[common],
        help="bring back the last deleted entries",
        description="Bring back the entries of the last `journal delete`, with their ids "
        "and links.",
        epilog="example:\n  journal delete e12 --yes && journal undo",
        formatter_class=raw,
    )
    undo.set_defaults(run=run_undo)

    restore = subparsers.add_parser(
        "restore",
        parents=[common],
        help="bring back deleted entries by id; list the trash",
        description="Bring back deleted entries by id, with their links. With no ID, list "
        "the deleted entries that can still be restored.",
        epilog="examples:\n  journal restore\n  journal restore e12 e13",
        formatter_class=raw,
    )
    restore.add_argument("entries", nargs="*", metavar="ID", help="the deleted entries' ids")
    restore.set_defaults(run=run_restore)


# -- show --------------------------------------------------------------------------


def entry_full(entry: Entry, codes: dict[str, str]) -> str:
    """An entry in full for the terminal; every piece of user text made visible."""
    when = entry["when"][:16].replace("T", " ")
    offset = entry["when"][19:]
    head = [entry["id"], entry["kind"], f"{when} {offset}".strip()]
    if entry.get("starred"):
        head.append("starred")
    lines = ["  ".join(head), entry["title"]]
    fields = [
        ("from", entry.get("source") or ""),
        ("sentiment", entry.get("sentiment") or ""),
        ("impact", entry.get("impact") or ""),
        ("goals", ", ".join(codes.get(g, g) for g in entry["goals"])),
        ("skills", ", ".join(codes.get(s, s) for s in entry["skills"])),
        ("tags", ", ".join(entry["tags"])),
        ("value", f"{entry['value']:g}" if entry.get("value") is not None else ""),
        ("confidence", entry.get("confidence") or ""),
    ]
    lines += [f"{name + ':':<11}{value}" for name, value in fields if value]
    text = "\n".join(visible_line(line) for line in lines) + "\n"
    if entry["body"]:
        text += "\n" + visible(entry["body"]).rstrip("\n") + "\n"
    return text


def run_show(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    entry = store.entries.get(args.entry)
    codes = store.code_map()
    if args.json:
        print_json(entry_json(entry, codes))
    else:
        sys.stdout.write(entry_full(entry, codes))
    return 0


# -- edit --------------------------------------------------------------------------


def flag_changes(args: argparse.Namespace, entry: Entry) -> dict[str, Any]:
    """The fields the flags set (links by code); empty when no field flag was given."""
    from journal.cli.entries import read_text

    if args.star and args.unstar:
        raise ValidationError("--star and --unstar cannot go together")
    changes: dict[str, Any] = {}
    for flag, field in (
        ("when", "when"),
        ("kind", "kind"),
        ("title", "title"),
        ("source", "source"),
        ("sentiment", "sentiment"),
        ("goal", "goals"),
        ("skill", "skills"),
        ("tag", "tags"),
        ("impact", "impact"),
    ):
        value = getattr(args, flag)
        if value is not None:
            changes[field] = value
    if args.body is not None:
        changes["body"] = read_text(args.body)
    if args.star or args.unstar:
        changes["starred"] = bool(args.star)
    kind = str(changes.get("kind") or entry["kind"]).strip().lower()
    if kind != "win" and "impact" not in changes and entry.get("impact"):
        changes["impact"] = None  # a win made a note keeps no impact
    if kind != "feedback":  # a note has no source or sentiment: drop them, not refuse
        for field in ("source", "sentiment"):
            if field not in changes and entry.get(field):
                changes[field] = None
    return changes


def with_hashtags(changes: dict[str, Any], entry: Entry) -> dict[str, Any]:
    """#words in a changed title or body join the tags."""
    from journal.entry_text import hashtags

    if "title" not in changes and "body" not in changes:
        return changes
    text = f"{changes.get('title', entry['title'])}\n{changes.get('body', entry['body'])}"
    tags: list[str] = list(changes["tags"] if "tags" in changes else entry["tags"])
    new = [t for t in hashtags(text) if t not in tags]
    return {**changes, "tags": tags + new} if new else changes


def run_edit(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    entry = store.entries.get(args.entry)
    changes = flag_changes(args, entry)
    if not changes:
        return edit_in_editor(store, entry)
    updated = save_changes(store, entry, changes)
    print(entry_line(updated, store.code_map()))
    return 0


def save_changes(store: JournalStore, entry: Entry, changes: dict[str, Any]) -> Entry:
    """Apply what the user changed since reading `entry` onto the entry as it is now
    (`store.entries.edit`): another terminal's tags, star or links set meanwhile stay,
    and #hashtags join the tags it has now. Links are given by code: ids before merging."""
    edited = with_hashtags(changes, entry)
    if "goals" in edited:
        edited["goals"] = store.goals.ids(edited["goals"])
    if "skills" in edited:
        edited["skills"] = store.skills.ids(edited["skills"])
    updated, conflicts = store.entries.edit(entry["id"], entry, edited)
    if conflicts:
        print(
            f"journal: note: {entry['id']} was also changed elsewhere meanwhile; your "
            f"{', '.join(conflicts)} replaced the other version (every other change was "
            "kept)",
            file=sys.stderr,
        )
    return updated


def edit_in_editor(store: JournalStore, entry: Entry) -> int:
    from journal.entry_text import entry_text, parse_entry_text

    codes = store.code_map()
    original = entry_text(entry, codes)
    before = parse_entry_text(original)

    def apply(fields: StoredRecord) -> Entry | None:
        changes = {k: v for k, v in fields.items() if v != before.get(k)}
        if not changes:
            return None
        if not fields["title"]:
            raise ValidationError(
                "the title and body are both empty (to delete the entry, "
                f"use `journal delete {entry['id']}`)"
            )
        return save_changes(store, entry, changes)

    done, updated = edit_until_valid(store, original, entry["id"], apply)
    if not done:
        return 1
    if updated is None:
        print(f"No changes to {entry['id']}; nothing written.")
        return 0
    print(entry_line(updated, store.code_map()))
    return 0


def edit_until_valid(
    store: JournalStore, text: str, name: str, apply: Any
) -> tuple[bool, Entry | None]:
    """Open the editor on `text` and `apply` the parsed fields; when they cannot be
    read, say why and, on a terminal, offer to edit again (the user's text is kept).
    Returns (finished, what apply returned); raises ValidationError when refused.
    The edit file is removed only once `apply` returned: a refused or failed save keeps
    it, and the message says where it is."""
    from journal.editor import Draft, EditorError
    from journal.entry_text import parse_entry_text
    from journal.errors import JournalError

    while True:
        try:
            draft = Draft(store.path, name)
        except EditorError as err:
            print(f"journal: {visible_line(str(err))}; nothing was written", file=sys.stderr)
            return False, None
        try:
            text = draft.edit(text)
        except EditorError as err:
            print(
                f"journal: {visible_line(str(err))}; nothing was written{draft.kept()}",
                file=sys.stderr,
            )
            return False, None
        except ValidationError as err:  # not UTF-8: the raw bytes stay in the file
            raise ValidationError(f"{err}; nothing was written{draft.kept()}") from None
        try:
            result = apply(parse_entry_text(text))
        except (ValidationError, DateError) as err:
            if not (sys.stdin.isatty() and ask(f"journal: {err}\nEdit again? [Y/n] ", True)):
                raise ValidationError(f"{err}; nothing was written{draft.kept()}") from None
            draft.discard()  # its text goes on to the next round
            text = note_problem(text, str(err))
            continue
        except JournalError as err:  # a full disk, a busy journal: the text must survive
            raise JournalError(f"{err}{draft.kept()}") from None
        draft.discard()
        return True, result


def note_problem(text: str, problem: str) -> str:
    """Put the problem at the top of the header as a comment, replacing an earlier one."""
    lines = [line for line in text.split("\n") if not line.startswith("# journal: ")]
    return "\n".join([f"# journal: {visible_line(problem)}", *lines])


def ask(question: str, default: bool) -> bool:
    try:
        answer = input(visible(question)).strip().lower()
    except EOFError:
        return False
    return default if not answer else answer in ("y", "yes")


# -- delete, undo, restore -----------------------------------------------------------


def run_delete(args: argparse.Namespace) -> int:
    from journal.cli import UsageError

    store = open_store(args, must_exist=True)
    entries = [store.entries.get(ident) for ident in args.entries]
    codes = store.code_map()
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("not on a terminal, so it cannot ask: add --yes to delete")
        for entry in entries:
            print(entry_line(entry, codes))
        if not ask(f"Delete {plural(len(entries), 'entry')}? [y/N] ", False):
            print("Nothing deleted.")
            return 0
    deleted = store.entries.delete_many(e["id"] for e in entries)
    ids = " ".join(e["id"] for e in deleted)
    print(f"Deleted {ids}; `journal undo` brings {'it' if len(deleted) == 1 else 'them'} back.")
    return 0


def _restored(store: JournalStore, restored: list[Entry]) -> int:
    codes = store.code_map()
    for entry in restored:
        print(entry_line(entry, codes))
    print(f"Restored {plural(len(restored), 'entry')}.")
    return 0


def run_undo(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    return _restored(store, store.entries.undo_delete())


def run_restore(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    if args.entries:
        return _restored(store, store.entries.restore_deleted(*args.entries))
    waiting = store.entries.trashed()
    codes = store.code_map()
    for entry in waiting:
        print(entry_line(entry, codes))
    if not waiting:
        print("The trash is empty: no deleted entries to restore.", file=sys.stderr)
    return 0
