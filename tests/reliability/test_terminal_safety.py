"""Issue 5, item 9 (command-line part): user text never drives the terminal.

An entry can hold anything pasted into it: OSC 52 (write the clipboard), OSC 0 (set the
window title), ESC c (reset), CSI 6n (make the terminal type a reply into the shell),
the 8-bit CSI 0x9b, BEL, backspace, bidi overrides. `journal` commands that print user
text run here under a real pseudo-terminal and their output is read back byte by byte:
no control character may reach the terminal, each must appear as a visible placeholder,
and Rich-style markup prints literally (the CLI never interprets it).

The rendering helpers themselves get a hypothesis property test: whatever the input,
the output holds no C0/C1 control (bar newline and tab where allowed) and keeps every
other character, in order.
"""

from __future__ import annotations

import os
import pty
import subprocess
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.store.journal_store import JournalStore
from journal.textsafe import visible, visible_line
from tests.reliability.conftest import JOURNAL

EVIL = {
    "osc52": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "title": "\x1b]0;pwned\x07",
    "reset": "\x1bc",
    "dsr": "\x1b[6n",
    "c1-csi": "\x9b6n",
    "bel": "\x07",
    "backspace": "safe\x08\x08\x08\x08evil",
    "st-c1": "\x9d0;t\x9c",
    "bidi": "\u202eevil\u202c",
    "del": "x\x7fy",
}
MARKUP = "[/] [/ [b]x[/i] [@click=app.quit]x[/] [link=https://example.com]l[/link]"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"


def is_control(ch: str, keep: str = "") -> bool:
    """C0, DEL, C1, and the bidi/line-separator controls the helpers also neutralise."""
    if ch in keep:
        return False
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or ch in BIDI


def run_in_pty(args: list[str], db: Path) -> str:
    """Run `journal ARGS` with a pty as stdin/stdout/stderr; return all it wrote."""
    master, slave = pty.openpty()
    env = {**os.environ, "JOURNAL_DB": str(db), "TERM": "xterm-256color", "COLUMNS": "100"}
    proc = subprocess.Popen([JOURNAL, *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=30) == 0
    return b"".join(chunks).decode("utf-8")  # strict: a stray 0x9b byte would fail here


def assert_terminal_safe(out: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in out if is_control(c, keep="\r\n")})
    assert not bad, f"control characters reached the terminal: {bad}"


def test_list_and_friends_under_a_pty(tmp_path: Path) -> None:
    db = tmp_path / "j.json"
    store = JournalStore(db)
    store.goals.add(f"Goal {EVIL['title']} {MARKUP}", code="evil")
    store.skills.add(f"Skill {EVIL['osc52']}", code="sk", plan=EVIL["dsr"])
    for name, text in EVIL.items():
        store.entries.add(
            "feedback",
            title=f"{name}: {text} {MARKUP}",
            body=text,
            source=f"from {text}",
            tags=[f"t{EVIL['c1-csi']}"],
            goals=["evil"],
        )
    outputs = {
        "list": run_in_pty(["list"], db),
        "goal list": run_in_pty(["goal", "list"], db),
        "skill list": run_in_pty(["skill", "list"], db),
        "add": run_in_pty(["add", "note", f"echoed {EVIL['osc52']}{EVIL['reset']}"], db),
        "link": run_in_pty(["link", "e1", "--goal", "evil"], db),
    }
    for name, out in outputs.items():
        assert out.strip(), name
        assert_terminal_safe(out)
    listed = outputs["list"]
    assert "␛]52;c;cm0gLXJmIH4=␇" in listed
    assert "␛]0;pwned␇" in listed and "␛c" in listed and "␛[6n" in listed
    assert "<U+009B>6n" in listed and "safe␈␈␈␈evil" in listed and "x␡y" in listed
    assert "<U+202E>evil<U+202C>" in listed
    assert MARKUP in listed  # markup is plain text to the CLI
    assert "␛]0;pwned␇" in outputs["goal list"]
    assert "␛[6n" in outputs["skill list"]
    assert "␛]52;c;" in outputs["add"] and "␛c" in outputs["add"]


def test_json_output_escapes_controls_but_keeps_them(tmp_path: Path) -> None:
    """`list --json` is for programs: controls are JSON-escaped, so exact and still inert."""
    db = tmp_path / "j.json"
    JournalStore(db).entries.add("note", title=f"json {EVIL['osc52']} {EVIL['c1-csi']}")
    out = run_in_pty(["list", "--json"], db)
    assert "\x1b" not in out and "\x07" not in out
    assert "\\u001b]52;c;" in out


# -- the rendering helpers ---------------------------------------------------------------

nasty = st.text(
    st.one_of(
        st.sampled_from(list("[]/@=:;\\ \x1b\x07\x08\x9b\x9c\x9d\x85\n\t\r\x00\x7f") + list(BIDI)),
        st.characters(max_codepoint=0x2FF),
        st.characters(blacklist_categories=["Cs"]),
    ),
    max_size=80,
)


@settings(max_examples=500, deadline=None)
@given(nasty)
def test_visible_line_never_emits_controls_and_keeps_the_rest(text: str) -> None:
    out = visible_line(text)
    assert not [c for c in out if is_control(c)], repr(out)
    kept = iter(out)
    assert all(c in kept for c in text if not is_control(c)), "text lost or reordered"


@settings(max_examples=500, deadline=None)
@given(nasty)
def test_visible_keeps_newlines_and_tabs_only(text: str) -> None:
    out = visible(text)
    assert not [c for c in out if is_control(c, keep="\n\t")], repr(out)
    kept = iter(out)
    assert all(c in kept for c in text if not is_control(c, keep="\n\t")), "text lost"
    assert out.count("\n") == text.count("\n") and out.count("\t") == text.count("\t")


def test_every_control_gets_its_own_visible_placeholder() -> None:
    controls = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]] + list(BIDI)
    shown = [visible_line(c) for c in controls]
    assert len(set(shown)) == len(controls), "two controls look the same"
    for placeholder in shown:
        assert placeholder and all(unicodedata.category(c)[0] != "C" for c in placeholder)
