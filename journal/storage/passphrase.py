"""Where a passphrase may come from: the terminal, or a 0600 file named by
JOURNAL_PASSPHRASE_FILE (for scripts and tests). Never an argument or a plain
environment variable: those show up in `ps`, shell history and /proc.
"""

from __future__ import annotations

import os
import stat
import sys

from journal.errors import JournalError
from journal.storage.crypto import passphrase_problem

FILE_VAR = "JOURNAL_PASSPHRASE_FILE"
LONGEST_LINE = 4096  # bytes: a passphrase, not a file to read whole


class PassphraseError(JournalError):
    """No usable passphrase: none given, a file others can read, or a mismatch."""


def from_file() -> str | None:
    """The passphrase in $JOURNAL_PASSPHRASE_FILE (first line), None when it is not set."""
    name = os.environ.get(FILE_VAR)
    if not name:
        return None
    try:
        # O_NONBLOCK: a FIFO (or a device) must get the "not a file" refusal, not hang open()
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise PassphraseError(
            f"cannot read the passphrase file {name} ({FILE_VAR}): {err.strerror}"
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise PassphraseError(f"the passphrase file {name} ({FILE_VAR}) is not a file")
        if st.st_mode & 0o077:
            raise PassphraseError(
                f"the passphrase file {name} ({FILE_VAR}) can be read by others "
                f"(mode {stat.S_IMODE(st.st_mode):04o}): run `chmod 600 {name}` first"
            )
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(LONGEST_LINE + 2)  # the first line only, not a whole huge file
    finally:
        os.close(fd)
    if b"\n" not in raw[: LONGEST_LINE + 1] and len(raw) > LONGEST_LINE:
        raise PassphraseError(
            f"the passphrase file {name} ({FILE_VAR}) has a first line too long for a "
            f"passphrase (over {LONGEST_LINE} bytes)"
        )
    try:  # the first line only: the read may have cut a character after it
        text = raw.split(b"\n", 1)[0].decode("utf-8")
    except UnicodeDecodeError:
        raise PassphraseError(f"the passphrase file {name} is not UTF-8 text") from None
    return text.rstrip("\r")


def can_prompt() -> bool:
    return sys.stdin.isatty()


def ask(prompt: str) -> str:
    """Read a passphrase from the terminal without echo."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise PassphraseError("no passphrase was given") from None


def existing(what: str) -> str:
    """The passphrase of an encrypted journal: the file, else the terminal, else refused."""
    found = from_file()
    if found is not None:
        return found
    if not can_prompt():
        raise PassphraseError(
            f"{what} needs the passphrase: run it on a terminal, or set {FILE_VAR} to a "
            "0600 file holding it"
        )
    return ask("Passphrase: ")


def new(what: str = "the journal") -> str:
    """A new passphrase (asked twice on a terminal), refused under 12 characters."""
    found = from_file()
    if found is None:
        if not can_prompt():
            raise PassphraseError(
                f"a new passphrase for {what} is asked on a terminal, or read from a 0600 "
                f"file named by {FILE_VAR}"
            )
        found = ask("New passphrase (12 characters or more): ")
        problem = passphrase_problem(found)
        if problem is None and ask("The same passphrase again: ") != found:
            raise PassphraseError("the two passphrases differ: nothing was changed")
    problem = passphrase_problem(found)
    if problem:
        raise PassphraseError(f"{problem}: nothing was changed")
    return found
