"""`journal import jrnl|goals` through the installed executable."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.cli.conftest import JOURNAL, Run

SAMPLE = Path(__file__).parents[1] / "data" / "sample.jrnl.json"  # a real jrnl export
SAMPLE_TXT = SAMPLE.with_name("sample.jrnl.txt")
DATA = Path(__file__).parents[1] / "data"


def big_export(path: Path, count: int) -> Path:
    """A jrnl export of `count` entries, one in a hundred tagged skill."""
    entries = []
    for i in range(count):
        day = f"20{10 + i // 8760 % 17:02d}-{1 + i // 720 % 12:02d}-{1 + i // 24 % 28:02d}"
        tags = ["@win" if i % 3 == 0 else "@feedback", "@team"] + (["@skill"] * (i % 100 == 0))
        entries.append(
            {
                "title": f"Entry {i} about the work. {' '.join(tags)}",
                "body": f"Body of entry {i}: ünïcode 🎯 and some words.\nSecond line.",
                "date": day,
                "time": f"{i % 24:02d}:{i % 60:02d}",
                "tags": tags,
                "starred": i % 10 == 0,
            }
        )
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    return path


def test_two_commands_bring_the_whole_sample_in(journal: Run) -> None:
    result = journal("import", "jrnl", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "10 imported, 0 skipped (already imported)"
    assert "skill started: " in result.stdout and result.stderr == ""
    listed = json.loads(journal("list", "--json", "-n", "100").stdout)
    source = json.loads(SAMPLE.read_text(encoding="utf-8"))["entries"]
    by_title = {e["title"]: e for e in listed}
    assert len(listed) == len(by_title) == len(source)
    for src in source:
        got = by_title[src["title"]]
        assert got["body"] == src["body"]
        assert got["when"][:16] == f"{src['date']}T{src['time']}"
        assert got["starred"] is src["starred"]
        assert got["tags"] == [t[1:].lower() for t in src["tags"]]
    assert sorted(e["kind"] for e in listed) == sorted(
        ["note"] * 2 + ["feedback"] * 3 + ["reflection"] * 2 + ["win"] * 3
    )
    skills = json.loads(journal("skill", "list", "--json").stdout)
    assert [s["name"] for s in skills] == ["Presenting to senior leadership"]


def test_reimport_is_a_no_op_and_says_so(journal: Run) -> None:
    journal("import", "jrnl", str(SAMPLE))
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    again = journal("import", "jrnl", str(SAMPLE))
    assert again.returncode == 0
    assert again.stdout == "0 imported, 10 skipped (already imported)\n"
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_dry_run_writes_nothing(journal: Run) -> None:
    dry = journal("import", "jrnl", str(SAMPLE), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("Dry run: 10 would be imported, 0 skipped")
    assert "Feedback from Priya on the design review." in dry.stdout
    assert not journal.db.parent.exists()  # type: ignore[attr-defined]
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    assert journal("import", "jrnl", str(SAMPLE), "--dry-run").returncode == 0
    assert journal("import", "goals", str(DATA / "goals.md"), "--dry-run").returncode == 0
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_stdin_and_goal_files(journal: Run) -> None:
    piped = journal("import", "jrnl", "-", input=SAMPLE.read_bytes())
    assert piped.returncode == 0 and piped.stdout.startswith(b"10 imported")
    md = journal("import", "goals", str(DATA / "goals.md"))
    assert md.returncode == 0, md.stderr
    assert md.stdout.splitlines()[0] == "Goals: 7 added, 0 updated, 0 unchanged"
    csv = journal("import", "goals", str(DATA / "goals.csv"))
    assert csv.stdout.splitlines()[0] == "Goals: 0 added, 3 updated, 1 unchanged"
    goals = {g["code"]: g for g in json.loads(journal("goal", "list", "--json").stdout)}
    assert goals["enterprise"]["parent"] == "revenue"
    assert goals["revenue"]["measure"] == "ARR"
    forced = journal("import", "goals", "-", "--format", "csv", input="title,code\nShip it,ship\n")
    assert forced.returncode == 0 and "added ship" in forced.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "is not a jrnl JSON export: it looks like a jrnl journal file itself"),
        (b"not json at all", "it is not JSON"),
        (b'{"entries": [{"title": "x"}]}', "entry 1 of 1 ('x'): missing \"date\""),
        (
            b'{"entries": [{"title": "x", "body": "", "date": "2026-02-30", "time": "10:00"}]}',
            "entry 1 of 1 (2026-02-30 10:00 'x'): \"2026-02-30 10:00\" is not a real date",
        ),
        (b'{"tags": {}}', 'expected a JSON object with an "entries" list'),
    ],
)
def test_not_a_jrnl_export_exits_2_and_the_journal_is_unchanged(
    journal: Run, tmp_path: Path, content: bytes | None, message: str
) -> None:
    journal("import", "jrnl", str(SAMPLE))
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    bad = SAMPLE_TXT if content is None else tmp_path / "bad.json"
    if content is not None:
        bad.write_bytes(content)
    result = journal("import", "jrnl", str(bad))
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_bad_goal_rows_exit_2_listing_every_line(journal: Run, tmp_path: Path) -> None:
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    bad = tmp_path / "goals.csv"
    bad.write_text("title,code,parent,due\nA,a,nope,\n,b,,\nC,c,revenue,someday\n")
    result = journal("import", "goals", str(bad))
    assert result.returncode == 2, result.stdout
    for line in ("line 2: parent 'nope'", "line 3: no goal title", "line 4: due:"):
        assert line in result.stderr
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]
    missing = journal("import", "goals", str(tmp_path / "nope.md"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_a_megabyte_of_unicode_comes_in_exactly(journal: Run, tmp_path: Path) -> None:
    body = ('Ωμέγα ✓ 日本 👩🏽‍💻 [red]not markup[/] \\ " \t\n' * 40000)[:1_000_000]
    export = tmp_path / "u.json"
    export.write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "title": "Grand résumé 🎯 @win",
                        "body": body,
                        "date": "2025-12-31",
                        "time": "23:59",
                        "tags": ["@Win"],
                        "starred": True,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    assert journal("import", "jrnl", str(export)).returncode == 0
    [entry] = json.loads(journal("list", "--json").stdout)
    assert entry["body"] == body and entry["title"] == "Grand résumé 🎯 @win"
    assert entry["kind"] == "win" and entry["starred"] is True


def test_50k_entries_import_in_seconds_with_progress_on_a_terminal(
    journal: Run, tmp_path: Path
) -> None:
    export = big_export(tmp_path / "big.json", 50_000)
    primary, secondary = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(primary, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "JOURNAL_DB": str(journal.db)}  # type: ignore[attr-defined]
    started = time.perf_counter()
    result = subprocess.run(
        [JOURNAL, "import", "jrnl", str(export)],
        stdout=subprocess.PIPE,
        stderr=secondary,
        env=env,
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    os.close(secondary)
    reader.join(5)
    os.close(primary)
    print(f"\n50k-entry jrnl import: {elapsed:.2f} s")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("50000 imported, 0 skipped")
    progress = b"".join(chunks).decode()
    assert "checking entries 25000/50000" in progress and "saving entries" in progress
    assert elapsed < 30
    listed = journal("list", "--tag", "skill", "--json", "-n", "1000")
    assert len(json.loads(listed.stdout)) == 500
    started = time.perf_counter()
    again = journal("import", "jrnl", str(export))
    print(f"50k-entry re-import (all skipped): {time.perf_counter() - started:.2f} s")
    assert again.stdout.startswith("0 imported, 50000 skipped") and again.stderr == ""
