"""Every ordered pair of distinct catalog roles plans, with every section filled."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import permutations

import pytest

from roadmap_engine import generate_plan, load_catalog, render

CATALOG = load_catalog()
PAIRS = list(permutations(sorted(CATALOG.roles), 2))


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_any_move_gives_a_sensible_plan(source, target):
    plan = generate_plan(
        {
            "name": "Pair Tester",
            "current_role": source,
            "target_role": target,
            "start_date": "2027-01-04",
            "weekly_hours": 12,
            "time_off": [{"start": "2027-03-01", "end": "2027-03-07"}],
        },
        catalog=CATALOG,
    )
    assert plan.overview and plan.phases and plan.faq and plan.calendar_weeks
    assert plan.reality_check.love and plan.reality_check.miss and plan.reality_check.challenges
    assert plan.start_now.this_week.scheduled or plan.start_now.this_week.actions
    assert plan.start <= plan.end <= plan.start + dt.timedelta(days=3 * 365)

    activities = [a for p in plan.phases for a in p.activities]
    ends = {a.id: a.end for a in activities}
    for a in activities:
        assert all(ends[p] <= a.start for p in a.prerequisites)
    used: dict[dt.date, float] = defaultdict(float)
    for s in plan.sessions:
        used[s.date] += s.hours
    assert all(h <= 12 / 5 + 1e-9 for h in used.values())
    assert not [d for d in used if dt.date(2027, 3, 1) <= d <= dt.date(2027, 3, 7)]
    assert abs(sum(used.values()) - plan.total_hours) < 1e-6
    held = {s.skill_id for s in plan.skipped}
    assert held.isdisjoint(a.id for a in activities)
    assert render(plan, "md").count("## ") >= 7
