"""Issue 10, item 10: input quoted back in a message, or printed as JSON, never drives
the terminal.

Error messages quote what was typed or read (a jrnl file's `date`, a goal file's `due`,
`--when`, `--period`, a kind, an unknown option, an output path): each control character
must come out as a visible placeholder. JSON output (`list --json`, `review export
--format json`, `goal list --json`, `skill list --json`) must escape C0, C1 and DEL as
`\\uXXXX`: still valid JSON that parses back to exactly the same data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from journal.store.journal_store import JournalStore
from tests.reliability.conftest import Run

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
C1 = "\x9d0;pwned\x9c\x9b6n"
NASTY = f"{OSC52}{C1}x\x7fy\x01z"
RAW_BYTES = [bytes([b]) for b in [*range(1, 0x20), 0x7F]] + [
    chr(c).encode() for c in range(0x80, 0xA0)
]


def raw_controls(out: bytes, keep: bytes = b"\n") -> list[str]:
    """Control characters (C0, DEL, C1) in `out`, as it would reach a terminal."""
    text = out.decode("utf-8")
    return sorted(
        {
            f"U+{ord(c):04X}"
            for c in text
            if c.encode() not in keep and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)
        }
    )


def strings(value: object) -> Iterator[str]:
    """Every string in parsed JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_refused_safely(result: object, *, status: int = 2) -> None:
    stderr: bytes = result.stderr  # type: ignore[attr-defined]
    assert result.returncode == status, stderr  # type: ignore[attr-defined]
    assert not raw_controls(stderr), stderr
    shown = stderr.decode()
    assert "\u241b" in shown or "\\x1b" in shown, f"the input should show, made visible: {shown}"


@pytest.mark.parametrize(
    "args",
    [
        ["add", "note", "hello", "--when", NASTY],
        ["list", "--period", NASTY],
        ["review", "export", "--period", NASTY],
        ["goal", "add", "Ship it", "--due", NASTY],
        ["add", NASTY, "hello"],
        ["list", "--kind", NASTY],
        ["list", f"--{NASTY}"],
        ["add", "note", "hello", f"--{NASTY}"],
    ],
    ids=[
        "when",
        "period",
        "export-period",
        "due",
        "kind",
        "list-kind",
        "unknown-list-flag",
        "unknown-add-flag",
    ],
)
def test_messages_quoting_arguments_show_controls(run: Run, args: list[str]) -> None:
    assert_refused_safely(run(*args))


def test_a_jrnl_file_date_is_quoted_safely(run: Run, tmp_path: Path) -> None:
    export = tmp_path / "evil.json"
    export.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {
                        "title": "t",
                        "body": "b",
                        "date": f"2026-01-02{OSC52}",
                        "time": "10:00",
                        "tags": [],
                        "starred": False,
                    },
                ],
            }
        )
    )
    assert_refused_safely(run("import", "jrnl", str(export)))


def test_a_goal_file_due_is_quoted_safely(run: Run, tmp_path: Path) -> None:
    goals = tmp_path / "goals.csv"
    goals.write_text(f"title,code,due\nGrow revenue,revenue,soon{OSC52}{C1}\n")
    assert_refused_safely(run("import", "goals", str(goals)))


def test_an_output_path_is_quoted_safely(run: Run, tmp_path: Path) -> None:
    JournalStore(tmp_path / "data" / "journal.json").entries.add("note", "something")
    result = run(
        "review", "export", "--period", "this year", "-o", str(tmp_path / f"no{OSC52}" / "x.md")
    )
    assert_refused_safely(result, status=result.returncode or 1)


def test_json_output_escapes_every_control(run: Run, db: Path) -> None:
    store = JournalStore(db)
    store.goals.add(f"Goal {NASTY}", code="revenue")
    store.skills.add(f"Skill {NASTY}", code="presenting")
    every = "".join(b.decode() for b in RAW_BYTES)
    body = f"Body {every} {NASTY} end. é £ ° \u00a0 🎯"
    store.entries.add(
        "win",
        f"Title {NASTY}.\n{body}",
        goals=["revenue"],
        skills=["presenting"],
        when="2026-03-04 10:00",
    )
    outputs = {
        "list": run("list", "--json"),
        "export": run("review", "export", "--period", "2026", "--format", "json"),
        "goals": run("goal", "list", "--json"),
        "skills": run("skill", "list", "--json"),
    }
    for name, result in outputs.items():
        assert result.returncode == 0, (name, result.stderr)
        assert not raw_controls(result.stdout), (name, raw_controls(result.stdout))
        assert b"\\u009d" in result.stdout and b"\\u007f" in result.stdout, name
        json.loads(result.stdout)  # strict JSON
    entry = orjson.loads(outputs["list"].stdout)[0]
    assert entry["body"] == store.entries.all()[0]["body"]
    assert every in entry["body"] and "é £ ° \u00a0 🎯" in entry["body"]
    assert orjson.loads(outputs["goals"].stdout)[0]["title"] == f"Goal {NASTY}"
    assert orjson.loads(outputs["skills"].stdout)[0]["name"] == f"Skill {NASTY}"
    exported = list(strings(orjson.loads(outputs["export"].stdout)))
    assert f"Goal {NASTY}" in exported and f"Title {NASTY}." in exported


def test_json_export_to_a_file_escapes_controls_too(run: Run, db: Path, tmp_path: Path) -> None:
    store = JournalStore(db)
    store.goals.add(f"Goal {NASTY}", code="revenue")
    store.entries.add("win", f"Title {NASTY}.", goals=["revenue"], when="2026-03-04 10:00")
    out = tmp_path / "review.json"
    assert (
        run("review", "export", "--period", "2026", "--format", "json", "-o", str(out)).returncode
        == 0
    )
    assert not raw_controls(out.read_bytes())
    assert f"Title {NASTY}." in strings(orjson.loads(out.read_bytes()))
