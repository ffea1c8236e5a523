"""The encrypted app's first screen after the passphrase (issue 17): one run per process.

    python tests/bench/tui_unlock.py JOURNAL --passphrase-file FILE

Starts the real app headless (`App.run_test`, 100x30) on a LOCKED encrypted journal,
waits for the unlock prompt (and half a second more, as a person reads it), puts the
passphrase in the masked field and presses Enter; the sample runs from that key press
until the journal screen shows its first listing (every entry): the Argon2id derivation
in the unlock worker, the inbox check, reading and decrypting the journal, the snapshot
and the first filter. Prints one JSON line: `enter_ms` (that wall time), `cpu_ms` (CPU
of the whole process meanwhile, all threads), `unlocked_ms` (Enter until the prompt
closed: mostly the derivation) and `prompt_s` (from opening the store to the prompt).
Runs on the journal given, which the unlock may write (an inbox merge): give it a copy.
Run it with a private XDG_RUNTIME_DIR holding no key, or the app opens without asking.
`python -m tests.bench --only "encrypted app"` runs it as a benchmark row (rows_crypt.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

NOW = datetime(2026, 6, 30, 18, 0, tzinfo=timezone(timedelta(hours=1)))
READING = 0.5  # seconds between the prompt showing and the passphrase going in
TIMEOUT = 60.0  # seconds to wait for the prompt, then for the listing


async def _until(test: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not test():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {what} after {TIMEOUT:.0f} s")
        await asyncio.sleep(0.001)


async def one_run(path: Path, passphrase: str) -> dict[str, float]:
    """One measured unlock; see the module's docstring for the numbers."""
    from journal.store.journal_store import JournalStore
    from screens.app import make_app
    from screens.locking import JournalLock
    from screens.unlock import UnlockScreen
    from screens.widgets.entry_list import EntryList

    # The list's `watch_listing` is spied on (Textual looks watchers up when a reactive
    # changes), not JournalScreen._show_result: an @on handler is bound when its class is
    # made, so replacing the attribute would never be called.
    listed: list[tuple[float, float, int]] = []
    unlocked: list[float] = []
    show, done = EntryList.watch_listing, JournalLock._unlocked

    def spy_show(self: EntryList, listing: Any) -> None:
        show(self, listing)
        listed.append((time.perf_counter(), time.process_time(), len(listing.entries)))

    def spy_unlocked(self: JournalLock, report: str | None) -> None:
        unlocked.append(time.perf_counter())
        done(self, report)

    EntryList.watch_listing = spy_show  # type: ignore[method-assign]
    JournalLock._unlocked = spy_unlocked  # type: ignore[method-assign]
    try:
        opened = time.perf_counter()
        store = JournalStore(path)
        app = make_app(store, now=lambda: NOW)
        async with app.run_test(size=(100, 30)) as pilot:
            await _until(lambda: isinstance(app.screen, UnlockScreen), "unlock prompt")
            prompt = time.perf_counter() - opened
            await pilot.pause(READING)
            screen = app.screen
            assert isinstance(screen, UnlockScreen)
            if any(n for *_, n in listed):
                raise RuntimeError("the journal was listed before the passphrase went in")
            screen.field.value = passphrase
            pressed, pressed_cpu = time.perf_counter(), time.process_time()
            await pilot.press("enter")
            await _until(lambda: every_entry(app, listed), "listing after Enter")
            shown, shown_cpu = next(t[:2] for t in listed if t[2] == len(app.snapshot.entries))
        store.close()
    finally:
        EntryList.watch_listing = show  # type: ignore[method-assign]
        JournalLock._unlocked = done  # type: ignore[method-assign]
    return {
        "enter_ms": (shown - pressed) * 1000,
        "cpu_ms": (shown_cpu - pressed_cpu) * 1000,
        "unlocked_ms": (unlocked[0] - pressed) * 1000,
        "prompt_s": prompt,
    }


def every_entry(app: Any, listed: list[tuple[float, float, int]]) -> bool:
    """The list has shown every entry of the unlocked journal (a non-empty one)."""
    total = len(app.snapshot.entries) if app.snapshot is not None else 0
    return total > 0 and any(n == total for *_, n in listed)


def read_passphrase(path: Path) -> str:
    """The first line of a 0600 passphrase file (as JOURNAL_PASSPHRASE_FILE reads it)."""
    if path.stat().st_mode & 0o077:
        raise SystemExit(f"{path} can be read by others: chmod 600 it first")
    return path.read_text(encoding="utf-8").split("\n", 1)[0].rstrip("\r")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path, help="a locked encrypted journal (a copy)")
    parser.add_argument("--passphrase-file", type=Path, required=True, help="0600 file")
    args = parser.parse_args(argv)
    result = asyncio.run(one_run(args.journal, read_passphrase(args.passphrase_file)))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
