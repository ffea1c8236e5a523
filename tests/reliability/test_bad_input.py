"""Issue 5, item 8: bad input is refused with a useful message; odd input is kept exactly.

Bad input through the real executable: exit 2, a message on stderr that says what to
fix, nothing on stdout, and the journal's folder byte-for-byte unchanged. Bytes are passed
as bytes (stdin and argv), so invalid UTF-8 really reaches the program.

Odd but valid input (any Unicode, emoji, right-to-left text, bidi controls, tabs,
brackets, escape sequences, CRLF, 1 MB bodies) goes in through stdin and comes back
exactly from `list --json` and the JSON review export; a hypothesis test does the same
through the store with random text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.errors import ValidationError
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import Run, seeded, tree_snapshot

FIVE_MB = 5 * 1000 * 1000
ONE_MB = 1024 * 1024

BAD: dict[str, tuple[list[str | bytes], bytes | None, str]] = {
    "empty-text": (["add", "note", ""], None, "is empty: write something"),
    "whitespace-text": (["add", "note", "  \t  "], None, "is empty: write something"),
    "empty-stdin": (["add", "note", "-"], b"", "is empty: write something"),
    "whitespace-stdin": (["add", "note", "-"], b" \n\t\r\n ", "is empty: write something"),
    "5mb-body-stdin": (["add", "note", "-"], b"Title\n" + b"x" * FIVE_MB, "too long"),
    "5mb-line-stdin": (["add", "note", "-"], b"y" * FIVE_MB, "too long"),
    "bad-utf8-stdin": (["add", "note", "-"], b"caf\xe9 au lait", "not valid UTF-8"),
    "bad-utf8-argv": ([b"add", b"note", b"caf\xe9"], None, "not valid UTF-8"),
    "bad-utf8-from": (
        [b"add", b"feedback", b"ok", b"--from", b"Pri\xffya"],
        None,
        "not valid UTF-8",
    ),
    "bad-utf8-tag": ([b"add", b"note", b"ok", b"--tag", b"t\xffg"], None, "not valid UTF-8"),
    "bad-utf8-goal-measure": (
        [b"goal", b"add", b"Ok", b"--measure", b"\xc3("],
        None,
        "not valid UTF-8",
    ),
    "bad-utf8-search": ([b"list", b"--search", b"\xff"], None, "not valid UTF-8"),
    "nul-stdin": (["add", "note", "-"], b"before\x00after", "NUL byte: remove it"),
    "unknown-kind": (["add", "memo", "x"], None, "unknown kind 'memo': use one of"),
    "day-31-feb": (["add", "note", "x", "--when", "31/02"], None, "has no day 31"),
    "huge-number-date": (
        ["add", "note", "x", "--when", "99999999999999999999"],
        None,
        'cannot read "99999999999999999999" as a date',
    ),
    "zero-date": (
        ["add", "note", "x", "--when", "0000-00-00"],
        None,
        'cannot read "0000-00-00" as a date',
    ),
    "unknown-goal": (
        ["add", "note", "x", "--goal", "nope"],
        None,
        "no goal 'nope' (known: influence, revenue)",
    ),
    "unknown-skill": (["add", "note", "x", "--skill", "juggling"], None, "no skill 'juggling'"),
    "duplicate-goal-code": (
        ["goal", "add", "Again", "--code", "revenue"],
        None,
        "already exists: choose another code",
    ),
    "unknown-parent": (["goal", "add", "Child", "--parent", "ghost"], None, "no goal 'ghost'"),
    "bad-code": (["goal", "add", "X", "--code", "Two Words"], None, "must be lower-case"),
    "tag-with-space": (["add", "note", "x", "--tag", "two words"], None, "must be one word"),
    "sentiment-on-win": (
        ["add", "win", "x", "--sentiment", "praise"],
        None,
        "only applies to feedback",
    ),
    "bad-period": (["list", "--period", "the before times"], None, "as a period"),
    "negative-n": (["list", "-n", "-1"], None, "-n must be 0 or more"),
    "unknown-entry": (["link", "e999", "--goal", "revenue"], None, "no entry 'e999'"),
    "level-7": (["skill", "add", "Juggling", "--level", "7"], None, "between 1 and 5"),
}


@pytest.fixture
def seeded_run(db: Path, run: Run) -> Run:
    seeded(db).entries.add("note", "one more, so a backup exists")
    return run


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_and_changes_nothing(db: Path, seeded_run: Run, case: str) -> None:
    args, stdin, message = BAD[case]
    before = tree_snapshot(db.parent)
    result = seeded_run(*args, input=stdin)
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert message in err, err
    assert len(err) < 2000, "the message should be short, not echo the input back"
    assert result.stdout == b""
    assert tree_snapshot(db.parent) == before


def test_goal_parent_cycle_is_refused_and_changes_nothing(db: Path) -> None:
    """`goal add --parent` cannot make a cycle; only an update can, through the store."""
    store = seeded(db)
    store.goals.add("Enterprise deals", code="enterprise", parent="revenue")
    store.goals.add("Three logos", code="logos", parent="enterprise")
    before = tree_snapshot(db.parent)
    for parent in ("logos", "enterprise", "revenue"):
        with pytest.raises(ValidationError, match="its own ancestor"):
            store.goals.update("revenue", parent=parent)
    assert tree_snapshot(db.parent) == before
    assert JournalStore(db).goals.get("revenue")["parent"] is None


def test_a_blank_last_line_is_not_an_empty_body(run: Run) -> None:
    """Typed text often ends with a line of spaces: that must not be refused."""
    result = run("add", "note", "-", input=b"Title\n   \n")
    assert result.returncode == 0, result.stderr.decode()
    [entry] = json.loads(run("list", "--json").stdout)
    assert entry["title"] == "Title"


def test_ambiguous_numeric_date_is_day_first(db: Path, run: Run) -> None:
    result = run("add", "note", "x", "--when", "02/03/2025")
    assert result.returncode == 0, result.stderr.decode()
    [entry] = json.loads(run("list", "--json").stdout)
    assert entry["when"].startswith("2025-03-02")  # 2 March 2025, never 3 February


ODD_TITLES = [
    "Ünïcödé ✓ 日本語 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍💻 🇳🇱 e\u0301",
    "שלום עולם مرحبا بالعالم \u202eevil\u202c mixed RTL",
    "tabs\there\tand [bold]x[/] [/ [b]x[/i] [@click=app.quit]q[/] [link=https://x]l[/link]",
    "escapes \x1b]52;c;aGk=\x07 \x1b]0;title\x07 \x1bc \x1b[6n \x9b6n \x07 back\x08space",
    "zero width\u200b joiner\u200d bom\ufeff nbsp\u00a0 line\u2028sep",
]
ODD_BODIES = [
    "Body line 1\r\nCRLF line 2\n\n  indented\twith tab  \n\u05d0\u05d1 RTL 👋🏽",
    "[/]\n[bold]\n\x1b[31mred\x1b[0m\nDEL \x7f and NEL \x85 kept",
]


def export_titles(run: Run) -> set[str]:
    result = run("review", "export", "--period", "2025", "--format", "json")
    if result.returncode != 0 and b"invalid choice" in result.stderr:
        pytest.skip("`journal review export` is not there yet")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    return {e["title"] for goal in data["goals"] for e in goal["evidence"]}


def test_odd_input_round_trips_exactly(db: Path, run: Run) -> None:
    assert run("goal", "add", "Grow revenue", "--code", "revenue").returncode == 0
    texts: list[tuple[str, str]] = []
    for i, title in enumerate(ODD_TITLES):
        body = ODD_BODIES[i % len(ODD_BODIES)]
        texts.append((title, body))
    texts.append(("A one-megabyte body", "📝 " + "ab\tcd שלום\n" * (ONE_MB // 15) + "end"))
    for title, body in texts:
        added = run(
            "add",
            "reflection",
            "-",
            "--goal",
            "revenue",
            "--when",
            "2025-06-01",
            input=f"{title}\n{body}".encode(),
        )
        assert added.returncode == 0, added.stderr.decode()
        assert b"\x1b" not in added.stdout and b"\x07" not in added.stdout
    listed = run("list", "--json")
    assert listed.returncode == 0
    by_id = sorted(json.loads(listed.stdout), key=lambda e: int(e["id"][1:]))
    got = [(e["title"], e["body"]) for e in by_id]
    assert got == texts
    assert len(texts[-1][1].encode()) >= ONE_MB
    assert export_titles(run) == {t for t, _ in texts}


printable = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(printable, min_size=1, max_size=60).filter(str.strip),
    body=st.text(printable, max_size=300),
)
def test_any_text_round_trips_through_the_store(tmp_path: Path, title: str, body: str) -> None:
    db = tmp_path / "hyp.json"
    store = JournalStore(db)
    made = store.entries.add("note", title=title, body=body)
    again = JournalStore(db).entries.get(made["id"])
    assert (again["title"], again["body"]) == (title, body)
