"""Gap, order and schedule, each checked on small hand-made cases."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import profile

from roadmap_engine import ScheduleError, generate_plan
from roadmap_engine._calendar import StudyCalendar, build_calendar
from roadmap_engine._gap import find_gap
from roadmap_engine._order import order_work
from roadmap_engine._resolve import resolve
from roadmap_engine._schedule import HorizonExceeded, schedule
from roadmap_engine.inputs.profile import load_profile

MONDAY = dt.date(2027, 1, 4)


def gap_for(catalog, **overrides):
    person, source = load_profile(profile(**overrides))
    return find_gap(resolve(person, catalog, source), catalog)


def test_gap_adds_prerequisites_and_shortens_partly_known_skills(tiny_catalog):
    gap = gap_for(tiny_catalog)
    assert set(gap.needs) == {"advanced-topic", "middle", "basics", "side"}
    # basics: typical of the current role at "basic", needed at "intermediate": 10 - 4 h
    assert gap.needs["basics"].hours == pytest.approx(6.0)
    assert gap.needs["basics"].importance is None  # a prerequisite only


def test_gap_drops_mastered_skills_and_their_prerequisites(tiny_catalog):
    gap = gap_for(tiny_catalog, skills={"middle": "advanced"})
    assert set(gap.needs) == {"advanced-topic", "side"}
    assert [m.skill_id for m in gap.met] == ["middle"]


def test_an_explicit_none_overrides_the_current_roles_typical_level(tiny_catalog):
    gap = gap_for(tiny_catalog, skills={"basics": "none"})
    assert gap.needs["basics"].hours == 10
    assert "basics" not in gap.assumed


def test_order_puts_prerequisites_first_and_keeps_phases_contiguous(tiny_catalog):
    gap = gap_for(tiny_catalog)
    items = order_work(gap, tiny_catalog, "expert")
    ids = [i.id for i in items]
    assert ids == ["side", "basics", "middle", "advanced-topic", "capstone"]
    assert [i.phase for i in items] == sorted(i.phase for i in items)


def test_a_prerequisite_is_pulled_into_the_earliest_phase_that_needs_it(tiny_data):
    from roadmap_engine._catalog import catalog_from_data

    # side (phase one) now needs middle, which only phase two asks for
    tiny_data["skills.yaml"]["skills"][3]["prerequisites"] = ["middle"]
    catalog = catalog_from_data(tiny_data)
    items = order_work(gap_for(catalog), catalog, "expert")
    phases = {i.id: i.phase for i in items}
    assert phases["middle"] == phases["basics"] == phases["side"] == 0
    assert [i.id for i in items].index("middle") < [i.id for i in items].index("side")


def calendar(day_hours=(3, 3, 3, 3, 3, 0, 0), off=()):
    return StudyCalendar(MONDAY, tuple(day_hours), frozenset(d.toordinal() for d in off))


def test_leftover_hours_go_to_the_next_activity_on_the_same_date():
    result = schedule([4, 2, 3], calendar())
    assert result.sessions == [
        (MONDAY, 0, 3),
        (dt.date(2027, 1, 5), 0, 1),
        (dt.date(2027, 1, 5), 1, 2),
        (dt.date(2027, 1, 6), 2, 3),
    ]
    assert result.spans == [
        (MONDAY, dt.date(2027, 1, 5)),
        (dt.date(2027, 1, 5), dt.date(2027, 1, 5)),
        (dt.date(2027, 1, 6), dt.date(2027, 1, 6)),
    ]


def test_weekends_and_time_off_get_no_hours():
    off = [dt.date(2027, 1, 5), dt.date(2027, 1, 6)]
    result = schedule([9], calendar(off=off))
    days = [d for d, _, _ in result.sessions]
    assert days == [MONDAY, dt.date(2027, 1, 7), dt.date(2027, 1, 8)]


def test_fractional_hours_are_not_rounded():
    result = schedule([10], calendar(day_hours=(10 / 3,) * 3 + (0,) * 4))
    assert [d.weekday() for d, _, _ in result.sessions] == [0, 1, 2]
    assert sum(h for _, _, h in result.sessions) == pytest.approx(10)


def test_the_calendar_stops_at_the_horizon():
    with pytest.raises(HorizonExceeded):
        schedule([10_000], calendar(day_hours=(0.1, 0, 0, 0, 0, 0, 0)))


def test_a_plan_beyond_ten_years_names_the_input_and_a_fix(tiny_catalog):
    with pytest.raises(ScheduleError) as info:
        generate_plan(profile(weekly_hours=0.01), catalog=tiny_catalog)
    message = str(info.value)
    assert "weekly_hours: at 0.01 hours a week" in message
    assert "would take more than 10 years" in message
    assert "Give at least" in message


def test_time_off_covering_every_study_day_is_refused(tiny_catalog):
    off = [{"start": "2027-01-01", "end": "2040-01-01"}]
    with pytest.raises(ScheduleError, match="time_off: the time off covers every study day"):
        generate_plan(profile(time_off=off), catalog=tiny_catalog)


def test_time_off_before_the_start_is_ignored():
    person, _ = load_profile(profile(time_off=[{"start": "2026-12-01", "end": "2026-12-31"}]))
    assert build_calendar(person).off == frozenset()


def test_the_suggested_weekly_hours_do_fit_in_the_horizon(tiny_data):
    from roadmap_engine._catalog import catalog_from_data

    for s in tiny_data["skills.yaml"]["skills"]:
        s["hours"] *= 40  # about 2,700 hours in all
    catalog = catalog_from_data(tiny_data)
    with pytest.raises(ScheduleError) as info:
        generate_plan(profile(weekly_hours=1), catalog=catalog)
    suggested = float(str(info.value).split("Give at least ")[1].split(" hours")[0])
    assert suggested > 1
    generate_plan(profile(weekly_hours=suggested), catalog=catalog)
    with pytest.raises(ScheduleError):
        generate_plan(profile(weekly_hours=suggested - 0.25), catalog=catalog)


def test_when_periods_hold_the_whole_horizon_more_weekly_hours_are_not_the_fix(tiny_data):
    from roadmap_engine._catalog import catalog_from_data

    for s in tiny_data["skills.yaml"]["skills"]:
        s["hours"] *= 40
    slow = [{"start": "2027-01-01", "end": "2040-01-01", "weekly_hours": 1}]
    with pytest.raises(ScheduleError) as info:
        generate_plan(profile(weekly_hours=20, periods=slow), catalog=catalog_from_data(tiny_data))
    assert "Shorten time_off, or give the periods more hours." in str(info.value)
    assert "Give at least" not in str(info.value)


def test_a_negligible_item_gets_a_date_but_no_session():
    result = schedule([3, 1e-12, 3], calendar())
    assert result.spans[1] == (dt.date(2027, 1, 5), dt.date(2027, 1, 5))
    assert [i for _, i, _ in result.sessions] == [0, 2]
