"""Findings of a hostile test pass (fault injection and a malicious-but-realistic user).

Each test reproduces one problem found against the real `journal` executable, on a
journal in a temp folder. They fail until the product is fixed; none is marked xfail.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path
from typing import Any

from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli

EXPORT: dict[str, Any] = {
    "format": "coaching-journal",
    "version": 1,
    "exported": "2026-12-02T02:04:52+00:00",
    "period": None,
    "next": {"goals": 2, "entries": 3},
    "goals": [
        {
            "title": "Revenue",
            "code": "revenue",
            "scope": "company",
            "parent": None,
            "supports": [],
            "measure": "",
            "target": "",
            "due": None,
            "status": "active",
            "notes": "",
            "created": "2026-12-02T02:03:12+00:00",
            "id": "g1",
        },
    ],
    "skills": [],
    "reviews": [],
    "entries": [
        {
            "kind": "win",
            "when": "2026-06-02T10:00:00+00:00",
            "title": "Imported one",
            "body": "",
            "tags": [],
            "goals": ["g1"],
            "skills": [],
            "starred": False,
            "source": None,
            "sentiment": None,
            "created": "2026-06-02T10:00:00+00:00",
            "updated": "2026-06-02T10:00:00+00:00",
            "id": "e1",
        },
        {
            "kind": "note",
            "when": "2026-06-03T10:00:00+00:00",
            "title": "Imported two",
            "body": "",
            "tags": [],
            "goals": [],
            "skills": [],
            "starred": False,
            "source": None,
            "sentiment": None,
            "created": "2026-06-03T10:00:00+00:00",
            "updated": "2026-06-03T10:00:00+00:00",
            "id": "e2",
        },
    ],
}


def export_file(tmp_path: Path, name: str = "export.json", **changes: object) -> Path:
    doc = copy.deepcopy(EXPORT)
    doc.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def titles(db: Path) -> list[str]:
    out = cli(db, "list", "--json")
    assert out.returncode == 0, out.stderr
    return sorted(e["title"] for e in json.loads(out.stdout))


# -- 1. delete more than the trash holds: "undo brings them back" loses the rest ----------


def test_delete_of_more_than_100_entries_says_undo_but_loses_the_rest(db: Path) -> None:
    store = JournalStore(db)
    for n in range(1, 121):
        store.entries.add("note", f"entry {n}")
    store.close()
    ids = [f"e{n}" for n in range(1, 121)]
    deleted = cli(db, "delete", *ids, "--yes")
    assert deleted.returncode == 0, deleted.stderr
    undo = cli(db, "undo")
    assert undo.returncode == 0, undo.stderr
    # The delete said `journal undo` brings them back: all 120 must come back
    # (or the delete must refuse / warn that some cannot be restored).
    assert len(titles(db)) == 120, (deleted.stdout[-200:], undo.stdout[-100:])


# -- 2. import json into a journal whose entries all wait in the trash ------------------


def test_import_json_into_a_journal_with_a_full_trash_reuses_the_deleted_ids(
    db: Path, tmp_path: Path
) -> None:
    assert cli(db, "add", "note", "My original e1").returncode == 0
    assert cli(db, "delete", "e1", "--yes").returncode == 0
    imported = cli(db, "import", "json", str(export_file(tmp_path)))
    undo = cli(db, "undo")
    # Either the import is refused (the journal is not empty: e1 waits in the trash) or
    # the ids it brings avoid the trash; either way the deleted entry must come back.
    assert undo.returncode == 0, (imported.stdout, undo.stderr)
    assert "My original e1" in titles(db)


# -- 3. export -o onto the journal itself ----------------------------------------------


def test_export_force_onto_the_journal_itself_destroys_it(db: Path) -> None:
    assert cli(db, "add", "note", "First thought").returncode == 0
    assert cli(db, "add", "note", "Second thought, only copy").returncode == 0
    out = cli(db, "export", "--format", "md", "-o", str(db), "--force")
    # Writing the export over the very journal being read must be refused (exit 2);
    # at least the journal must stay readable with both entries.
    listed = cli(db, "list", "--json")
    assert listed.returncode == 0, (out.stdout, listed.stderr[:300])
    assert sorted(e["title"] for e in json.loads(listed.stdout)) == [
        "First thought",
        "Second thought, only copy",
    ]


# -- 4. import json of an absurd id counter -------------------------------------------


def test_import_json_with_an_absurd_counter_makes_every_later_add_fail(
    db: Path, tmp_path: Path
) -> None:
    hostile = export_file(tmp_path, next={"entries": 2**64 - 1})
    imported = cli(db, "import", "json", str(hostile))
    if imported.returncode == 2:  # refusing the counter is a fine answer
        return
    assert imported.returncode == 0, imported.stderr
    added = cli(db, "add", "note", "after the import")
    assert added.returncode == 0, added.stderr


# -- 5. import json does not check what it stores ---------------------------------------


def test_import_json_of_a_goal_with_an_unreadable_due_date_crashes_review_export(
    db: Path, tmp_path: Path
) -> None:
    goals = copy.deepcopy(EXPORT["goals"])
    goals[0]["due"] = "nope"
    imported = cli(db, "import", "json", str(export_file(tmp_path, goals=goals)))
    if imported.returncode == 2:  # refused with a message: fine
        assert b"Traceback" not in imported.stderr
        return
    out = cli(db, "review", "export", "--period", "all")
    assert b"Traceback" not in out.stderr, out.stderr[-300:]
    assert out.returncode == 0


def test_import_json_accepts_records_that_doctor_then_calls_damaged(
    db: Path, tmp_path: Path
) -> None:
    goals = copy.deepcopy(EXPORT["goals"])
    goals[0]["parent"] = "g1"  # its own parent: a cycle
    imported = cli(db, "import", "json", str(export_file(tmp_path, goals=goals)))
    doctor = cli(db, "doctor")
    # The import promises every record is checked first: a cycle must be refused
    # (exit 2), not stored for doctor to find afterwards.
    assert imported.returncode == 2 or doctor.returncode == 0, (
        imported.stdout,
        doctor.stdout[-300:],
    )


def test_refused_import_json_of_deep_nesting_creates_nothing_and_says_why(
    db: Path, tmp_path: Path
) -> None:
    nest: list[object] = []
    inner = nest
    for _ in range(300):
        deeper: list[object] = []
        inner.append(deeper)
        inner = deeper
    entries = copy.deepcopy(EXPORT["entries"])
    entries[0]["extra"] = nest
    out = cli(db, "import", "json", str(export_file(tmp_path, entries=entries)))
    assert out.returncode == 2, out.stderr  # bad input, not a failing journal
    assert not db.parent.exists(), sorted(os.listdir(db.parent))  # nothing created
    assert b"holds a record" not in out.stderr  # there is no journal holding anything


# -- 6. a symlink loop at the journal path ---------------------------------------------


def test_a_symlink_loop_at_the_journal_path_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    for args in (("add", "note", "hi"), ("goal", "add", "X"), ("list",)):
        out = cli(a, *args)
        assert b"Traceback" not in out.stderr, (args, out.stderr[-300:])
        assert out.returncode == 1, (args, out.returncode)
        assert b"symbolic link" in out.stderr or b"symlink" in out.stderr, (args, out.stderr)


# -- 7. the $EDITOR path: a file in the way of the edit folder -------------------------


def test_editor_path_that_cannot_create_its_file_gives_a_message_not_a_traceback(
    db: Path, tmp_path: Path
) -> None:
    assert cli(db, "add", "note", "An entry").returncode == 0
    (db.parent / (db.name + ".edit")).write_text("in the way")
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\necho 'edited' >> \"$1\"\n")
    editor.chmod(0o700)
    out = cli(db, "edit", "e1", env={"EDITOR": str(editor), "VISUAL": ""})
    assert b"Traceback" not in out.stderr, out.stderr[-300:]
    assert out.returncode == 1
    assert titles(db) == ["An entry"]


# -- 8. the $EDITOR path: the text typed is thrown away -------------------------------


def test_text_typed_in_the_editor_survives_the_entry_being_deleted_meanwhile(
    db: Path, tmp_path: Path
) -> None:
    """Another terminal (or the app) deletes the entry while it is open in the editor:
    the save is refused, and the paragraph the user typed is deleted with the edit file."""
    assert cli(db, "add", "note", "Victim").returncode == 0
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import subprocess, sys\n"
        "subprocess.run(['journal', 'delete', 'e1', '--yes'], capture_output=True)\n"
        "path = sys.argv[1]\n"
        "head, _, _ = open(path).read().partition('\\n\\n')\n"
        "open(path, 'w').write(head + '\\n\\nMY PRECIOUS PARAGRAPH')\n"
    )
    journal_bin = Path(sys.executable).with_name("journal")
    env = {
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": "",
        "PATH": f"{journal_bin.parent}:{os.environ.get('PATH', '')}",
    }
    out = cli(db, "edit", "e1", env=env)
    assert out.returncode != 0  # nothing could be saved: fine
    kept = [p.read_text() for p in db.parent.rglob("*") if p.is_file() and "edit" in str(p)]
    said = (out.stdout + out.stderr).decode()
    assert any("MY PRECIOUS PARAGRAPH" in t for t in kept) or "MY PRECIOUS PARAGRAPH" in said, (
        "the text typed in the editor is gone: " + said
    )


# -- 9. whole-journal JSON export on stdout lets C1 and DEL through --------------------


def test_whole_journal_json_export_escapes_c1_and_del_like_every_other_json(db: Path) -> None:
    assert cli(db, "add", "note", "c1 \x9b2J here \x7f del").returncode == 0
    listed = cli(db, "list", "--json")
    assert "\x9b".encode() not in listed.stdout  # list --json escapes them ...
    out = cli(db, "export", "--format", "json")
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    raw = sorted({f"U+{ord(c):04X}" for c in text if 0x7F <= ord(c) <= 0x9F})
    assert raw == [], raw  # ... the whole-journal export must too
    assert json.loads(text)["entries"][0]["title"].startswith("c1 \x9b2J")


# -- 10. a period's export, imported, is a damaged journal ------------------------------


def test_import_json_of_a_period_export_leaves_a_journal_doctor_calls_damaged(
    db: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source" / "journal.json"
    assert (
        cli(
            source,
            "add",
            "feedback",
            "Old critique",
            "--from",
            "Sam",
            "--sentiment",
            "constructive",
            "--when",
            "2025-03-01",
        ).returncode
        == 0
    )
    assert cli(source, "add", "win", "Recent", "--when", "2026-06-01").returncode == 0
    assert cli(source, "skill", "add", "Listening", "--from-entry", "e1").returncode == 0
    exported = tmp_path / "period.json"
    assert (
        cli(
            source, "export", "--format", "json", "--period", "2026", "-o", str(exported)
        ).returncode
        == 0
    )
    imported = cli(db, "import", "json", str(exported))
    doctor = cli(db, "doctor")
    # Either refuse (exit 2, naming the missing entry) or drop the link on the way in:
    # an import must not hand back a journal that doctor calls DAMAGED.
    assert imported.returncode == 2 or doctor.returncode == 0, doctor.stdout.decode()


# -- 11. counts that do not read like English -------------------------------------------


def test_one_exported_or_imported_entry_is_not_1_entries(db: Path, tmp_path: Path) -> None:
    assert cli(db, "add", "note", "Only one").returncode == 0
    out_file = tmp_path / "one.json"
    exported = cli(db, "export", "-o", str(out_file))
    assert exported.returncode == 0
    imported = cli(tmp_path / "new" / "j.json", "import", "json", str(out_file))
    assert imported.returncode == 0
    assert b"1 entries" not in exported.stdout + exported.stderr, exported.stdout
    assert b"1 entries" not in imported.stdout + imported.stderr, imported.stdout


# -- 12. a mistyped --db path: refused changes still leave a folder and a lock ----------


def test_refused_goal_and_skill_edits_on_a_missing_journal_create_nothing(tmp_path: Path) -> None:
    """`journal edit`/`delete` on a path with no journal say so and create nothing; the
    goal and skill commands exit 2 but leave the folder and a .lock behind."""
    litter = {}
    for args in (
        ("goal", "done", "x"),
        ("goal", "edit", "x", "--title", "y"),
        ("goal", "drop", "x"),
        ("skill", "edit", "x", "--level", "2"),
        ("link", "e1", "--goal", "x"),
    ):
        folder = tmp_path / "-".join(args[:2])
        out = cli(folder / "typo" / "journal.json", *args)
        assert out.returncode in (1, 2), (args, out.stderr)
        if folder.exists():
            litter[" ".join(args)] = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    assert litter == {}, litter


# -- 13. a tag set from another terminal while the editor is open is dropped ------------


def test_a_hashtag_typed_in_the_editor_drops_tags_set_meanwhile_elsewhere(
    db: Path, tmp_path: Path
) -> None:
    """The editor's save adds #foo; meanwhile another terminal tagged the entry
    `important` (and starred it). The star survives (only changed fields are applied),
    but the tags are rebuilt from the copy read before the editor opened."""
    assert cli(db, "add", "note", "Title here").returncode == 0
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import subprocess, sys\n"
        "subprocess.run(['journal', 'edit', 'e1', '--tag', 'important', '--star'],"
        " capture_output=True, check=True)\n"
        "with open(sys.argv[1], 'a') as f:\n"
        "    f.write('\\n\\nBody mentioning #foo\\n')\n"
    )
    journal_bin = Path(sys.executable).with_name("journal")
    env = {
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": "",
        "PATH": f"{journal_bin.parent}:{os.environ.get('PATH', '')}",
    }
    out = cli(db, "edit", "e1", env=env)
    assert out.returncode == 0, out.stderr
    entry = json.loads(cli(db, "show", "e1", "--json").stdout)
    assert entry["starred"] is True
    assert sorted(entry["tags"]) == ["foo", "important"], entry["tags"]
