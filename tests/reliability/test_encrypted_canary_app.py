"""No plaintext on disk from the app: on an encrypted journal, a canary typed into an
entry draft and a weekly-review draft (autosaved), and a theme change, reach no file
under the journal's folder, the config folder or the runtime folder. The drafts and
settings are kept inside the journal document instead (read back with the key)."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from journal.paths import settings_path
from journal.storage import crypto
from journal.store.journal_store import JournalStore
from screens.app import make_app
from screens.editor import DRAFT_DELAY
from screens.unlock import UnlockScreen
from screens.weekly import WeeklyScreen
from tests.cli.conftest import CANARY, PASS
from tests.reliability.test_encrypted_canary import encrypted_journal, scan
from tests.tui.helpers import SIZE, fixed_now, wait_for


async def test_the_app_writes_the_canary_nowhere(tmp_path: Path) -> None:
    db, _env = encrypted_journal(tmp_path)
    config = Path(os.environ["XDG_CONFIG_HOME"])
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    app = make_app(JournalStore(db), now=fixed_now, settings_path=settings_path())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        if isinstance(app.screen, UnlockScreen):
            app.screen.field.value = PASS
            await pilot.press("enter")
        await wait_for(pilot, lambda: app.snapshot is not None, timeout=10)
        app.theme = "nord" if app.theme != "nord" else "gruvbox"  # a setting, kept inside
        await pilot.press("a")  # the entry editor: type, then let the draft autosave
        await wait_for(pilot, lambda: bool(app.screen.query("#title")))
        app.screen.query_one("#title", Input).value = f"entry draft {CANARY}"
        await pilot.pause(DRAFT_DELAY + 0.5)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause(0.2)
        if app.screen.query("#title"):  # a confirm on leaving unsaved: keep the draft
            await pilot.press("escape")
        await pilot.pause(0.2)
        app.action_switch("weekly")
        await wait_for(pilot, lambda: isinstance(app.screen, WeeklyScreen))
        screen = app.screen
        assert isinstance(screen, WeeklyScreen)
        await wait_for(pilot, lambda: screen.walk is not None)
        reply = screen.query_one("#weekly-reply", Input)
        await wait_for(pilot, lambda: not reply.disabled)
        reply.value = f"review draft {CANARY}"
        await pilot.press("enter")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        theme = app.theme
    kept = inside(db)
    held = str(kept.get("drafts"))  # both drafts are kept inside the journal
    assert f"entry draft {CANARY}" in held and f"review draft {CANARY}" in held, held
    assert kept.get("settings") == {"theme": theme}
    assert not settings_path().exists()
    found = scan(db.parent) + scan(config) + scan(runtime)
    assert found == [], found


def inside(db: Path) -> dict[str, object]:
    """The journal's meta record, opened with the passphrase."""
    header = crypto.split_header(db.read_bytes())[0]
    store = JournalStore(db)
    store.storage.use_keys(crypto.unwrap(header, PASS))
    return store.meta()
