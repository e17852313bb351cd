"""Deadline answers come from the scheduler and are minimal."""

from __future__ import annotations

import datetime as dt

from conftest import profile
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_engine import generate_plan
from roadmap_engine._calendar import build_calendar
from roadmap_engine._deadline import least_weekly_hours
from roadmap_engine._schedule import HorizonExceeded, finish_date, schedule
from roadmap_engine.inputs.profile import load_profile


def _finish(catalog, weekly_hours, **overrides):
    plan = generate_plan(profile(weekly_hours=weekly_hours, **overrides), catalog=catalog)
    return plan.end


def test_a_met_deadline_reports_days_to_spare(tiny_catalog):
    plan = generate_plan(profile(deadline="2027-06-30"), catalog=tiny_catalog)
    check = plan.deadline
    assert check is not None and check.met
    assert check.margin_days == (dt.date(2027, 6, 30) - plan.end).days > 0


def test_a_missed_deadline_gives_the_least_weekly_hours_that_meet_it(tiny_catalog):
    off = [{"start": "2027-01-18", "end": "2027-01-22", "reason": "move"}]
    plan = generate_plan(profile(deadline="2027-02-05", time_off=off), catalog=tiny_catalog)
    check = plan.deadline
    assert check is not None and not check.met and check.margin_days < 0
    needed = check.weekly_hours_needed
    assert needed is not None and needed * 4 == int(needed * 4)
    assert _finish(tiny_catalog, needed, time_off=off) <= check.date
    assert _finish(tiny_catalog, needed - 0.25, time_off=off) > check.date


def test_an_impossible_deadline_says_so(tiny_catalog):
    plan = generate_plan(profile(deadline="2027-01-05"), catalog=tiny_catalog)
    assert plan.deadline is not None and plan.deadline.weekly_hours_needed is None


def test_finish_date_matches_the_full_schedule(tiny_catalog):
    person, _ = load_profile(profile())
    plan = generate_plan(person, catalog=tiny_catalog)
    hours = [a.hours for p in plan.phases for a in p.activities]
    assert finish_date(hours, build_calendar(person)) == plan.end


@settings(max_examples=60, deadline=None)
@given(
    weekly=st.sampled_from([2, 5, 7.5, 12]),
    days=st.integers(20, 400),
    hours=st.lists(st.floats(0.5, 40), min_size=1, max_size=8),
    period=st.booleans(),
)
def test_the_least_weekly_hours_are_the_first_that_meet_the_deadline(weekly, days, hours, period):
    """The search (which skips hours too few to fit the work) agrees with trying every
    quarter hour from the bottom."""
    extra = {}
    if period:
        extra["periods"] = [{"start": "2027-02-01", "end": "2027-03-31", "weekly_hours": 20}]
    person, _ = load_profile(profile(weekly_hours=weekly, **extra))
    calendar = build_calendar(person)
    deadline = calendar.start + dt.timedelta(days=days)
    found = least_weekly_hours(hours, calendar, deadline)
    first = None
    for steps in range(1, 100 * 4 + 1):
        end = finish_date(hours, calendar.scaled(steps / 4))
        if end is not None and end <= deadline:
            first = steps / 4
            break
    assert found == first


@settings(max_examples=150, deadline=None)
@given(
    hours=st.lists(
        st.one_of(st.floats(0, 30), st.sampled_from([0.0, 1e-12, 1 / 3, 2 / 3, 3.0])),
        min_size=1,
        max_size=12,
    ),
    weekly=st.sampled_from([0.5, 1, 3, 7.5, 15]),
    days=st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1,
                  max_size=7, unique=True),
    off=st.booleans(),
)  # fmt: skip
def test_finish_date_is_the_full_schedules_end_for_any_work(hours, weekly, days, off):
    extra = {"time_off": [{"start": "2027-01-06", "end": "2027-01-20"}]} if off else {}
    person, _ = load_profile(profile(weekly_hours=weekly, study_days=days, **extra))
    calendar = build_calendar(person)
    try:
        expected = schedule(hours, calendar).end
    except HorizonExceeded:
        expected = None
    assert finish_date(hours, calendar) == expected
