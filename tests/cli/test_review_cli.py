"""`journal review export` and `journal review list`, run as the installed command."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from journal.store.journal_store import JournalStore
from tests.cli.conftest import Run
from tests.unit.golden.sample import build_sample, sample_review


@pytest.fixture
def sample(journal: Run) -> Run:
    db: Path = journal.db  # type: ignore[attr-defined]
    store = JournalStore(db)
    ids = build_sample(store)
    store.reviews.save(sample_review(ids))
    store.close()
    return journal


def test_export_markdown_to_stdout_by_default(sample: Run) -> None:
    result = sample("review", "export", "--period", "H1 2026")
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("# H1 2026 self-assessment\n")
    heads = [t for t in MarkdownIt("commonmark").parse(md) if t.type == "heading_open"]
    assert len(heads) >= 10
    assert "## Grow enterprise revenue\n" in md  # no ratings without --review
    assert "30 Jun 2026 \u2014 Signed Acme" in md


def test_export_a_saved_review_by_name(sample: Run) -> None:
    result = sample("review", "export", "--review", "H1 2026 self-assessment", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["goals"][0]["rating"] == "Exceeded"
    assert data["period"]["start"] == "2026-01-01"  # the review's own period
    assert data["review"] == "r1"


@pytest.mark.parametrize(
    ("fmt", "probe"),
    [
        ("md", "## Summary"),
        ("txt", "Summary\n-------"),
        ("html", "<!DOCTYPE html>"),
        ("json", '"gaps"'),
    ],
)
def test_each_format(sample: Run, fmt: str, probe: str) -> None:
    result = sample("review", "export", "--review", "r1", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert probe in result.stdout


def test_output_file_is_private_and_never_overwritten_without_force(
    sample: Run, tmp_path: Path
) -> None:
    out = tmp_path / "review.html"
    result = sample("review", "export", "--review", "r1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert out.read_text().startswith("<!DOCTYPE html>")  # format from the suffix
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.write_text("my edits")
    refused = sample("review", "export", "--period", "H1 2026", "-o", str(out))
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text() == "my edits"
    forced = sample("review", "export", "--period", "H1 2026", "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "<h1>" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "export"], "say which period"),
        (["review", "export", "--review", "nope"], "no review 'nope'"),
        (["review", "export", "--period", "the olden days"], "the olden days"),
        (["review", "export", "--period", "H1 2026", "--format", "pdf"], "invalid choice"),
        (
            ["review", "export", "--period", "H1 2026", "-o", "/no/such/folder/r.md"],
            "folder does not exist",
        ),
        (["review", "export", "--period", "H1 2026", "--limit", "-1"], "--limit"),
    ],
)
def test_bad_input_exits_2(sample: Run, args: list[str], message: str) -> None:
    db: Path = sample.db  # type: ignore[attr-defined]
    before = db.read_bytes()
    result = sample(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert db.read_bytes() == before


def test_review_list(sample: Run) -> None:
    listed = sample("review", "list")
    assert listed.returncode == 0
    assert "r1" in listed.stdout and "H1 2026 self-assessment" in listed.stdout
    assert "2 rated" in listed.stdout
    rows = json.loads(sample("review", "list", "--json").stdout)
    assert rows[0]["period"]["label"] == "H1 2026" and rows[0]["status"] == "draft"


def test_review_list_when_empty(journal: Run) -> None:
    result = journal("review", "list")
    assert result.returncode == 0 and "No saved reviews" in result.stdout
