"""Getting the keys of an encrypted journal: the runtime cache, the OS keyring when the
user opted in, the passphrase file, or the terminal, in that order.

Terminal prompts are allowed only when the command line turns them on (`allow_prompt`):
the app asks in its own masked field and must never fall into getpass.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from journal.errors import JournalError, JournalFileError
from journal.storage import crypto, keycache, passphrase

KEYRING_SERVICE = "coaching-journal"
DEFAULT_FOR = timedelta(minutes=30)
LONGEST_FOR = timedelta(hours=24)  # a key cached longer stops being an "unlock window"
_prompt = False


class JournalLocked(JournalError):
    """The journal is encrypted and no key or passphrase is at hand."""


def allow_prompt() -> None:
    """Let passphrases be asked on the terminal (the command line calls this)."""
    global _prompt
    _prompt = True


def read_header(path: Path) -> crypto.Header | None:
    """The header of an encrypted journal at `path`; None when it is not one (or absent).

    Raises CryptoError for a file that starts like one but whose header is damaged.
    """
    start = crypto.read_start(path, len(crypto.MAGIC) + crypto.HEADER_LIMIT)
    if not crypto.is_encrypted(start):
        return None
    return crypto.split_header(start)[0]


def cached(header: crypto.Header) -> crypto.Keys | None:
    found = keycache.load(header.journal_id)
    return None if found is None else found[0]


def unlocked_until(header: crypto.Header) -> datetime | None:
    found = keycache.load(header.journal_id)
    return None if found is None else found[1]


def status_line(path: Path) -> str:
    """ "not encrypted", "encrypted; unlocked until 14:32" or "encrypted; locked"."""
    try:
        header = read_header(path)
    except crypto.CryptoError as err:
        return f"encrypted; its header is damaged ({err})"
    if header is None:
        return "not encrypted"
    until = unlocked_until(header)
    if until is None:
        return "encrypted; locked"
    return f"encrypted; unlocked until {until_text(until)}"


def from_passphrase(path: Path, header: crypto.Header, text: str) -> crypto.Keys:
    """Unwrap with a passphrase; a wrong one is a clear error (exit 1), nothing changed."""
    try:
        return crypto.unwrap(header, text)
    except crypto.WrongPassphrase:
        raise JournalError(
            f"Wrong passphrase for the journal {path}: nothing was read or changed. "
            "Try again (`journal unlock`)."
        ) from None
    except crypto.CryptoError as err:
        raise JournalFileError(f"Cannot open the journal {path}: {err}.") from None


def keys_for(path: Path, header: crypto.Header) -> crypto.Keys:
    """The journal's keys from the cache, the keyring, the passphrase file or the terminal."""
    found = cached(header) or remembered(path, header)
    if found is not None:
        return found
    if os.environ.get(passphrase.FILE_VAR) or (_prompt and passphrase.can_prompt()):
        return from_passphrase(path, header, passphrase.existing("the journal"))
    raise JournalLocked(
        f"The journal {path} is encrypted and locked: run `journal unlock` first "
        f"(or set {passphrase.FILE_VAR} to a 0600 file holding the passphrase)."
    )


def unlock(path: Path, header: crypto.Header, text: str, lasting: timedelta) -> datetime | None:
    """Cache the keys in the runtime folder; the expiry, or None without a runtime folder."""
    keys = from_passphrase(path, header, text)
    until = datetime.now().astimezone() + lasting
    return until if keycache.save(keys, until) else None


def parse_duration(text: str) -> timedelta:
    """'30m', '2h', '90s', '1h30m', '1d'; a bare number is minutes."""
    import re

    from journal.errors import ValidationError

    value = text.strip().lower()
    if value.isdigit():
        value += "m"
    parts = re.fullmatch(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", value)
    if not value or parts is None:
        raise ValidationError(f"cannot read the duration {text!r}: use e.g. 30m, 2h, 1h30m")
    days, hours, minutes, seconds = (int(p or 0) for p in parts.groups())
    longest = f"the longest unlock is {LONGEST_FOR // timedelta(hours=1)}h: use e.g. 8h"
    try:
        found = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:
        raise ValidationError(f"the duration {text!r} is too long: {longest}") from None
    if not found:
        raise ValidationError("the duration must be longer than zero")
    if found > LONGEST_FOR:
        raise ValidationError(f"the duration {text!r} is too long: {longest}")
    return found


def until_text(until: datetime) -> str:
    """ "14:32" today, "2026-12-03 14:32" on another day: never a bare time that reads
    like now when the key stays for longer."""
    local = until.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


# -- the OS keyring, only when the user asked for it (`journal unlock --remember`) -----

REMEMBER_RISK = (
    "The passphrase is now stored in your OS keyring: anyone or anything that can use your "
    "unlocked login session (a script, a malicious package) can read it and open the "
    "journal without asking. `journal lock --forget` removes it."
)


def remember_marker(header: crypto.Header) -> Path:
    """An empty file saying "this journal's passphrase is in the keyring" (config folder)."""
    from platformdirs import user_config_path

    from journal.paths import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / "keyring" / header.journal_id.hex()


def keyring_module() -> Any:
    """The `keyring` package if it is installed (it is optional), else None."""
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def remember(header: crypto.Header, text: str) -> None:
    found = keyring_module()
    if found is None:
        raise JournalError(
            "--remember needs the `keyring` package, which is not installed "
            "(pip install keyring); nothing was stored"
        )
    found.set_password(KEYRING_SERVICE, header.journal_id.hex(), text)
    marker = remember_marker(header)
    marker.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    marker.touch(mode=0o600)


def forget_remembered(header: crypto.Header) -> bool:
    remember_marker(header).unlink(missing_ok=True)
    found = keyring_module()
    if found is None:
        return False
    try:
        found.delete_password(KEYRING_SERVICE, header.journal_id.hex())
    except Exception:  # keyring's PasswordDeleteError: nothing was stored
        return False
    return True


def remembered(path: Path, header: crypto.Header) -> crypto.Keys | None:
    """Keys from a passphrase the user chose to keep in the keyring (opt-in only).

    Looked up only when our marker for this journal exists, so a journal that never
    used --remember never loads keyring.
    """
    if not remember_marker(header).exists():
        return None
    found = keyring_module()
    if found is None:
        return None
    text = found.get_password(KEYRING_SERVICE, header.journal_id.hex())
    return None if text is None else from_passphrase(path, header, text)
