"""Invariants of planning over random skill graphs, people and calendars."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from conftest import assumed_level, req, role, skill, with_guides
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_checks import plan_problems

from roadmap_engine import ProfileError, ScheduleError, generate_plan, render
from roadmap_engine._calendar import build_calendar
from roadmap_engine._catalog import catalog_from_data
from roadmap_engine._levels import LEVELS, rank
from roadmap_engine.inputs.profile import WEEKDAYS, load_profile

TOLERANCE = 1e-6
LEVEL = st.sampled_from(LEVELS)
NEEDED_LEVEL = st.sampled_from(LEVELS[1:])


@st.composite
def worlds(draw):
    """A random catalog with a 'from' and a 'to' role, and a person between them."""
    n = draw(st.integers(1, 10))
    ids = [f"s{i}" for i in range(n)]
    skills = [
        skill(
            sid,
            draw(st.floats(0.5, 60, allow_nan=False).map(lambda h: round(h, 2))),
            tuple(draw(st.sets(st.sampled_from(ids[:i]))) if i else ()),
        )
        for i, sid in enumerate(ids)
    ]
    phases = tuple(f"p{k}" for k in range(draw(st.integers(1, 3))))
    required = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    requires = [
        req(sid, draw(NEEDED_LEVEL), draw(st.integers(1, 5)), draw(st.sampled_from(phases)))
        for sid in required
    ]
    activities: list[dict[str, Any]] = []
    for k in range(draw(st.integers(0, 3))):
        earlier = [a["id"] for a in activities]
        activities.append(
            {
                "id": f"act{k}",
                "title": f"Activity {k}",
                "kind": "project",
                "hours": draw(st.floats(0.5, 20).map(lambda h: round(h, 2))),
                "phase": draw(st.sampled_from(phases)),
                "importance": draw(st.integers(1, 5)),
                "prerequisites": sorted(draw(st.sets(st.sampled_from(ids + earlier)))),
                "detail": "Do it.",
                "milestone": draw(st.booleans()),
            }
        )
    typical = draw(st.dictionaries(st.sampled_from(ids), LEVEL, max_size=n))
    data = {
        "skills.yaml": {"skills": skills},
        "roles.yaml": {
            "roles": [
                role(
                    "from-role",
                    [req(ids[0], phase="only")],
                    phases=("only",),
                    typical_skills=typical,
                ),
                role("to-role", requires, phases=phases, activities=activities),
            ]
        },
    }
    start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)))
    person = {
        "name": "Prop Person",
        "current_role": "from-role",
        "target_role": "to-role",
        "start_date": start.isoformat(),
        "skills": draw(st.dictionaries(st.sampled_from(ids), LEVEL, max_size=n)),
        "time_off": [
            {
                "start": (start + dt.timedelta(days=a)).isoformat(),
                "end": (start + dt.timedelta(days=a + length)).isoformat(),
            }
            for a, length in draw(
                st.lists(st.tuples(st.integers(0, 150), st.integers(0, 20)), max_size=3)
            )
        ],
    }
    if draw(st.booleans()):
        person["weekly_hours"] = draw(st.floats(1, 40).map(lambda h: round(h, 2)))
        person["study_days"] = sorted(
            draw(st.sets(st.sampled_from(WEEKDAYS), min_size=1)), key=WEEKDAYS.index
        )
    else:
        hours = draw(st.lists(st.sampled_from([0, 0.5, 1, 2.5, 4]), min_size=7, max_size=7))
        if sum(hours) == 0:
            hours[0] = 1
        person["hours_per_weekday"] = dict(zip(WEEKDAYS, hours, strict=True))
    person["periods"] = [
        {
            "start": (start + dt.timedelta(days=a)).isoformat(),
            "end": (start + dt.timedelta(days=a + length)).isoformat(),
            "hours_per_weekday": dict(
                zip(
                    WEEKDAYS,
                    draw(st.lists(st.sampled_from([0, 1, 3]), min_size=7, max_size=7)),
                    strict=True,
                )
            ),
        }
        for a, length in draw(
            st.lists(st.tuples(st.integers(0, 120), st.integers(0, 60)), max_size=2)
        )
    ]
    country = draw(st.sampled_from([None, "US", "GB", "DE", "IN"]))
    if country:
        person["holidays"] = {"country": country}
    person["review_buffer"] = draw(st.sampled_from([0, 0, 0.1, 0.25]))
    if draw(st.booleans()):
        person["deadline"] = (start + dt.timedelta(days=draw(st.integers(1, 400)))).isoformat()
    return catalog_from_data(with_guides(data)), person


def plan_or_nothing(person, catalog):
    """The plan, or None when there is none to make: the person already has
    everything (ProfileError), or the work cannot fit in ten years (ScheduleError)."""
    try:
        return generate_plan(person, catalog=catalog)
    except ProfileError as exc:
        assert "nothing to plan" in str(exc)
        assert not catalog.roles["to-role"].activities
        return None
    except ScheduleError as exc:
        assert "would take more than 10 years" in str(exc)
        return None


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(worlds())
def test_plans_keep_every_scheduling_invariant(world):
    catalog, person_data = world
    plan = plan_or_nothing(person_data, catalog)
    if plan is None:
        return
    person, _ = load_profile(person_data)
    calendar = build_calendar(person)
    activities = [a for p in plan.phases for a in p.activities]
    by_id = {a.id: a for a in activities}

    # numbers, money and start-now windows agree with the schedule
    assert not plan_problems(plan)

    # prerequisites first: nothing starts before what it depends on has ended
    for a in activities:
        assert a.start <= a.end
        for pre in a.prerequisites:
            assert by_id[pre].end <= a.start

    # no date gets more hours than it has; time off and rest days get none
    per_day: dict[dt.date, float] = defaultdict(float)
    per_activity: dict[str, float] = defaultdict(float)
    for s in plan.sessions:
        assert s.hours > 0
        per_day[s.date] += s.hours
        per_activity[s.activity_id] += s.hours
    for day, used in per_day.items():
        assert used <= calendar.hours_on(day) + TOLERANCE
        assert day.toordinal() not in calendar.off

    # hours are conserved: what the gap needs is what the sessions hold
    assert abs(sum(per_day.values()) - plan.total_hours) < TOLERANCE * len(activities)
    for a in activities:
        assert abs(per_activity[a.id] - a.hours) < TOLERANCE

    # nothing already held at the needed level is scheduled
    stated = person_data["skills"]
    typical = catalog.roles["from-role"].typical_skills
    levels = {s: assumed_level(catalog, s, level, stated) for s, level in typical.items()}
    levels.update(stated)
    for s in plan.skills_to_learn:
        assert rank(levels.get(s.skill_id, "none")) < rank(s.level_to)
    for s in plan.skipped:
        assert s.skill_id not in by_id

    # phases are contiguous, in the role's order, and span their activities
    order = [p.id for p in catalog.roles["to-role"].phases]
    assert [order.index(p.id) for p in plan.phases] == sorted(
        order.index(p.id) for p in plan.phases
    )
    assert plan.start == person.start_date and plan.end == activities[-1].end

    # deadline answers hold up: what may be dropped is unessential and unneeded
    if plan.deadline is not None and plan.deadline.drop_to_meet:
        dropped = {d.activity_id for d in plan.deadline.drop_to_meet}
        assert all(d.importance < 5 for d in plan.deadline.drop_to_meet)
        assert all(dropped.isdisjoint(a.prerequisites) for a in activities if a.id not in dropped)
        assert plan.deadline.end_if_dropped <= plan.deadline.date
    # more weekly hours never end later
    ends = [w.end or dt.date.max for w in plan.what_if]
    assert ends == sorted(ends, reverse=True)
    assert plan.phases[0].start >= plan.start


@SETTINGS
@given(worlds())
def test_the_same_input_gives_identical_documents(world):
    catalog, person = world
    first = plan_or_nothing(person, catalog)
    if first is None:
        return
    second = generate_plan(person, catalog=catalog)
    assert render(first, "json") == render(second, "json")
    assert render(first, "md") == render(second, "md")
    assert render(first, "html") == render(second, "html")


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_deadline_answers_are_minimal(world):
    catalog, person = world
    plan = plan_or_nothing(person, catalog)
    if plan is None or plan.deadline is None or plan.deadline.weekly_hours_needed is None:
        return
    needed = plan.deadline.weekly_hours_needed
    faster = {k: v for k, v in person.items() if k not in ("weekly_hours", "hours_per_weekday")}
    days = plan.study_days
    total = sum(d.hours for d in days)

    def at(weekly: float):
        hours = {d.day: d.hours * weekly / total for d in days}
        return generate_plan({**faster, "hours_per_weekday": hours}, catalog=catalog).end

    assert at(needed) <= plan.deadline.date
    if needed > 0.25:
        assert at(needed - 0.25) > plan.deadline.date
