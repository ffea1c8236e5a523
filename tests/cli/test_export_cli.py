"""`journal export` and `journal import json` from the shell: the done-means round trip."""

import json
import stat
from pathlib import Path

from tests.cli.conftest import Run


def fill(journal: Run) -> None:
    for args in (
        ("goal", "add", "Grow revenue", "--code", "revenue"),
        ("goal", "add", "Influence", "--code", "influence", "--personal", "--supports", "revenue"),
        (
            "add",
            "feedback",
            "Lead with the problem. Said after the review.",
            "--from",
            "Priya",
            "--sentiment",
            "constructive",
            "--goal",
            "influence",
            "--when",
            "2026-03-04 17:40",
        ),
        ("add", "win", "Closed Acme", "--goal", "revenue", "--star", "--tag", "customer"),
        ("skill", "add", "Influencing", "--code", "influencing", "--from-entry", "e1"),
    ):
        done = journal(*args)
        assert done.returncode == 0, (args, done.stderr)


def listing(journal: Run, db: Path, what: str) -> list:
    args = ["list"] if what == "entries" else [what, "list"]
    done = journal(*args, "--json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_export_json_then_import_json_gives_the_same_journal(journal: Run, tmp_path: Path) -> None:
    fill(journal)
    out = tmp_path / "out" / "journal.json"
    out.parent.mkdir()
    done = journal("export", "-o", str(out))  # the suffix says json
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    new = tmp_path / "new" / "journal.json"
    imported = journal("import", "json", str(out), "--db", str(new))
    assert imported.returncode == 0, imported.stderr
    assert "2 entries imported" in imported.stdout
    for what in ("entries", "goal", "skill"):
        assert listing(journal, new, what) == listing(journal, journal.db, what)  # type: ignore[attr-defined]
    again = journal("import", "json", str(out), "--db", str(new))
    assert again.returncode == 2 and "not empty" in again.stderr


def test_export_to_stdout_and_formats(journal: Run) -> None:
    fill(journal)
    md = journal("export")
    assert md.returncode == 0 and md.stdout.startswith("# Journal")
    assert "Closed Acme" in md.stdout and "Priya" in md.stdout
    txt = journal("export", "--format", "txt", "--period", "2026-03-01..2026-03-31")
    assert txt.returncode == 0 and "Lead with the problem." in txt.stdout
    assert "Closed Acme" not in txt.stdout or "2026-03" in txt.stdout
    doc = json.loads(journal("export", "--format", "json").stdout)
    assert doc["format"] == "coaching-journal" and len(doc["entries"]) == 2


def test_export_file_rules(journal: Run, tmp_path: Path) -> None:
    fill(journal)
    target = tmp_path / "journal.md"
    target.write_text("keep me")
    refused = journal("export", "-o", str(target))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert target.read_text() == "keep me"
    assert journal("export", "-o", str(target), "--force").returncode == 0
    assert target.read_text().startswith("# Journal")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    unknown = journal("export", "-o", str(tmp_path / "journal.docx"))
    assert unknown.returncode == 2 and "--format" in unknown.stderr
    assert not (tmp_path / "journal.docx").exists()
    forced = journal("export", "-o", str(tmp_path / "journal.docx"), "--format", "txt")
    assert forced.returncode == 0
    nowhere = journal("export", "-o", str(tmp_path / "no" / "such" / "x.md"))
    assert nowhere.returncode == 2 and "folder does not exist" in nowhere.stderr
    bad = journal("export", "--period", "the year of the rabbit")
    assert bad.returncode == 2


def test_import_json_refuses_other_files(journal: Run, tmp_path: Path) -> None:
    other = tmp_path / "jrnl.json"
    other.write_text('{"entries": []}')
    done = journal("import", "json", str(other))
    assert done.returncode == 2 and "not a journal export" in done.stderr
