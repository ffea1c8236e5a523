"""Golden files for next cycle's proposal (md, txt, html) and the 1:1 agenda (md, txt),
built from the hand-built planning sample. A missing golden fails: UPDATE_GOLDEN=1
writes them after a deliberate change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal.periods import Period
from journal.planning.agenda import build_agenda
from journal.planning.agenda_text import render_agenda
from journal.planning.proposal import proposal_blocks, render_proposal
from journal.store.journal_store import JournalStore
from tests.unit.golden.planning_sample import TODAY, planning_store
from tests.unit.test_export import check_golden

H1_2027 = Period(date(2027, 1, 1), date(2027, 6, 30), "H1 2027")


@pytest.fixture
def sample(tmp_path: Path) -> JournalStore:
    return planning_store(tmp_path / "j" / "journal.json")


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_golden_proposal(sample: JournalStore, fmt: str) -> None:
    blocks = proposal_blocks(
        sample.goals.all(), sample.skills.all(), sample.raw_entries(), H1_2027, TODAY
    )
    check_golden(f"proposal.{fmt}", render_proposal(blocks, fmt, TODAY))


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_golden_agenda(sample: JournalStore, fmt: str) -> None:
    agenda = build_agenda(
        list(sample.raw_entries()), sample.goals.all(), sample.skills.all(), TODAY, who="Dana"
    )
    check_golden(f"agenda.{fmt}", render_agenda(agenda, fmt))


def test_the_proposal_says_what_the_sample_holds(sample: JournalStore) -> None:
    text = render_proposal(
        proposal_blocks(
            sample.goals.all(), sample.skills.all(), sample.raw_entries(), H1_2027, TODAY
        ),
        "md",
        TODAY,
    )
    revenue = text.index("## Grow enterprise revenue")
    assert text.index("## Win three enterprise deals") > revenue  # tree order
    assert "- for **Improve my influencing**" in text
    assert "why: themes influencing; feedback of 2026-10-02 from Priya" in text
    assert "- influence: Monthly coaching; an intro to the sales VP" in text
    loose = text[text.index("## Development goals not yet woven in") :]
    assert "**Improve my delegation** (delegation): **not woven into any company goal**" in loose
    assert "through onboarding step 1: Demo the new flow to leadership" in text
    assert "SMART: **- - A R -**" in text  # Onboarding: a bare noun, no measure, no date
