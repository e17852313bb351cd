"""`roadmap catalog check --strict`: every kind of quality fault, planted once, is named
with its file and a fix; the shipped catalog has none."""

from __future__ import annotations

import copy

from conftest import TINY, resource, write_tree

from roadmap_engine import load_catalog
from roadmap_engine._catalog_quality import quality_warnings
from roadmap_engine._cli import main


def planted() -> dict:
    """The tiny catalog with one fault of each kind the quality check knows."""
    files = copy.deepcopy(TINY)
    files["guides.yaml"]["resources"] += [
        {
            **resource("Long Course", hours=90),
            "kind": "course",
            "url": "https://example.org/c/long",
        },
        {**resource("Pricey Book", cost="paid", hours=5), "url": "https://example.org/b/pricey"},
        {
            **resource("Audit Course", cost="free-to-audit", hours=5),
            "kind": "course",
            "url": "https://example.org/c/audit",
        },
        {**resource("Bare Course", hours=5), "kind": "course"},
        {**resource("Home Docs", hours=5), "kind": "docs", "url": "https://docs.example.org/"},
        {
            **resource("Found Docs", hours=5),
            "kind": "docs",
            "url": "https://example.org/search?q=side",
        },
        {**resource("Twin Guide", hours=5), "url": "https://example.org/b/twin"},
        {
            **resource("Twin Guide", hours=6, rid="twin-guide-again"),
            "url": "https://example.org/b/twin2",
        },
        {
            **resource("Dated Exam", cost="exam", hours=5),
            "kind": "certification",
            "price_usd": 100,
            "url": "https://example.org/x/dated",
        },
        {**resource("Orphan Guide", hours=5), "url": "https://example.org/b/orphan"},
    ]
    skills = files["skills.yaml"]["skills"]
    skills[3]["hours"] = 10  # the tiny catalog's own two faults, mended
    files["roles.yaml"]["roles"][0]["phases"] = files["roles.yaml"]["roles"][0]["phases"][:1]
    skills[0]["resources"] += ["long-course", "pricey-book", "audit-course", "bare-course"]
    skills[1]["resources"] += ["home-docs", "found-docs", "twin-guide", "twin-guide-again"]
    skills[2]["resources"] += ["dated-exam"]
    skills.append(
        {**copy.deepcopy(skills[3]), "id": "lonely", "name": "Lonely", "resources": ["guide-side"]}
    )
    roles = files["roles.yaml"]["roles"]
    roles[1]["requires"].append(
        {"skill": "middle", "level": "none", "importance": 1, "phase": "one"}
    )
    roles[1]["phases"].append({"id": "idle", "title": "Idle", "summary": "Nothing here."})
    assert "typical_skills" not in roles[1]  # the expert role is never a starting point
    return files


EXPECTED = [
    "skill 'basics': resource 'long-course' takes 90 h, over 1.5 times the skill's",
    "resource 'pricey-book': cost paid without a price; add price_usd",
    "resource 'audit-course': cost free-to-audit without a price; add price_usd (the "
    "certificate's price",
    "resource 'bare-course': a course without a url",
    "resource 'home-docs': url 'https://docs.example.org/' is a site's home page",
    "resource 'found-docs': url 'https://example.org/search?q=side' is a search page",
    "resources 'twin-guide', 'twin-guide-again' share a title: one resource defined twice",
    "resource 'dated-exam': price_usd 100 without a 'checked' date",
    "role 'expert': requirement 'middle' at level none asks for nothing; it is a "
    "prerequisite of advanced-topic",
    "skill 'lonely': never used",
    "resource 'orphan-guide': never used",
    "role 'expert': phase 'idle' is never used",
    "role 'expert': never used as a starting point: no typical_skills",
]


def test_strict_names_every_planted_fault_with_its_file_and_fails(tmp_path, capsys):
    folder = write_tree(tmp_path / "coach", planted())
    assert main(["catalog", "check", str(folder), "--replace-catalog", "--strict"]) == 1
    err = capsys.readouterr().err
    for fragment in EXPECTED:
        assert fragment in err, fragment
    assert all(line.startswith(("error: ", f"{folder}: ")) for line in err.splitlines())
    assert all(str(folder) in line for line in err.splitlines()[:-1])
    assert f"{len(EXPECTED)} quality problems" in err.splitlines()[-1]


def test_without_strict_the_faults_are_warnings_and_the_check_passes(tmp_path, capsys):
    folder = write_tree(tmp_path / "coach", planted())
    assert main(["catalog", "check", str(folder), "--replace-catalog"]) == 0
    out, err = capsys.readouterr()
    assert f"OK (2 roles, 5 skills, 14 resources, 0 transitions), {len(EXPECTED)} quality" in out
    assert err.count("warning: ") == len(EXPECTED)


def test_the_shipped_catalog_passes_strict(capsys):
    assert quality_warnings(load_catalog()) == []
    assert main(["catalog", "check", "--strict"]) == 0
    assert "quality" not in capsys.readouterr().out
