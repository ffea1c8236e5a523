"""The demo year's cast and plan: the people, company and personal goals, skills, and
the feedback each skill came from (the anchors). Plain data; `journal.demo.year` writes it."""

from __future__ import annotations

MANAGER, PEER, TOM = "Priya (manager)", "Ana (peer)", "Tom"
VP, CSM, MENTEE = "Dana Okafor (VP Engineering)", "Sam (customer success)", "Mei (mentee)"

# code, title, parent, measure, target, months from now until due
COMPANY_GOALS = [
    ("revenue", "Grow enterprise revenue 30% this year", None, "enterprise ARR", "+30% YoY", 2),
    (
        "enterprise-deals",
        "Close five enterprise deals above $100k",
        "revenue",
        "signed contracts",
        "5 deals",
        2,
    ),
    (
        "latency",
        "Bring checkout p95 latency under 300 ms",
        None,
        "p95 checkout latency",
        "< 300 ms",
        1,
    ),
    (
        "onboarding",
        "Halve time-to-first-value for new customers",
        None,
        "median days to first report",
        "7 days (from 14)",
        4,
    ),
    (
        "quality",
        "Cut customer-facing incidents by 40%",
        None,
        "Sev1/Sev2 incidents a quarter",
        "<= 3",
        5,
    ),
    (
        "innovation",
        "Ship two hack-week experiments to production",
        None,
        "experiments live",
        "2",
        3,
    ),
]
# code, title, parent, supports, measure, target, months from now until due
PERSONAL_GOALS = [
    (
        "influence",
        "Influence across teams without authority",
        None,
        ["revenue", "enterprise-deals"],
        "cross-team proposals adopted",
        "2 this year",
        3,
    ),
    (
        "visibility",
        "Present our team's work to leadership every quarter",
        None,
        ["latency", "quality"],
        "leadership presentations",
        "4",
        2,
    ),
    (
        "mentoring",
        "Mentor two junior engineers to independence",
        "onboarding",
        [],
        "mentees owning a feature end to end",
        "2",
        6,
    ),
    (
        "balance",
        "Sustainable pace: at most two late nights a month",
        None,
        ["quality"],
        "late nights a month",
        "<= 2",
        1,
    ),
]
STALE_GOAL = "innovation"  # no evidence in the last ~quarter: the review's gap to call out
STALE_GOAL_DAYS = 110  # the demo's stale goal: its last evidence this long ago

# code, name, level, target, plan, anchor (the feedback it came from, see ANCHORS)
SKILLS = [
    (
        "storytelling",
        "Leading with the customer problem",
        2,
        4,
        "Rewrite two design docs problem-first; Priya reviews the first paragraph of each.",
        "story",
    ),
    (
        "delegation",
        "Delegating instead of doing it myself",
        2,
        3,
        "Hand the next migration to Mei; a 15-minute check-in each week instead of pairing.",
        "delegate",
    ),
    (
        "exec-writing",
        "Writing for executives",
        2,
        4,
        "One-page memos with the ask first; Dana's office hours once a month.",
        "memo",
    ),
    (
        "query-tuning",
        "PostgreSQL query tuning",
        3,
        4,
        "Finish the Postgres internals course; own the slow-query review for a quarter.",
        None,
    ),
]

# key, days before now, source, sentiment, goals, tags, text
ANCHORS = [
    (
        "story",
        300,
        MANAGER,
        "constructive",
        ["latency"],
        ["design-review", "1on1"],
        "Lead with the customer problem, not the architecture. Priya said it after the checkout "
        "design review: the first ten minutes were boxes and arrows and the room only woke up "
        "when I showed the abandoned-cart numbers.\n\nHer suggestion: open with **one customer "
        "and one number**, then the design.",
    ),
    (
        "delegate",
        250,
        TOM,
        "constructive",
        ["mentoring"],
        ["mentoring", "migration"],
        "You took the migration back the moment it got hard. Tom, kindly but directly, in our "
        "retro. Mei had it under control and I jumped in anyway. He is right that she learned "
        "less and I worked the weekend.",
    ),
    (
        "memo",
        200,
        VP,
        "mixed",
        ["latency", "visibility"],
        ["leadership", "writing"],
        "The latency results are excellent; the memo buried the ask on page three. Dana's "
        "comments on the quarterly update. She wants:\n\n- the decision needed in the first "
        "line\n- numbers before narrative\n- one page, appendix for the rest",
    ),
]
