"""No plaintext on disk: a canary written every way the command line can write it, on an
encrypted journal, appears in no file under the journal's folder, and the runtime folder
keeps no leftover holding it. Also: the merge of the inbox killed at its two risky
instants loses nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from journal import drafts
from tests.cli.conftest import CANARY, files_under, pass_file
from tests.reliability.conftest import JOURNAL, cli

MERGE_CHILD = """
import os, signal, sys
from pathlib import Path
from journal.storage import inbox, keycache, unlocking
from journal.storage import safe
from journal.store.journal_store import JournalStore

db, point = Path(sys.argv[1]), sys.argv[2]
header = unlocking.read_header(db)
keys = keycache.load(header.journal_id)[0]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if point == "staged":  # the inbox moved to .merging, the journal not yet written
    real = inbox.replace_atomically
    def staged(path, data, *a, **k):
        real(path, data, *a, **k)
        if path.name.endswith(".merging"):
            die()
    inbox.replace_atomically = staged
else:  # the journal written, the staged records not yet removed
    real_write = safe.SafeStorage._write
    def written(self, data, expect):
        found = real_write(self, data, expect)
        die()
        return found
    safe.SafeStorage._write = written
store = JournalStore(db)
store.storage.use_keys(keys)
inbox.merge(store, keys)
"""


def scan(folder: Path) -> list[Path]:
    return [p for p in files_under(folder) if CANARY.encode() in p.read_bytes()]


def encrypted_journal(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "goal", "add", "Revenue", "--code", "revenue").returncode == 0
    assert cli(db, "add", "note", "before encryption").returncode == 0
    assert cli(db, "add", "note", "second, so a backup exists").returncode == 0
    env = pass_file(tmp_path)
    done = cli(db, "encrypt", env=env)
    assert done.returncode == 0, done.stderr
    return db, env


def test_the_canary_reaches_no_file(tmp_path: Path) -> None:
    db, env = encrypted_journal(tmp_path)
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    # add with flags, and from standard input
    assert cli(db, "add", "feedback", f"Flags {CANARY}", "--from", "Ana").returncode == 0
    assert cli(db, "add", "note", "-", input=f"Stdin {CANARY}".encode()).returncode == 0
    # edit with flags
    assert cli(db, "edit", "e1", "--body", f"edited {CANARY}").returncode == 0
    # edit in $EDITOR: the script notes where its file is, then adds the canary
    where = tmp_path / "editor-saw"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\necho "$1" > {where}\necho "and {CANARY}" >> "$1"\n')
    editor.chmod(0o700)
    edited = cli(db, "edit", "e2", env={"EDITOR": str(editor), "VISUAL": ""})
    assert edited.returncode == 0, edited.stderr
    assert where.read_text().startswith(str(runtime)), "the edit file must live in RAM"
    # import a jrnl export holding the canary
    source = tmp_path / "export.json"
    source.write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "date": "2026-03-04",
                        "time": "09:00",
                        "title": f"Imported {CANARY}",
                        "body": "",
                        "tags": [],
                        "starred": False,
                    }
                ]
            }
        )
    )
    imported = cli(db, "import", "jrnl", str(source))
    assert imported.returncode == 0, imported.stderr
    # a draft as the app's editor keeps it
    drafts.save(db, None, {"title": f"draft {CANARY}"})
    assert drafts.load(db, None) is not None
    # kill -9 in the middle of saves
    for delay in (0.02, 0.06, 0.1, 0.15):
        child = subprocess.Popen(
            [JOURNAL, "add", "note", f"killed {CANARY}"], env={**os.environ, "JOURNAL_DB": str(db)}
        )
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
    # an edit that crashed: its file is left in the runtime folder, then removed next run
    crashed = cli(db, "edit", "e1", env={"EDITOR": "sh -c 'kill -9 $PPID'", "VISUAL": ""})
    assert crashed.returncode != 0
    assert cli(db, "edit", "e1", env={"EDITOR": "true", "VISUAL": ""}).returncode in (0, 1)
    listed = json.loads(cli(db, "list", "--json").stdout)
    assert sum(CANARY in e["title"] + e["body"] for e in listed) >= 5
    assert backups_exist(db)
    assert scan(db.parent) == []
    leftovers = [p for p in scan(runtime) if "drafts" not in p.parts]
    assert leftovers == [], leftovers


def backups_exist(db: Path) -> bool:
    return any((db.parent / f"{db.name}.backups").glob("*.bak"))


def test_a_merge_killed_at_either_instant_loses_nothing(tmp_path: Path) -> None:
    db, env = encrypted_journal(tmp_path)
    for point in ("staged", "written"):
        assert cli(db, "lock").returncode == 0
        for n in range(5):
            assert b"sealed" in cli(db, "add", "note", f"{point} {n}").stdout
        assert cli(db, "unlock", "--for", "5m", env=env).returncode == 0  # merges these
        assert cli(db, "lock").returncode == 0
        for n in range(5, 10):
            assert b"sealed" in cli(db, "add", "note", f"{point} {n}").stdout
        keep_key(db, env)  # unlocked, the five new ones still waiting: kill their merge
        child = subprocess.run(
            [sys.executable, "-c", MERGE_CHILD, str(db), point], capture_output=True
        )
        assert child.returncode == -signal.SIGKILL, child.stderr
        final = cli(db, "unlock", env=env)
        assert final.returncode == 0, final.stderr
        titles = [e["title"] for e in json.loads(cli(db, "list", "--json").stdout)]
        for n in range(10):
            assert titles.count(f"{point} {n}") == 1, (point, n, titles)
        assert not list(db.parent.glob(f"{db.name}.inbox*"))


def keep_key(db: Path, env: dict[str, str]) -> None:
    """Cache the key without merging the inbox (as an unlock would, minus the merge)."""
    code = (
        "import sys, datetime\nfrom pathlib import Path\n"
        "from journal.storage import keycache, passphrase, unlocking\n"
        "db = Path(sys.argv[1]); h = unlocking.read_header(db)\n"
        "k = unlocking.from_passphrase(db, h, passphrase.from_file())\n"
        "keycache.save(k, datetime.datetime.now().astimezone() + datetime.timedelta(minutes=5))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
