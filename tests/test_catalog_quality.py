"""The shipped catalog: big enough, complete, real-looking and never repetitive."""

from __future__ import annotations

from collections import Counter

import pytest

from roadmap_engine import generate_plan, load_catalog

CATALOG = load_catalog()
KINDS = {"course", "book", "docs", "project", "certification", "practice"}


def test_the_catalog_is_large_enough():
    assert len(CATALOG.roles) >= 12
    assert len(CATALOG.skills) >= 150


@pytest.mark.parametrize("skill", CATALOG.skills.values(), ids=lambda s: s.id)
def test_every_skill_is_complete(skill):
    assert skill.hours > 0 and skill.category and skill.summary and skill.applies
    assert skill.aliases, "people type other names; give at least one alias"
    assert len(skill.resources) >= 2
    assert any(r.cost == "free" for r in skill.resources), "every skill needs a free option"
    for r in skill.resources:
        assert r.title.strip() and r.provider.strip() and r.kind in KINDS and r.hours > 0
        assert r.url is None or r.url.scheme == "https"
        assert r.cost == "paid" or r.price_usd in (None, 0)


@pytest.mark.parametrize("role", CATALOG.roles.values(), ids=lambda r: r.id)
def test_every_role_is_complete(role):
    assert len(role.requires) >= 5 and role.typical_skills and role.overview
    assert len(role.phases) >= 3 and role.activities
    kinds = {a.kind for a in role.activities}
    assert len(kinds) >= 2, "career activities of more than one kind"
    rc = role.reality_check
    assert min(len(rc.love), len(rc.miss), len(rc.challenges)) >= 4
    assert len(role.faq) >= 3
    assert all(1 <= r.importance <= 5 for r in role.requires)


def test_no_two_roles_share_a_reality_check_line_or_an_faq_answer():
    lines = Counter(
        line
        for role in CATALOG.roles.values()
        for line in (
            *role.reality_check.love,
            *role.reality_check.miss,
            *role.reality_check.challenges,
        )
    )
    answers = Counter(q.answer for role in CATALOG.roles.values() for q in role.faq)
    assert [line for line, n in lines.items() if n > 1] == []
    assert [a for a, n in answers.items() if n > 1] == []


@pytest.mark.parametrize("target", sorted(CATALOG.roles))
def test_a_free_budget_still_gives_a_complete_plan(target):
    source = "teacher" if target != "teacher" else "accountant"
    plan = generate_plan(
        {
            "name": "Free Learner",
            "current_role": source,
            "target_role": target,
            "start_date": "2027-01-04",
            "weekly_hours": 10,
            "budget": "free",
        },
        catalog=CATALOG,
    )
    assert plan.skills_to_learn
    for skill in plan.skills_to_learn:
        assert skill.recommended and skill.recommended.resource.cost == "free"
        assert all(r.cost == "free" for r in skill.alternatives)
    # nothing paid is recommended; an essential exam whose fee is not listed is named as such
    assert plan.money.total_usd == 0
    assert all(line.resource is None for line in plan.money.paid)
