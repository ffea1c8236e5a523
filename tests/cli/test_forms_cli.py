"""`journal form ...` and the review's form commands, run through the real executable."""

from __future__ import annotations

import base64
import json
import os
import pty
import re
import select
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.conftest import JOURNAL, Run

DATA = Path(__file__).parent.parent / "data" / "forms"

FORM = """\
# Mid-year
- What did I achieve? (limit: 20 chars)
- Progress (per goal) (limit: 5 words)
- Rating (per goal) (rating)
"""


@pytest.fixture
def started(journal: Run, tmp_path: Path) -> Run:
    journal("goal", "add", "Grow revenue", "--code", "revenue")
    journal("goal", "add", "Cut latency", "--code", "latency")
    journal(
        "add",
        "win",
        "Closed Acme",
        "--goal",
        "revenue",
        "--when",
        "2026-02-03",
        "--impact",
        "$1.2M ARR",
        "--star",
    )
    form = tmp_path / "mid.md"
    form.write_text(FORM)
    assert journal("form", "import", str(form)).returncode == 0
    done = journal("review", "start", "--period", "H1 2026", "--form", "mid-year")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "r1 started: H1 2026 self-assessment on the form 'mid-year'\n"
    return journal


def test_import_reports_bad_lines_and_saves_nothing(journal: Run) -> None:
    journal("skill", "add", "Presenting", "--code", "presenting")
    result = journal("form", "import", str(DATA / "bad.md"))
    assert result.returncode == 2
    assert "has 8 bad lines; nothing was saved" in result.stderr
    for n in range(3, 11):
        assert f"  line {n}: " in result.stderr
    listed = journal("form", "list", "--json")
    assert [f["name"] for f in json.loads(listed.stdout) if not f["builtin"]] == []


def test_import_list_show_and_replace(journal: Run) -> None:
    journal("skill", "add", "Presenting", "--code", "presenting")
    path = str(DATA / "midyear.md")
    done = journal("form", "import", path, "--name", "midyear")
    assert done.returncode == 0, done.stderr
    assert "Imported the form 'midyear' (Mid-year review 2026): 6 questions" in done.stdout
    again = journal("form", "import", path, "--name", "midyear")
    assert again.returncode == 2 and "--replace" in again.stderr
    assert journal("form", "import", path, "--name", "midyear", "--replace").returncode == 0
    listed = journal("form", "list").stdout
    assert "midyear                  Mid-year review 2026 (6 questions, imported)" in listed
    assert "  2. Progress on each goal (per goal; 300 words)" in listed
    assert "self-assessment" in listed and "quarterly-check-in" in listed
    shown = journal("form", "show", "midyear").stdout
    assert (
        "- How did you grow as a presenter? Give one example. (skill: presenting) "
        "(limit: 1000 chars)" in shown
    )
    builtin = journal("form", "import", path, "--name", "self-assessment")
    assert builtin.returncode == 2 and "built-in" in builtin.stderr


def test_a_missing_or_non_utf8_file(journal: Run, tmp_path: Path) -> None:
    assert "cannot read" in journal("form", "import", str(tmp_path / "nope.md")).stderr
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"- caf\xe9?\n")
    assert "is not UTF-8" in journal("form", "import", str(bad)).stderr


def test_answer_and_print_answers(started: Run) -> None:
    journal = started
    one = journal("review", "answer", "--review", "r1", "--question", "1", "I **won** Acme.")
    assert one.returncode == 0 and "(11 of 20 characters)" in one.stdout
    per_goal = journal("review", "answer", "--review", "r1", "--question", "2", "x")
    assert per_goal.returncode == 2 and "--goal CODE" in per_goal.stderr
    journal(
        "review",
        "answer",
        "--review",
        "r1",
        "--question",
        "2",
        "--goal",
        "revenue",
        "-",
        input="Signed 👨‍👩‍👧\nand renewed.\n",
    )
    rated = journal(
        "review", "answer", "--review", "r1", "--question", "3", "--goal", "revenue", "Met"
    )
    assert rated.returncode == 0
    wrong = journal(
        "review", "answer", "--review", "r1", "--question", "3", "--goal", "latency", "Great"
    )
    assert wrong.returncode == 2 and "not on the scale" in wrong.stderr
    out = journal("review", "answers", "--review", "r1").stdout
    assert "1. What did I achieve? [11 of 20 characters]\nI won Acme.\n" in out
    assert "Signed 👨‍👩‍👧 and renewed.\n" in out  # joined: no hard wrap
    assert "3. Rating \u2014 Grow revenue (revenue) [rating]\nMet\n" in out
    data = json.loads(journal("review", "answers", "--review", "r1", "--format", "json").stdout)
    assert data["answers"][1]["count"] == 3 and data["answers"][1]["goal"] == "revenue"
    md = journal("review", "answers", "--review", "r1", "--format", "md").stdout
    assert "## 1. What did I achieve?" in md and "I **won** Acme." in md


def test_a_review_without_a_form(journal: Run) -> None:
    journal("review", "start", "--period", "H1 2026")
    result = journal("review", "answers", "--review", "r1")
    assert result.returncode == 2 and "has no form" in result.stderr


def fake_clipboard(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A `wl-copy` on PATH that keeps what it was given in a file."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    got = tmp_path / "clipboard.txt"
    tool = bin_dir / "wl-copy"
    tool.write_text(f"#!/bin/sh\ncat > {got}\n")
    tool.chmod(0o755)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "WAYLAND_DISPLAY": "wayland-test"}
    return env, got


def test_copy_with_a_clipboard_tool(started: Run, tmp_path: Path) -> None:
    journal = started
    journal("review", "answer", "--review", "r1", "--question", "1", "I **won** Acme.")
    env, got = fake_clipboard(tmp_path)
    result = journal("review", "copy", "--review", "r1", "--question", "1", env=env)
    assert result.returncode == 0, result.stderr
    assert got.read_text() == "I won Acme."
    assert result.stdout == "Question 1 (11 of 20 characters): Copied with wl-copy.\n"


def test_copy_refuses_over_the_limit_unless_forced(started: Run, tmp_path: Path) -> None:
    journal = started
    journal(
        "review", "answer", "--review", "r1", "--question", "1", "Closed Acme, Initech and Globex."
    )
    env, got = fake_clipboard(tmp_path)
    refused = journal("review", "copy", "--review", "r1", "--question", "1", env=env)
    assert refused.returncode == 2
    assert "32 of 20 characters: 12 over" in refused.stderr and "--force" in refused.stderr
    assert not got.exists()
    forced = journal("review", "copy", "--review", "r1", "--question", "1", "--force", env=env)
    assert forced.returncode == 0 and got.read_text() == "Closed Acme, Initech and Globex."


def test_copy_with_nothing_to_copy_to(started: Run) -> None:
    journal = started
    journal("review", "answer", "--review", "r1", "--question", "1", "Short.")
    env = {"PATH": "/nonexistent", "WAYLAND_DISPLAY": "", "DISPLAY": ""}
    result = subprocess.run(
        [JOURNAL, "review", "copy", "--review", "r1", "--question", "1"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env, "JOURNAL_DB": str(journal.db)},  # type: ignore[attr-defined]
        start_new_session=True,
        timeout=60,
    )
    assert result.returncode == 1 and "Nothing was copied" in result.stdout


def run_in_pty(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run the journal with a pseudo-terminal as its terminal; return status and output."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [JOURNAL, *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=10), out


def test_copy_sends_osc52_to_the_terminal(started: Run) -> None:
    journal = started
    journal("review", "answer", "--review", "r1", "--question", "1", "Café 👍 done.")
    env = {
        **os.environ,
        "JOURNAL_DB": str(journal.db),  # type: ignore[attr-defined]
        "PATH": "/nonexistent",
        "WAYLAND_DISPLAY": "",
        "DISPLAY": "",
        "TMUX": "/tmp/tmux-1/default,1,0",
    }
    status, out = run_in_pty(["review", "copy", "--review", "r1", "--question", "1"], env)
    assert status == 0, out
    match = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", out)
    assert match is not None, out
    assert base64.b64decode(match.group(1)).decode() == "Café 👍 done."
    text = out.decode()
    assert "Sent to the terminal as OSC 52" in text and "paste somewhere to check" in text
    assert "set -g set-clipboard on" in text  # inside tmux, it says what tmux needs
    assert "Copied" not in text  # never claims what it cannot know


def test_compare_two_reviews(journal: Run) -> None:
    journal("goal", "add", "Grow revenue", "--code", "revenue")
    journal("add", "win", "Signed Acme", "--goal", "revenue", "--when", "2026-02-01")
    journal("add", "win", "Globex", "--goal", "revenue", "--when", "2026-08-01")
    journal("review", "start", "--period", "H1 2026")
    journal("review", "start", "--period", "H2 2026")
    md = journal("review", "compare", "H1 2026 self-assessment", "r2")
    assert md.returncode == 0, md.stderr
    assert "| Grow revenue (`revenue`) | - | - | - | 1 | 1 |" in md.stdout
    data = json.loads(journal("review", "compare", "r1", "r2", "--format", "json").stdout)
    assert data["goals"][0]["evidence_before"] == 1 and data["actions"] == []
    missing = journal("review", "compare", "r1", "r9")
    assert missing.returncode == 2 and "no review 'r9'" in missing.stderr


def test_readiness(started: Run) -> None:
    out = started("review", "readiness", "--review", "r1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Readiness: ")
    assert "- add evidence for `latency` (none in H1 2026)" in out.stdout
    data = json.loads(started("review", "readiness", "--period", "H1 2026", "--json").stdout)
    assert 0 <= data["score"] <= 100 and data["starred_wins_without_impact"] == 0
    both = started("review", "readiness")
    assert both.returncode == 2


def test_impact_on_wins(journal: Run) -> None:
    done = journal("add", "win", "Cut p95", "--impact", "p95 -34%")
    assert done.returncode == 0, done.stderr
    shown = journal("show", "e1").stdout
    assert "impact:    p95 -34%" in shown
    listed = json.loads(journal("list", "--json").stdout)
    assert listed[0]["impact"] == "p95 -34%"
    note = journal("add", "note", "x", "--impact", "y")
    assert note.returncode == 2 and "--impact only applies to wins" in note.stderr
    assert journal("edit", "e1", "--impact", "p95 -40%").returncode == 0
    assert json.loads(journal("list", "--json").stdout)[0]["impact"] == "p95 -40%"
    assert journal("edit", "e1", "--kind", "note").returncode == 0  # a note keeps no impact
    assert json.loads(journal("list", "--json").stdout)[0]["impact"] is None


def test_imported_forms_survive_export_and_import_json(journal: Run, tmp_path: Path) -> None:
    """`export --format json` carries the imported forms and `import json` brings them
    back: moving a journal must not lose the company's review form."""
    journal("skill", "add", "Presenting", "--code", "presenting")
    path = str(DATA / "midyear.md")
    assert journal("form", "import", path, "--name", "midyear").returncode == 0
    out = tmp_path / "all.json"
    exported = journal("export", "--format", "json", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert [f["name"] for f in json.loads(out.read_text())["forms"]] == ["midyear"]
    fresh = tmp_path / "fresh" / "journal.json"
    imported = journal("import", "json", str(out), db_path=fresh)
    assert imported.returncode == 0, imported.stderr
    assert "1 review form" in imported.stdout
    listed = journal("form", "list", db_path=fresh).stdout
    assert "midyear                  Mid-year review 2026 (6 questions, imported)" in listed
    assert journal("doctor", db_path=fresh).returncode == 0


def test_a_damaged_form_in_an_export_is_refused_and_nothing_written(
    journal: Run, tmp_path: Path
) -> None:
    journal("skill", "add", "Presenting", "--code", "presenting")
    assert journal("form", "import", str(DATA / "midyear.md"), "--name", "m").returncode == 0
    out = tmp_path / "all.json"
    assert journal("export", "--format", "json", "-o", str(out)).returncode == 0
    doc = json.loads(out.read_text())
    doc["forms"][0]["questions"] = "not a list"
    out.write_text(json.dumps(doc))
    fresh = tmp_path / "fresh" / "journal.json"
    refused = journal("import", "json", str(out), db_path=fresh)
    assert refused.returncode == 2 and "forms record 1" in refused.stderr
    assert not fresh.exists()


def test_a_device_or_huge_form_file_is_refused(journal: Run, tmp_path: Path) -> None:
    zero = journal("form", "import", "/dev/zero")
    assert zero.returncode == 2 and "not a regular file" in zero.stderr, zero.stderr
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"# Form\n\n" + b"x" * 1_000_001)
    big = journal("form", "import", str(huge))
    assert big.returncode == 2 and "larger than 1 MB" in big.stderr, big.stderr
    assert "Traceback" not in zero.stderr + big.stderr


ESCAPED = "Won \x1b[31mAcme\x1b[0m\x1b]0;pwned\x07 and \x9b2JInitech\x1b[201~ too."
CLEAN = "Won Acme and Initech too."


def test_copy_force_never_sends_control_sequences(started: Run, tmp_path: Path) -> None:
    journal = started
    journal("review", "answer", "--review", "r1", "--question", "1", ESCAPED)
    env, got = fake_clipboard(tmp_path)
    forced = journal("review", "copy", "--review", "r1", "--question", "1", "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    assert got.read_text() == CLEAN  # what it read as on the terminal; no ESC [201~ to paste
    assert "\x1b" not in forced.stdout + forced.stderr
    assert f"({len(CLEAN)} of 20 characters: {len(CLEAN) - 20} over)" in forced.stdout
    answers = journal("review", "answers", "--review", "r1").stdout
    assert CLEAN in answers and "\x1b" not in answers
    status, out = run_in_pty(
        ["review", "copy", "--review", "r1", "--question", "1", "--force"],
        {**os.environ, "JOURNAL_DB": str(journal.db), "PATH": "/nonexistent", "DISPLAY": ""},  # type: ignore[attr-defined]
    )
    assert status == 0, out
    frame = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", out)
    assert frame is not None and base64.b64decode(frame.group(1)).decode() == CLEAN
    rest = out[: frame.start()] + out[frame.end() :]
    assert b"\x1b" not in rest and b"\xc2\x9b" not in rest, rest
