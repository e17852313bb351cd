"""Checks of a Plan's facts against each other, shared by the consistency and property tests."""

from __future__ import annotations

import datetime as dt
import itertools

from roadmap_engine import Plan


def plan_problems(plan: Plan) -> list[str]:
    """What in a plan's facts disagrees with itself: numbers, money, start-now windows."""
    problems = []
    acts = [a for p in plan.phases for a in p.activities]
    by_id = {a.id: a for a in acts}
    # numbers that agree: weeks, phases, hours
    if not (
        plan.weeks
        == len(plan.calendar_weeks)
        == plan.week_runs[-1].last
        == sum(p.weeks for p in plan.phases)
    ):
        problems.append("the week counts disagree")
    if plan.study_weeks != sum(1 for w in plan.calendar_weeks if w.hours > 0):
        problems.append("the study weeks disagree with the week table")
    if abs(plan.total_hours - sum(p.hours for p in plan.phases)) > 1e-6:
        problems.append("the phases' hours do not add up to the total")
    own = [w for w in plan.what_if if w.own]
    if len(own) != 1 or own[0].end != plan.end or own[0].weeks != plan.weeks:
        problems.append("the what-if row at the person's hours is not the plan")
    # money: one recommendation per item, within the budget, alternatives never summed
    money = plan.money
    recommended = [a.recommended for a in acts if a.recommended]
    no_charge = ("free", "free-to-audit")
    paid = [r for r in recommended if r.resource.cost not in no_charge]
    if abs(money.total_usd - sum(r.cost_usd or 0 for r in paid)) > 0.01:
        problems.append("the cost is not the sum of what is recommended")
    bought = [r for r in paid if r.paid_with is None or r.cost_usd]
    if len([line for line in money.paid if line.resource is not None]) != len(bought):
        problems.append("a recommended paid resource is missing from the cost lines")
    if money.budget == "free" and (
        paid or any(r.cost not in no_charge for a in acts for r in a.alternatives)
    ):
        problems.append("a free budget shows something paid")
    if money.budget == "amount":
        assert money.budget_usd is not None
        if (
            money.left_usd is None
            or abs(money.budget_usd - money.total_usd - money.left_usd) > 0.01
        ):
            problems.append("what the budget leaves is not the budget less the cost")
        if money.total_usd > money.budget_usd + 0.01:
            problems.append("the recommended cost exceeds the budget")
        if any(r.cost_usd is None for r in paid):
            problems.append("an unpriced resource is recommended under an amount")
    for a in acts:
        rec = a.recommended
        whole = rec and rec.resource.kind != "certification" and not rec.partial
        if whole and rec and rec.resource.hours > 1.5 * a.hours + 1e-9:
            problems.append(f"{a.title}: the resource is longer than the item yet not partial")
        exam_alternative = any(r.kind == "certification" for r in a.alternatives)
        if rec and exam_alternative and a.kind != "certification":
            problems.append(f"{a.title}: an exam offered beside a skill's resource")
    # networking runs through the plan and is never offered as something to drop
    if plan.deadline:
        for d in plan.deadline.drop_to_meet:
            if by_id[d.activity_id].kind == "networking" or d.importance == 5:
                problems.append(f"{d.title} is offered as something to drop")
    # a week without study names its real cause
    for week in plan.calendar_weeks:
        in_week = any(week.start <= s.date <= week.end for s in plan.sessions)
        if week.hours == 0 and in_week:
            problems.append(f"week {week.number} has sessions but no hours")
    # start now: windows follow each other; each lists exactly what the schedule
    # books in it, and introduces an item only in the window where it starts
    now = plan.start_now
    windows = (now.this_week, now.this_month, now.next_90_days)
    for before, after in itertools.pairwise(windows):
        if after.start != before.end + dt.timedelta(days=1):
            problems.append(f"{after.label} does not follow {before.label}")
    for window in windows:
        booked = sum(s.hours for s in plan.sessions if window.start <= s.date <= window.end)
        listed = sum(item.hours for item in window.scheduled)
        if abs(booked - window.hours) > 1e-6 or abs(listed - window.hours) > 1e-6:
            problems.append(f"{window.label}: its hours are not the schedule's")
        for item in window.scheduled:
            inside = sum(
                s.hours
                for s in plan.sessions
                if s.activity_id == item.activity_id and window.start <= s.date <= window.end
            )
            if inside <= 0 or abs(inside - item.hours) > 1e-6:
                problems.append(f"{window.label}: {item.title} is not scheduled as stated")
            act = by_id[item.activity_id]
            if item.continued != (act.start < window.start or act.hours_done > 0):
                problems.append(f"{window.label}: {item.title} is introduced in the wrong window")
            if item.continued and item.first_step:
                problems.append(f"{window.label}: a first step for work already under way")
    return problems
