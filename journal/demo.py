"""Sample journals: a believable year for `journal --demo`, and big ones for the benchmark.

Both are deterministic, so snapshot tests and benchmark numbers are repeatable: the same
arguments give the same records (and, for `generate_journal`, the same bytes). The store
stamps `created`/`updated` with the wall clock, so while building we pin its clock to the
journal's "now" (see `_pinned_clock`). Everything is written in one store transaction,
i.e. one atomic save.
"""

from __future__ import annotations

import contextlib
import os
import random
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.store import JournalStore

GENERATOR_VERSION = 2  # bump when generate_journal's output changes (benchmark cache key)

# -- the demo's cast and goals ----------------------------------------------------------

MANAGER, PEER, TOM = "Priya (manager)", "Ana (peer)", "Tom"
VP, CSM, MENTEE = "Dana Okafor (VP Engineering)", "Sam (customer success)", "Mei (mentee)"

# code, title, parent, measure, target, months from now until due
COMPANY_GOALS = [
    ("revenue", "Grow enterprise revenue 30% this year", None, "enterprise ARR", "+30% YoY", 2),
    ("enterprise-deals", "Close five enterprise deals above $100k", "revenue",
     "signed contracts", "5 deals", 2),
    ("latency", "Bring checkout p95 latency under 300 ms", None, "p95 checkout latency",
     "< 300 ms", 1),
    ("onboarding", "Halve time-to-first-value for new customers", None,
     "median days to first report", "7 days (from 14)", 4),
    ("quality", "Cut customer-facing incidents by 40%", None, "Sev1/Sev2 incidents a quarter",
     "<= 3", 5),
    ("innovation", "Ship two hack-week experiments to production", None,
     "experiments live", "2", 3),
]
# code, title, parent, supports, measure, target, months from now until due
PERSONAL_GOALS = [
    ("influence", "Influence across teams without authority", None, ["revenue", "enterprise-deals"],
     "cross-team proposals adopted", "2 this year", 3),
    ("visibility", "Present our team's work to leadership every quarter", None,
     ["latency", "quality"], "leadership presentations", "4", 2),
    ("mentoring", "Mentor two junior engineers to independence", "onboarding", [],
     "mentees owning a feature end to end", "2", 6),
    ("balance", "Sustainable pace: at most two late nights a month", None, ["quality"],
     "late nights a month", "<= 2", 1),
]
STALE_GOAL = "innovation"  # no evidence in the last ~quarter: the review's gap to call out
STALE_DAYS = 110

# code, name, level, target, plan, anchor (the feedback it came from, see ANCHORS)
SKILLS = [
    ("storytelling", "Leading with the customer problem", 2, 4,
     "Rewrite two design docs problem-first; Priya reviews the first paragraph of each.",
     "story"),
    ("delegation", "Delegating instead of doing it myself", 2, 3,
     "Hand the next migration to Mei; a 15-minute check-in each week instead of pairing.",
     "delegate"),
    ("exec-writing", "Writing for executives", 2, 4,
     "One-page memos with the ask first; Dana's office hours once a month.", "memo"),
    ("query-tuning", "PostgreSQL query tuning", 3, 4,
     "Finish the Postgres internals course; own the slow-query review for a quarter.", None),
]

# key, days before now, source, sentiment, goals, tags, text
ANCHORS = [
    ("story", 300, MANAGER, "constructive", ["latency"], ["design-review", "1on1"],
     "Lead with the customer problem, not the architecture. Priya said it after the checkout "
     "design review: the first ten minutes were boxes and arrows and the room only woke up "
     "when I showed the abandoned-cart numbers.\n\nHer suggestion: open with **one customer "
     "and one number**, then the design."),
    ("delegate", 250, TOM, "constructive", ["mentoring"], ["mentoring", "migration"],
     "You took the migration back the moment it got hard. Tom, kindly but directly, in our "
     "retro. Mei had it under control and I jumped in anyway. He is right that she learned "
     "less and I worked the weekend."),
    ("memo", 200, VP, "mixed", ["latency", "visibility"], ["leadership", "writing"],
     "The latency results are excellent; the memo buried the ask on page three. Dana's "
     "comments on the quarterly update. She wants:\n\n- the decision needed in the first "
     "line\n- numbers before narrative\n- one page, appendix for the rest"),
]

CUSTOMERS = ["Northwind", "Acme Logistics", "Globex", "Initech", "Umbrella Health", "Vandelay",
             "Stark Freight", "Blue Harbor Bank"]
PEOPLE = ["Ana", "Tom", "Jonas", "Ravi", "Lena", "Mei", "Chris"]
SERVICES = ["checkout", "pricing", "the cart service", "search", "the payments gateway"]

SOURCES = {"manager": MANAGER, "peer": PEER, "tom": TOM, "vp": VP, "csm": CSM, "mentee": MENTEE}

# The demo's words. `[theme] tags` starts a goal's bank (titles by kind, then details any
# entry may add); `[feedback]` lines are `sentiment source theme: text`. An indented line
# continues the one above; a literal \n is a line break (for Markdown lists).
DEMO_TEXT = r"""
[revenue] customer sales pricing
win: {customer} renewed and expanded to the enterprise plan.
win: Pricing page experiment won: +{pct}% trial-to-paid.
win: Usage-based billing for {customer} is live, two weeks early.
note: Call with {customer}'s platform team about SSO and audit logs.
note: Sales asked for a rough estimate on data residency for {customer}.
note: Quarterly revenue review: enterprise is at {pct}% of the target gap.
reflection: I still think of revenue as the sales team's job.
reflection: Engineering time on deal support felt like a distraction. It is not.
reflection: Sales and engineering want the same thing; we just measure it differently.
reflection: I enjoy customer calls more than I admit.
detail: They care far more about audit logs than about the new dashboard.
detail: {person} from sales joined; we agreed on one shared tracker.
detail: The blocker is security review, not features.
detail: Worth writing up as a reusable FAQ for the next deal.
detail: Their finance team wants invoices per department; a small change for us.
[enterprise-deals] customer enterprise demo
win: {customer} signed: another enterprise deal in the bag.
win: Security questionnaire for {customer} done in two days instead of two weeks.
win: {customer}'s pilot converted to {n}00 seats.
note: Demo prep for {customer} on {weekday}.
note: {customer} wants a pilot with 50 seats first.
note: Technical due diligence call with {customer}'s architects.
reflection: Deals stall on trust more than on features.
reflection: I talk too long in customer calls when I am nervous.
reflection: Saying "we can do that next quarter" is a promise. I should treat it like one.
detail: I walked them through the architecture and the on-call process.
detail: Their CTO asked sharp questions about uptime; we had the numbers ready.
detail: {person} owns the commercial side; I own the technical answers.
detail: Procurement wants the SOC 2 report before anything else.
[latency] perf checkout sql
win: Checkout p95 down from {ms_old} ms to {ms} ms.
win: Removed the N+1 query in {service}: p95 down {pct}%.
win: The new index cut the cart query from {ms_old} ms to {n} ms.
note: Profiled {service} under load: time goes to serialization.
note: Load test plan for the checkout rewrite.
note: Latency dashboard now splits by region.
note: Slow-query review with {person}: {n} candidates, three worth fixing.
reflection: I optimised the wrong thing for a week.
reflection: Measuring first would have saved me two days.
reflection: Performance work is invisible unless I make the graph visible.
detail: The slowest 1% are all carts with more than 40 items.
detail: Caching the tax lookup was the single biggest win.
detail: Next: connection pooling, then **EXPLAIN ANALYZE** on the cart query.
detail: Shared the flame graph in #perf so others can check my reasoning.
detail: What helped:\n\n1. a repeatable load test\n2. one change at a time\n3. writing down the
    p95 before and after
[onboarding] onboarding docs ux
win: New customers reach their first report in {n} days now.
win: Shipped the sample-data workspace for trials.
win: The importer now explains what is wrong with a CSV row.
note: Watched three onboarding session recordings.
note: Onboarding funnel: most people drop at the data import step.
note: Sat in on a customer success call with {customer}.
note: Drafted the in-app checklist with {person} from design.
reflection: Our docs assume people already know our data model.
reflection: I had never watched a real customer use the product before this month.
reflection: We optimise the happy path and customers live in the error messages.
detail: The CSV importer error messages are the real problem.
detail: {person} suggested a checklist inside the app; cheap to try.
detail: Customer success sees the same three questions every week.
detail: Time to first report is the number; everything else is noise.
[quality] incident oncall postmortem
win: Zero Sev1 incidents this month.
win: Flaky test count down from {n}0 to 3.
win: Canary deploys are on for {service}.
note: Postmortem for the {weekday} outage in {service}.
note: On-call week: {n} pages, two of them real.
note: Reviewed the error budget with {person}: we are burning it on timeouts.
note: Game day on {weekday}: we failed over {service} on purpose.
reflection: We keep fixing symptoms instead of the alerting.
reflection: Incidents cluster around Friday deploys. Obvious in hindsight.
reflection: I was calmer as incident commander than last time.
detail: Root cause: a retry storm after a config change.
detail: Action items:\n\n- alert on error budget, not on single errors\n- canary every deploy of
    {service}\n- a runbook for payment timeouts
detail: {person} ran the postmortem; blameless and useful.
detail: Customer impact was {n} minutes of failed checkouts.
[innovation] hackweek prototype
win: Hack-week prototype of smart reorder demoed to the whole company.
win: The anomaly-detection experiment got a team and a quarter.
win: Hack-week demo won the customer-impact prize.
note: Hack-week idea list with {person}.
note: Read up on vector search for product matching.
note: Pitched the smart-reorder experiment to product.
reflection: Innovation time keeps losing to the roadmap.
reflection: Hack week ideas die because nobody owns them on Monday.
reflection: The prototypes I am proudest of were the smallest ones.
detail: The demo worked on real data, which surprised everyone including me.
detail: Needs a product owner before it can go further.
detail: Rough numbers say it could save a big customer hours a week.
[influence] cross-team proposal
win: The platform team adopted my proposal for shared rate limits.
win: Got sales and support to agree on one escalation path.
win: Data team moved our export work into their next quarter.
note: Pre-wired the API versioning proposal with {person} before the review.
note: Coffee with {person} from the data team about their roadmap.
note: Wrote the one-pager for the shared rate-limit service.
reflection: Influence is mostly listening first.
reflection: I argued the technical merits; they cared about the migration cost.
reflection: Writing the proposal down changed more minds than the meeting did.
detail: Starting from their problem worked better than starting from my solution.
detail: Next time: send a one-pager two days ahead, not at the meeting.
detail: **Lesson:** name what they get out of it in the first sentence.
[visibility] leadership presentation
win: Presented the latency work at the leadership review.
win: My write-up of the incident trends went to the exec newsletter.
win: Dana forwarded my quality update to the whole org.
note: Drafted slides for the quarterly business review.
note: Asked Priya which leadership forum suits the quality update.
note: Prepared the one-page update for Dana's staff meeting.
reflection: I undersell our team's work in status updates.
reflection: Presenting still makes me nervous, less than in spring.
reflection: Nobody reads the status page; they read the one-line summary.
detail: Five slides, the ask on slide one, numbers on slide two.
detail: Dana asked a follow-up question by email, a good sign.
detail: Rehearsed twice with {person}; the second run was half as long.
[mentoring] mentoring 1on1
win: Mei shipped her first feature end to end.
win: Jonas ran the design review on his own.
win: Mei led the on-call handover without me in the room.
note: 1:1 with Mei: estimates and saying no.
note: Pairing session with Jonas on tests.
note: Wrote up how our deploy pipeline works for the new joiners.
note: Mock interview practice with Jonas for his promotion panel.
reflection: Mentoring means letting them struggle a bit.
reflection: I answer too quickly instead of asking questions.
reflection: Teaching the deploy pipeline showed me the parts I only half understand.
detail: We agreed she owns the next migration, I only review.
detail: Reading list: *Working Effectively with Legacy Code*, chapters 1-4.
detail: Asked what she would do before saying what I would do. It worked.
[balance] balance wellbeing
win: A whole month without working late.
win: Finished the week by 6pm every day.
win: Took a full week off, laptop closed.
note: Blocked focus time on Tuesday and Thursday mornings.
note: Turned off Slack notifications after 7pm.
note: Talked to Priya about the on-call rota and my evenings.
note: Booked the long weekend in {weekday} two weeks ahead.
reflection: Three late nights this month. The pattern is always launch weeks.
reflection: Tired me writes worse code and reviews it worse.
reflection: The late nights were my choice, not the deadline's.
detail: Saying no to the extra workshop was the right call.
detail: Priya backed me on moving the deadline by a week.
detail: Ran twice this week, first time in a month.
[general] team planning learning hiring
win: Cleaned up our CI: builds take {n} minutes instead of 20.
win: Our team's RFC template is now the org default.
win: Closed out {n} stale tickets from the backlog.
win: The flaky staging environment is finally fixed.
win: Our on-call handbook got its first outside contributor.
win: Upgraded the team's services to the new runtime with zero downtime.
win: My conference talk proposal was accepted.
win: {person} and I finished the service ownership map.
note: Team offsite planning.
note: Read the new engineering ladder draft.
note: Interviewed a backend candidate with {person}.
note: Sprint planning: too much in flight again.
note: Notes from the architecture guild: event sourcing, again.
note: Quarterly planning: pushed back on the third big project.
note: Lunch and learn on feature flags by {person}.
note: Peer review season: wrote feedback for {person} and Ana.
reflection: Good week. Fewer meetings, more shipping.
reflection: Context switching ate most of {weekday}.
reflection: What energised me this month: pairing and customer calls.
reflection: Not sure the reorg changes much for our team.
reflection: I said yes to four things this week. Two would have been plenty.
reflection: Best conversations this month happened on walks, not in meeting rooms.
detail: Worth bringing up in my next 1:1.
detail: I want to protect mornings for deep work.
detail: Small thing, but it made the week.
detail: {person} disagreed; fair points.
[feedback]
praise manager quality: Your incident write-up was the clearest we have had. Priya shared it
    with the other leads as the template.
praise peer quality: Thanks for unblocking the release on {weekday}. Ana said my review notes
    made the fix obvious.
praise csm onboarding: {customer} mentioned you by name. Sam said the onboarding call turned
    them around.
praise vp visibility: Strong demo at the all-hands. Dana liked that it started with a customer
    story.
praise mentee mentoring: The pairing sessions are the most useful hour of my week. Mei, in our
    1:1.
praise tom quality: Good call to roll back early. Tom said it saved the evening.
praise peer latency: The cart query fix was elegant. Ana wants to reuse the pattern.
praise manager enterprise-deals: {customer}'s CTO asked for you on the next call. Priya passed
    it on with a smiley.
praise csm revenue: The audit-log answer unblocked {customer}'s renewal. Sam's note to the team.
praise tom influence: You got the data team on board without a single escalation. Tom, after the
    planning meeting.
constructive manager general: Estimates keep slipping by a week. Priya asked me to add risk
    notes up front.
constructive peer mentoring: Your code reviews read as blunt. Ana suggested asking questions
    instead of giving verdicts.
constructive tom general: Too much detail in stand-up. Tom asked for the headline and the
    blocker only.
constructive manager quality: Bring problems earlier, even half-formed. Priya heard about the
    queue risk from someone else first.
constructive vp enterprise-deals: In the {customer} call you answered before they finished the
    question. Dana, afterwards, in the hallway.
constructive peer influence: The rate-limit proposal felt like a done deal. Ana said people want
    to shape it, not approve it.
mixed peer influence: The proposal is solid but too long. Ana stopped reading at section four.
mixed manager latency: Great technical depth in the design doc; the trade-offs section is
    missing. Priya wants options with costs, not one answer.
mixed vp quality: Good progress on quality; I need the trend, not the list. Dana on the QBR
    slides.
mixed manager onboarding: The importer work is good, but you shipped it without telling support.
    Priya, in our 1:1.
[follow-up]
praise: Writing it down because I forget these.
praise: Nice to hear after a rough week.
praise: Keeping this for the review.
constructive: Fair. I had not noticed.
constructive: Stung a bit, but it is true.
constructive: Trying it in the next meeting.
constructive: Asked for an example; got two.
mixed: I'll take both halves.
mixed: The second half is the useful part.
"""


def _parse_demo_text(
    raw: str,
) -> tuple[dict[str, dict[str, list[str]]], list[tuple[str, str, str, str]], dict[str, list[str]]]:
    """Read DEMO_TEXT into theme banks, feedback items and follow-up sentences."""
    lines: list[str] = []
    for line in raw.strip().splitlines():
        if line.startswith("    "):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    themes: dict[str, dict[str, list[str]]] = {}
    feedback: list[tuple[str, str, str, str]] = []
    follow_ups: dict[str, list[str]] = {}
    section = ""
    for line in lines:
        line = line.replace("\\n", "\n")
        if line.startswith("["):
            section, _, tags = line[1:].partition("] ")
            section = section.rstrip("]")
            if section not in ("feedback", "follow-up"):
                themes[section] = {"tags": tags.split(), "win": [], "note": [],
                                   "reflection": [], "detail": []}
            continue
        head, _, text = line.partition(": ")
        if section == "feedback":
            sentiment, source, theme = head.split()
            feedback.append((sentiment, SOURCES[source], theme, text))
        elif section == "follow-up":
            follow_ups.setdefault(head, []).append(text)
        else:
            themes[section][head].append(text)
    return themes, feedback, follow_ups


THEMES, FEEDBACK, FOLLOW_UPS = _parse_demo_text(DEMO_TEXT)

THEME_WEIGHTS = {"revenue": 8, "enterprise-deals": 7, "latency": 12, "onboarding": 8,
                 "quality": 11, "innovation": 5, "influence": 7, "visibility": 6,
                 "mentoring": 8, "balance": 5, "general": 18}
THEME_SKILL = {"latency": "query-tuning", "influence": "storytelling", "revenue": "storytelling",
               "enterprise-deals": "storytelling", "visibility": "exec-writing",
               "mentoring": "delegation"}
KIND_WEIGHTS = {"note": 34, "reflection": 24, "win": 22, "feedback": 20}
DEMO_ENTRIES = 250


@contextlib.contextmanager
def _pinned_clock(now: datetime) -> Iterator[None]:
    """Make the store stamp created/updated with `now`, so output is repeatable.

    The store reads its clock through the module-level `now_iso`; a `clock` argument on
    JournalStore would be the clean way (proposed to the store's owner).
    """
    from journal import store as store_module
    from journal.dates import to_iso

    original = store_module.now_iso
    store_module.now_iso = lambda: to_iso(now)
    try:
        yield
    finally:
        store_module.now_iso = original


def _at(day: date, hour: int, minute: int, tz: Any) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _moment(rng: random.Random, now: datetime, days_ago: int, kind: str) -> datetime:
    """A plausible local time `days_ago` days before now: workdays, evenings for reflections."""
    day = now.date() - timedelta(days=days_ago)
    hour = rng.choice([17, 18, 19, 21]) if kind == "reflection" else rng.randint(8, 17)
    when = _at(day, hour, rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]), now.tzinfo)
    return min(when, now - timedelta(minutes=rng.randint(5, 50)))


def _workday_offset(rng: random.Random, today: date, low: int, high: int) -> int:
    """Days ago in [low, high], mostly on weekdays."""
    while True:
        days = rng.randint(low, high)
        if rng.random() < 0.15 or (today - timedelta(days=days)).weekday() < 5:
            return days


def _fill(rng: random.Random, template: str) -> str:
    if "{" not in template:
        return template
    ms = rng.randint(240, 420)
    return template.format(
        customer=rng.choice(CUSTOMERS), person=rng.choice(PEOPLE), service=rng.choice(SERVICES),
        weekday=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        pct=rng.randint(4, 35), n=rng.randint(4, 12), ms=ms, ms_old=ms + rng.randint(60, 300),
    )


class _Deck:
    """Draw without replacement, reshuffling when empty: repeats come late and spread out."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.piles: dict[str, list[Any]] = {}

    def draw(self, name: str, cards: list[Any]) -> Any:
        pile = self.piles.get(name)
        if not pile:
            pile = self.piles[name] = list(cards)
            self.rng.shuffle(pile)
        return pile.pop()


def _demo_entry(
    rng: random.Random, deck: _Deck, now: datetime, skills_from: dict[str, int]
) -> dict[str, Any]:
    """One generated entry: a theme (goal), a kind, a title, a few sentences of detail."""
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    item: dict[str, Any] = {"kind": kind}
    if kind == "feedback":
        sentiment, source, theme, text = deck.draw("feedback", FEEDBACK)
        item |= {"sentiment": sentiment, "source": source}
        item["text"] = f"{_fill(rng, text)} {rng.choice(FOLLOW_UPS[sentiment])}"
    else:
        theme = rng.choices(list(THEME_WEIGHTS), weights=list(THEME_WEIGHTS.values()))[0]
    bank = THEMES[theme]
    days = _workday_offset(rng, now.date(), STALE_DAYS if theme == STALE_GOAL else 0, 364)
    item["when"] = _moment(rng, now, days, kind)
    if kind != "feedback":
        title = _fill(rng, deck.draw(f"{theme}/{kind}", bank[kind]))
        details = rng.sample(bank["detail"], k=rng.choices([0, 1, 2, 3], [2, 5, 5, 2])[0])
        parts = [_fill(rng, d) for d in details]
        block = next((p for p in parts if "\n" in p), None)
        prose = " ".join(p for p in parts if p is not block)
        text = f"{title} {prose}" if prose else title
        item["text"] = f"{text}\n\n{block}" if block else text
    item["tags"] = rng.sample(bank["tags"], k=rng.randint(1, min(2, len(bank["tags"]))))
    item["goals"] = [] if theme == "general" else [theme]
    skill = THEME_SKILL.get(theme)
    if skill and days < skills_from.get(skill, 365) and rng.random() < 0.4:
        item["skills"] = [skill]
    starred_odds = {"win": 0.3, "feedback": 0.2}.get(kind, 0.04)
    item["starred"] = rng.random() < starred_odds
    return item


def _month_end(today: date, months_ahead: int) -> str:
    """The last day of the month `months_ahead` after today's, as ISO text."""
    y, m = divmod(today.month - 1 + months_ahead + 1, 12)
    return (date(today.year + y, m + 1, 1) - timedelta(days=1)).isoformat()


def build_demo(store: JournalStore, now: datetime | None = None, seed: int = 7) -> None:
    """Fill an empty store with a year of a software engineer's journal, ending at `now`."""
    from journal.dates import local_now, to_iso

    now = (now or local_now()).replace(microsecond=0)
    now = now if now.tzinfo is not None else now.astimezone()
    if store.entries() or store.goals() or store.skills():
        raise ValueError(f"build_demo needs an empty journal; {store.path} has data")
    rng = random.Random(f"demo-{seed}")
    anchor_days = {key: days for key, days, *_rest in ANCHORS}
    skills_from = {code: anchor_days[anchor] for code, *_rest, anchor in SKILLS if anchor}
    skills_from["query-tuning"] = 330
    anchors: dict[str, dict[str, Any]] = {
        key: {"kind": "feedback", "source": source, "sentiment": sentiment, "goals": goals,
              "tags": tags, "text": text, "starred": True,
              "when": _at(now.date() - timedelta(days=days), 16, 30, now.tzinfo)}
        for key, days, source, sentiment, goals, tags, text in ANCHORS
    }
    items = list(anchors.values())
    deck = _Deck(rng)
    items += [_demo_entry(rng, deck, now, skills_from) for _ in range(DEMO_ENTRIES - len(items))]
    items.sort(key=lambda item: item["when"])  # ids follow time: e1 is the oldest
    for item in items:
        item["created"] = to_iso(item["when"])
    today = now.date()
    with _pinned_clock(now), store.transaction():
        for code, title, parent, measure, target, months in COMPANY_GOALS:
            store.add_goal(title, code=code, parent=parent, measure=measure, target=target,
                           due=_month_end(today, months))
        for code, title, parent, supports, measure, target, months in PERSONAL_GOALS:
            store.add_goal(title, code=code, scope="personal", parent=parent, supports=supports,
                           measure=measure, target=target, due=_month_end(today, months))
        for code, name, level, target_level, plan, _anchor in SKILLS:
            store.add_skill(name, code=code, level=level, target_level=target_level, plan=plan)
        added = store.add_entries(items)
        ids = {id(item): entry["id"] for item, entry in zip(items, added, strict=True)}
        for code, *_rest, anchor in SKILLS:
            if anchor:
                store.update_skill(code, why=[ids[id(anchors[anchor])]])


def demo_store() -> JournalStore:
    """A throwaway journal in a fresh temp folder, filled with the demo year.

    The folder is removed when the process exits, so `journal --demo` leaves nothing behind.
    """
    import atexit
    import shutil

    from journal.store import JournalStore

    folder = tempfile.mkdtemp(prefix="journal-demo-")
    os.chmod(folder, 0o700)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    store = JournalStore(os.path.join(folder, "journal.json"))
    build_demo(store)
    return store


# -- benchmark journals -----------------------------------------------------------------

BENCH_END = datetime(2026, 6, 30, 18, 0, tzinfo=timezone(timedelta(hours=1)))
BENCH_DAYS = 3 * 365
BENCH_TAGS = [
    "customer", "sales", "pricing", "enterprise", "demo", "perf", "checkout", "sql", "cache",
    "onboarding", "docs", "ux", "incident", "oncall", "postmortem", "alerting", "hackweek",
    "prototype", "ml", "cross-team", "proposal", "leadership", "presentation", "writing",
    "mentoring", "1on1", "balance", "wellbeing", "team", "planning", "learning", "hiring",
    "interview", "retro", "code-review", "design-review", "security", "migration", "api", "release",
]
# code, scope, parent, supports
BENCH_GOALS = [
    ("revenue", "company", None, []), ("enterprise", "company", "revenue", []),
    ("renewals", "company", "revenue", []), ("latency", "company", None, []),
    ("onboarding", "company", None, []), ("quality", "company", None, []),
    ("innovation", "company", None, []), ("security", "company", None, []),
    ("influence", "personal", None, ["revenue"]), ("visibility", "personal", None,
                                                   ["latency", "quality"]),
    ("mentoring", "personal", "onboarding", []), ("balance", "personal", None, ["quality"]),
]
BENCH_SKILLS = ["storytelling", "delegation", "exec-writing", "query-tuning", "negotiation",
                "incident-command"]
BENCH_SOURCES = [MANAGER, PEER, TOM, VP, CSM, MENTEE, "Jonas (peer)", "Lena (staff engineer)"]
_SENTENCES = [  # (sentence, word count): the bank's one-line sentences, in a fixed order
    (text, len(text.split()))
    for text in sorted({t for theme in THEMES.values() for k in ("win", "note", "reflection",
                        "detail") for t in theme[k] if "\n" not in t})
]


def generate_journal(path: str | os.PathLike[str], n_entries: int, seed: int = 1) -> None:
    """Write a journal of `n_entries` (~80-word bodies, three years) for the benchmark.

    The file must not exist yet. Same arguments, same bytes.
    """
    from journal.store import JournalStore

    if os.path.exists(path):
        raise FileExistsError(f"{path} exists; generate_journal only writes new journals")
    rng = random.Random(f"bench-{seed}-{n_entries}")
    seconds = sorted(rng.randrange(BENCH_DAYS * 86400) for _ in range(n_entries))
    start = BENCH_END - timedelta(days=BENCH_DAYS)
    goal_codes = [g[0] for g in BENCH_GOALS]
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    items: list[dict[str, Any]] = []
    for offset in seconds:
        kind = rng.choices(kinds, kind_weights)[0]
        body: list[str] = []
        words = 0
        while words < 75:
            sentence, count = rng.choice(_SENTENCES)
            body.append(_fill(rng, sentence))
            words += count
        when = start + timedelta(seconds=offset)
        item: dict[str, Any] = {
            "kind": kind, "when": when, "created": when,
            "title": _fill(rng, rng.choice(_SENTENCES)[0]), "body": " ".join(body),
            "tags": rng.sample(BENCH_TAGS, rng.randint(1, 3)),
            "goals": rng.sample(goal_codes, rng.randint(1, 2)) if rng.random() < 0.6 else [],
            "skills": [rng.choice(BENCH_SKILLS)] if rng.random() < 0.25 else [],
            "starred": rng.random() < 0.08,
        }
        if kind == "feedback":
            item["source"] = rng.choice(BENCH_SOURCES)
            item["sentiment"] = rng.choices(["praise", "constructive", "mixed"], [5, 3, 2])[0]
        items.append(item)
    from journal.dates import to_iso

    for item in items:
        item["created"] = to_iso(item["created"])
    store = JournalStore(path)
    try:
        with _pinned_clock(BENCH_END), store.transaction():
            for code, scope, parent, supports in BENCH_GOALS:
                store.add_goal(code.replace("-", " ").capitalize(), code=code, scope=scope,
                               parent=parent, supports=supports)
            for code in BENCH_SKILLS:
                store.add_skill(code.replace("-", " ").capitalize(), code=code)
            store.add_entries(items)
    finally:
        store.close()
