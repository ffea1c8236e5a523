"""TUI fixtures: a small journal on a temp file, and the app built on it with a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from tests.tui.helpers import NOW, fixed_now, freeze_cursor_blink


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_cursor_blink(monkeypatch)


def fill(store: JournalStore) -> JournalStore:
    """Goals, skills and a handful of entries of every kind, dated before NOW."""
    store.goals.add("Grow enterprise revenue", code="revenue")
    store.goals.add("Win three enterprise deals", code="enterprise", parent="revenue")
    store.goals.add("Cut checkout latency", code="latency")
    store.goals.add(
        "Influence across teams", code="influence", scope="personal", supports=["revenue"]
    )
    store.skills.add("Storytelling with data", code="storytelling", level=2, target_level=4)
    store.skills.add("Giving feedback", code="feedback-giving")

    def at(days: int) -> datetime:
        return NOW - timedelta(days=days, hours=1)

    store.entries.add(
        "feedback",
        title="Lead with the customer problem",
        body="Priya said the **deck** buried the problem.",
        when=at(2),
        source="Priya",
        sentiment="constructive",
        goals=["revenue"],
        tags=["deck"],
    )
    store.entries.add(
        "win",
        title="Closed the Acme renewal",
        body="Two-year renewal.",
        when=at(5),
        goals=["enterprise"],
        tags=["deal"],
        starred=True,
    )
    store.entries.add(
        "reflection",
        title="Too many meetings this week",
        body="Block focus time.",
        when=at(9),
        tags=["focus"],
    )
    store.entries.add(
        "note",
        title="Checkout p95 is 900 ms",
        body="Profile the tax call.",
        when=at(40),
        goals=["latency"],
    )
    store.entries.add(
        "feedback",
        title="Great demo to the sales team",
        when=at(70),
        source="Sam",
        sentiment="praise",
        goals=["influence"],
    )
    store.entries.add("note", title="Read the pricing memo", when=at(120), tags=["reading"])
    return store


@pytest.fixture
def journal_store(store: JournalStore) -> JournalStore:
    return fill(store)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def app(journal_store: JournalStore, settings_file: Path) -> JournalApp:
    return make_app(journal_store, now=fixed_now, settings_path=settings_file)
