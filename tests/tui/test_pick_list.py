"""The pick list in a small app: the keys, the glyphs, the count and the order."""

from __future__ import annotations

from textual.app import App, ComposeResult

from screens.widgets.pick_list import CheckList, PickList
from tests.tui.helpers import screen_text

ITEMS = [
    ("g1", "revenue  Grow revenue"),
    ("g2", "latency  Cut latency"),
    ("g3", "quality  Fewer incidents"),
]


class PickApp(App[None]):
    def __init__(self, chosen: list[str]) -> None:
        super().__init__()
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        yield PickList(ITEMS, self.chosen, id="picks")


async def test_down_enters_the_list_and_space_ticks_from_the_filter() -> None:
    app = PickApp([])
    async with app.run_test(size=(60, 12)) as pilot:
        picks = app.query_one(PickList)
        picks.filter_input.focus()
        await pilot.press(*"lat", "space")
        await pilot.pause()
        assert picks.filter_input.value == "lat" and picks.chosen == ["g2"]
        await pilot.press("down")
        assert app.focused is picks.query_one(CheckList)


async def test_glyphs_count_and_ticked_first() -> None:
    app = PickApp(["g3"])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines() if line.strip()]
        assert lines[1].startswith("☑ quality") and lines[2].startswith("☐ revenue")
        assert "1 selected" in screen_text(app)
        picks = app.query_one(PickList)
        picks.options.focus()
        await pilot.press("down", "space")
        await pilot.pause()
        assert "2 selected" in screen_text(app)
        assert picks.chosen == ["g1", "g3"]
