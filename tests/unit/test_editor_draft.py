"""The private edit file: a clear EditorError when it cannot be made, and kept until the
caller says the text is safe."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from journal.editor import Draft, EditorError, edit_folder


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    script = tmp_path / "ed.sh"
    script.write_text(f"#!/bin/sh\n{line}\n")
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))


@pytest.mark.parametrize(
    "code, words",
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the filesystem is read-only")],
)
def test_no_room_for_the_edit_file_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    journal = tmp_path / "journal.json"

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(EditorError) as caught:
        Draft(journal, "e1")
    assert str(edit_folder(journal)) in str(caught.value) and words in str(caught.value)
    assert not edit_folder(journal).exists()  # the empty folder is not left behind


def test_a_folder_that_cannot_be_made_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal.json"

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(EditorError, match="private edit folder .*read-only"):
        Draft(journal, "e1")


def test_the_text_stays_until_discarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor(tmp_path, monkeypatch, 'echo typed >> "$1"')
    draft = Draft(tmp_path / "journal.json", "e1")
    assert draft.edit("head\n") == "head\ntyped\n"
    assert draft.path.read_text() == "head\ntyped\n" and str(draft.path) in draft.kept()
    assert oct(draft.path.stat().st_mode & 0o777) == "0o600"
    draft.discard()
    assert not draft.path.exists() and not draft.folder.exists() and draft.kept() == ""


def test_a_failing_editor_keeps_only_changed_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, "exit 3")
    untouched = Draft(tmp_path / "journal.json", "e1")
    with pytest.raises(EditorError, match="status 3"):
        untouched.edit("head\n")
    assert not untouched.path.exists()
    editor(tmp_path, monkeypatch, 'echo typed >> "$1"; exit 3')
    changed = Draft(tmp_path / "journal.json", "e1")
    with pytest.raises(EditorError, match="status 3"):
        changed.edit("head\n")
    assert "typed" in changed.path.read_text()
