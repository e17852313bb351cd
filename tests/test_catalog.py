"""The catalog: the shipped one is valid; planted faults are refused with names."""

from __future__ import annotations

import pytest
from conftest import TINY, req, role, skill, write_tree

from roadmap_engine import CatalogError, load_catalog
from roadmap_engine._catalog import catalog_from_data


def test_the_shipped_catalog_loads_and_is_cached():
    first = load_catalog()
    assert "machine-learning-engineer" in first.roles
    assert "software-engineer" in first.roles
    assert load_catalog() is first


def test_skills_are_found_by_id_name_or_alias_in_any_case():
    catalog = load_catalog()
    assert catalog.find_skill("PyTorch") == "deep-learning-frameworks"
    assert catalog.find_skill("sklearn") == "machine-learning"
    assert catalog.find_role("ML Engineer") == "machine-learning-engineer"
    assert catalog.find_skill("no such thing") is None


def test_a_prerequisite_cycle_is_refused_showing_the_cycle(tiny_data):
    tiny_data["skills.yaml"]["skills"][0]["prerequisites"] = ["advanced-topic"]
    with pytest.raises(CatalogError) as info:
        catalog_from_data(tiny_data)
    assert "prerequisite cycle advanced-topic -> basics -> middle -> advanced-topic" in str(
        info.value
    )


def test_dangling_references_are_all_reported(tiny_data):
    tiny_data["skills.yaml"]["skills"][1]["prerequisites"] = ["basic"]
    tiny_data["roles.yaml"]["roles"][1]["requires"].append(req("ghost"))
    tiny_data["roles.yaml"]["roles"][1]["requires"].append(req("side", phase="three"))
    with pytest.raises(CatalogError) as info:
        catalog_from_data(tiny_data)
    message = str(info.value)
    assert (
        "skills.yaml: skill 'middle': unknown prerequisite 'basic'. Did you mean 'basics'?"
        in message
    )
    assert "roles.yaml: role 'expert': unknown required skill 'ghost'" in message
    assert "roles.yaml: role 'expert': required skill 'side' is listed twice" in message
    assert "unknown phase 'three'" in message


def test_a_duplicate_id_names_both_files(tmp_path):
    folder = write_tree(
        tmp_path,
        {
            "a.yaml": TINY["skills.yaml"],
            "b.yaml": {"skills": [skill("side", 3)]},
            "roles.yaml": TINY["roles.yaml"],
        },
    )
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    message = str(info.value)
    assert "b.yaml: duplicate skill id 'side', also defined in" in message
    assert "a.yaml" in message


def test_a_coach_folder_adds_and_replaces_items(tmp_path):
    folder = write_tree(
        tmp_path,
        {
            "extra.yaml": {
                "skills": [skill("sql", 99)],
                "roles": [role("florist", [req("sql")])],
            }
        },
    )
    catalog = load_catalog(folder)
    assert catalog.skills["sql"].hours_to("intermediate") == 99
    assert "florist" in catalog.roles
    assert "machine-learning-engineer" in catalog.roles


def test_schema_errors_name_the_file_and_field(tmp_path):
    bad = {"skills": [{**skill("x", 1), "hours": -1, "colour": "red"}]}
    folder = write_tree(tmp_path, {"bad.yaml": bad})
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    message = str(info.value)
    assert "bad.yaml: skills[0].hours: hours must be above 0 and at most 2000" in message
    assert "bad.yaml: skills[0].colour: unknown field" in message


def test_a_missing_folder_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="catalog folder not found"):
        load_catalog(tmp_path / "missing")


def test_every_shipped_resource_is_complete_and_every_skill_has_a_free_one():
    catalog = load_catalog()
    for s in catalog.skills.values():
        offers = catalog.offers(s.resources)
        assert len(offers) >= 2, s.id
        assert any(o.resource.cost in ("free", "free-to-audit") for o in offers), s.id
        for o in offers:
            assert o.resource.title and o.resource.provider and o.hours > 0
            if o.resource.url is not None:
                assert o.resource.url.scheme == "https", (s.id, o.resource.id)


def test_an_empty_catalog_names_its_folder_and_what_is_missing(tmp_path):
    folder = write_tree(tmp_path / "empty", {"x.yaml": "", "y.yaml": {"skills": []}})
    with pytest.raises(CatalogError) as info:
        load_catalog(folder, replace=True)
    assert f"{folder}: the catalog has no skills and roles; add a 'skills:'" in str(info.value)
    with pytest.raises(CatalogError, match=r"s\.yaml: the catalog has no roles"):
        catalog_from_data({"s.yaml": {"skills": [skill("a", 1)]}})
