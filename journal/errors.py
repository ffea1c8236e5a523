"""Every error the journal raises on purpose, in one hierarchy.

Two families, so every caller (a command, a screen) catches the same two:
`ValidationError` is the user's input breaking a rule (the message says what to fix; exit
2 on the command line), `JournalError` is the journal file or the disk (exit 1).
"""

from __future__ import annotations


class ValidationError(ValueError):
    """Input that breaks a rule of the data model; the message says what to fix."""


class DateError(ValidationError):
    """A phrase we could not read; str(err) quotes the phrase and says what is accepted."""


class ImportFileError(ValidationError):
    """A file that cannot be imported as it is (exit 2); the journal is left untouched."""


class JournalError(Exception):
    """A failure that is not the user's input: exit status 1."""


class JournalFileError(JournalError):
    """The journal on disk cannot be used as it is; it is left untouched."""


class JournalWriteError(JournalError):
    """A save failed; the journal on disk is as it was before the save."""


class JournalReplaced(JournalWriteError):
    """The journal path no longer holds the file the save read (a sync tool's rename)."""
