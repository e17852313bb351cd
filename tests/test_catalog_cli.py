"""`roadmap catalog list` and `roadmap catalog check`, as a coach uses them."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, TINY, req, skill, write_tree

from roadmap_engine._cli import main


def test_catalog_list_shows_roles_and_skills_with_hours(capsys):
    assert main(["catalog", "list"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"machine-learning-engineer +Machine Learning Engineer", out)
    assert re.search(r"statistics +12/30/80/160 h  Statistics & Probability", out)


def test_catalog_check_passes_the_built_in_catalog(capsys):
    assert main(["catalog", "check"]) == 0
    assert "OK (" in capsys.readouterr().out


def test_catalog_check_reports_every_planted_fault_at_once(tmp_path):
    skills = [dict(s) for s in TINY["skills.yaml"]["skills"]]
    skills[0] = {**skills[0], "prerequisites": ["advanced-topic"]}  # a cycle
    skills[1] = {**skills[1], "prerequisites": ["basics", "nowhere"]}  # a dangling reference
    roles = [dict(r) for r in TINY["roles.yaml"]["roles"]]
    roles[1] = {**roles[1], "requires": [*roles[1]["requires"], req("ghost-skill")]}
    folder = write_tree(
        tmp_path / "coach",
        {
            "skills.yaml": {"skills": skills},
            "more.yaml": {"skills": [skill("side", 2)]},  # a duplicate id
            "roles.yaml": {"roles": roles},
        },
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "roadmap_engine",
            "catalog",
            "check",
            str(folder),
            "--replace-catalog",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 2, run.stdout
    err = run.stderr
    assert "Traceback" not in err
    assert "duplicate skill id 'side'" in err and "more.yaml" in err
    assert "prerequisite cycle advanced-topic -> basics -> middle -> advanced-topic" in err
    assert "skill 'middle': unknown prerequisite 'nowhere'" in err
    assert "role 'expert': unknown required skill 'ghost-skill'" in err
    assert str(folder / "skills.yaml") in err


def test_broken_yaml_in_several_files_is_reported_together(tmp_path, capsys):
    folder = write_tree(
        tmp_path, {"a.yaml": "skills: [\n", "b.yaml": "roles:\n  - id: x\n   bad: 1\n"}
    )
    assert main(["catalog", "check", str(folder), "--replace-catalog"]) == 2
    err = capsys.readouterr().err
    assert "a.yaml:2:1: invalid YAML" in err and "b.yaml:3:" in err


def test_a_coach_folder_is_used_by_plan(tmp_path, capsys):
    from conftest import SAMPLE

    folder = write_tree(tmp_path / "coach", {"extra.yaml": {"skills": [skill("statistics", 300)]}})
    assert main(["plan", str(SAMPLE), "--catalog", str(folder), "-f", "json"]) == 0
    assert '"full_hours": 300.0' in capsys.readouterr().out
