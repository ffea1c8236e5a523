"""`journal skill add|edit|list`: the skills you want to develop, and their practice."""

from __future__ import annotations

import argparse
from typing import Any

from journal.cli.goals import RAW, changed
from journal.cli.output import open_store, print_json
from journal.errors import ValidationError
from journal.models import SKILL_STATUSES
from journal.records import Skill, StoredRecord
from journal.textsafe import plural, visible_line


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    skill = subparsers.add_parser(
        "skill",
        parents=[common],
        help="add, change and list skills",
        description="Skills you want to develop.",
    )
    skill_sub = skill.add_subparsers(dest="skill_command", metavar="ACTION", required=True)
    sadd = skill_sub.add_parser("add", parents=[common], help="add a skill to develop")
    sadd.add_argument("name", metavar="NAME")
    sadd.add_argument("--code", metavar="C", help="short unique code (default: from the name)")
    sadd.add_argument(
        "--from-entry",
        dest="why",
        action="append",
        default=[],
        metavar="ID",
        help="the feedback entry it came from (repeatable)",
    )
    sadd.add_argument("--level", type=int, metavar="N", help="where you are now, 1-5")
    sadd.add_argument("--target", type=int, metavar="N", help="where you want to be, 1-5")
    sadd.add_argument(
        "--plan", metavar="TEXT", default="", help="how: a course, mentoring, a stretch assignment"
    )
    sadd.set_defaults(run=run_skill_add)
    register_skill_edit(skill_sub, common)
    slst = skill_sub.add_parser("list", parents=[common], help="list skills")
    slst.add_argument("--json", action="store_true", help="print a JSON array")
    slst.set_defaults(run=run_skill_list)


def run_skill_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    skill = store.skills.add(
        args.name,
        code=args.code,
        why=args.why,
        level=args.level,
        target_level=args.target,
        plan=args.plan,
    )
    print(visible_line(f"{skill['code']} added: skill {skill['name']}"))
    return 0


def skill_json(skill: Skill, count: int) -> StoredRecord:
    return {
        "id": skill["id"],
        "code": skill["code"],
        "name": skill["name"],
        "why": skill.get("why", []),
        "level": skill.get("level"),
        "target_level": skill.get("target_level"),
        "plan": skill.get("plan", ""),
        "status": skill.get("status", "active"),
        "evidence_count": count,
    }


def run_skill_list(args: argparse.Namespace) -> int:
    store = open_store(args, must_exist=True)
    skills = sorted(store.skills.all(), key=lambda s: s["code"])
    counts = {s["id"]: 0 for s in skills}
    for entry in store.raw_entries():
        for skill_id in entry["skills"]:
            if skill_id in counts:
                counts[skill_id] += 1
    if args.json:
        print_json([skill_json(s, counts[s["id"]]) for s in skills])
        return 0
    if not skills:
        print('No skills yet. Add one: journal skill add "Presenting to leadership"')
    for skill in skills:
        level = f"level {skill.get('level') or '?'} -> {skill.get('target_level') or '?'}"
        plan = f"  plan: {skill['plan']}" if skill.get("plan") else ""
        line = (
            f"{skill['code']:<16} {skill['name']}  "
            f"({level}, {plural(counts[skill['id']], 'entry')}){plan}"
        )
        print(visible_line(line))
    return 0


# -- changing goals and skills --------------------------------------------------------


SKILL_EDIT_EPILOG = """\
Only the fields you name change; --from-entry replaces the entries the skill came from.

examples:
  journal skill edit presenting --level 3 --plan "toastmasters, two VP updates"
  journal skill edit presenting --status done
"""


def register_skill_edit(skill_sub: Any, common: argparse.ArgumentParser) -> None:
    edit = skill_sub.add_parser(
        "edit",
        parents=[common],
        help="change a skill's fields",
        description="Change a skill: its name, code, where it came from, level, target, "
        "plan or status.",
        epilog=SKILL_EDIT_EPILOG,
        formatter_class=RAW,
    )
    edit.add_argument("skill", metavar="CODE", help="the skill's code (`journal skill list`)")
    edit.add_argument("--name", metavar="N", help="the new name")
    edit.add_argument("--code", metavar="C", help="a new code")
    edit.add_argument(
        "--from-entry",
        dest="why",
        action="append",
        metavar="ID",
        help="the feedback entry it came from (repeatable; replaces the ones it has)",
    )
    edit.add_argument("--level", type=int, metavar="N", help="where you are now, 1-5")
    edit.add_argument("--target", type=int, metavar="N", help="where you want to be, 1-5")
    edit.add_argument("--plan", metavar="TEXT", help="how: a course, mentoring, a stretch")
    edit.add_argument("--status", metavar="S", help=f"one of: {', '.join(SKILL_STATUSES)}")
    edit.set_defaults(run=run_skill_edit)


def run_skill_edit(args: argparse.Namespace) -> int:
    changes = changed(
        args,
        {
            "name": "name",
            "code": "code",
            "why": "why",
            "level": "level",
            "target": "target_level",
            "plan": "plan",
            "status": "status",
        },
    )
    if not changes:
        raise ValidationError("say what to change: see `journal skill edit --help`")
    store = open_store(args, must_exist=True)
    store.skills.get(args.skill)  # an unknown skill is refused before the lock file is made
    skill = store.skills.update(args.skill, **changes)
    print(visible_line(f"{skill['code']} changed: skill {skill['name']}"))
    return 0
