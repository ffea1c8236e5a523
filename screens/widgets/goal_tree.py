"""The goal tree: company goals with their sub-goals and the personal goals woven in, in
the order `journal goal list` prints them. A goal may appear under several parents; each
node's data is its goal id. A rebuild keeps the nodes the user collapsed collapsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from journal.goals import goal_tree
from journal.records import Goal


def descendants(node: TreeNode[str]) -> list[TreeNode[str]]:
    """Every node below `node`, depth first."""
    found: list[TreeNode[str]] = []
    for child in node.children:
        found.append(child)
        found.extend(descendants(child))
    return found


class GoalTree(Tree[str]):
    """The goal tree; each node's data is a goal id (a goal may appear under several)."""

    def __init__(self, legend: str, **kwargs: Any) -> None:
        super().__init__("Goals", **kwargs)
        self.show_root = False
        self.guide_depth = 3
        self.border_title = legend  # what the marks in the rows mean

    def rebuild(
        self, goals: Sequence[Goal], label: Callable[[Goal], Text], select: str | None
    ) -> TreeNode[str] | None:
        """Refill with `goals`, each row `label(goal)`; the first node of `select`, if any."""
        collapsed = {n.data for n in descendants(self.root) if not n.is_expanded}
        self.clear()
        target: TreeNode[str] | None = None
        path: list[TreeNode[str]] = [self.root]  # the open node at each depth
        for depth, goal in goal_tree(list(goals)):
            del path[depth + 1 :]
            child = path[-1].add(
                label(goal),
                data=goal["id"],
                expand=goal["id"] not in collapsed,
            )
            path.append(child)
            if goal["id"] == select and target is None:
                target = child
        for node in descendants(self.root):
            node.allow_expand = bool(node.children)
        return target

    def place_cursor(self, target: TreeNode[str] | None) -> bool:
        """Put the cursor on `target`, else keep its line, else the first row. False when
        the new tree is not laid out yet (nothing moved)."""
        if self.last_line < 0:  # reading last_line lays the new tree out
            return False
        if target is not None:
            self.move_cursor(target)
        elif self.cursor_node is None:
            self.move_cursor_to_line(0)
        return True
