"""Run by the wheel test with the *installed* package's Python, outside the source tree.

Opens the app headless (Pilot) on a temporary journal holding one entry and prints what
the first screen shows, plus where the packages were imported from.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import journal
import screens
from journal.store.journal_store import JournalStore
from screens.app import make_app


async def first_screen(db: Path, title: str) -> str:
    store = JournalStore(db)
    store.entries.add("win", title)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            strips = app.screen._compositor.render_strips()
            text = "\n".join(strip.text.rstrip() for strip in strips)
            if title in text:
                break
    store.close()
    return text


def main() -> int:
    title = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        text = asyncio.run(first_screen(Path(folder) / "journal.json", title))
    print("journal from", journal.__file__)
    print("screens from", screens.__file__)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
