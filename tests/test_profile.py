"""Profiles: validation messages name the file, the field, the value and a fix."""

from __future__ import annotations

import pytest
from conftest import profile, write_tree

from roadmap_engine import ProfileError, generate_plan, load_profile


def test_a_valid_profile_loads_from_a_file(tmp_path):
    path = write_tree(tmp_path, {"p.yaml": profile()}) / "p.yaml"
    person, source = load_profile(path)
    assert person.name == "Test Person"
    assert source == str(path)
    assert person.day_hours() == (2.0, 2.0, 2.0, 2.0, 2.0, 0.0, 0.0)


def test_hours_per_weekday_replaces_weekly_hours():
    person, _ = load_profile(
        profile(weekly_hours=None, hours_per_weekday={"Monday": 2, "wed": 2, "SAT": 5})
    )
    assert person.day_hours() == (2, 0, 2, 0, 0, 5, 0)
    assert person.hours_a_week == 9


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"weekly_hours": -3}, "weekly_hours: must be more than 0; raise it (got -3)"),
        ({"weekly_hours": 150}, "weekly_hours: must be at most 100; lower it (got 150)"),
        (
            {"weekly_hours": None},
            "weekly_hours: required: give weekly_hours (e.g. weekly_hours: 10)",
        ),
        (
            {"hours_per_weekday": {"mon": 3}},
            "hours_per_weekday: give weekly_hours or hours_per_weekday, not both",
        ),
        ({"study_days": ["mon", "funday"]}, "study_days[1]: must be one of 'mon', 'tue'"),
        ({"skills": {"python": "guru"}}, "skills.python: must be one of 'none', 'basic'"),
        (
            {"start_date": "2027-13-01"},
            "start_date: must be a date written YYYY-MM-DD, e.g. 2027-01-04 (got '2027-13-01')",
        ),
        (
            {"deadline": "2026-12-01"},
            "deadline: 2026-12-01 is not after start_date 2027-01-04; move the deadline later",
        ),
        (
            {"time_off": [{"start": "2027-02-10", "end": "2027-02-01"}]},
            "time_off[0].end: 2027-02-01 is before start 2027-02-10; swap them",
        ),
        (
            {"nmae": "typo"},
            "nmae: unknown field; remove it or check its spelling. Did you mean 'name'?",
        ),
    ],
)
def test_bad_fields_are_reported_with_path_value_and_fix(tmp_path, overrides, expected):
    path = write_tree(tmp_path, {"client.yaml": profile(**overrides)}) / "client.yaml"
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert str(path) in message
    assert expected in message


def test_every_problem_is_reported_at_once():
    with pytest.raises(ProfileError) as info:
        load_profile(profile(weekly_hours=-1, name="", extra=1))
    message = str(info.value)
    assert "weekly_hours" in message and "name" in message and "extra" in message


def test_malformed_yaml_names_line_and_column(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: A\nskills: [python\nweekly_hours: 3\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"broken\.yaml:3:\d+: invalid YAML"):
        load_profile(path)


def test_missing_file_is_a_profile_error(tmp_path):
    with pytest.raises(ProfileError, match=r"nowhere\.yaml: file not found"):
        load_profile(tmp_path / "nowhere.yaml")


def test_a_yaml_list_is_not_a_profile(tmp_path):
    path = write_tree(tmp_path, {"list.yaml": "- a\n- b\n"}) / "list.yaml"
    with pytest.raises(ProfileError, match="expected a mapping of profile fields"):
        load_profile(path)


def test_unknown_skill_and_role_suggest_the_nearest_ids(tiny_catalog):
    with pytest.raises(ProfileError) as info:
        generate_plan(profile(target_role="exprt", skills={"midle": "basic"}), catalog=tiny_catalog)
    message = str(info.value)
    assert "target_role: unknown role 'exprt'. Did you mean 'expert'?" in message
    assert "skills.midle: unknown skill 'midle'. Did you mean 'middle'" in message


def test_names_resolve_by_name_alias_and_any_case(tiny_catalog):
    plan = generate_plan(
        profile(current_role="STARTER", target_role="Expert", skills={"Advanced_Topic": "expert"}),
        catalog=tiny_catalog,
    )
    assert plan.target_role.id == "expert"
    assert "advanced-topic" not in {s.skill_id for s in plan.skills_to_learn}


def test_current_role_cannot_be_the_target(tiny_catalog):
    with pytest.raises(ProfileError, match="is the current role; choose a different target"):
        generate_plan(profile(target_role="starter"), catalog=tiny_catalog)


def test_an_empty_file_says_so(tmp_path):
    path = write_tree(tmp_path, {"empty.yaml": ""}) / "empty.yaml"
    with pytest.raises(ProfileError, match=r"empty\.yaml: the file is empty"):
        load_profile(path)
