"""Real calendars: periods, public holidays, review buffers, locales, what-if, deadlines."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from conftest import profile

from roadmap_engine import ProfileError, generate_plan, render
from roadmap_engine._calendar import build_calendar
from roadmap_engine.inputs.profile import load_profile


def hours_by_date(plan):
    out: dict[dt.date, float] = {}
    for s in plan.sessions:
        out[s.date] = out.get(s.date, 0) + s.hours
    return out


def test_a_period_changes_the_hours_of_its_dates(tiny_catalog):
    period = {"start": "2027-01-11", "end": "2027-01-17", "hours_per_weekday": {"sat": 6}}
    plan = generate_plan(profile(periods=[period]), catalog=tiny_catalog)
    used = hours_by_date(plan)
    assert used[dt.date(2027, 1, 16)] == 6  # Saturday inside the period
    assert dt.date(2027, 1, 11) not in used  # a Monday inside it has no hours
    assert used[dt.date(2027, 1, 18)] == 2  # back to the usual week
    assert plan.periods[0].weekly_hours == 6


def test_public_holidays_get_no_study(tiny_catalog):
    plan = generate_plan(profile(holidays={"country": "US"}), catalog=tiny_catalog)
    mlk_day = dt.date(2027, 1, 18)
    assert mlk_day not in hours_by_date(plan)
    assert any(h.date == mlk_day and h.study_hours_lost == 2 for h in plan.holidays)


def test_an_unknown_country_or_subdivision_is_a_profile_error():
    with pytest.raises(ProfileError, match="no public holidays are known for country 'QQ'"):
        load_profile(profile(holidays={"country": "QQ"}))
    with pytest.raises(ProfileError, match="US has no subdivision 'ZZ'"):
        load_profile(profile(holidays={"country": "US", "subdivision": "ZZ"}))


def test_a_review_buffer_adds_a_share_of_each_phase(tiny_catalog):
    plain = generate_plan(profile(), catalog=tiny_catalog)
    buffered = generate_plan(profile(review_buffer=0.2), catalog=tiny_catalog)
    for before, after in zip(plain.phases, buffered.phases, strict=True):
        review = after.activities[-1]
        assert review.kind == "review"
        assert review.hours == pytest.approx(before.hours * 0.2)
    assert buffered.total_hours == pytest.approx(plain.total_hours * 1.2)


def test_dates_follow_the_locale_and_style(tiny_catalog):
    iso = render(generate_plan(profile(), catalog=tiny_catalog), "md")
    # without a locale: human English dates, never ISO, in the document
    prose = iso.split("```mermaid")[0] + iso.split("```mermaid")[1].split("```", 1)[1]
    assert ": Mon 4 Jan 2027 to Wed" in prose and "2027-01-04" not in prose  # ISO only in the chart
    british = render(generate_plan(profile(locale="en_GB"), catalog=tiny_catalog), "md")
    assert ": 4 Jan 2027 to" in british
    german = render(
        generate_plan(profile(locale="de-DE", date_style="long"), catalog=tiny_catalog), "md"
    )
    assert ": 4. Januar 2027 to" in german
    html = render(generate_plan(profile(locale="en_US"), catalog=tiny_catalog), "html")
    assert '<time datetime="2027-01-04">Jan 4' in html


def test_an_unknown_locale_is_a_profile_error():
    with pytest.raises(ProfileError, match="unknown locale 'xx_YY'"):
        load_profile(profile(locale="xx_YY"))


def test_what_if_rows_end_no_later_with_more_hours(tiny_catalog):
    plan = generate_plan(profile(weekly_hours=12, deadline="2027-02-20"), catalog=tiny_catalog)
    hours = [w.weekly_hours for w in plan.what_if]
    assert hours == [5, 10, 12, 15, 20]
    ends = [w.end for w in plan.what_if if w.end is not None]
    assert len(ends) == len(plan.what_if) and ends == sorted(ends, reverse=True)
    (own,) = [w for w in plan.what_if if w.weekly_hours == 12]
    assert plan.deadline is not None
    assert own.end == plan.end and own.meets_deadline == plan.deadline.met


def test_dropping_the_least_important_items_meets_the_deadline(tiny_catalog):
    plan = generate_plan(profile(deadline="2027-03-05"), catalog=tiny_catalog)
    check = plan.deadline
    assert check is not None and not check.met and check.end_if_dropped is not None
    dropped = {d.activity_id for d in check.drop_to_meet}
    assert dropped and check.end_if_dropped <= check.date
    kept = [a for p in plan.phases for a in p.activities if a.id not in dropped]
    for a in kept:
        assert dropped.isdisjoint(a.prerequisites)
    assert all(d.importance < 5 for d in check.drop_to_meet)
    person, _ = load_profile(profile())
    from roadmap_engine._schedule import finish_date

    assert finish_date([a.hours for a in kept], build_calendar(person)) == check.end_if_dropped


def test_sessions_of_a_day_follow_each_other_from_the_session_start(tiny_catalog):
    plan = generate_plan(profile(session_start="07:30"), catalog=tiny_catalog)
    first_day = [s for s in plan.sessions if s.date == plan.start]
    assert first_day[0].begins == dt.datetime(2027, 1, 4, 7, 30)
    for a, b in itertools.pairwise(first_day):
        assert a.ends == b.begins
    for s in plan.sessions:
        assert abs((s.ends - s.begins).total_seconds() - s.hours * 3600) <= 0.5
