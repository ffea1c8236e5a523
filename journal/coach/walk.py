"""The weekly review's walk: one prompt at a time, the same on the terminal and in the app.

`WeeklyWalk` asks the question set's questions, ticks last week's top three and takes
this week's (up to three, a blank ends), takes a value and a confidence for each active
measurable goal (a blank value skips it), then the goals to link. Each reply goes to
`answer()`; a reply it cannot use gives the same prompt back with `error` set. Every
reply is recorded in the draft, so a kept draft resumes by replaying them.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from datetime import datetime

from journal.coach.questions import is_top_three
from journal.coach.weekly import CheckinAnswer, WeeklyDraft, last_top_three, open_carried
from journal.errors import ValidationError
from journal.models import CONFIDENCES, choose
from journal.records import Entry, Goal


@dataclass(frozen=True)
class Prompt:
    """What to show: `lines` first, then `ask` (the short prompt before the reply)."""

    step: str  # question | done | item | value | confidence | goals
    lines: tuple[str, ...]
    ask: str
    error: str | None = None


Steps = Generator[Prompt, str, None]


class WeeklyWalk:
    """A weekly review in progress; `prompt` is None once every step is answered."""

    def __init__(
        self,
        questions: list[str] | tuple[str, ...],
        entries: list[Entry],
        goals: list[Goal],
        now: datetime,
        offered: list[str],
        resolve_goal: Callable[[str], Goal],
        replies: Sequence[str] = (),
    ) -> None:
        self.draft = WeeklyDraft(questions=list(questions))
        self.replies: list[str] = []
        self._entries, self._now = entries, now
        self._measurable = [
            g for g in goals if g.get("metric") and g.get("status", "active") == "active"
        ]
        self._offered, self._resolve = offered, resolve_goal
        self._steps = self._walk()
        self.prompt: Prompt | None = next(self._steps)
        for reply in replies:
            if self.prompt is None:
                break
            self.answer(reply)

    def answer(self, reply: str) -> Prompt | None:
        """Take one reply; the next prompt (or the same with an error, or None: done)."""
        if self.prompt is None:
            return None
        self.replies.append(reply)
        try:
            self.prompt = self._steps.send(reply.strip())
        except StopIteration:
            self.prompt = None
        return self.prompt

    @property
    def done(self) -> bool:
        return self.prompt is None

    def _walk(self) -> Steps:
        questions = self.draft.questions
        for number, question in enumerate(questions, 1):
            label = f"[{number}/{len(questions)}] {question}"
            if is_top_three(question):
                yield from self._top_three(label)
            else:
                self.draft.answers[question] = yield Prompt("question", (label,), "> ")
        for goal in self._measurable:
            yield from self._checkin(goal)
        yield from self._goals()

    def _top_three(self, label: str) -> Steps:
        last = last_top_three(self._entries, self._now)
        for index, item in enumerate(last):
            heading: tuple[str, ...] = ("Last week's top three:",) if index == 0 else ()
            reply = yield Prompt("done", heading, f"  {item}: done? [y/N] ")
            self.draft.carried[item] = reply.lower() in ("y", "yes")
        self.draft.top_three = open_carried(self.draft)
        lines: tuple[str, ...] = (label, *(f"  carried: {item}" for item in self.draft.top_three))
        while len(self.draft.top_three) < 3:
            item = yield Prompt("item", lines, f"  {len(self.draft.top_three) + 1}. ")
            lines = ()
            if not item:
                break
            self.draft.top_three.append(item)

    def _checkin(self, goal: Goal) -> Steps:
        from journal.measure import value_for, with_unit
        from journal.progress import progress

        found = progress(goal, self._entries, self._now)
        metric = goal["metric"]  # the walk checks in only on goals with a metric
        unit = str(metric.get("unit") or "") if metric else ""
        current = "no value yet" if found.current is None else with_unit(found.current, unit)
        lines: tuple[str, ...] = (
            f"Check-in: {goal['title']} ({goal['code']}): now {current}, target "
            f"{with_unit(found.target, unit)}, {found.status}",
        )
        error = None
        while True:
            value = yield Prompt("value", lines, "  value (blank skips): ", error)
            if not value:
                return
            try:
                value_for(value, unit)
                break
            except ValidationError as err:
                error = str(err)
        error = None
        while True:
            reply = yield Prompt(
                "confidence", (), f"  confidence ({'/'.join(CONFIDENCES)}, blank for none): ", error
            )
            try:
                confidence = choose(reply, CONFIDENCES, "confidence") if reply else None
                break
            except ValidationError as err:
                error = str(err)
        self.draft.checkins.append(CheckinAnswer(goal["id"], value, confidence))

    def _goals(self) -> Steps:
        offered = [self._resolve(g)["code"] for g in self._offered]
        hint = f"this week's evidence is on: {' '.join(offered)}; " if offered else ""
        lines = (
            f"Link this review to goals ({hint}codes separated by spaces, 'all' for "
            "those offered, blank for none)",
        )
        error = None
        while True:
            reply = yield Prompt("goals", lines, "> ", error)
            words = offered if reply.lower() == "all" else reply.replace(",", " ").split()
            try:
                self.draft.goals = list(dict.fromkeys(self._resolve(w)["id"] for w in words))
                return
            except ValidationError as err:
                error = str(err)
