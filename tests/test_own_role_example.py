"""The README's "Adding a role" example: a coach's folder that passes the strict
check and plans, and the hint an unknown role gives."""

from __future__ import annotations

import pytest
from conftest import ROOT, profile

from roadmap_engine import generate_plan, load_catalog, render
from roadmap_engine._cli import main
from roadmap_engine.errors import ProfileError

FOLDER = ROOT / "examples" / "own-role"


def test_the_example_folder_passes_the_strict_check(capsys):
    assert main(["catalog", "check", "--strict", str(FOLDER / "catalog")]) == 0
    assert "OK (" in capsys.readouterr().out


def test_the_example_profile_plans_the_new_role_with_its_own_skills(tmp_path):
    out = tmp_path / "dba.md"
    assert (
        main(
            [
                "plan",
                str(FOLDER / "profile.yaml"),
                "--catalog",
                str(FOLDER / "catalog"),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = out.read_text("utf-8")
    assert text.startswith("# From Data Analyst to Database Administrator")
    plan = generate_plan(FOLDER / "profile.yaml", catalog=load_catalog(FOLDER / "catalog"))
    learned = {s.skill_id for s in plan.skills_to_learn}
    assert {"database-administration", "database-recovery"} <= learned
    assert plan.overview[0].startswith("Analysts already spend their days in SQL")
    assert "Exam DP-300" in render(plan, "md")


def test_an_unknown_role_says_how_to_add_one():
    with pytest.raises(ProfileError) as info:
        generate_plan(profile(current_role="software-engineer", target_role="lighthouse keeper"))
    message = str(info.value)
    assert "unknown role 'lighthouse keeper'" in message
    assert "pass --catalog DIR" in message and "examples/own-role/" in message
