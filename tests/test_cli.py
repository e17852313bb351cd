"""The roadmap command, as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE, write_tree

import roadmap_engine
from roadmap_engine._cli import main


def test_plan_prints_markdown(capsys):
    assert main(["plan", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# From Software Engineer to Machine Learning Engineer: Your ")


def test_plan_writes_html_to_a_file(tmp_path, capsys):
    target = tmp_path / "plan.html"
    assert main(["plan", str(SAMPLE), "--format", "html", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "wrote" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]  # no temporary left


def test_a_bad_profile_is_a_short_message_and_exit_code_2(tmp_path):
    bad = write_tree(tmp_path, {"bad.yaml": {"name": "X", "weekly_hours": -2}}) / "bad.yaml"
    out_file = tmp_path / "out.md"
    run = subprocess.run(
        [sys.executable, "-m", "roadmap_engine", "plan", str(bad), "-o", str(out_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "bad.yaml: weekly_hours: must be more than 0; raise it (got -2)" in run.stderr
    assert "bad.yaml: current_role: required field is missing" in run.stderr
    assert not out_file.exists()


def test_debug_shows_the_traceback(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "roadmap_engine", "--debug", "plan", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode != 0 and "Traceback" in run.stderr


def test_help_explains_the_commands(capsys):
    try:
        main(["plan", "--help"])
    except SystemExit as stop:
        assert stop.code == 0
    out = capsys.readouterr().out
    assert "--format FORMATS" in out and "md, html, json, ics or pdf" in out and "PROFILE" in out


def test_an_unwritable_output_names_the_file_and_a_fix(tmp_path, capsys):
    target = tmp_path / "missing" / "plan.md"
    assert main(["plan", str(SAMPLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: its folder {target.parent} does not exist; create it" in err
    assert not (tmp_path / "missing").exists()


def test_an_output_folder_that_refuses_writing_names_the_file(tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "plan.md"
    target.mkdir()  # a folder where the file should go: unwritable even for root
    assert main(["plan", str(SAMPLE), "-o", str(target)]) == 2
    assert f"{target}: is a folder; give a file name" in capsys.readouterr().err


def test_version_is_printed_to_standard_output(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"roadmap {roadmap_engine.__version__}"
