"""A review's answers printed for pasting: plain text (the default), Markdown or JSON.

Plain text is what a web form wants: no Markdown marks and no hard line breaks inside a
paragraph (see `journal.review.answers.plain_text`), each question on its own line with
its limit, then the answer. Pure: no I/O.
"""

from __future__ import annotations

from typing import Any

import orjson

from journal.records import Review
from journal.review.answers import Slot, answer_text, measure, plain_text, used_evidence
from journal.review.forms import Form

NO_ANSWER = "(no answer yet)"


def _limit_note(slot: Slot, text: str) -> str:
    if slot.question.rating:
        return "rating"
    return measure(text, slot.question.limit).describe() if slot.question.limit else ""


def to_text(review: Review, form: Form, slots: list[Slot]) -> str:
    out = [f"{plain_text(str(review.get('title', '')))} ({form.title})", ""]
    for slot in slots:
        text = answer_text(review, slot)
        note = _limit_note(slot, text)
        out.append(f"{slot.number}. {plain_text(slot.label)}" + (f" [{note}]" if note else ""))
        out += [plain_text(text) if text.strip() else NO_ANSWER, ""]
    return "\n".join(out)


def _md_line(text: str) -> str:
    return " ".join(text.split())


def to_markdown(review: Review, form: Form, slots: list[Slot]) -> str:
    out = [f"# {_md_line(str(review.get('title', '')))}", "", f"Form: {_md_line(form.title)}", ""]
    for slot in slots:
        text = answer_text(review, slot)
        note = _limit_note(slot, text)
        out += [f"## {slot.number}. {_md_line(slot.label)}", ""]
        if note:
            out += [f"_{note}_", ""]
        out += [text.strip() if text.strip() else f"_{NO_ANSWER}_", ""]
    return "\n".join(out)


def to_data(review: Review, form: Form, slots: list[Slot]) -> dict[str, Any]:
    answers = []
    for slot in slots:
        text = answer_text(review, slot)
        limit = slot.question.limit
        size = measure(text, limit)
        answers.append(
            {
                "question": slot.number,
                "key": slot.key,
                "text": slot.question.text,
                "goal": slot.goal.get("code") if slot.goal else None,
                "skill": slot.skill.get("code") if slot.skill else None,
                "rating": slot.question.rating,
                "limit": {"count": limit.count, "unit": limit.unit} if limit else None,
                "answer": text,
                "plain": plain_text(text),
                "count": size.count,
                "over": size.over,
                "used": used_evidence(review, slot),
            }
        )
    return {
        "review": {"id": review.get("id"), "title": review.get("title")},
        "form": {"name": form.name, "title": form.title},
        "answers": answers,
    }


def render(review: Review, form: Form, slots: list[Slot], fmt: str) -> str:
    if fmt == "json":
        data = to_data(review, form, slots)
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt == "md":
        return to_markdown(review, form, slots)
    return to_text(review, form, slots)
