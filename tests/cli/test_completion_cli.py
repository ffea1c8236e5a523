"""`journal --version` and `journal completion`: generated from the parser, codes from the
journal."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import JOURNAL, Run


def test_version_prints_the_package_version(journal: Run) -> None:
    from importlib.metadata import version

    result = journal("--version")
    assert result.returncode == 0
    assert result.stdout == f"journal {version('coaching-journal')}\n"
    assert not journal.db.exists()  # type: ignore[attr-defined]


def complete(script: Path, words: list[str], db: Path) -> list[str]:
    """What bash offers for the last word of `words` (the script's own function)."""
    line = " ".join(f'"{w}"' for w in words)
    code = (
        f"source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
        'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; '
        '_shtab_journal; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    bin_dir = str(Path(JOURNAL).parent)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "JOURNAL_DB": str(db), "HOME": str(db.parent)}
    result = subprocess.run(
        ["bash", "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    return result.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_offers_commands_kinds_and_goal_codes(journal: Run, tmp_path: Path) -> None:
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    journal("goal", "add", "Cut checkout latency", "--code", "latency")
    journal("skill", "add", "Presenting to leadership", "--code", "presenting")
    result = journal("completion", "bash")
    assert result.returncode == 0 and "complete" in result.stdout
    script = tmp_path / "journal.bash"
    script.write_text(result.stdout)
    db = journal.db  # type: ignore[attr-defined]
    assert complete(script, ["journal", "li"], db) == ["list", "link"]
    assert complete(script, ["journal", "add", "f"], db) == ["feedback"]
    assert complete(script, ["journal", "add", "note", "x", "--goal", ""], db) == [
        "revenue",
        "latency",
    ]
    assert complete(script, ["journal", "link", "e1", "--skill", ""], db) == ["presenting"]


def test_code_lookup_on_a_missing_journal_lists_nothing_and_creates_nothing(
    journal: Run,
) -> None:
    result = journal("completion", "--list-codes", "goal")
    assert (result.returncode, result.stdout) == (0, "")
    assert not journal.db.parent.exists()  # type: ignore[attr-defined]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_completion_is_a_valid_zsh_script(journal: Run, tmp_path: Path) -> None:
    result = journal("completion", "zsh")
    assert result.returncode == 0 and "#compdef journal" in result.stdout
    script = tmp_path / "_journal"
    script.write_text(result.stdout)
    check = subprocess.run(["zsh", "-n", str(script)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_completion_without_a_shell_says_which(journal: Run) -> None:
    result = journal("completion")
    assert result.returncode == 2
    assert "bash" in result.stderr and "zsh" in result.stderr
