"""Batches: every core, a bad profile never stopping the rest, re-runs redoing only changes."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SAMPLE, TINY, profile, write_tree

from roadmap_engine import (
    CatalogError,
    PlanResult,
    _batch,
    _parallel,
    generate_plan,
    generate_plans,
    render,
)
from roadmap_engine._batch_folder import run_batch
from roadmap_engine._batch_report import Report, ReportWriter
from roadmap_engine._cli import main
from roadmap_engine.inputs.profile import ProfileSource

PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))


# -- the library: generate_plans ------------------------------------------------------------


def _error(result: PlanResult) -> str:
    assert result.error is not None
    return result.error


def _traceback(result: PlanResult) -> str:
    assert result.traceback is not None
    return result.traceback


def test_plans_come_back_in_order_and_equal_single_plans():
    sources = PROFILES[:6]
    results = list(generate_plans(sources, jobs=2))
    assert [r.source for r in results] == [str(p) for p in sources]
    assert all(r.ok and r.error is None for r in results)
    for source, result in zip(sources, results, strict=True):
        assert result.plan == generate_plan(source)


def test_a_bad_profile_fails_alone_with_its_reason(tiny_catalog):
    sources: list[ProfileSource] = [
        profile(name="Ann"),
        profile(name="Bob", weekly_hours=-1),
        profile(name="Cy", target_role="astronaut"),
        profile(name="Dee"),
        "no/such/profile.yaml",
    ]
    results = list(generate_plans(sources, catalog=tiny_catalog, jobs=2))
    assert [r.ok for r in results] == [True, False, False, True, False]
    assert results[0].plan is not None and results[0].plan.person == "Ann"
    assert results[1].source == "profile 2 (Bob)"
    assert "weekly_hours: must be more than 0" in _error(results[1])
    assert "unknown role 'astronaut'" in _error(results[2])
    assert "no/such/profile.yaml: file not found" in _error(results[4])
    assert all(r.plan is None and r.traceback is None for r in results if not r.ok)


def test_a_bug_in_one_plan_is_recorded_with_its_traceback(monkeypatch, tiny_catalog):
    real = generate_plan

    def buggy(source, catalog):
        if source["name"] == "Bob":
            raise KeyError("a bug")
        return real(source, catalog=catalog)

    monkeypatch.setattr(_batch, "generate_plan", buggy)
    results = list(
        generate_plans([profile(name="Ann"), profile(name="Bob")], catalog=tiny_catalog, jobs=1)
    )
    assert results[0].ok
    assert "internal error (KeyError: 'a bug'); this is a bug" in _error(results[1])
    assert "Traceback" in _traceback(results[1])


def test_a_broken_catalog_is_refused_before_any_plan(tmp_path):
    folder = write_tree(tmp_path / "cat", {"x.yaml": "skills: [oops"})
    with pytest.raises(CatalogError, match=r"x\.yaml:\d+:\d+: invalid YAML"):
        generate_plans([SAMPLE], catalog=folder)  # raised by the call, not on iteration


def test_results_are_plain_data_for_any_input():
    wrong: list[Any] = [42, {"name": 5}]
    results = list(generate_plans(wrong, jobs=1))
    assert [r.source for r in results] == ["profile 1", "profile 2"]
    assert not any(r.ok for r in results)
    assert isinstance(results[0], PlanResult)


def _pid(_context, _item):
    time.sleep(0.01)
    return os.getpid()


def _die_on_three(_context, item):
    if item == 3:
        os._exit(1)
    return item


def test_work_is_spread_over_processes():
    pids = list(_parallel.run_all(_pid, None, list(range(40)), jobs=2, on_crash=lambda i: -1))
    assert len(pids) == 40
    assert len(set(pids)) == 2 and os.getpid() not in pids


def test_one_job_runs_in_this_process():
    pids = set(_parallel.run_all(_pid, None, list(range(4)), jobs=1, on_crash=lambda i: -1))
    assert pids == {os.getpid()}


def test_a_dead_worker_fails_its_items_and_the_run_still_ends():
    results = list(
        _parallel.run_all(_die_on_three, None, list(range(8)), jobs=2, on_crash=lambda i: "lost")
    )
    assert len(results) == 8
    assert results[3] == "lost"
    assert results[:3] == [0, 1, 2]


_BUILT_LATER: list[int] = []


def _seen_later(_context, _item):
    return len(_BUILT_LATER)


def test_a_pool_forks_its_workers_before_the_caller_builds_its_lists():
    """A forked worker carries the parent's memory of the moment it forks: a batch forks
    first, so its per-profile lists never weigh on the workers."""
    with _parallel.process_pool(_seen_later, None, jobs=2) as pool:
        _BUILT_LATER.extend(range(1000))
        try:
            seen = list(
                _parallel.run_all(_seen_later, None, range(40), on_crash=lambda i: -1, pool=pool)
            )
        finally:
            _BUILT_LATER.clear()
    assert seen == [0] * 40


def test_one_job_needs_no_pool():
    with _parallel.process_pool(_pid, None, jobs=1) as pool:
        assert pool is None


# -- the command: roadmap batch --------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """Three of the shipped profiles and two broken ones."""
    profiles = tmp_path / "clients"
    profiles.mkdir()
    for source in PROFILES[:3]:
        shutil.copy(source, profiles / source.name)
    (profiles / "zero-hours.yaml").write_text(
        SAMPLE.read_text().replace("weekly_hours: 15", "weekly_hours: 0")
    )
    (profiles / "broken.yml").write_text("name: [unclosed\n")
    (profiles / "notes.txt").write_text("not a profile")
    return profiles


def batch(*args: str) -> int:
    return main(["batch", *args])


def test_batch_writes_every_good_plan_and_reports_every_bad_one(folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert batch(str(folder), "-o", str(out), "--format", "md,html") == 1
    table = capsys.readouterr().out
    good = [p.stem for p in PROFILES[:3]]
    for stem in good:
        assert (out / f"{stem}.md").read_text() == render(generate_plan(folder / f"{stem}.yaml"))
        assert (out / f"{stem}.html").read_text().startswith("<!DOCTYPE html>")
        assert f"{stem}.yaml" in table
    assert not list(out.glob("zero-hours.*")) and not list(out.glob("broken.*"))
    assert "zero-hours.yaml" in table and "weekly_hours: must be more than 0" in table
    assert "broken.yml" in table and "invalid YAML" in table
    assert "5 profiles: 3 written, 0 unchanged, 2 failed." in table
    report = json.loads((out / "report.json").read_text())
    assert (report["written"], report["unchanged"], report["failed"]) == (3, 0, 2)
    by_name = {e["profile"]: e for e in report["entries"]}
    assert set(by_name) == {f"{s}.yaml" for s in good} | {"zero-hours.yaml", "broken.yml"}
    assert by_name["zero-hours.yaml"]["status"] == "failed"
    assert str(folder / "zero-hours.yaml") in by_name["zero-hours.yaml"]["error"]
    ok = by_name[f"{good[0]}.yaml"]
    assert ok["status"] == "written" and ok["error"] is None
    assert [o["path"] for o in ok["outputs"]] == [f"{good[0]}.md", f"{good[0]}.html"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_the_report_is_written_in_pieces_exactly_as_one_document(folder, tmp_path):
    out = tmp_path / "out"
    returned = run_batch(folder, out, ["md"])
    text = (out / "report.json").read_text()
    assert text == returned.model_dump_json(indent=2) + "\n"  # pydantic's own layout
    assert [e.profile for e in returned.entries] == sorted(e.profile for e in returned.entries)
    assert (returned.written, returned.failed) == (3, 2)


def test_a_batch_can_leave_its_entries_in_the_report_file(folder, tmp_path):
    kept = run_batch(folder, tmp_path / "kept", ["md"])
    lean = run_batch(folder, tmp_path / "lean", ["md"], keep_entries=False)
    assert lean.entries == [] and (lean.written, lean.unchanged, lean.failed) == (3, 0, 2)
    on_disk = Report.model_validate_json((tmp_path / "lean" / "report.json").read_text())
    assert [e.status for e in on_disk.entries] == [e.status for e in kept.entries]
    assert on_disk.written == 3 and len(on_disk.entries) == 5


def test_a_report_without_entries_is_one_document_too(tmp_path):
    head = Report(
        engine_version="1",
        profiles_dir="p",
        out_dir="o",
        formats=["md"],
        written=0,
        unchanged=0,
        failed=0,
        entries=[],
    )
    returned = ReportWriter(tmp_path, keep=True).write(tmp_path / "report.json", head)
    assert (tmp_path / "report.json").read_text() == head.model_dump_json(indent=2) + "\n"
    assert returned == head


def test_all_good_exits_0(tmp_path, capsys):
    profiles = tmp_path / "p"
    profiles.mkdir()
    shutil.copy(SAMPLE, profiles)
    assert batch(str(profiles), "-o", str(tmp_path / "out"), "-f", "ics") == 0
    assert (tmp_path / "out" / f"{SAMPLE.stem}.ics").read_text().startswith("BEGIN:VCALENDAR")


def _mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != "report.json"}


def statuses(out: Path) -> dict[str, str]:
    report = json.loads((out / "report.json").read_text())
    return {e["profile"]: e["status"] for e in report["entries"]}


def test_a_rerun_redoes_only_what_changed(folder, tmp_path, capsys):
    out = tmp_path / "out"
    first, second, third = (p.name for p in PROFILES[:3])
    batch(str(folder), "-o", str(out), "-f", "md,html")
    before = _mtimes(out)

    batch(str(folder), "-o", str(out), "-f", "md,html")
    assert _mtimes(out) == before  # nothing rewritten
    assert statuses(out) == {
        first: "unchanged",
        second: "unchanged",
        third: "unchanged",
        "zero-hours.yaml": "failed",  # failures are always tried again
        "broken.yml": "failed",
    }
    assert "3 unchanged, 2 failed" in capsys.readouterr().out

    edited = folder / first
    edited.write_text(edited.read_text().replace("name:", "name: Dr.", 1))
    (out / second.replace(".yaml", ".html")).unlink()
    (out / third.replace(".yaml", ".md")).write_text("edited by hand")
    (folder / "zero-hours.yaml").write_text(SAMPLE.read_text())  # fixed
    batch(str(folder), "-o", str(out), "-f", "md,html")
    assert statuses(out) == {
        first: "written",
        second: "written",
        third: "written",
        "zero-hours.yaml": "written",
        "broken.yml": "failed",
    }
    assert (out / third.replace(".yaml", ".md")).read_text() != "edited by hand"

    batch(str(folder), "-o", str(out), "-f", "md")  # other formats: other documents
    assert set(statuses(out).values()) == {"written", "failed"}
    batch(str(folder), "-o", str(out), "-f", "md", "--force")
    assert list(statuses(out).values()).count("written") == 4


def test_a_changed_catalog_or_template_redoes_everything(tmp_path, capsys):
    profiles = write_tree(tmp_path / "p", {"a.yaml": profile(), "b.yaml": profile(name="B")})
    catalog = write_tree(tmp_path / "cat", TINY)
    templates = write_tree(tmp_path / "t", {"plan.md.j2": "{{ plan.person }}\n"})
    out = tmp_path / "out"
    args = [str(profiles), "-o", str(out), "--catalog", str(catalog), "--replace-catalog"]
    args += ["--templates", str(templates)]
    assert batch(*args) == 0
    assert (out / "b.md").read_text() == "B\n"
    batch(*args)
    assert set(statuses(out).values()) == {"unchanged"}
    (templates / "plan.md.j2").write_text("Plan for {{ plan.person }}\n")
    batch(*args)
    assert set(statuses(out).values()) == {"written"}
    assert (out / "b.md").read_text() == "Plan for B\n"
    data = yaml.safe_load((catalog / "skills.yaml").read_text())
    data["skills"][0]["hours"] = 12
    (catalog / "skills.yaml").write_text(yaml.safe_dump(data))
    batch(*args)
    assert set(statuses(out).values()) == {"written"}


def test_two_profiles_with_one_name_do_not_overwrite_each_other(tmp_path, capsys):
    profiles = write_tree(tmp_path / "p", {"ann.yaml": profile(), "ann.yml": profile()})
    catalog = write_tree(tmp_path / "cat", TINY)
    out = tmp_path / "out"
    assert batch(str(profiles), "-o", str(out), "--catalog", str(catalog)) == 1
    assert statuses(out) == {"ann.yaml": "written", "ann.yml": "failed"}
    assert "its documents would overwrite" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (lambda tmp: None, ["missing", "-o", "out"], "missing: profiles folder not found"),
        (lambda tmp: (tmp / "empty").mkdir(), ["empty", "-o", "out"], "no .yaml or .yml"),
        (None, ["p", "-o", "out", "-f", "md,docx"], "unknown format 'docx'"),
        (None, ["p", "-o", "out", "--templates", "t"], "t/plan.md.j2:1: template syntax"),
        (lambda tmp: (tmp / "file").write_text("x"), ["p", "-o", "file"], "is not a folder"),
        (None, ["p", "-o", "out", "--catalog", "nowhere"], "catalog folder not found"),
    ],
)
def test_a_run_that_cannot_start_exits_2_and_writes_nothing(
    tmp_path, monkeypatch, capsys, make, args, message
):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "p", {"a.yaml": profile()})
    write_tree(tmp_path / "t", {"plan.md.j2": "{% for %}"})
    if make is not None:
        make(tmp_path)
    assert batch(*args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_batch_matches_the_plan_command(tmp_path, capsys):
    profiles = tmp_path / "p"
    profiles.mkdir()
    shutil.copy(SAMPLE, profiles)
    batch(str(profiles), "-o", str(tmp_path / "out"), "-f", "html")
    main(["plan", str(profiles / SAMPLE.name), "-f", "html", "-o", str(tmp_path / "one.html")])
    assert (tmp_path / "out" / f"{SAMPLE.stem}.html").read_bytes() == (
        tmp_path / "one.html"
    ).read_bytes()


def _run_in_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the command with a pseudo-terminal (80 columns) as its standard error."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(), b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_shows_a_progress_bar_and_a_pipe_does_not(tmp_path):
    profiles = tmp_path / "p"
    profiles.mkdir()
    for source in PROFILES:
        shutil.copy(source, profiles)
    command = [sys.executable, "-m", "roadmap_engine", "batch", str(profiles), "-o"]
    code, terminal = _run_in_terminal([*command, str(tmp_path / "a")], tmp_path)
    assert code == 0
    assert "planning:" in terminal and f"/{len(PROFILES)} [" in terminal  # n/16 [elapsed<left
    piped = subprocess.run(
        [*command, str(tmp_path / "b")], capture_output=True, text=True, check=True
    )
    assert piped.stderr == ""
    assert f"{len(PROFILES)} profiles: {len(PROFILES)} written" in piped.stdout


def test_documents_replace_links_instead_of_writing_through_them(tmp_path, capsys):
    profiles = write_tree(tmp_path / "p", {"ann.yaml": profile()})
    catalog = write_tree(tmp_path / "cat", TINY)
    outside = tmp_path / "elsewhere.md"
    outside.write_text("not yours to change")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ann.md").symlink_to(outside)
    assert batch(str(profiles), "-o", str(out), "--catalog", str(catalog)) == 0
    assert outside.read_text() == "not yours to change"
    assert not (out / "ann.md").is_symlink()
    assert (out / "ann.md").read_text().startswith("# ")


def test_a_bug_fails_only_its_profile_and_debug_shows_its_traceback(tmp_path, monkeypatch, capsys):
    from roadmap_engine import _batch_folder

    real = generate_plan

    def buggy(path, catalog):
        if path.name == "bob.yaml":
            raise ZeroDivisionError("oops")
        return real(path, catalog=catalog)

    monkeypatch.setattr(_batch_folder, "generate_plan", buggy)
    profiles = write_tree(tmp_path / "p", {"ann.yaml": profile(), "bob.yaml": profile()})
    catalog = write_tree(tmp_path / "cat", TINY)
    args = ["batch", str(profiles), "-o", str(tmp_path / "out"), "--catalog", str(catalog)]
    assert main(["--debug", *args, "-j", "1"]) == 1
    captured = capsys.readouterr()
    assert "internal error (ZeroDivisionError: oops); this is a bug" in captured.out
    assert "bob.yaml:\nTraceback" in captured.err
    assert statuses(tmp_path / "out") == {"ann.yaml": "written", "bob.yaml": "failed"}
