"""Numbers that agree: weeks counted from the first study day, each day off counted
once, hours rounded one way everywhere, no float noise in the JSON."""

from __future__ import annotations

import json

from conftest import profile

from roadmap_engine import generate_plan, render
from roadmap_engine.writers.filters import hours, number


def test_halves_round_up_the_same_way_for_every_number():
    assert hours(8.75) == "8.8 h"
    assert hours(96.25) == "96.3 h"
    assert hours(0.05) == "0.1 h"
    assert hours(15.0) == "15 h"
    assert number(7.800000000000001) == "7.8"


def test_weeks_count_from_the_first_study_day(tiny_catalog):
    # Monday start, but the first study day is two weeks later
    late = profile(
        start_date="2027-01-04",
        time_off=[{"start": "2027-01-04", "end": "2027-01-17", "reason": "Moving"}],
    )
    plan = generate_plan(late, catalog=tiny_catalog)
    assert plan.study_start.isoformat() == "2027-01-18"
    assert plan.calendar_weeks[0].start == plan.study_start
    on_time = generate_plan(profile(start_date="2027-01-18"), catalog=tiny_catalog)
    assert plan.weeks == on_time.weeks == len(plan.calendar_weeks)
    assert plan.months == on_time.months


def test_a_holiday_inside_time_off_is_counted_once(tiny_catalog):
    person = profile(
        start_date="2027-12-20",
        holidays={"country": "US"},
        time_off=[{"start": "2027-12-24", "end": "2027-12-31", "reason": "Family"}],
    )
    plan = generate_plan(person, catalog=tiny_catalog)
    (span,) = plan.time_off
    # Fri 24 and Mon 27 to Fri 31 Dec: six weekdays of 2 h
    assert span.study_hours_lost == 12
    assert all(not (span.start <= h.date <= span.end) for h in plan.holidays)


def test_a_week_emptied_by_holidays_says_so_not_time_off(tiny_catalog):
    # study on Fridays only; Christmas Eve (observed) and New Year's Eve (observed)
    person = profile(
        start_date="2021-12-17",
        weekly_hours=5,
        study_days=["fri"],
        holidays={"country": "US"},
    )
    plan = generate_plan(person, catalog=tiny_catalog)
    empty = [w for w in plan.calendar_weeks if w.hours == 0]
    assert empty and all(w.holidays and not w.time_off for w in empty)
    text = render(plan, "md")
    assert "no study: public holiday" in text and "time off" not in text


def test_the_json_has_no_float_noise(tiny_catalog):
    plan = generate_plan(profile(weekly_hours=7.8, review_buffer=0.1), catalog=tiny_catalog)
    data = render(plan, "json")

    def floats(node):
        if isinstance(node, float):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from floats(value)
        elif isinstance(node, list):
            for value in node:
                yield from floats(value)

    for value in floats(json.loads(data)):
        assert value == round(value, 4), value
