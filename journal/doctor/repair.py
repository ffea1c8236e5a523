"""`journal doctor`: check a journal file, list its backups, restore one, mend links.

The checks live in `journal.doctor.checks`, backups and restoring in `journal.doctor.restore`; this
module mends what the checks found (`fix`) and is the one name the CLI and tests import.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from journal.doctor.checks import Doc, check
from journal.errors import JournalError, JournalWriteError
from journal.storage import backups
from journal.storage.document import SCHEMA_VERSION
from journal.storage.fileops import describe_os_error, real_path


def fix(path: Path) -> list[str]:
    """Drop links to missing records and bump lagging counters; keep a backup first.

    Only these two are mended: they are unambiguous (a link to nothing carries no
    information; a counter only has to exceed the ids in use). Anything else is left for a
    person to look at, with a backup to go back to.
    """
    from journal.store.journal_store import JournalStore

    path = real_path(path)  # the backup is kept of the real file, not of a link to it
    report = check(path, with_backups=False)
    if not report.parses:
        raise JournalError(
            f"Cannot mend {path}: it does not open ({'; '.join(report.problems)}). "
            "Restore a backup with `journal doctor --restore N`."
        )
    if not report.dangling and not report.counters:
        return []
    store = JournalStore(path)
    try:
        with store.storage.transaction() as current:
            fresh = check(path, with_backups=False)  # re-check under the lock
            doc: Doc = orjson.loads(orjson.dumps(current))
            done = [d.describe() for d in fresh.dangling] + [c.describe() for c in fresh.counters]
            for dangling in fresh.dangling:
                record = doc[dangling.table][dangling.key]
                if dangling.field == "parent":
                    record["parent"] = None
                else:
                    record[dangling.field] = [
                        x for x in record[dangling.field] if x != dangling.missing
                    ]
            if fresh.counters:
                meta = doc.setdefault("meta", {}).setdefault("1", {"schema": SCHEMA_VERSION})
                nxt = dict(meta.get("next") or {})
                for counter in fresh.counters:
                    nxt[counter.table] = counter.highest + 1
                meta["next"] = nxt
            if done:
                backups.keep(path)
                store.storage.write(doc)
    except OSError as err:  # keeping the backup failed: nothing was written
        raise JournalWriteError(
            f"Could not mend {path}: {describe_os_error(err)}. Nothing was changed."
        ) from None
    finally:
        store.close()
    return done
