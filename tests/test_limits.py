"""Bounded work: absurd inputs are refused quickly, by a message naming the limit."""

from __future__ import annotations

import time

import pytest
import yaml
from conftest import TINY, profile, write_tree

from roadmap_engine import (
    CatalogError,
    ProfileError,
    _limits,
    generate_plan,
    load_catalog,
    load_profile,
)
from roadmap_engine._catalog import catalog_from_data

PROFILE_YAML = yaml.safe_dump(profile())


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": each line repeats the one before ten times."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_a_profile_is_refused_at_once(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(PROFILE_YAML + alias_bomb(), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert time.perf_counter() - started < 5  # a generous bound; unbounded would never end
    message = str(info.value)
    assert str(path) in message
    assert "YAML aliases expand its" in message and "over the limit" in message


def test_an_alias_bomb_in_a_catalog_file_is_refused(tmp_path):
    folder = write_tree(tmp_path / "cat", {"bomb.yaml": alias_bomb()})
    with pytest.raises(CatalogError, match=r"bomb\.yaml: YAML aliases expand"):
        load_catalog(folder)


def test_a_recursive_alias_is_refused_with_its_line(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text(PROFILE_YAML + "extra: &a [1, *a]\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"loop\.yaml:\d+:\d+: a YAML alias refers to"):
        load_profile(path)


def test_modest_aliases_are_still_welcome(tmp_path):
    # anchors reused a few times are ordinary YAML and must keep working
    text = PROFILE_YAML.replace("weekly_hours: 10", "weekly_hours: &h 10")
    text += "time_off:\n- {start: 2027-02-01, end: 2027-02-03, reason: &r trip}\n"
    text += "- {start: 2027-03-01, end: 2027-03-02, reason: *r}\n"
    path = tmp_path / "anchors.yaml"
    path.write_text(text, encoding="utf-8")
    person, _ = load_profile(path)
    assert [t.reason for t in person.time_off] == ["trip", "trip"]


def test_deep_nesting_is_a_yaml_error_not_a_crash(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("name: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"deep\.yaml:1:\d+: invalid YAML"):
        load_profile(path)


def test_a_giant_profile_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "giant.yaml"
    path.write_text(PROFILE_YAML + "# " + "x" * _limits.PROFILE_FILE_BYTES + "\n")
    with pytest.raises(
        ProfileError, match=r"giant\.yaml: the file is [\d,]+ bytes, over the limit"
    ):
        load_profile(path)


def test_a_giant_catalog_folder_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    folder = write_tree(tmp_path / "cat", TINY)
    monkeypatch.setattr(_limits, "CATALOG_FOLDER_BYTES", 1_000)
    with pytest.raises(CatalogError, match=r"the YAML files add up to [\d,]+ bytes, over the"):
        load_catalog(folder, replace=True)


def test_a_giant_catalog_file_is_refused(tmp_path, monkeypatch):
    folder = write_tree(tmp_path / "cat", TINY)
    monkeypatch.setattr(_limits, "CATALOG_FILE_BYTES", 500)
    with pytest.raises(CatalogError, match=r"skills\.yaml: the file is [\d,]+ bytes"):
        load_catalog(folder, replace=True)


def test_a_folder_of_too_many_files_is_refused(tmp_path, monkeypatch):
    folder = write_tree(tmp_path / "cat", TINY)
    for i in range(5):
        (folder / f"empty-{i}.yaml").write_text("")
    monkeypatch.setattr(_limits, "CATALOG_FILES", 4)
    # the tiny catalog's three files (skills, roles, guides) and the five empty ones
    with pytest.raises(CatalogError, match=r"8 YAML files, over the limit of 4"):
        load_catalog(folder, replace=True)


def test_giant_strings_are_refused_quickly_and_shown_short(tiny_catalog):
    started = time.perf_counter()
    with pytest.raises(ProfileError) as info:
        generate_plan(profile(name="x" * 5_000_000), catalog=tiny_catalog)
    assert time.perf_counter() - started < 5
    message = str(info.value)
    assert "name: is too long (at most 200 characters); shorten it" in message
    assert len(message) < 300


def test_too_many_listed_skills_are_refused(tiny_catalog):
    many = {f"skill-{i}": "basic" for i in range(_limits.PROFILE_LIST_ITEMS + 1)}
    with pytest.raises(ProfileError, match=r"skills: has 1001 items, over the limit of 1000"):
        generate_plan(profile(skills=many), catalog=tiny_catalog)


def test_a_self_nested_value_is_an_error_not_a_crash(tiny_catalog):
    nested: list = []
    nested.append(nested)
    with pytest.raises(ProfileError, match="name: must be text"):
        generate_plan(profile(name=nested), catalog=tiny_catalog)


def test_a_giant_alias_in_a_catalog_built_in_code_is_still_checked():
    # catalog_from_data takes parsed data; absurd sizes there fail validation, not memory
    data = {"x.yaml": {"skills": [{"id": "a", "aliases": ["n"] * 51}]}}
    with pytest.raises(CatalogError, match=r"x\.yaml: skills\[0\]\.aliases: has 51 items"):
        catalog_from_data(data)
