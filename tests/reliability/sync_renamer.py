"""A stand-in for Dropbox or Syncthing: replace the journal by rename, again and again.

    python sync_renamer.py JOURNAL ROUNDS SEED

Each round: read the journal, append the tag `syncN` to entry e1 (the "other machine's"
change), write the copy to a temp file of its own, and rename it over the journal,
without the journal's lock, as a sync tool would. A journal save that lands between
this round's read and its rename is overwritten by it: that loss is the sync tool's,
not ours, so the rename swaps the files (renameat2 RENAME_EXCHANGE) to see what it
displaced, and reports each such save on a line of JSON ({"clobbered": [titles],
"e2": title}). The last line is the number of rounds done.
"""

from __future__ import annotations

import ctypes
import os
import random
import sys
import time
from pathlib import Path

import orjson

from journal.storage import layout

LIBC = ctypes.CDLL(None, use_errno=True)
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> None:
    if LIBC.renameat2(AT_FDCWD, bytes(a), AT_FDCWD, bytes(b), RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(a))


def signature(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def main() -> int:
    db, rounds, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    tmp = db.with_name(f".syncthing.{db.name}.tmp")
    done = 0
    deadline = time.monotonic() + 40
    while done < rounds and time.monotonic() < deadline:
        time.sleep(rng.uniform(0.002, 0.025))
        with open(db, "rb") as handle:
            read = signature(os.fstat(handle.fileno()))
            raw = handle.read()
        doc = orjson.loads(raw)
        doc["entries"]["1"]["tags"].append(f"sync{done}")
        data = b"".join(layout.compose(doc)) if rng.random() < 0.5 else orjson.dumps(doc)
        tmp.write_bytes(data)
        os.chmod(tmp, 0o600)
        exchange(tmp, db)
        if signature(os.stat(tmp)) != read:  # a journal save landed meanwhile
            lost = orjson.loads(tmp.read_bytes())["entries"]
            mine = {r["title"] for r in doc["entries"].values()}
            titles = [r["title"] for r in lost.values() if r["title"] not in mine]
            print(orjson.dumps({"clobbered": titles, "e2": lost["2"]["title"]}).decode())
        tmp.unlink()
        done += 1
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
