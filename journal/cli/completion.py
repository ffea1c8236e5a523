"""`journal completion bash|zsh`: a completion script generated from the parser by shtab.

The script is printed once and sourced by the shell, so completion costs `journal add`
nothing at start-up. Goal and skill codes complete from the journal itself: the script
asks `journal completion --list-codes goal` (a hidden helper) when a code is wanted.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import open_store

SHELLS = ("bash", "zsh")
GOAL_DESTS = frozenset({"goal", "parent", "supports", "code_ref"})
SKILL_DESTS = frozenset({"skill"})
PATH_DESTS = frozenset({"db", "output", "file", "files", "path"})


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cmd = subparsers.add_parser(
        "completion",
        parents=[common],
        help="print a shell completion script",
        description="Print a completion script for bash or zsh. Commands, flags, kinds, "
        "and the goal and skill codes of your journal complete with Tab.",
        epilog="examples:\n"
        "  journal completion bash > ~/.local/share/bash-completion/completions/journal\n"
        "  journal completion zsh > ~/.zfunc/_journal   # with fpath+=~/.zfunc in ~/.zshrc",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("shell", nargs="?", choices=SHELLS, help="the shell: bash or zsh")
    cmd.add_argument("--list-codes", choices=("goal", "skill"), help=argparse.SUPPRESS)
    cmd.set_defaults(run=run_completion)


def run_completion(args: argparse.Namespace) -> int:
    if args.list_codes:
        return list_codes(args, args.list_codes)
    if args.shell is None:
        from journal.cli import UsageError

        raise UsageError("name the shell: journal completion bash (or zsh)")
    sys.stdout.write(script(args.shell))
    return 0


def list_codes(args: argparse.Namespace, table: str) -> int:
    """One code a line, for the completion script; a missing journal lists nothing."""
    from journal.paths import journal_path

    if not journal_path(getattr(args, "db", None)).exists():
        return 0
    store = open_store(args)
    records = store.goals.all() if table == "goal" else store.skills.all()
    for record in records:
        print(record["code"])
    return 0


def script(shell: str) -> str:
    """The completion script for `shell`, from the whole parser (every command)."""
    import shtab

    from journal.cli import build_parser
    from journal.models import CONFIDENCES, KINDS, SENTIMENTS

    parser = build_parser()
    words = {
        "kind": shtab.cmd(f"echo {' '.join(KINDS)}"),
        "sentiment": shtab.cmd(f"echo {' '.join(SENTIMENTS)}"),
        "confidence": shtab.cmd(f"echo {' '.join(CONFIDENCES)}"),
    }
    goal_codes = shtab.cmd("journal completion --list-codes goal 2>/dev/null")
    skill_codes = shtab.cmd("journal completion --list-codes skill 2>/dev/null")
    for action in walk_actions(parser):
        if action.dest in words and not action.choices:
            action.complete = words[action.dest]  # type: ignore[attr-defined]
        elif action.dest in GOAL_DESTS:
            action.complete = goal_codes  # type: ignore[attr-defined]
        elif action.dest in SKILL_DESTS:
            action.complete = skill_codes  # type: ignore[attr-defined]
        elif action.dest in PATH_DESTS:
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    text: str = shtab.complete(parser, shell=shell)
    return text


def walk_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument of the parser and of its sub-commands, depth first."""
    found: list[argparse.Action] = []
    for action in parser._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found.extend(walk_actions(sub))
    return found
