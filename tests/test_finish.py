"""End dates by bisecting cumulative capacity agree with the full scheduler, always."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from roadmap_engine._calendar import HORIZON_DAYS, StudyCalendar
from roadmap_engine._finish import FinishDates
from roadmap_engine._schedule import HorizonExceeded, finish_date, schedule

START = dt.date(2027, 1, 4)

nice_hours = st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 7.75, 40.0])
any_hours = st.one_of(
    nice_hours,
    st.floats(0, 60, allow_nan=False),
    st.sampled_from([1e-12, 1e-9, 2e-9, 1 / 3, 2 / 3, 0.1, 0.2, 0.7, 2.4]),
)
weeks = st.lists(st.one_of(nice_hours, any_hours), min_size=7, max_size=7).filter(
    lambda w: sum(w) > 0
)


whole_weeks = st.lists(nice_hours, min_size=7, max_size=7).filter(lambda w: sum(w) > 0)
"""Weeks whose hours the deadline search counts in exact units."""


@st.composite
def calendars(draw, weeks=weeks) -> StudyCalendar:
    start = START + dt.timedelta(days=draw(st.integers(0, 6)))
    day_hours = tuple(draw(weeks))
    off_spans = draw(st.lists(st.tuples(st.integers(0, 800), st.integers(0, 60)), max_size=3))
    off = {start.toordinal() + a + k for a, n in off_spans for k in range(n)}
    periods = []
    for first, length, week in draw(
        st.lists(st.tuples(st.integers(0, 700), st.integers(0, 200), weeks), max_size=2)
    ):
        lo = start.toordinal() + first
        periods.append((lo, lo + length, tuple(week)))
    return StudyCalendar(start, day_hours, frozenset(off), tuple(periods))


weekly = st.one_of(
    st.integers(1, 400).map(lambda steps: steps / 4),  # the deadline search's quarter hours
    st.sampled_from([5.0, 10.0, 15.0, 20.0]),  # the what-if rows
    st.floats(0.01, 100, allow_nan=False),
)


def scheduler_end(hours, calendar):
    try:
        return schedule(hours, calendar).end
    except HorizonExceeded:
        return None


@settings(max_examples=400, deadline=None)
@given(
    calendar=calendars(),
    hours=st.lists(any_hours, min_size=1, max_size=12),
    weeklies=st.lists(weekly, min_size=1, max_size=6),
)
@example(  # the work fills the last date exactly, then an empty item takes the next one
    calendar=StudyCalendar(START, (1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0), frozenset()),
    hours=[3.0, 2.0, 0.0],
    weeklies=[5.0, 10.0, 2.5],
)
@example(  # thirds add up to a whole date only up to float noise
    calendar=StudyCalendar(START, (1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0), frozenset()),
    hours=[1 / 3, 1 / 3, 1 / 3, 1.0, 0.0],
    weeklies=[1.0, 3.0, 0.3],
)
def test_the_end_is_the_full_schedules_end(calendar, hours, weeklies):
    finder = FinishDates(calendar)  # one finder, many questions, as in a plan
    for weekly_hours in weeklies:
        scaled = calendar.scaled(weekly_hours)
        expected = scheduler_end(hours, scaled)
        assert finish_date(hours, scaled) == expected
        assert finder.end(hours, weekly_hours) == expected


@pytest.mark.parametrize("extra", [-0.25, 0.0, 0.25])
def test_work_at_the_edge_of_the_horizon(extra):
    """Work that just fits in ten years, exactly fills them, or just does not."""
    calendar = StudyCalendar(START, (1.0,) * 7, frozenset())
    hours = [HORIZON_DAYS / 2, HORIZON_DAYS / 2 + extra]
    expected = scheduler_end(hours, calendar)
    assert (expected is None) == (extra > 0)
    assert FinishDates(calendar).end(hours, 7.0) == expected
    assert FinishDates(calendar).end([*hours, 0.0], 7.0) == scheduler_end([*hours, 0.0], calendar)


@settings(max_examples=400, deadline=None)
@given(
    calendar=calendars(),
    hours=st.lists(any_hours, max_size=12),
    weekly_hours=weekly,
    offset=st.one_of(st.integers(-5, 900), st.integers(HORIZON_DAYS - 10, HORIZON_DAYS + 10)),
)
@example(calendar=StudyCalendar(START, (1.0,) * 7, frozenset(), ()), hours=[1.0, 0.0],
         weekly_hours=7.0, offset=0)  # fmt: skip
@example(calendar=StudyCalendar(START, (1.0,) * 7, frozenset(), ()), hours=[0.0],
         weekly_hours=7.0, offset=0)  # fmt: skip
def test_ends_by_says_whether_the_end_is_on_or_before_a_date(calendar, hours, weekly_hours, offset):
    """The deadline search's one-count answer agrees with the end date, and so with
    the scheduler, on every date: before the start, near the end, past the horizon."""
    finder = FinishDates(calendar)
    day = calendar.start + dt.timedelta(days=offset)
    end = finder.end(hours, weekly_hours)
    assert finder.ends_by(hours, weekly_hours, day) == (end is not None and end <= day)
    if end is not None:
        assert finder.ends_by(hours, weekly_hours, end)
        assert not finder.ends_by(hours, weekly_hours, end - dt.timedelta(days=1))


@settings(max_examples=300, deadline=None)
@given(
    calendar=st.one_of(calendars(), calendars(whole_weeks)),
    offset=st.one_of(st.integers(-5, 900), st.integers(HORIZON_DAYS - 10, HORIZON_DAYS + 10)),
)
@example(calendar=StudyCalendar(START, (1.0,) * 7, frozenset(), ()), offset=-1)
def test_counted_hours_are_the_walked_hours(calendar, offset):
    """The deadline search counts the hours up to a date instead of walking the dates:
    whenever it can count (every week's hours whole units), it gets the walked sums."""
    finder = FinishDates(calendar)
    day = calendar.start + dt.timedelta(days=offset)
    assert finder.hours_until(day) == calendar.hours_until(day)
    assert finder.hours_by_kind(day) == calendar.hours_until_by_kind(day)
    whole = all(h * 4 == int(h * 4) for h in calendar.day_hours) and all(
        h * 4 == int(h * 4) for _, _, week in calendar.periods for h in week
    )
    if whole:  # quarter hours are whole units: the counts must answer
        assert finder.counts_hours


@settings(max_examples=200, deadline=None)
@given(calendar=calendars(), skip=st.integers(0, 900), days=st.integers(0, 400))
def test_usual_hours_in_one_pass_are_each_dates_usual_hours(calendar, skip, days):
    first = calendar.start + dt.timedelta(days=skip)
    expected = [calendar.usual_hours(first + dt.timedelta(days=k)) for k in range(days)]
    assert calendar.usual_hours_from(first, days) == expected
