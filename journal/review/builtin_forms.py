"""The forms that come with the journal, for the shapes review tools commonly ask for.

Written in the same Markdown as `journal form import` reads, so they show a person
what a form file looks like (`journal form show NAME --markdown`).
"""

from __future__ import annotations

from journal.errors import ValidationError
from journal.review.forms import Form, parse_form

BUILTIN_TEXT = {
    "self-assessment": """\
# Self-assessment
- What do I do well? (limit: 2000 chars)
- How could I improve? (limit: 2000 chars)
- What would help me do my best work? (limit: 1000 chars)
- What did I achieve in this period? (limit: 3500 chars)
""",
    "goals-and-competencies": """\
# Goals and competencies
- Rating (per goal) (rating)
- Justification for the rating (per goal) (limit: 1500 chars)
- How did I grow in this competency? (per skill) (limit: 1000 chars)
- Overall summary (limit: 3500 chars)
""",
    "quarterly-check-in": """\
# Quarterly check-in
- Progress this quarter (limit: 300 words)
- Next priorities (limit: 150 words)
- Where I need support (limit: 100 words)
- Where I want to develop (limit: 100 words)
""",
}


def builtin_forms() -> dict[str, Form]:
    """The built-in forms by name."""
    forms = {}
    for name, text in BUILTIN_TEXT.items():
        form = parse_form(text, f"the built-in form {name}", name=name)
        forms[name] = Form(form.name, form.title, form.questions, builtin=True)
    return forms


def find_form(name: str, stored: list[Form]) -> Form:
    """A form by name: the journal's own first, then the built-in ones."""
    wanted = name.strip().lower()
    for form in stored:
        if form.name.lower() == wanted:
            return form
    builtin = builtin_forms()
    if wanted in builtin:
        return builtin[wanted]
    names = ", ".join([f.name for f in stored] + list(builtin))
    raise ValidationError(f"no form {name!r} (known: {names}); `journal form list` shows them")
