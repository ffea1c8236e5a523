"""Child process for the crash test: an endless mix of add/edit/delete/link on a journal.

Run as `python crash_child.py DB LOG SEED`. Before each write it appends a "begin" line to
LOG (fsynced) and after the store call returns a "done" line (fsynced), so the parent,
after SIGKILLing this process at a random moment, knows which writes had returned (they
must all be in the journal) and which one may have been in flight (all of it or none).
Runs under umask 0 and with a backup on every save, so the kills also land in backup
rotation and the permission rules are tested where they are weakest; half the adds go
through a freshly opened store, as `journal add` does.
"""

from __future__ import annotations

import os
import random
import sys
from typing import Any

import orjson

from journal.storage import backups
from journal.store.journal_store import JournalStore

MAX_ENTRIES = 120  # keep the journal small: many kills matter more than a big file


def main() -> None:
    db, log, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.umask(0)
    backups.BACKUP_EVERY = 0
    rng = random.Random(seed)
    store = JournalStore(db)
    goals = [g["id"] for g in store.goals.all()]
    skills = [s["id"] for s in store.skills.all()]
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(record: dict[str, Any]) -> None:
        os.write(fd, orjson.dumps(record) + b"\n")
        os.fsync(fd)

    note({"ready": seed})
    n = 0
    while True:
        n += 1
        token = f"{seed}-{n}"
        ids = [e["id"] for e in store.raw_entries()]
        roll = rng.random()
        if not ids or (roll < 0.45 and len(ids) < MAX_ENTRIES):
            op: dict[str, Any] = {
                "op": "add",
                "token": token,
                "kind": rng.choice(["feedback", "reflection", "win", "note"]),
                "title": f"Title {token}",
                "body": f"Body {token} ✓ שלום " + "x" * rng.randint(0, 3000),
                "goals": rng.sample(goals, rng.randint(0, 2)),
                "skills": rng.sample(skills, rng.randint(0, 1)),
            }
        elif roll < 0.70:
            op = {
                "op": "edit",
                "token": token,
                "id": rng.choice(ids),
                "title": f"Edited {token}",
                "body": f"Edited body {token}",
            }
        elif roll < 0.85 or len(ids) >= MAX_ENTRIES:
            op = {"op": "delete", "token": token, "id": rng.choice(ids)}
        else:
            op = {
                "op": "link",
                "token": token,
                "id": rng.choice(ids),
                "goals": [rng.choice(goals)],
                "skills": [rng.choice(skills)],
            }
        note({"begin": op})
        if op["op"] == "add":
            # Half the adds come from a fresh store, like a one-shot `journal add`, which
            # may take the storage's quicker append path instead of a full rewrite.
            writer = JournalStore(db) if rng.random() < 0.5 else store
            made = writer.entries.add(
                op["kind"],
                title=op["title"],
                body=op["body"],
                goals=op["goals"],
                skills=op["skills"],
            )
            note({"done": token, "id": made["id"]})
        elif op["op"] == "edit":
            store.entries.update(op["id"], title=op["title"], body=op["body"])
            note({"done": token})
        elif op["op"] == "delete":
            store.entries.delete(op["id"])
            note({"done": token})
        else:
            store.entries.link(op["id"], goals=op["goals"], skills=op["skills"])
            note({"done": token})


if __name__ == "__main__":
    main()
