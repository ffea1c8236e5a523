"""`journal encrypt`, `decrypt`, `passwd`, `unlock` and `lock`: the encrypted journal.

Passphrases come from the terminal (asked twice when new) or from a 0600 file named by
JOURNAL_PASSPHRASE_FILE; never from an argument or a plain environment variable.
docs/encryption.md explains the construction.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from journal.errors import JournalError
from journal.paths import journal_path
from journal.storage import crypto, passphrase, unlocking
from journal.textsafe import plural, visible_line

PASS_HELP = (
    "The passphrase is asked on the terminal, or read from the 0600 file named by "
    "$JOURNAL_PASSPHRASE_FILE (scripts and tests); never from an argument."
)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, help: str, description: str) -> argparse.ArgumentParser:
        cmd: argparse.ArgumentParser = subparsers.add_parser(
            name,
            parents=[common],
            help=help,
            description=f"{description}\n\n{PASS_HELP}",
            epilog="See docs/encryption.md for how the file is built.",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return cmd

    add(
        "encrypt",
        "encrypt the journal and its backups with a passphrase",
        "Encrypt the journal and every backup (Argon2id + XChaCha20-Poly1305). Asks for a\n"
        "new passphrase twice (12 characters or more). Leaves it unlocked for 30 minutes.",
    ).set_defaults(run=run_encrypt)
    add(
        "decrypt",
        "turn an encrypted journal back into plain JSON",
        "Write the journal and its backups back unencrypted (after merging the inbox).",
    ).set_defaults(run=run_decrypt)
    add(
        "passwd",
        "change the passphrase of an encrypted journal",
        "Change the passphrase: the data key is re-wrapped under the new one, in the\n"
        "journal and in every backup, so the old passphrase opens nothing afterwards.",
    ).set_defaults(run=run_passwd)
    unlock = add(
        "unlock",
        "unlock an encrypted journal for a while",
        "Derive the key once and keep it in $XDG_RUNTIME_DIR (RAM, only you) until it\n"
        "expires or `journal lock`; entries captured while locked come in now.",
    )
    unlock.add_argument(
        "--for",
        dest="lasting",
        metavar="DURATION",
        default="30m",
        help="how long to stay unlocked: 30m, 2h, 1h30m, at most 24h (default: 30m)",
    )
    unlock.add_argument(
        "--status", action="store_true", help="only say whether the journal is unlocked"
    )
    unlock.add_argument(
        "--remember",
        action="store_true",
        help="also keep the passphrase in the OS keyring (needs `keyring`; read the risk "
        "it prints)",
    )
    unlock.set_defaults(run=run_unlock)
    lock = add("lock", "lock an encrypted journal now", "Forget the cached key now.")
    lock.add_argument(
        "--forget",
        action="store_true",
        help="also remove a passphrase kept in the OS keyring by `unlock --remember`",
    )
    lock.add_argument(
        "--idle",
        metavar="DURATION",
        help="instead of locking now, set how long the app may sit idle before it locks "
        "itself: 5m, 1h (default 10m; kept inside the encrypted journal)",
    )
    lock.set_defaults(run=run_lock)


def say(text: str) -> None:
    print(visible_line(text))


def header_of(path: Path, must: bool = True) -> crypto.Header | None:
    try:
        found = unlocking.read_header(path)
    except crypto.CryptoError as err:
        raise JournalError(
            f"Cannot open the journal {path}: {err}.\nThe file was left untouched; "
            "`journal doctor` lists the backups."
        ) from None
    if found is None and must:
        if not path.exists():
            raise JournalError(f"There is no journal at {path}.")
        raise JournalError(f"The journal {path} is not encrypted (`journal encrypt` does it).")
    return found


def keys_of(path: Path, header: crypto.Header) -> crypto.Keys:
    unlocking.allow_prompt()
    return unlocking.keys_for(path, header)


def run_encrypt(args: argparse.Namespace) -> int:
    from journal.storage import encrypting

    path = journal_path(getattr(args, "db", None))
    if header_of(path, must=False) is not None:
        raise JournalError(f"The journal {path} is already encrypted: nothing was changed.")
    if not path.exists():
        raise JournalError(f"There is no journal at {path}: add an entry first.")
    text = passphrase.new("the journal")
    keys, done = encrypting.encrypt(path, text, crypto.moderate())
    say(f"Encrypted {path} and {plural(done.backups, 'backup')}.")
    move_plaintext_aside(path)
    until = unlocked_for(keys, unlocking.DEFAULT_FOR)
    if until:
        say(
            f"encrypted; unlocked until {unlocking.until_text(until)} (`journal lock` locks it now)"
        )
    return 0


def move_plaintext_aside(path: Path) -> None:
    """The app's drafts go from beside the journal into RAM; unfinished edits are named."""
    from journal import drafts
    from journal.editor import beside, leftovers
    from journal.storage.fileops import replace_atomically

    plain = drafts.draft_path(path)
    target = drafts.kept_at(path)
    if plain.exists():
        if target is None:
            print(
                visible_line(
                    f"journal: warning: the app's drafts stay unencrypted in {plain} "
                    "(no private runtime folder to move them to)"
                ),
                file=sys.stderr,
            )
        else:
            replace_atomically(target, [plain.read_bytes()])  # RAM, 0600
            plain.unlink()
    if beside(path).is_dir():
        for file in leftovers(path) or list(beside(path).iterdir()):
            print(
                visible_line(
                    f"journal: warning: {file} holds an unfinished edit in plain "
                    "text: copy what you need, then delete it"
                ),
                file=sys.stderr,
            )


def unlocked_for(keys: crypto.Keys, lasting: Any) -> Any:
    from datetime import datetime

    from journal.storage import keycache

    until = datetime.now().astimezone() + lasting
    if keycache.save(keys, until) is None:
        warn_no_runtime()
        return None
    return until


def warn_no_runtime() -> None:
    print(
        "journal: note: there is no private runtime folder ($XDG_RUNTIME_DIR): the key "
        "is not kept, so each command asks for the passphrase.",
        file=sys.stderr,
    )


def run_decrypt(args: argparse.Namespace) -> int:
    from journal.storage import encrypting, keycache

    path = journal_path(getattr(args, "db", None))
    header = header_of(path)
    assert header is not None
    keys = keys_of(path, header)
    for attempt in range(3):  # a locked add may land between the merge and the rewrite
        merge_inbox(path, keys)
        try:
            done = encrypting.decrypt(path, keys)
            break
        except encrypting.InboxWaiting:
            if attempt == 2:
                raise
    keycache.forget(header.journal_id)
    unlocking.forget_remembered(header)
    say(f"Decrypted {path} and {plural(done.backups, 'backup')}: the journal is plain JSON now.")
    report_skipped(done.skipped, "left encrypted")
    return 0


def report_skipped(skipped: list[Path], what: str) -> None:
    for backup in skipped:
        print(
            visible_line(f"journal: note: backup {backup} could not be read: {what}"),
            file=sys.stderr,
        )


def run_passwd(args: argparse.Namespace) -> int:
    from journal.storage import encrypting

    path = journal_path(getattr(args, "db", None))
    header = header_of(path)
    assert header is not None
    keys = unlocking.cached(header)
    if keys is None:
        if passphrase.from_file() is not None:
            raise JournalError(
                "passwd reads only the new passphrase from $JOURNAL_PASSPHRASE_FILE: unlock "
                "the journal first (`journal unlock`), then run passwd with the new one"
            )
        keys = unlocking.from_passphrase(path, header, passphrase.existing("journal passwd"))
    text = passphrase.new("the journal")
    done = encrypting.rewrap(path, keys, text, header.kdf)
    unlocking.forget_remembered(header)
    say(f"Changed the passphrase of {path} and {plural(done.backups, 'backup')}.")
    report_skipped(done.skipped, "it still opens with the old passphrase only")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    path = journal_path(getattr(args, "db", None))
    if args.status:
        if not path.exists():
            raise JournalError(f"There is no journal at {path}.")
        say(unlocking.status_line(path))
        return 0
    lasting = unlocking.parse_duration(args.lasting)
    header = header_of(path)
    assert header is not None
    keys = unlocking.cached(header)
    if keys is None:
        text = passphrase.existing("journal unlock")
        keys = unlocking.from_passphrase(path, header, text)
        if args.remember:
            unlocking.remember(header, text)
            print(f"journal: {unlocking.REMEMBER_RISK}", file=sys.stderr)
    elif args.remember:
        raise JournalError(
            "--remember stores the passphrase you type: lock first (`journal lock`), then "
            "`journal unlock --remember`"
        )
    check_opens(path, keys)  # before the key is cached: a failed unlock stays locked
    sweep_edit_leftovers(path)
    until = unlocked_for(keys, lasting)
    merge_inbox(path, keys)
    say(
        f"encrypted; unlocked until {unlocking.until_text(until)}"
        if until
        else "encrypted; unlocked for this command only"
    )
    return 0


def sweep_edit_leftovers(path: Path) -> None:
    """Remove the decrypted text of edits whose process is gone (a refused edit's kept
    copy, a crash's file beside the journal): locked, no plaintext of it stays around."""
    from journal.editor import remove_leftovers

    removed = remove_leftovers(path)
    if removed:
        say(
            f"Removed {plural(removed, 'unfinished edit file')} (decrypted text of edits "
            "that are no longer open)."
        )


def check_opens(path: Path, keys: crypto.Keys) -> None:
    """Read the whole journal with `keys`: the header alone unwraps the key, so a damaged
    body would otherwise be "unlocked" and fail on every later command. Raises the
    storage's refusal (it names the newest good backup)."""
    from journal.store.journal_store import JournalStore

    store = JournalStore(path)
    store.storage.use_keys(keys)
    store.storage.read()


def merge_inbox(path: Path, keys: crypto.Keys) -> None:
    from journal.storage import inbox
    from journal.store.journal_store import JournalStore

    if not inbox.pending(path):
        return
    store = JournalStore(path)
    store.storage.use_keys(keys)
    merged = inbox.merge(store, keys)
    if merged.added:
        say(
            f"{plural(len(merged.added), 'entry')} came in from the inbox "
            f"({merged.added[0]}..{merged.added[-1]})."
        )
    if merged.duplicates:
        say(f"{plural(merged.duplicates, 'duplicate')} dropped (already in the journal).")
    if merged.dropped_links:
        say(f"Unknown links dropped: {', '.join(merged.dropped_links)}.")
    if merged.set_aside:
        aside = inbox.unreadable_path(path)
        if merged.unreadable:
            print(
                f"journal: {plural(merged.unreadable, 'inbox record')} could not be opened: "
                f"kept in {aside}",
                file=sys.stderr,
            )
        for reason in merged.invalid:
            print(
                visible_line(
                    f"journal: an inbox record is not a valid entry ({reason}): "
                    f"kept in {aside}, the rest came in"
                ),
                file=sys.stderr,
            )


def run_lock(args: argparse.Namespace) -> int:
    from journal.storage import keycache

    path = journal_path(getattr(args, "db", None))
    header = header_of(path)
    assert header is not None
    if args.idle is not None:
        return set_idle_lock(args, path, header, unlocking.parse_duration(args.idle))
    had = keycache.forget(header.journal_id)
    sweep_edit_leftovers(path)
    if args.forget and unlocking.forget_remembered(header):
        say("The passphrase was removed from the OS keyring.")
    say("locked" if had else "locked (it was not unlocked)")
    return 0


def set_idle_lock(args: argparse.Namespace, path: Path, header: crypto.Header, idle: Any) -> int:
    """`lock --idle`: the app's idle lock, in the journal's own (encrypted) settings."""
    from journal.cli.output import open_store
    from journal.live import APP_SETTINGS_KEY

    unlocking.allow_prompt()
    store = open_store(args)
    minutes = max(1, round(idle.total_seconds() / 60))
    with store.transaction():
        kept = store.meta().get(APP_SETTINGS_KEY)
        settings = {**(kept if isinstance(kept, dict) else {}), "idle_lock_minutes": minutes}
        store.set_meta(APP_SETTINGS_KEY, settings)
    say(f"The app locks itself after {plural(minutes, 'minute')} idle (kept inside {path}).")
    return 0
