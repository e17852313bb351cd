"""What resources cost a plan, by cost kind, and hours by level."""

from __future__ import annotations

import copy
import math

from conftest import TINY, profile, resource

from roadmap_engine import generate_plan, render
from roadmap_engine._catalog import catalog_from_data


def catalog_with(uses: dict[str, list], extra: list[dict]):
    files = copy.deepcopy(TINY)
    files["guides.yaml"]["resources"] += extra
    for skill in files["skills.yaml"]["skills"]:
        if skill["id"] in uses:
            skill["resources"] = uses[skill["id"]]
    return catalog_from_data(files)


BOOK = {**resource("Big Book", cost="paid", hours=20), "price_usd": 40}
SCHOOL = {**resource("Monthly School", cost="subscription", hours=20), "price_usd": 30}
AUDIT = {
    **resource("Audit Course", cost="free-to-audit", hours=20),
    "price_usd": 49,
    "kind": "course",
}


def skill_plan(catalog, **overrides):
    plan = generate_plan(profile(**overrides), catalog=catalog)
    return plan, {s.skill_id: s for s in plan.skills_to_learn}


def test_a_book_recommended_for_two_skills_is_bought_once():
    catalog = catalog_with({"middle": ["big-book"], "advanced-topic": ["big-book"]}, [BOOK])
    plan, skills = skill_plan(catalog)
    buyer, user = sorted(
        (skills["advanced-topic"], skills["middle"]),
        key=lambda s: s.recommended.paid_with is not None,
    )
    assert buyer.recommended.cost_usd == 40 and buyer.recommended.paid_with is None
    assert user.recommended.cost_usd == 0 and user.recommended.paid_with == buyer.name
    assert plan.money.total_usd == 40 and len(plan.money.paid) == 1
    text = render(plan, "md")
    assert f"already paid for with “{buyer.name}”" in text
    assert "$80" not in text


def test_a_subscription_is_paid_once_for_the_months_it_runs():
    catalog = catalog_with(
        {"middle": ["monthly-school"], "advanced-topic": ["monthly-school"]}, [SCHOOL]
    )
    plan, skills = skill_plan(catalog)
    a, b = skills["middle"], skills["advanced-topic"]
    span = (max(a.end, b.end) - min(a.start, b.start)).days + 1
    months = math.ceil(span / 30)
    assert plan.money.total_usd == 30 * months
    assert sum(line.months or 0 for line in plan.money.paid) == months
    assert "a month" in render(plan, "md")


def test_a_course_free_to_audit_is_free_on_a_free_budget_and_says_what_is_paid():
    catalog = catalog_with({"middle": ["audit-course"]}, [AUDIT])
    plan, skills = skill_plan(catalog, budget="free")
    pick = skills["middle"].recommended
    assert pick.resource.cost == "free-to-audit" and pick.cost_usd == 0
    assert plan.money.total_usd == 0
    assert "free to audit ($49 for the certificate)" in render(plan, "md")


def test_a_paid_resource_beyond_the_budget_gives_way_to_a_free_one():
    catalog = catalog_with({"middle": ["big-book", "guide-middle"]}, [BOOK])
    plan, skills = skill_plan(catalog, budget=30)
    assert skills["middle"].recommended.resource.id == "guide-middle"
    assert plan.money.total_usd == 0


def test_hours_follow_the_level_needed_and_the_level_held():
    catalog = catalog_from_data(copy.deepcopy(TINY))
    topic = catalog.skills["advanced-topic"]  # 30 h to intermediate; the role asks advanced
    assert topic.hours == {"basic": 12, "intermediate": 30, "advanced": 60, "expert": 105}
    _, fresh = skill_plan(catalog)
    assert fresh["advanced-topic"].hours == 60
    _, head_start = skill_plan(catalog, skills={"advanced-topic": "basic"})
    assert head_start["advanced-topic"].hours == 60 - 12
    assert head_start["advanced-topic"].full_hours == 60


def test_a_resource_much_shorter_than_its_skill_says_the_rest_is_practice():
    catalog = catalog_from_data(copy.deepcopy(TINY))  # every guide takes 5 h
    plan, skills = skill_plan(catalog)
    topic = skills["advanced-topic"]  # 60 h to advanced
    assert topic.recommended is not None and topic.recommended.short
    text = render(plan, "md")
    assert "about 5 h, then practice what it teaches for the rest of the 60 h" in text
    fitting = [s for s in skills.values() if s.hours <= 1.5 * 5]
    assert fitting and all(not s.recommended.short for s in fitting)
