"""Import goals from a Markdown outline or a CSV file (the syntax is in the README).

The whole file is checked first and every bad row is reported by line number; only a
clean file is applied, in one transaction. A row updates the existing goal with its code
(or, when it gives no code, the existing goal with the same title), so importing the
same file again changes nothing. A field the row leaves empty keeps its current value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from journal import models
from journal.errors import DateError, ImportFileError, ValidationError
from journal.importers.common import Summary, decode, in_one_transaction, problems_error
from journal.importers.goal_formats import GoalRow, parse_csv, parse_markdown
from journal.periods import parse_date
from journal.records import Goal

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

Format = Literal["md", "csv"]
_LIST_SPLIT = re.compile(r"[\s,;]+")


def import_bytes(
    store: JournalStore, raw: bytes, name: str, *, dry_run: bool = False, fmt: Format | None = None
) -> Summary:
    """Parse, check every row against the journal, then add and update in one write."""
    text = decode(raw, name)
    fmt = fmt or guess_format(text, name)
    rows, problems = parse_csv(text) if fmt == "csv" else parse_markdown(text)
    if not rows and not problems:
        raise ImportFileError(
            f"{name}: no goals found (expected '- Goal' lines or a CSV with a 'title' column)"
        )
    summary = Summary("goals", name, dry_run)

    def work() -> None:
        plan = Plan(store, rows)
        plan.check()
        problems.extend(plan.problems)
        if problems:
            raise problems_error(name, "has goals that cannot be imported", _by_line(problems))
        plan.apply(summary)

    in_one_transaction(store, dry_run, work)
    return summary


def guess_format(text: str, name: str) -> Format:
    """By extension, else by the first line: a header naming a title column means CSV."""
    lower = name.lower()
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    if lower.endswith((".md", ".markdown", ".txt")):
        return "md"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first[:1] in "-*+#" or not re.search(r"[,;\t]", first):
        return "md"
    return "csv" if re.search(r"\b(title|goal|objective)\b", first, re.IGNORECASE) else "md"


def _by_line(problems: list[str]) -> list[str]:
    def line_of(problem: str) -> int:
        found = re.match(r"line (\d+)", problem)
        return int(found.group(1)) if found else 0

    return sorted(problems, key=line_of)


@dataclass(eq=False)
class Target:
    """A row's place in the journal: the existing goal it updates, or the code it gets."""

    row: GoalRow
    existing: Goal | None
    code: str
    values: dict[str, Any] = field(default_factory=dict)
    parent: Target | str | None = None  # a row of the file, an existing goal id, or none
    supports: list[Target | str] = field(default_factory=list)
    goal_id: str = ""


class Plan:
    """Match rows to goals, normalise their values, resolve links, find every problem."""

    def __init__(self, store: JournalStore, rows: list[GoalRow]) -> None:
        self.store = store
        self.rows = rows
        self.goals = store.goals.all()
        self.problems: list[str] = []
        self.targets: list[Target] = []

    def problem(self, row: GoalRow, message: str) -> None:
        self.problems.append(f"line {row.line}: {message}")

    def check(self) -> None:
        self._match()
        by_code = {t.code: t for t in self.targets}
        for target in self.targets:
            self._values(target)
            self._links(target, by_code)
        self._cycles()
        self._title_clashes()

    def _match(self) -> None:
        """Each row updates the goal with its code, else the goal with its title, else is new."""
        by_code = {g["code"]: g for g in self.goals}
        claimed: set[str] = set()
        first_line: dict[str, int] = {}
        explicit = set()
        for row in self.rows:
            code = row.values.get("code")
            if code is None:
                continue
            try:
                code = row.values["code"] = models.check_code(code)
            except ValidationError as err:
                self.problem(row, str(err))
                del row.values["code"]
                continue
            if code in first_line:
                self.problem(row, f"code {code!r} is already used on line {first_line[code]}")
            first_line.setdefault(code, row.line)
            explicit.add(code)
        taken = set(by_code) | explicit
        for row in self.rows:
            code = row.values.get("code")
            existing = by_code.get(code) if code else self._by_title(row, claimed)
            if existing:
                claimed.add(existing["id"])
                code = existing["code"]
            elif not code:
                code = models.slugify(row.values.get("title", ""), taken)
                taken.add(code)
            self.targets.append(Target(row, existing, code))

    def _title_clashes(self) -> None:
        """Two goals may not share a title: the store would refuse the first clash with the
        journal and stop, so every row is checked here, and each clash named by its line."""
        renamed = {
            t.existing["id"]
            for t in self.targets
            if t.existing and t.values.get("title", "").casefold() != t.existing["title"].casefold()
        }
        first_line: dict[str, int] = {}
        for target in self.targets:
            title = target.values.get("title", "")
            if not title:
                continue
            key = title.casefold()
            own = target.existing["id"] if target.existing else None
            twin = next(
                (g for g in self.goals if g["id"] != own and g["title"].casefold() == key), None
            )
            # New goals are added before any goal is renamed, so a goal the file renames
            # frees its old title only for updates.
            if twin and (twin["id"] not in renamed or own is None):
                self.problem(
                    target.row,
                    f"a goal titled {title!r} already exists "
                    f"({twin['code']}): give this one a title of its own",
                )
            elif key in first_line:
                self.problem(
                    target.row, f"the title {title!r} is already used on line {first_line[key]}"
                )
            first_line.setdefault(key, target.row.line)

    def _by_title(self, row: GoalRow, claimed: set[str]) -> Goal | None:
        title = row.values.get("title", "").strip().casefold()
        for goal in self.goals:
            if goal["id"] not in claimed and goal["title"].casefold() == title:
                return goal
        return None

    def _values(self, target: Target) -> None:
        row, values = target.row, target.values
        title = row.values.get("title", "").strip()
        if title:
            values["title"] = title
        else:
            self.problem(row, "no goal title")
        for key, allowed in (("scope", models.SCOPES), ("status", models.GOAL_STATUSES)):
            if key in row.values:
                try:
                    values[key] = models.choose(row.values[key], allowed, key)
                except ValidationError as err:
                    self.problem(row, str(err))
        if "due" in row.values:
            try:
                values["due"] = parse_date(row.values["due"]).isoformat()
            except DateError as err:
                reason = str(err).split("; try")[0]
                self.problem(row, f"due: {reason}; write it like 2026-06-30")
        for key in ("measure", "target", "notes"):
            if key in row.values:
                values[key] = row.values[key].strip()
        for key, text in values.items():
            if isinstance(text, str) and "\x00" in text:
                self.problem(row, f"{key} contains a NUL byte: remove it")

    def scope_of(self, node: Target | str) -> str:
        if isinstance(node, Target):
            default = node.existing["scope"] if node.existing else "company"
            return str(node.values.get("scope", default))
        return str(self._goal(node)["scope"])

    def _goal(self, ident: str) -> Goal:
        return next(g for g in self.goals if g["id"] == ident)

    def _resolve(self, ref: str, by_code: dict[str, Target]) -> Target | str | None:
        ref = ref.strip().lower()
        if ref in by_code:
            return by_code[ref]
        for goal in self.goals:
            if ref in (goal["code"], goal["id"]):
                return by_code.get(goal["code"]) or goal["id"]
        return None

    def _links(self, target: Target, by_code: dict[str, Target]) -> None:
        row = target.row
        nested = next((t for t in self.targets if t.row is row.nest_parent), None)
        parent: Target | str | None = nested
        if "parent" in row.values:
            ref = row.values["parent"]
            parent = self._resolve(ref, by_code)
            if parent is None:
                self.problem(row, f"parent {ref!r} is not a code in this file or in the journal")
            elif nested is not None and parent is not nested:
                self.problem(
                    row,
                    f"parent {ref!r} differs from the goal it is nested under "
                    f"(line {nested.row.line}): use one or the other",
                )
        if parent is target:
            self.problem(row, "a goal cannot be its own parent")
            parent = None
        target.parent = parent
        refs = _LIST_SPLIT.split(row.values.get("supports", "").strip())
        for ref in filter(None, refs):
            found = self._resolve(ref, by_code)
            if found is None:
                self.problem(row, f"supports {ref!r}: no such goal code in this file or journal")
            elif self.scope_of(found) != "company":
                self.problem(row, f"supports {ref!r}: only company goals can be supported")
            else:
                target.supports.append(found)
        if (
            nested is not None
            and self.scope_of(target) == "personal"
            and self.scope_of(nested) == "company"
            and nested not in target.supports
        ):
            target.supports.append(nested)  # a personal goal nested under a company goal

    def _parent_of(self, node: Target | str) -> Target | str | None:
        if isinstance(node, Target):
            if node.parent is not None or "parent" in node.row.values or node.row.nest_parent:
                return node.parent
            node = node.existing["id"] if node.existing else ""
            if not node:
                return None
        record = next((g for g in self.goals if g["id"] == node), None)
        ident = record.get("parent") if record else None
        if not ident:
            return None
        match = next((t for t in self.targets if t.existing and t.existing["id"] == ident), None)
        return match or ident

    def _cycles(self) -> None:
        for target in self.targets:
            seen: list[Target | str] = [target]
            node = self._parent_of(target)
            while node is not None and node not in seen:
                seen.append(node)
                node = self._parent_of(node)
            if node is target:
                chain = " -> ".join(_code(n, self.goals) for n in [*seen, target])
                self.problem(target.row, f"its parents make a cycle ({chain})")

    # -- applying ----------------------------------------------------------------------

    def apply(self, summary: Summary) -> None:
        """New goals first (so links can point anywhere), then every field and link."""
        for target in self.targets:
            if target.existing is None:
                try:
                    record = self.store.goals.add(target.values["title"], code=target.code)
                except ValidationError as err:  # rare: rules only the store knows
                    self.problem(target.row, str(err))
                    continue
                target.goal_id = record["id"]
            else:
                target.goal_id = target.existing["id"]
        for target in self.targets:
            if not target.goal_id:
                continue
            try:
                self._apply_one(target, summary)
            except ValidationError as err:  # rare: rules only the store knows
                self.problem(target.row, str(err))
        if self.problems:
            raise problems_error(
                summary.source, "has goals that cannot be imported", _by_line(self.problems)
            )

    def _apply_one(self, target: Target, summary: Summary) -> None:
        current = target.existing or self.store.goals.get(target.goal_id)
        wanted = dict(target.values)
        if target.parent is not None:
            wanted["parent"] = _ident(target.parent)
        if target.supports:
            wanted["supports"] = [_ident(s) for s in target.supports]
        changes = {k: v for k, v in wanted.items() if current.get(k) != v}
        if changes:
            self.store.goals.update(target.goal_id, **changes)
        if target.existing is None:
            summary.imported += 1
            summary.details.append(f"added {target.code}: {self._describe(target)}")
        elif changes:
            summary.updated += 1
            said = "; ".join(
                f"{k} {self._show(current.get(k))} -> {self._show(v)}" for k, v in changes.items()
            )
            summary.details.append(f"updated {target.code}: {said}")
        else:
            summary.unchanged += 1

    def _show(self, value: Any) -> str:
        """A field value for the summary, with goal ids shown as codes."""
        codes: dict[str, str] = {g["id"]: g["code"] for g in self.goals}
        codes.update((t.goal_id, t.code) for t in self.targets)
        if isinstance(value, list):
            return "[" + ", ".join(codes.get(v, str(v)) for v in value) + "]"
        if isinstance(value, str) and value in codes:
            return codes[value]
        return "none" if value in (None, "") else repr(value)

    def _describe(self, target: Target) -> str:
        parts = [self.scope_of(target)]
        if target.parent is not None:
            parts.append(f"under {_code(target.parent, self.goals)}")
        if target.values.get("due"):
            parts.append(f"due {target.values['due']}")
        return f"{target.values['title']} ({', '.join(parts)})"


def _ident(node: Target | str) -> str:
    return node.goal_id if isinstance(node, Target) else node


def _code(node: Target | str, goals: list[Goal]) -> str:
    if isinstance(node, Target):
        return node.code
    return next((str(g["code"]) for g in goals if g["id"] == node), node)
