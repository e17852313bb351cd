"""Changing the sample profile changes the plan the way a person expects."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import SAMPLE

from roadmap_engine import generate_plan, load_catalog


@pytest.fixture
def sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def test_at_15_hours_a_week_the_phases_match_the_reference_lengths(sample):
    sample.pop("time_off")
    plan = generate_plan(sample)
    assert [p.weeks for p in plan.phases] == [8, 6, 6, 4, 4]
    assert sum(p.weeks for p in plan.phases) == plan.weeks == len(plan.calendar_weeks)
    assert [p.title for p in plan.phases] == [
        "ML Foundations & Python Deep Dive",
        "Deep Learning & Framework Mastery",
        "MLOps & Production Systems",
        "Portfolio Development & Job Search",
        "Interview Preparation & Cloud ML",
    ]
    assert plan.title.endswith("Your 6-Month Transition Guide")


def test_more_hours_finish_sooner_and_fewer_later(sample):
    base = generate_plan(sample).end
    assert generate_plan({**sample, "weekly_hours": 25}).end < base
    assert generate_plan({**sample, "weekly_hours": 8}).end > base


def test_a_later_start_moves_every_date(sample):
    base = generate_plan({**sample, "time_off": []})
    later = generate_plan({**sample, "time_off": [], "start_date": "2027-03-01"})
    shift = dt.date(2027, 3, 1) - base.start
    assert later.end - base.end == shift
    assert [p.start - q.start for p, q in zip(later.phases, base.phases, strict=True)] == [
        shift
    ] * len(base.phases)


def test_a_skill_already_held_is_left_out_and_a_partial_one_shortened(sample):
    base = generate_plan(sample)
    assert "statistics" in {s.skill_id for s in base.skills_to_learn}
    mastered = generate_plan({**sample, "skills": {**sample["skills"], "statistics": "advanced"}})
    assert "statistics" not in {s.skill_id for s in mastered.skills_to_learn}
    assert "statistics" in {s.skill_id for s in mastered.skipped}
    partial = generate_plan({**sample, "skills": {**sample["skills"], "stats": "basic"}})
    (stats,) = [s for s in partial.skills_to_learn if s.skill_id == "statistics"]
    assert stats.hours == stats.full_hours - load_catalog().skills["statistics"].hours["basic"]
    (base_stats,) = [s for s in base.skills_to_learn if s.skill_id == "statistics"]
    assert base.total_hours - partial.total_hours == base_stats.hours - stats.hours
    assert mastered.end < partial.end < base.end


def test_time_off_pushes_the_end_back_by_the_study_days_it_takes(sample):
    without = generate_plan({**sample, "time_off": []})
    with_off = generate_plan(sample)  # one Monday-Friday week off
    assert with_off.end == without.end + dt.timedelta(days=7)
    assert with_off.time_off[0].study_hours_lost == 15
    assert not [
        s for s in with_off.sessions if dt.date(2027, 4, 5) <= s.date <= dt.date(2027, 4, 9)
    ]


def test_free_budget_keeps_only_free_resources(sample):
    plan = generate_plan({**sample, "budget": "free"})
    acts = [a for p in plan.phases for a in p.activities]
    resources = [
        r
        for a in acts
        for r in (a.alternatives + ((a.recommended.resource,) if a.recommended else ()))
    ]
    assert resources and all(r.cost in ("free", "free-to-audit") for r in resources)
    assert plan.money.total_usd == 0 and not plan.money.paid
    # the exam it cannot pay for is left out, and the plan says so
    assert "mle-cloud-ml-certification" not in {a.id for a in acts}
    assert [x.title for x in plan.money.left_out] == [
        "Pass a cloud machine learning certification exam"
    ]
    capped = generate_plan({**sample, "budget": 160})
    assert capped.money.total_usd <= 160
    assert "mle-cloud-ml-certification" in {a.id for p in capped.phases for a in p.activities}


def test_start_now_windows_come_from_the_dated_schedule(sample):
    plan = generate_plan(sample)
    week, month, later = (
        plan.start_now.this_week,
        plan.start_now.this_month,
        plan.start_now.next_90_days,
    )
    assert week.start == plan.start and week.end == plan.start + dt.timedelta(days=6)
    assert [s.activity_id for s in week.scheduled] == [plan.phases[0].activities[0].id]
    # the month goes on from the week: statistics continues, without a second first step
    assert (month.start, month.end) == (dt.date(2027, 1, 11), dt.date(2027, 2, 3))
    carried = month.scheduled[0]
    assert carried.activity_id == "statistics" and carried.continued and not carried.first_step
    assert carried.hours == 15
    assert later.start == dt.date(2027, 2, 4) and later.end == dt.date(2027, 4, 3)
    # every booked hour is in exactly one window
    first_90 = [s for s in plan.sessions if s.date <= later.end]
    assert sum(w.hours for w in (week, month, later)) == sum(s.hours for s in first_90)
