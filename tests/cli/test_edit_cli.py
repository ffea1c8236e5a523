"""`journal show`, `edit` (flags and $EDITOR), `delete`, `undo` and `restore`."""

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Run


def add(journal: Run, *args: str) -> str:
    done = journal("add", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[0]


@pytest.fixture
def feedback(journal: Run) -> str:
    assert journal("goal", "add", "Grow revenue", "--code", "revenue").returncode == 0
    assert journal("goal", "add", "Cut latency", "--code", "latency").returncode == 0
    assert journal("skill", "add", "Influencing", "--code", "influencing").returncode == 0
    return add(
        journal,
        "feedback",
        "Lead with the problem.\nSaid after the review.",
        "--from",
        "Priya",
        "--sentiment",
        "constructive",
        "--when",
        "2026-03-04 17:40",
        "--goal",
        "revenue",
        "--skill",
        "influencing",
        "--tag",
        "design",
    )


def shown(journal: Run, ident: str) -> dict:
    done = journal("show", ident, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def write_editor(tmp_path: Path, body: str) -> dict[str, str]:
    """An $EDITOR that is a small Python script: it gets the file's path as argv[1]."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, stat, sys\n"
        "from pathlib import Path\n"
        "path = Path(sys.argv[1])\n"
        "log = Path(os.environ['EDITOR_LOG'])\n"
        "mode = oct(stat.S_IMODE(path.stat().st_mode))\n"
        "folder = oct(stat.S_IMODE(path.parent.stat().st_mode))\n"
        "log.write_text(log.read_text() + f'{path} {mode} {folder}\\n' if log.exists() "
        "else f'{path} {mode} {folder}\\n')\n"
        "text = path.read_text()\n" + body
    )
    return {
        "EDITOR": f"{sys.executable} {script}",
        "VISUAL": "",
        "EDITOR_LOG": str(tmp_path / "editor.log"),
    }


def test_show_prints_every_field(journal: Run, feedback: str) -> None:
    done = journal("show", feedback)
    assert done.returncode == 0, done.stderr
    for piece in (
        "feedback",
        "2026-03-04 17:40",
        "Lead with the problem.",
        "Priya",
        "constructive",
        "revenue",
        "influencing",
        "design",
        "Said after the review.",
    ):
        assert piece in done.stdout
    data = shown(journal, feedback)
    assert data["id"] == feedback and data["goals"] == ["revenue"]
    assert data["skills"] == ["influencing"] and data["body"] == "Said after the review."


def test_show_unknown_id_is_bad_input(journal: Run, feedback: str) -> None:
    done = journal("show", "e99")
    assert done.returncode == 2 and "no entry 'e99'" in done.stderr


def test_show_makes_control_characters_visible(journal: Run) -> None:
    ident = add(journal, "note", "Title\nbody \x1b]52;c;x\x07 end")
    out = journal("show", ident).stdout
    assert "\x1b" not in out and "\u241b" in out


def test_edit_flags_change_fields(journal: Run, feedback: str) -> None:
    done = journal(
        "edit",
        feedback,
        "--title",
        "Lead with the customer problem.",
        "--goal",
        "latency",
        "--tag",
        "q1",
        "--star",
        "--when",
        "2026-03-05 09:00",
    )
    assert done.returncode == 0, done.stderr
    data = shown(journal, feedback)
    assert data["title"] == "Lead with the customer problem."
    assert data["goals"] == ["latency"] and data["tags"] == ["q1"] and data["starred"]
    assert data["when"].startswith("2026-03-05T09:00")
    assert data["body"] == "Said after the review."
    assert journal("edit", feedback, "--unstar", "--body", "-", input="New body\n").returncode == 0
    data = shown(journal, feedback)
    assert not data["starred"] and data["body"] == "New body\n"


def test_edit_kind_away_from_feedback_drops_its_fields(journal: Run, feedback: str) -> None:
    assert journal("edit", feedback, "--kind", "note").returncode == 0
    data = shown(journal, feedback)
    assert data["kind"] == "note" and data["source"] is None and data["sentiment"] is None


def test_edit_bad_flag_values_write_nothing(journal: Run, feedback: str) -> None:
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    for args in (
        ["--when", "the day after never"],
        ["--goal", "nope"],
        ["--sentiment", "meh"],
        ["--star", "--unstar"],
    ):
        done = journal("edit", feedback, *args)
        assert done.returncode == 2, (args, done.stderr)
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_edit_in_the_editor_round_trip(journal: Run, feedback: str, tmp_path: Path) -> None:
    env = write_editor(
        tmp_path,
        (
            "text = text.replace('from: Priya', 'from: Priya Shah')\n"
            "text = text.replace('Said after the review.', 'Said after the review. #followup')\n"
            "path.write_text(text)\n"
        ),
    )
    done = journal("edit", feedback, env=env)
    assert done.returncode == 0, done.stderr
    data = shown(journal, feedback)
    assert data["source"] == "Priya Shah"
    assert data["body"] == "Said after the review. #followup"
    assert data["tags"] == ["design", "followup"]
    assert data["goals"] == ["revenue"] and data["skills"] == ["influencing"]
    [line] = (tmp_path / "editor.log").read_text().splitlines()
    path, mode, folder = line.split()
    assert (mode, folder) == ("0o600", "0o700")
    assert not Path(path).exists()  # removed afterwards


def test_edit_unchanged_writes_nothing(journal: Run, feedback: str, tmp_path: Path) -> None:
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    done = journal("edit", feedback, env=write_editor(tmp_path, "pass\n"))
    assert done.returncode == 0 and "no changes" in done.stdout.lower()
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_edit_bad_date_refuses_without_a_terminal(
    journal: Run, feedback: str, tmp_path: Path
) -> None:
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    env = write_editor(
        tmp_path,
        ("import re\npath.write_text(re.sub('when: .*', 'when: the 45th of Smarch', text))\n"),
    )
    done = journal("edit", feedback, env=env)
    assert done.returncode == 2
    assert "Smarch" in done.stderr and "nothing was written" in done.stderr.lower()
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]
    # what was typed is not thrown away: the edit file stays, and the message says where
    kept = list((tmp_path / "j" / "journal.json.edit").iterdir())
    assert len(kept) == 1 and "Smarch" in kept[0].read_text()
    assert str(kept[0]) in done.stderr


def test_failing_editor_writes_nothing(journal: Run, feedback: str, tmp_path: Path) -> None:
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    done = journal("edit", feedback, env=write_editor(tmp_path, "sys.exit(3)\n"))
    assert done.returncode == 1 and "status 3" in done.stderr
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_delete_then_undo_and_restore(journal: Run, feedback: str) -> None:
    other = add(journal, "win", "Closed Acme", "--goal", "revenue")
    done = journal("delete", feedback)  # no terminal: --yes is needed
    assert done.returncode == 2 and "--yes" in done.stderr
    assert journal("delete", feedback, "--yes").returncode == 0
    assert journal("show", feedback).returncode == 2
    deleted = journal("delete", other, "--yes")
    assert deleted.returncode == 0 and "journal undo" in deleted.stdout
    undone = journal("undo")
    assert undone.returncode == 0 and other in undone.stdout
    assert shown(journal, other)["goals"] == ["revenue"]
    assert journal("restore", feedback).returncode == 0
    data = shown(journal, feedback)
    assert data["goals"] == ["revenue"] and data["skills"] == ["influencing"]
    assert data["source"] == "Priya"
    nothing = journal("undo")
    assert nothing.returncode == 2 and "nothing to undo" in nothing.stderr
    assert journal("restore", "e99").returncode == 2


def test_delete_lists_the_trash(journal: Run) -> None:
    one, two = add(journal, "note", "one"), add(journal, "note", "two")
    assert journal("delete", one, two, "--yes").returncode == 0
    listed = journal("restore")
    assert listed.returncode == 0 and one in listed.stdout and two in listed.stdout


def test_edit_folder_leftover_is_reported_by_doctor(journal: Run) -> None:
    add(journal, "note", "one")
    folder = journal.db.with_name("journal.json.edit")  # type: ignore[attr-defined]
    folder.mkdir(mode=0o700)
    (folder / "e1-abc.txt").write_text("kind: note\n\nhalf written")
    done = journal("doctor")
    assert "e1-abc.txt" in done.stdout and "unfinished edit" in done.stdout.lower()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")
def test_add_with_no_text_on_a_terminal_opens_the_editor(journal: Run, tmp_path: Path) -> None:
    import subprocess

    from tests.cli.conftest import JOURNAL

    def add_on_tty(editor_body: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "JOURNAL_DB": str(journal.db),  # type: ignore[attr-defined]
            **write_editor(tmp_path, editor_body),
        }
        main, child = os.openpty()
        try:
            return subprocess.run(
                [JOURNAL, "add", "win"],
                stdin=child,
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
            )
        finally:
            os.close(main)
            os.close(child)

    empty = add_on_tty("pass\n")
    assert empty.returncode == 0 and "nothing written" in empty.stderr.lower()
    assert not journal.db.exists() or journal("list").stdout == ""  # type: ignore[attr-defined]
    done = add_on_tty("path.write_text(text + 'Shipped the fix. p95 down 27%. #latency\\n')\n")
    assert done.returncode == 0, done.stderr
    [entry] = json.loads(journal("list", "--json").stdout)
    assert entry["kind"] == "win" and entry["title"] == "Shipped the fix."
    assert entry["body"] == "p95 down 27%. #latency" and entry["tags"] == ["latency"]
    assert stat.S_IMODE(journal.db.stat().st_mode) == 0o600  # type: ignore[attr-defined]


def test_add_with_no_text_and_no_terminal_is_bad_usage(journal: Run) -> None:
    done = journal("add", "note", input="")
    assert done.returncode == 2 and "TEXT" in done.stderr


def test_a_skill_from_a_deleted_entry_is_not_damage(journal: Run) -> None:
    ident = add(journal, "feedback", "Slow to the point")
    assert journal("skill", "add", "Brevity", "--from-entry", ident).returncode == 0
    assert journal("delete", ident, "--yes").returncode == 0
    doctor = journal("doctor")
    assert doctor.returncode == 0 and "healthy" in doctor.stdout
    assert journal("undo").returncode == 0
    skill = json.loads(journal("skill", "list", "--json").stdout)[0]
    assert skill["why"] == [ident] and skill["evidence_count"] == 1


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")
def test_bad_date_on_a_terminal_reopens_the_editor(
    journal: Run, feedback: str, tmp_path: Path
) -> None:
    import subprocess

    from tests.cli.conftest import JOURNAL

    env = {
        **os.environ,
        "JOURNAL_DB": str(journal.db),
        **write_editor(
            tmp_path,
            (  # type: ignore[attr-defined]
                "import re\n"
                "first = len(log.read_text().splitlines()) == 1\n"
                "when = 'the 45th of Smarch' if first else '2026-03-06 10:00'\n"
                "assert first or '# journal: ' in text  # the problem is shown in the file\n"
                "path.write_text(re.sub('when: .*', 'when: ' + when, text))\n"
            ),
        ),
    }
    main, child = os.openpty()
    try:
        os.write(main, b"y\n")  # the answer to "Edit again?"
        done = subprocess.run(
            [JOURNAL, "edit", feedback],
            stdin=child,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        os.close(main)
        os.close(child)
    assert done.returncode == 0, done.stderr
    assert "Edit again?" in done.stdout + done.stderr
    assert len((tmp_path / "editor.log").read_text().splitlines()) == 2
    assert shown(journal, feedback)["when"].startswith("2026-03-06T10:00")


def test_editor_save_applies_only_what_was_changed_onto_the_entry_as_it_is_now(
    journal: Run, feedback: str, tmp_path: Path
) -> None:
    """Another terminal links a goal and retitles the entry while the editor is open: the
    goal stays, the user's title wins and the conflict is said; their new tag is added."""
    from tests.cli.conftest import JOURNAL

    env = write_editor(
        tmp_path,
        (
            "import subprocess\n"
            f"subprocess.run([{JOURNAL!r}, 'link', {feedback!r}, '--goal', 'latency'],"
            " check=True)\n"
            f"subprocess.run([{JOURNAL!r}, 'edit', {feedback!r}, '--title', 'Theirs'],"
            " check=True)\n"
            "text = text.replace('tags: design', 'tags: design, urgent')\n"
            "path.write_text(text.replace('title: Lead with the problem.', 'title: Mine'))\n"
        ),
    )
    done = journal("edit", feedback, env=env)
    assert done.returncode == 0, done.stderr
    data = shown(journal, feedback)
    assert (data["title"], sorted(data["goals"]), data["tags"]) == (
        "Mine",
        ["latency", "revenue"],
        ["design", "urgent"],
    )
    assert "also changed elsewhere" in done.stderr and "title" in done.stderr
