"""`roadmap progress`: a coaching session recorded in the profile file, in place."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from roadmap_engine import generate_plan
from roadmap_engine._cli import main

ORIGINAL = SAMPLE.read_bytes()

EDITED = """\
# yaml-language-server: $schema=../schemas/profile.schema.json
# A client with notes.
name: "Alex Rivera"   # as on the contract
current_role: 'Software Engineer'
target_role: Machine Learning Engineer
start_date: 2027-01-04
weekly_hours: 15
study_days: [mon, tue, wed, thu, fri]
skills:
  Python: intermediate
  SQL: "intermediate"
# sessions so far
progress:
  as_of: 2027-02-01   # first session
  done:
    statistics: 2027-01-29
  spent:
    machine-learning: 12
    python-data-stack: 4   # started

# the goal
deadline: 2027-09-30
time_off:
  - start: 2027-04-05
    end: 2027-04-09
    reason: 'Family holiday'
budget: any   # no limit
"""
"""A profile with its progress section in the middle, between comments and quoting."""


def _copy(tmp_path: Path, text: str | bytes = ORIGINAL, name: str = "alex.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _run(capsys, path: Path, *args: str) -> tuple[int, str, str]:
    status = main(["progress", str(path), *args])
    out, err = capsys.readouterr()
    return status, out, err


def _outside(text: str, first: str, last: str | None) -> tuple[list[str], list[str]]:
    """The lines before the ``first`` line and from the ``last`` line on."""
    lines = text.splitlines(keepends=True)
    start = lines.index(first)
    end = lines.index(last) if last is not None else len(lines)
    return lines[:start], lines[end:]


def test_a_profile_without_progress_gets_the_section_at_its_end(tmp_path, capsys):
    path = _copy(tmp_path)
    status, out, err = _run(
        capsys, path, "--as-of", "2027-02-15", "--done", "statistics", "--spent", "ml=12"
    )
    assert (status, err) == (0, "")
    text = path.read_bytes()
    assert text.startswith(ORIGINAL)  # every byte before, the $schema line first
    assert text[len(ORIGINAL) :].decode() == (
        "progress:\n"
        "  as_of: 2027-02-15\n"
        "  done:\n"
        "    statistics: 2027-02-15\n"
        "  spent:\n"
        "    ml: 12\n"
    )
    lines = out.splitlines()
    assert lines[:3] == [
        "progress.as_of: 2027-02-15 (progress section added)",
        "done: statistics (2027-02-15)",
        "spent: ml 12 h",
    ]
    plan = generate_plan(path)
    assert plan.progress is not None and plan.deadline is not None
    assert lines[3:] == [
        f"now: {plan.progress.percent_done}% done (42 of 415 h, 373 h left); next: Python "
        f"for Data (NumPy, pandas, Matplotlib); the plan ends {plan.end}, "
        f"{plan.deadline.margin_days} days before the deadline 2027-09-30"
    ]


def test_only_the_progress_section_changes(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    status, out, _ = _run(
        capsys, path, "--as-of", "2027-02-15", "--done", "numpy", "--spent", "ml=20"
    )
    assert status == 0
    text = path.read_text(encoding="utf-8")
    assert _outside(text, "progress:\n", "# the goal\n") == _outside(
        EDITED, "progress:\n", "# the goal\n"
    )
    assert text == EDITED.replace(
        "  as_of: 2027-02-01   # first session\n"
        "  done:\n"
        "    statistics: 2027-01-29\n"
        "  spent:\n"
        "    machine-learning: 12\n"
        "    python-data-stack: 4   # started\n",
        "  as_of: 2027-02-15   # first session\n"
        "  done:\n"
        "    statistics: 2027-01-29\n"
        "    numpy: 2027-02-15\n"
        "  spent:\n"
        "    machine-learning: 20\n",
    )
    assert out.splitlines()[:4] == [
        "progress.as_of: 2027-02-01 -> 2027-02-15",
        "done: numpy (2027-02-15)",
        "spent: python-data-stack 4 h removed (done)",  # numpy is an alias of it
        "spent: machine-learning 12 -> 20 h",  # ml too: the file's own name is kept
    ]


def test_done_removes_the_item_from_spent_and_the_plan_follows(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    title = "Machine Learning Algorithms & Theory"
    status, out, _ = _run(capsys, path, "--as-of", "2027-02-15", "--done", title)
    assert status == 0
    assert "spent: machine-learning 12 h removed (done)" in out
    text = path.read_text(encoding="utf-8")
    assert "machine-learning: 12" not in text
    assert f"    {title}: 2027-02-15\n" in text
    progress = generate_plan(path).progress
    assert progress is not None and progress.as_of == dt.date(2027, 2, 15)
    assert {d.activity_id: d.on for d in progress.done} == {
        "statistics": dt.date(2027, 1, 29),
        "machine-learning": dt.date(2027, 2, 15),
    }


def test_spent_is_the_total_not_an_increment(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    assert _run(capsys, path, "--as-of", "2027-02-15", "--spent", "machine-learning=30")[0] == 0
    assert _run(capsys, path, "--as-of", "2027-02-15", "--spent", "machine-learning=30")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "    machine-learning: 30\n" in text and "machine-learning: 12" not in text
    plan = generate_plan(path)
    learning = [a for p in plan.phases for a in p.activities if a.id == "machine-learning"]
    assert [a.hours_done for a in learning] == [30]
    assert [a.status for a in learning] == ["in progress"]


def test_a_second_run_changes_nothing_not_even_the_mtime(tmp_path, capsys):
    path = _copy(tmp_path)
    args = ("--as-of", "2027-02-15", "--done", "statistics", "--spent", "machine-learning=12.5")
    assert _run(capsys, path, *args)[0] == 0
    first = path.read_bytes()
    assert b"    machine-learning: 12.5\n" in first
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    status, out, _ = _run(capsys, path, *args)
    assert status == 0
    assert path.read_bytes() == first
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert out.splitlines()[:3] == [
        "done: statistics already done (on 2027-02-15); kept",
        "spent: machine-learning already 12.5 h; kept",
        f"nothing changed; {path} is left as it was",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["alex.yaml"]  # no temporary file left


def test_an_item_done_before_keeps_its_date(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    status, out, _ = _run(capsys, path, "--as-of", "2027-02-15", "--done", "Stats")
    assert status == 0
    assert "done: Stats already done as 'statistics' (on 2027-01-29); kept" in out
    assert "    statistics: 2027-01-29\n" in path.read_text(encoding="utf-8")


def test_an_unknown_item_writes_nothing_and_suggests(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    before = path.read_bytes()
    status, out, err = _run(capsys, path, "--as-of", "2027-02-15", "--done", "statistic", "ml")
    assert status == 2 and out == ""
    assert err.startswith("roadmap: error: ")
    assert f"{path}: progress.done.statistic: 'statistic' is not in this plan." in err
    assert "Did you mean 'statistics'?" in err
    assert "roadmap-progress-" not in err  # the checked copy is never named
    assert path.read_bytes() == before


def test_a_date_before_the_start_writes_nothing(tmp_path, capsys):
    path = _copy(tmp_path)
    status, _, err = _run(capsys, path, "--as-of", "2026-12-01", "--done", "statistics")
    assert status == 2
    assert f"{path}: progress.as_of:" in err and "before start_date 2027-01-04" in err
    assert path.read_bytes() == ORIGINAL


@pytest.mark.parametrize("value", ["ml", "ml=abc", "ml=-3", "ml=0", "=5", "ml=nan", "ml=inf"])
def test_bad_spent_syntax_is_a_usage_error(tmp_path, capsys, value):
    path = _copy(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["progress", str(path), "--as-of", "2027-02-15", "--spent", value])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --spent: {value!r} is not ITEM=HOURS" in err
    assert "e.g. --spent machine-learning=20" in err
    assert path.read_bytes() == ORIGINAL


def test_an_item_both_done_and_spent_is_refused(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    status, _, err = _run(
        capsys, path, "--as-of", "2027-02-15", "--done", "ml", "--spent", "machine-learning=3"
    )
    assert status == 2 and "both --done" in err and str(path) in err
    status, _, err = _run(capsys, path, "--as-of", "2027-02-15", "--spent", "statistics=3")
    assert status == 2 and "progress.done: 'statistics' is done" in err
    assert path.read_text(encoding="utf-8") == EDITED


def test_an_earlier_date_is_allowed_and_said(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    status, out, _ = _run(capsys, path, "--as-of", "2027-01-30")
    assert status == 0
    assert "progress.as_of: 2027-02-01 -> 2027-01-30 (earlier than the date recorded before)" in out


def test_a_done_list_gets_the_name_appended(tmp_path, capsys):
    text = SAMPLE.read_text(encoding="utf-8") + (
        "progress:\n  as_of: 2027-02-01\n  done:\n    - statistics\n"
    )
    path = _copy(tmp_path, text)
    assert _run(capsys, path, "--as-of", "2027-02-15", "--done", "pandas")[0] == 0
    assert path.read_text(encoding="utf-8") == text.replace("2027-02-01", "2027-02-15") + (
        "    - pandas\n"
    )
    progress = generate_plan(path).progress
    assert progress is not None
    assert [d.activity_id for d in progress.done] == ["statistics", "python-data-stack"]


def test_windows_line_ends_and_a_missing_last_newline_are_kept(tmp_path, capsys):
    text = EDITED.replace("\n", "\r\n").removesuffix("\r\n")
    path = _copy(tmp_path, text)
    assert _run(capsys, path, "--as-of", "2027-02-15", "--spent", "ml=20")[0] == 0
    new = path.read_bytes().decode()
    assert "\n" not in new.replace("\r\n", "")
    assert new.endswith("budget: any   # no limit")
    assert "    machine-learning: 20\r\n" in new


def test_a_linked_profile_keeps_its_link_and_the_file_its_mode(tmp_path, capsys):
    real = _copy(tmp_path, EDITED, "real.yaml")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert _run(capsys, link, "--as-of", "2027-02-15", "--spent", "ml=25")[0] == 0
    assert link.is_symlink() and link.resolve() == real
    assert "    machine-learning: 25\n" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "name: A\nname: B\n",  # a key twice
        "name: [unclosed\n",
        "start_date: 2027-02-30\n",
    ],
)
def test_a_broken_file_is_refused_as_plan_refuses_it(tmp_path, capsys, text):
    path = _copy(tmp_path, text)
    assert main(["plan", str(path)]) == 2
    refused = capsys.readouterr().err
    status, _, err = _run(capsys, path, "--as-of", "2027-02-15", "--done", "statistics")
    assert status == 2 and err == refused
    assert path.read_text(encoding="utf-8") == text


def test_the_installed_command_records_progress(tmp_path):
    path = _copy(tmp_path)
    roadmap = Path(sys.executable).with_name("roadmap")
    run = subprocess.run(
        [str(roadmap), "progress", str(path), "--as-of", "2027-02-15", "--done", "stats"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith("progress.as_of: 2027-02-15 (progress section added)\n")
    assert "\nnow: " in run.stdout
    assert path.read_bytes() == ORIGINAL + b"progress:\n  as_of: 2027-02-15\n  done:\n" + (
        b"    stats: 2027-02-15\n"
    )


def test_spent_goes_when_its_last_item_is_done(tmp_path, capsys):
    path = _copy(tmp_path, EDITED)
    status, out, _ = _run(capsys, path, "--as-of", "2027-02-15", "--done", "ml", "pandas")
    assert status == 0
    assert out.splitlines()[1:5] == [
        "done: ml (2027-02-15)",
        "spent: machine-learning 12 h removed (done)",
        "done: pandas (2027-02-15)",
        "spent: python-data-stack 4 h removed (done)",
    ]
    text = path.read_text(encoding="utf-8")
    assert "spent" not in text
    assert "    statistics: 2027-01-29\n    ml: 2027-02-15\n    pandas: 2027-02-15\n\n" in text
    progress = generate_plan(path).progress
    assert progress is not None and progress.current is not None
    assert progress.current.hours_done == 0
