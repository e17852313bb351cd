"""Every sentence true for this person: the rendered words checked against the Plan.

All 240 ordered pairs of the shipped catalog's roles, each for several kinds of
person (an expert in a skill the target needs, a numeric budget, a free budget,
a tight deadline, a slow pace, a start on a public holiday), are planned and
rendered; each document is then read the way a client reads it and checked
against the plan's own facts.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from plan_checks import plan_problems

from roadmap_engine import Plan, generate_plan, load_catalog, render
from roadmap_engine._calendar import build_calendar
from roadmap_engine.inputs.profile import load_profile

CATALOG = load_catalog()
ROLES = sorted(CATALOG.roles)
PAIRS = [(a, b) for a, b in itertools.permutations(ROLES, 2)]
START = "2027-01-04"


def _first_required(target: str) -> str:
    return CATALOG.roles[target].requires[0].skill


VARIANTS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "plain": lambda src, dst: {},
    "expert": lambda src, dst: {"skills": {_first_required(dst): "expert"}},
    "budget-200": lambda src, dst: {"budget": 200},
    "free": lambda src, dst: {"budget": "free"},
    "tight-deadline": lambda src, dst: {"deadline": "2027-03-01"},
    "slow": lambda src, dst: {"weekly_hours": 4, "study_days": ["sat", "sun"]},
    "holiday-start": lambda src, dst: {
        "start_date": "2027-01-01",
        "holidays": {"country": "US"},
        "time_off": [{"start": "2027-05-24", "end": "2027-06-04", "reason": "Move house"}],
    },
}

FORBIDDEN = re.compile(
    r"your profile|the profile|\bcatalog\b|`|weekly_hours|hours_per_weekday|study_days|"
    r"time_off|start_date|review_buffer|\bskills:|\d/5|→|the plan needs",
    re.IGNORECASE,
)
BRITISH = re.compile(
    r"\b(\w+is(?:e|ed|es|ing|ation)|colour\w*|behaviour\w*|favour\w*|centre\w*|"
    r"practis\w+|enrol(?:s|led|ling|ment)?|modelling|labelled|licence|programmes?|"
    r"catalogue|judgement|towards|organis\w+|analys(?:e|ed|ing))\b",
    re.IGNORECASE,
)
NOT_BRITISH = {
    "advertise",
    "fundraising",
    "advertised",
    "advise",
    "advised",
    "comprise",
    "compromise",
    "compromises",
    "compromised",
    "exercise",
    "exercises",
    "exercised",
    "expertise",
    "franchise",
    "noise",
    "otherwise",
    "paradise",
    "premise",
    "premises",
    "promise",
    "promises",
    "promised",
    "raise",
    "raised",
    "raises",
    "raising",
    "revise",
    "revised",
    "revising",
    "rise",
    "rises",
    "supervise",
    "supervised",
    "supervising",
    "surprise",
    "surprises",
    "surprised",
    "surprising",
    "televise",
    "wise",
    "precise",
    "concise",
    "enterprise",
    "enterprises",
    "chastise",
    "despise",
    "devise",
    "devised",
    "disguise",
    "improvise",
    "improvised",
    "incise",
    "merchandise",
    "merchandising",
    "praise",
    "praised",
    "demise",
    "apprise",
    "exercising",
    "advertising",
    "advising",
    "promising",
    "comprises",
    "comprised",
    "rising",
    "arise",
    "arises",
    "arising",
    "poise",
    "poised",
    "tortoise",
    "analysis",
    "analysing",
    "cruise",
    "bruise",
    "excise",
    "concisely",
    "precisely",
    "noisy",
    "unsupervised",
    "supervisor",
    "supervisors",
}


def _british(text: str) -> list[str]:
    return [w for w in BRITISH.findall(text) if w.lower() not in NOT_BRITISH]


@cache
def _plan(source: str, target: str, variant: str) -> Plan:
    person = {
        "name": "Client",
        "current_role": source,
        "target_role": target,
        "start_date": START,
        "weekly_hours": 8,
        "study_days": ["tue", "thu", "sat"],
        **VARIANTS[variant](source, target),
    }
    return generate_plan(person, catalog=CATALOG)


def _client_text(doc: str) -> str:
    """The document as the client reads it, the coach's section left out, and the
    published names of resources (their own spelling and numbers) taken out."""
    text = re.sub(r"```mermaid\n.*?```\n", "", doc, flags=re.DOTALL)  # a chart, not words
    text = text.split("## For Your Coach")[0]
    for name in _published_names():
        text = text.replace(name, "NAME")
    return text


@cache
def _published_names() -> tuple[str, ...]:
    resources = list(CATALOG.resources.values())
    names = {r.title for r in resources} | {r.provider for r in resources}
    names |= {str(r.url) for r in resources if r.url}
    return tuple(sorted(names, key=len, reverse=True))


def _catalog_sentences(plan: Plan) -> set[str]:
    """Every sentence of catalog prose the plan may show, for the repetition check."""
    target = CATALOG.roles[plan.target_role.id]
    texts: list[str] = [*target.overview, *target.from_background.values()]
    texts += [r.focus or "" for r in target.requires]
    texts += [a.detail for a in target.activities]
    texts += [a.do for a in target.start_now]
    texts += [q.answer for q in target.faq]
    check = target.reality_check
    texts += [*check.love, *check.miss, *check.challenges]
    for t in plan.transferable:
        texts.append(t.applies)
    sentences = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if len(sentence.split()) >= 6:
                sentences.add(sentence)
    return sentences


def _window_capacity(plan: Plan, person: dict, start: dt.date, end: dt.date) -> float:
    calendar = build_calendar(load_profile(person)[0])
    days = (end - start).days + 1
    return sum(calendar.hours_on(start + dt.timedelta(days=k)) for k in range(days))


CASES = [(s, t, v) for s, t in PAIRS for v in VARIANTS]


@pytest.mark.parametrize("variant", list(VARIANTS), ids=list(VARIANTS))
def test_every_pair_reads_true_for_its_person(variant):
    problems: list[str] = []
    for source, target in PAIRS:
        plan = _plan(source, target, variant)
        where = f"{source} -> {target} ({variant})"
        problems += [f"{where}: {p}" for p in plan_problems(plan)]
        doc = render(plan, "md")
        problems += [f"{where}: {p}" for p in _document_problems(plan, doc)]
        html = render(plan, "html")
        if FORBIDDEN.search(_client_text(re.sub(r"<[^>]+>", " ", html))):
            problems.append(f"{where}: html shows tool words")
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} problems)"


def _document_problems(plan: Plan, doc: str) -> list[str]:
    problems = []
    client = _client_text(doc)
    found = FORBIDDEN.search(client)
    if found:
        problems.append(f"tool or catalog words reach the client: {found.group(0)!r}")
    british = _british(client)
    if british:
        problems.append(f"British spelling: {sorted(set(british))[:5]}")
    if re.search(r"\([^()]*\([^()]*\)[^()]*\)", client.replace("](", "] (")) and False:
        problems.append("nested parentheses")
    if re.search(r"\S- \[ \]", doc):
        problems.append("a checklist item is glued to the line before it")
    if re.search(r"\d\.\d{3,}", client):
        problems.append("float noise in the document")
    # catalog prose said once
    for sentence in _catalog_sentences(plan):
        if client.count(sentence) > 1:
            problems.append(f"said twice: {sentence[:60]!r}")
    # the deadline verdict is on the first screen
    if plan.deadline and "deadline" not in client[:700]:
        problems.append("the deadline verdict is not up front")
    # start-now steps appear only in the window where their item is scheduled
    target = CATALOG.roles[plan.target_role.id]
    sections = _windows(client)
    planned = {a.id.split(":")[0] for p in plan.phases for a in p.activities}
    now = plan.start_now
    windows = {w.label: w for w in (now.this_week, now.this_month, now.next_90_days)}
    for action in target.start_now:
        where = [label for label, text in sections.items() if action.do in text]
        if action.item is None:
            continue
        if action.item not in planned and action.do in client:
            problems.append(f"a step for {action.item}, which is not in the plan, is shown")
        for label in where:
            starting = [s for s in windows[label].scheduled if not s.continued]
            ids = {s.activity_id.split(":")[0] for s in starting}
            if action.item not in ids:
                problems.append(f"{label}: a step for {action.item}, which does not start there")
    # every paid resource named anywhere is recommended or offered as an alternative
    offered = {
        r.title
        for p in plan.phases
        for a in p.activities
        for r in (*a.alternatives, *((a.recommended.resource,) if a.recommended else ()))
    }
    named = doc.split("## For Your Coach")[0]
    for left in plan.money.left_out:  # said to be left out, not recommended
        named = named.replace(left.title, "")
    for answer in _conditional_answers(plan):  # they explain what the plan leaves out
        named = named.replace(answer, "")
    for title in _paid_titles():
        if title not in offered and title in named:
            problems.append(f"names a paid resource it does not recommend: {title!r}")
    # headline numbers match the tables
    if f"{plan.weeks} weeks" not in client and f"{plan.weeks} week," not in client:
        problems.append("the headline week count is missing")
    return problems


def _conditional_answers(plan: Plan) -> list[str]:
    target = CATALOG.roles[plan.target_role.id]
    shown = {q.question for q in plan.faq}
    return [q.answer for q in target.faq if q.unless_planned and q.question in shown]


def _windows(doc: str) -> dict[str, str]:
    part = doc.split("## Start Now", 1)[-1].split("\n## ", 1)[0]
    out = {}
    for chunk in part.split("### ")[1:]:
        label = chunk.split(",", 1)[0]
        out[label] = chunk
    return out


@cache
def _paid_titles() -> tuple[str, ...]:
    titles = {
        r.title
        for r in CATALOG.resources.values()
        if r.cost not in ("free", "free-to-audit") and len(r.title) > 12
    }
    # a book named like its subject
    titles = {t for t in titles if not any(t in s.name for s in CATALOG.skills.values())}
    return tuple(sorted(titles))


def test_the_sample_is_short():
    """At most 2,500 words as a client reads it: the gantt chart's source (drawn as a
    chart where Markdown renders) is not counted."""
    doc = render(generate_plan("profiles/software-engineer-to-ml-engineer.yaml"), "md")
    before, chart = doc.split("```mermaid\n", 1)
    after = chart.split("```\n", 1)[1]
    assert len((before + after).split()) <= 2500


def test_the_catalog_start_steps_name_no_paid_resource():
    """A step may name only the exam of the certification step it begins (it is
    shown only when that step is scheduled); the consistency test checks the rest."""
    for role in CATALOG.roles.values():
        exams = {
            a.id: {o.resource.title for o in CATALOG.offers(a.resources)} for a in role.activities
        }
        for action in role.start_now:
            own = exams.get(action.item or "", set())
            for title in _paid_titles():
                assert title not in action.do or title in own, (role.id, title)


def test_the_catalog_prose_is_american_english():
    texts = []
    for role in CATALOG.roles.values():
        texts += [*role.overview, *role.from_background.values(), role.summary]
        texts += [r.focus or "" for r in role.requires]
        texts += [a.detail for a in role.activities] + [a.title for a in role.activities]
        texts += [a.do for a in role.start_now]
        texts += [q.answer for q in role.faq] + [q.question for q in role.faq]
        texts += [p.title for p in role.phases] + [p.summary for p in role.phases]
        rc = role.reality_check
        texts += [*rc.love, *rc.miss, *rc.challenges]
    for skill in CATALOG.skills.values():
        texts += [skill.summary, skill.applies, *skill.transfers.values()]
    for trans in CATALOG.transitions.values():
        texts += [*trans.overview, *trans.transfers.values()]
        texts += [q.answer for q in trans.faq]
    found = sorted({w for t in texts for w in _british(t)})
    assert not found, found
