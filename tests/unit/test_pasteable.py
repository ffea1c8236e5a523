"""`textsafe.pasteable`: what goes on the clipboard holds no terminal control sequence."""

from __future__ import annotations

import pytest

from journal.textsafe import pasteable


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Won \x1b[31mred\x1b[0m.", "Won red."),  # colours
        ("a\x1b]0;title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\ b", "alink b"),  # hyperlink, ST
        ("x\x1b[201~y", "xy"),  # the end of a bracketed paste
        ("c\x9b2Jd\x9d52;c;QQ==\x9ce", "cde"),  # 8-bit CSI and OSC
        ("\x1b7saved\x1b8 \x1b(Bok\x1bc", "saved ok"),  # two-byte escapes
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("x\x1b]unterminated\nnext line", "x\nnext line"),  # never past the line
        ("tab\tcr\r\nnl\n Ωμέγα 👩🏽‍💻 \u202e", "tab\tcr\r\nnl\n Ωμέγα 👩🏽‍💻 \u202e"),
    ],
)
def test_pasteable(text: str, clean: str) -> None:
    assert pasteable(text) == clean
