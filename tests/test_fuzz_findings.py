"""Bugs the catalog fuzzing found, pinned as plain examples so they stay fixed."""

from __future__ import annotations

import copy

import icalendar
import pytest
from conftest import TINY, profile, req, skill, with_guides

from roadmap_engine import CatalogError, ProfileError, generate_plan, load_profile, render
from roadmap_engine._catalog import catalog_from_data


def test_review_items_cannot_share_an_id_with_a_skill_or_activity():
    data = copy.deepcopy(TINY)
    data["skills.yaml"]["skills"].append(skill("review-one", 5))
    data["roles.yaml"]["roles"][1]["requires"].append(req("review-one", phase="one"))
    data["roles.yaml"]["roles"][1]["activities"][0]["id"] = "review-two"
    plan = generate_plan(profile(review_buffer=0.1), catalog=catalog_from_data(with_guides(data)))
    ids = [a.id for phase in plan.phases for a in phase.activities]
    assert len(ids) == len(set(ids))
    assert {"review-one", "review-two", "review:one", "review:two"} <= set(ids)


def test_a_near_zero_item_never_breaks_the_deadline_advice():
    data = copy.deepcopy(TINY)
    target = data["roles.yaml"]["roles"][1]
    target["requires"] = [req("side", "basic", 1, "one")]
    target["activities"] = [
        {"id": i, "title": i, "kind": "project", "hours": h, "phase": "one", "importance": 1}
        | {"detail": "x"}
        for i, h in (("big", 1), ("tiny", 1e-12))
    ]
    person = profile(skills={"side": "basic"}, start_date="2025-01-01", deadline="2025-01-02")
    del person["weekly_hours"]
    person["hours_per_weekday"] = {"sun": 1}
    check = generate_plan(person, catalog=catalog_from_data(with_guides(data))).deadline
    assert check is not None and not check.met
    if check.end_if_dropped is not None:  # advice is given only when scheduling confirms it
        assert check.end_if_dropped <= check.date


@pytest.mark.parametrize(
    "value", ["!!int x", "!!float ten", "!!bool maybe", "!!timestamp x", "!!int ''"]
)
def test_a_value_that_does_not_fit_its_yaml_tag_is_a_clear_error(tmp_path, value):
    path = tmp_path / "client.yaml"
    path.write_text(f"name: {value}\n", encoding="utf-8")
    with pytest.raises(
        ProfileError,
        match=r"client\.yaml: invalid YAML: a value that looks like a date or number .*its tag",
    ):
        load_profile(path)


def test_a_key_with_a_line_break_stays_on_its_problem_line():
    with pytest.raises(CatalogError) as info:
        catalog_from_data({"a.yaml": {"a\nb": 1}})
    problems = str(info.value).splitlines()[1:]
    assert problems and all(line.startswith("a.yaml: ") for line in problems)


def test_a_title_with_a_line_break_gives_a_valid_calendar():
    data = copy.deepcopy(TINY)
    data["roles.yaml"]["roles"][0]["title"] = "Starter\n"
    text = render(generate_plan(profile(), catalog=catalog_from_data(with_guides(data))), "ics")
    calendar = icalendar.Calendar.from_ical(text)
    assert "Starter" in str(calendar["X-WR-CALNAME"])
