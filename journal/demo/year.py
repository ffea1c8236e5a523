"""The demo journal: a believable year for `journal --demo` and the snapshot tests.

Deterministic, so snapshots are repeatable: the same now and seed give the same records.
The store stamps `created`/`updated` with its clock, so while building we pin the clock
to the journal's "now" (see `_pinned_clock`). Everything is written in one store
transaction, i.e. one atomic save. Big benchmark journals are tests/bench/generate.py's job.
The year is written from its cast and plan (`journal.demo.cast`), generated entries
(`journal.demo.entries`), progress, coaching and planning (the other `journal.demo` parts).
"""

from __future__ import annotations

import contextlib
import os
import random
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from journal.demo.cast import ANCHORS, COMPANY_GOALS, PERSONAL_GOALS, SKILLS
from journal.demo.entries import DEMO_ENTRIES, Deck, day_at, demo_entry

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore


@contextlib.contextmanager
def _pinned_clock(store: JournalStore, now: datetime) -> Iterator[None]:
    """Make the store stamp created/updated with `now`, so output is repeatable."""
    original = store.clock
    store.clock = lambda: now
    try:
        yield
    finally:
        store.clock = original


def _month_end(today: date, months_ahead: int) -> str:
    """The last day of the month `months_ahead` after today's, as ISO text."""
    y, m = divmod(today.month - 1 + months_ahead + 1, 12)
    return (date(today.year + y, m + 1, 1) - timedelta(days=1)).isoformat()


def build_demo(store: JournalStore, now: datetime | None = None, seed: int = 7) -> None:
    """Fill an empty store with a year of a software engineer's journal, ending at `now`."""
    from journal.demo import coach as demo_coach
    from journal.demo import progress as demo_progress
    from journal.demo.planning import add_planning, planning_entries
    from journal.timestamps import local_now, to_iso

    now = (now or local_now()).replace(microsecond=0)
    now = now if now.tzinfo is not None else now.astimezone()
    if store.entries.all() or store.goals.all() or store.skills.all():
        raise ValueError(f"build_demo needs an empty journal; {store.path} has data")
    rng = random.Random(f"demo-{seed}")
    anchor_days = {key: days for key, days, *_rest in ANCHORS}
    skills_from = {code: anchor_days[anchor] for code, *_rest, anchor in SKILLS if anchor}
    skills_from["query-tuning"] = 330
    anchors: dict[str, dict[str, Any]] = {
        key: {
            "kind": "feedback",
            "source": source,
            "sentiment": sentiment,
            "goals": goals,
            "tags": tags,
            "text": text,
            "starred": True,
            "when": day_at(now.date() - timedelta(days=days), 16, 30, now.tzinfo),
        }
        for key, days, source, sentiment, goals, tags, text in ANCHORS
    }
    items = list(anchors.values())
    deck = Deck(rng)
    items += [demo_entry(rng, deck, now, skills_from) for _ in range(DEMO_ENTRIES - len(items))]
    items += demo_progress.checkin_items(now, {c: t for c, t, *_ in COMPANY_GOALS + PERSONAL_GOALS})
    items += demo_coach.weekly_items(now)
    items += planning_entries(now)  # 1:1 notes and an ask (issue 15)
    items.sort(key=lambda item: item["when"])  # ids follow time: e1 is the oldest
    for item in items:
        item["created"] = to_iso(item["when"])
    today = now.date()
    with _pinned_clock(store, now), store.transaction():
        for code, title, parent, measure, target, months in COMPANY_GOALS:
            store.goals.add(
                title,
                code=code,
                parent=parent,
                measure=measure,
                target=target,
                due=_month_end(today, months),
            )
        for code, title, parent, supports, measure, target, months in PERSONAL_GOALS:
            store.goals.add(
                title,
                code=code,
                scope="personal",
                parent=parent,
                supports=supports,
                measure=measure,
                target=target,
                due=_month_end(today, months),
            )
        demo_progress.set_progress(store, today)
        demo_coach.add_review(store, now)
        for code, name, level, target_level, plan, _anchor in SKILLS:
            store.skills.add(name, code=code, level=level, target_level=target_level, plan=plan)
        added = store.entries.add_many(items)
        ids = {id(item): entry["id"] for item, entry in zip(items, added, strict=True)}
        for code, *_rest, anchor in SKILLS:
            if anchor:
                store.skills.update(code, why=[ids[id(anchors[anchor])]])
        add_planning(store, now)  # plan steps and agreements (issue 15)


def demo_store() -> JournalStore:
    """A throwaway journal in a fresh temp folder, filled with the demo year.

    The folder is removed when the process exits, so `journal --demo` leaves nothing behind.
    """
    import atexit
    import shutil

    from journal.store.journal_store import JournalStore

    folder = tempfile.mkdtemp(prefix="journal-demo-")
    os.chmod(folder, 0o700)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    remove_on_hangup(folder)
    store = JournalStore(os.path.join(folder, "journal.json"))
    build_demo(store)
    return store


def remove_on_hangup(folder: str) -> None:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the process without
    running atexit: remove the throwaway journal first, then let the signal act as it
    would have (a handler the app installs later takes over, and its clean exit runs
    atexit instead)."""
    import shutil
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        before = previous[signum]
        signal.signal(signum, signal.SIG_DFL if before is None else before)
        os.kill(os.getpid(), signum)

    previous: dict[int, Any] = {}
    for signum in (signal.SIGHUP, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup: stays ignored
            previous[signum] = signal.signal(signum, handler)
