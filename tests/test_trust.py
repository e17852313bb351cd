"""Hostile and clumsy inputs, templates and output paths: a clear error or a good
result, never a traceback, a hang, unbounded memory, a private file or a
destroyed input. One section per class of problem."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE, TINY, profile, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from roadmap_engine import (
    CatalogError,
    ProfileError,
    RoadmapError,
    TemplateError,
    _limits,
    generate_plan,
    load_catalog,
    load_profile,
    render,
)
from roadmap_engine._catalog import catalog_from_data
from roadmap_engine._cli import main

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
CATALOG = catalog_from_data(copy.deepcopy(TINY))
"""For hypothesis tests, which may not use function-scoped fixtures; plans never change it."""


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _feed(path: Path, data: bytes, repeat: bool = False) -> threading.Thread:
    """A writer on the pipe at ``path`` (endless when ``repeat``) that stops when nobody reads."""

    def write() -> None:
        try:
            with open(path, "wb") as pipe:
                pipe.write(data)
                while repeat:
                    pipe.write(data)
        except (BrokenPipeError, OSError):
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


# -- 1. input that is not a regular file ---------------------------------------------------


def test_an_endless_device_is_refused_at_the_limit():
    start = time.perf_counter()
    with pytest.raises(ProfileError, match=r"/dev/zero: it gives more bytes than allowed"):
        load_profile("/dev/zero")
    assert time.perf_counter() - start < 5


def test_an_endless_pipe_is_refused_at_the_limit(tmp_path):
    pipe = _fifo(tmp_path / "endless.yaml")
    _feed(pipe, b"# " + b"x" * 65_000 + b"\n", repeat=True)
    with pytest.raises(ProfileError, match=r"endless\.yaml: it gives more bytes than allowed"):
        load_profile(pipe)


def test_a_profile_through_a_pipe_still_plans(tmp_path):
    pipe = _fifo(tmp_path / "piped.yaml")
    _feed(pipe, SAMPLE_TEXT.encode())
    assert generate_plan(pipe) == generate_plan(SAMPLE)


def test_a_catalog_file_that_is_a_pipe_is_refused_without_blocking(tmp_path):
    folder = write_tree(tmp_path / "cat", TINY)
    _fifo(folder / "extra.yaml")  # nobody writes: opening it would block for ever
    with pytest.raises(CatalogError, match=r"extra\.yaml: is not a regular file"):
        load_catalog(folder, replace=True)


# -- 2. duplicate keys ---------------------------------------------------------------------


def test_a_key_written_twice_names_the_key_and_both_lines(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text(SAMPLE_TEXT + "weekly_hours: 2\n", encoding="utf-8")
    first = next(
        n for n, line in enumerate(SAMPLE_TEXT.splitlines(), 1) if line.startswith("weekly_hours")
    )
    last = len(SAMPLE_TEXT.splitlines()) + 1
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value) == (
        f"{path}:{last}:1: the key 'weekly_hours' is written twice in one mapping "
        f"(first on line {first}); keep only one of them"
    )


def test_duplicate_keys_in_a_catalog_are_errors(tmp_path):
    folder = write_tree(tmp_path / "cat", TINY)
    text = (folder / "skills.yaml").read_text()
    (folder / "skills.yaml").write_text(text.replace("  hours: 10\n", "  hours: 10\n  hours: 99\n"))
    with pytest.raises(
        CatalogError, match=r"skills\.yaml:\d+:\d+: the key 'hours' is written twice"
    ):
        load_catalog(folder, replace=True)


def test_merged_keys_may_still_be_overridden(tmp_path):
    path = tmp_path / "merge.yaml"
    text = SAMPLE_TEXT.replace("weekly_hours: 15", "weekly_hours: 15\nbase: &b {x: 1}")
    path.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["weekly_hours"] == 15  # the fixture is valid YAML; the profile then
    with pytest.raises(ProfileError, match="base: unknown field"):  # rejects the extra key
        load_profile(path)
    from roadmap_engine._yaml import parse_yaml

    assert parse_yaml("a: &a {k: 1, j: 2}\nb:\n  <<: *a\n  k: 3\n", "t", ProfileError) == {
        "a": {"k": 1, "j": 2},
        "b": {"k": 3, "j": 2},
    }


@settings(max_examples=60, deadline=None)
@given(
    keys=st.lists(
        st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=8, unique=True
    ),
    data=st.data(),
)
def test_any_repeated_key_is_caught(keys, data):
    from roadmap_engine._yaml import parse_yaml

    again = data.draw(st.sampled_from(keys))
    at = data.draw(st.integers(keys.index(again) + 1, len(keys)))
    lines = [f"{k}: {i}" for i, k in enumerate(keys)]
    lines.insert(at, f"{again}: x")
    with pytest.raises(ProfileError, match=rf"t:{at + 1}:1: the key '{again}' is written twice"):
        parse_yaml("\n".join(lines) + "\n", "t", ProfileError)


# -- 3. dates at the ends of the calendar --------------------------------------------------

some_date = st.dates(dt.date.min, dt.date.max)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=some_date,
    today=st.none() | some_date,
    deadline=st.none() | some_date,
    off=st.lists(st.tuples(some_date, some_date), max_size=2),
    period=st.none() | st.tuples(some_date, some_date),
    hours=st.sampled_from([0.5, 10, 100]),
)
def test_any_dates_give_a_plan_or_a_clear_error(start, today, deadline, off, period, hours):
    person = profile(start_date=start, weekly_hours=hours)
    if today:
        person["today"] = today
    if deadline:
        person["deadline"] = deadline
    person["time_off"] = [{"start": min(a, b), "end": max(a, b)} for a, b in off]
    if period:
        person["periods"] = [{"start": min(period), "end": max(period), "weekly_hours": 1}]
    try:
        plan = generate_plan(person, catalog=CATALOG)
    except RoadmapError:
        return
    for fmt in ("md", "html", "json", "ics"):
        assert render(plan, fmt)


@pytest.mark.parametrize("start", [dt.date(1, 1, 1), _limits.LATEST_START])
def test_both_ends_of_the_calendar_plan_with_public_holidays(tiny_catalog, start):
    person = profile(start_date=start, holidays={"country": "US"}, weekly_hours=1)
    plan = generate_plan(person, catalog=tiny_catalog)
    assert plan.start == start and render(plan, "ics")


def test_a_start_too_late_for_a_plan_names_the_field_and_the_last_date(tiny_catalog):
    with pytest.raises(ProfileError) as info:
        generate_plan(profile(start_date="9999-01-04"), catalog=tiny_catalog)
    assert f"start_date: must be no later than {_limits.LATEST_START}" in str(info.value)


# -- 4. messages from union fields ---------------------------------------------------------

INTERNAL = re.compile(r"constrained-|literal\[|function-|json-or-python|lax-or-strict|union\[")


@pytest.mark.parametrize("budget", [-3, "cheap", True, [200], {"usd": 5}, float("nan"), None])
def test_a_bad_budget_is_one_line_naming_the_field(tiny_catalog, budget):
    with pytest.raises(ProfileError) as info:
        generate_plan(profile(budget=budget), catalog=tiny_catalog)
    problems = str(info.value).splitlines()[1:]
    assert len(problems) == 1, problems
    assert problems[0].startswith("profile: budget: must be any, free, or a number of US dollars")
    assert f"(got {budget!r})" in problems[0]


@pytest.mark.parametrize("budget", ["any", "free", "FREE", 0, 200, "200", "$1,200"])
def test_good_budgets_are_read(tiny_catalog, budget):
    generate_plan(profile(budget=budget), catalog=tiny_catalog)


BAD_VALUES = [-3, "cheap", True, [1], {"a": 1}, "2027-13-01", None, 1e400]


@pytest.mark.parametrize(
    "field",
    [
        "start_date",
        "weekly_hours",
        "study_days",
        "hours_per_weekday",
        "skills",
        "time_off",
        "deadline",
        "budget",
        "today",
        "periods",
        "holidays",
        "review_buffer",
        "locale",
        "date_style",
        "session_start",
    ],
)
def test_no_message_names_an_internal_type(tiny_catalog, field):
    for value in BAD_VALUES:
        try:
            generate_plan(profile(**{field: value}), catalog=tiny_catalog)
        except ProfileError as exc:
            assert not INTERNAL.search(str(exc)), str(exc)


# -- 5. calendar UIDs for every script -----------------------------------------------------


def _uids(tiny_catalog, name):
    text = render(generate_plan(profile(name=name), catalog=tiny_catalog), "ics")
    return {str(e["UID"]) for e in Calendar.from_ical(text).walk("VEVENT")}


@pytest.mark.parametrize("one, other", [("Zoë", "Zo"), ("王小明", "李华"), ("Анна", "Алла")])
def test_two_people_never_share_a_uid(tiny_catalog, one, other):
    first, second = _uids(tiny_catalog, one), _uids(tiny_catalog, other)
    assert first and second and first.isdisjoint(second)
    assert _uids(tiny_catalog, one) == first  # and the same person keeps theirs


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(min_size=1, max_size=12).filter(str.strip), min_size=2, max_size=2, unique=True
    )
)
def test_uids_differ_for_any_two_names(names):
    one, other = (n.strip() for n in names)
    if one != other:
        assert _uids(CATALOG, one).isdisjoint(_uids(CATALOG, other))


# -- 6. every library error is a RoadmapError ----------------------------------------------


def _odd_entries(folder: Path, name: str) -> list[tuple[str, Callable[[], None]]]:
    """Ways a file named ``name`` in ``folder`` can be wrong, each a setup function."""

    def broken_link() -> None:
        (folder / name).symlink_to(folder / "nowhere")

    def a_folder() -> None:
        (folder / name).mkdir()

    def not_utf8() -> None:
        (folder / name).write_bytes(b"\xff\xfe oops\n")

    def a_pipe() -> None:
        os.mkfifo(folder / name)

    return [
        ("link to a file that does not exist", broken_link),
        ("is a folder", a_folder),
        ("not UTF-8", not_utf8),
        ("not a regular file", a_pipe),
    ]


@pytest.mark.parametrize("case", range(4))
def test_an_odd_catalog_file_is_a_catalog_error(tmp_path, case):
    folder = write_tree(tmp_path / "cat", TINY)
    message, make = _odd_entries(folder, "odd.yaml")[case]
    make()
    with pytest.raises(CatalogError, match=re.escape(message)) as info:
        load_catalog(folder, replace=True)
    assert "odd.yaml" in str(info.value)
    with pytest.raises(CatalogError):
        generate_plan(SAMPLE, catalog=load_catalog(folder))


@pytest.mark.parametrize("case", range(4))
def test_an_odd_template_file_is_a_template_error(tmp_path, tiny_catalog, case):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = tmp_path / "templates"
    folder.mkdir()
    message, make = _odd_entries(folder, "plan.md.j2")[case]
    make()
    with pytest.raises(TemplateError, match=re.escape(message)) as info:
        render(plan, "md", templates=folder)
    assert "plan.md.j2" in str(info.value)


# -- 7. any failure inside a user template -------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("ok\n{{ 1 / 0 }}", r"plan\.md\.j2:2: the template failed \(ZeroDivisionError"),
        ('{% extends "plan.md.j2" %}', "extend or include each other without end"),
        ("{% for i in range(10**9) %}{% endfor %}", r"plan\.md\.j2:1: .*MAX_RANGE"),
        ("{{ 'x' * 10**13 }}", "memory"),
        ("{{ plan.person.nope() }}", r"plan\.md\.j2:1: "),
        ("{{ {}['k'] }}", r"plan\.md\.j2:1: "),
    ],
)
def test_a_failing_template_is_a_template_error_with_its_line(
    tmp_path, tiny_catalog, source, expected
):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path / "t", {"plan.md.j2": source})
    with pytest.raises(TemplateError, match=expected):
        render(plan, "md", templates=folder)


def test_the_command_line_shows_a_template_failure_without_a_traceback(tmp_path, capsys):
    folder = write_tree(tmp_path / "t", {"plan.md.j2": "{{ 1 / 0 }}"})
    assert main(["plan", str(SAMPLE), "--templates", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "plan.md.j2:1: the template failed" in err and "Traceback" not in err


# -- 8. bounded template work --------------------------------------------------------------

NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
DOUBLING = (
    "{% set ns = namespace(s='x') %}{% for i in range(45) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s | length }}"
)


def test_a_template_that_never_ends_is_stopped_in_time(tmp_path, tiny_catalog, monkeypatch):
    monkeypatch.setattr(_limits, "TEMPLATE_SECONDS", 1.0)
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path / "t", {"plan.md.j2": NESTED})
    start = time.perf_counter()
    with pytest.raises(TemplateError, match="took longer than 1 seconds"):
        render(plan, "md", templates=folder)
    assert time.perf_counter() - start < 5


def test_a_template_that_eats_memory_is_stopped(tmp_path, tiny_catalog, monkeypatch):
    monkeypatch.setattr(_limits, "TEMPLATE_MEMORY_BYTES", 300_000_000)
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path / "t", {"plan.md.j2": DOUBLING})
    with pytest.raises(TemplateError, match="memory"):
        render(plan, "md", templates=folder)


def test_a_template_that_writes_too_much_is_stopped(tmp_path, tiny_catalog, monkeypatch):
    monkeypatch.setattr(_limits, "TEMPLATE_OUTPUT_CHARS", 10_000)
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path / "t", {"plan.md.j2": "{% for i in range(5000) %}xyz{% endfor %}"})
    with pytest.raises(TemplateError, match="output grew past the limit of 10,000"):
        render(plan, "md", templates=folder)


PIECES = [
    "{{ plan.person }}",
    "{{ plan.title | upper }}",
    "{% for p in plan.phases %}{{ p.title }}{% endfor %}",
    "{{ 1 / 0 }}",
    "{{ plan.nope }}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{{ 'ab' * 10**12 }}",
    "{% for i in range(10**6) %}{% endfor %}",
    "{{ plan.__class__.__mro__ }}",
    "{% include 'plan.md.j2' %}",
    "{% extends 'default/plan.md.j2' %}",
    "{% if %}",
    "{{ range(10)|list|sum }}",
    "{{ 9 ** 9 ** 9 }}",
    "{% raw %}{{{% endraw %}",
    "\x00\ud7ff",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=4))
def test_any_template_renders_or_fails_cleanly_within_the_bound(tmp_path_factory, parts):
    _limits.TEMPLATE_SECONDS, saved = 1.0, _limits.TEMPLATE_SECONDS
    try:
        plan = generate_plan(profile(), catalog=CATALOG)
        folder = tmp_path_factory.mktemp("t")
        (folder / "plan.md.j2").write_text("".join(parts), encoding="utf-8", errors="replace")
        start = time.perf_counter()
        with contextlib.suppress(TemplateError):
            assert isinstance(render(plan, "md", templates=folder), str)
        assert time.perf_counter() - start < 6
    finally:
        _limits.TEMPLATE_SECONDS = saved


# -- 9. output files a coach can share -----------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_plan_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path, umask_022):
    out = tmp_path / "plan.md"
    assert main(["plan", str(SAMPLE), "-o", str(out)]) == 0
    assert _mode(out) == 0o644
    out.chmod(0o664)
    assert main(["plan", str(SAMPLE), "-o", str(out)]) == 0
    assert _mode(out) == 0o664
    os.umask(0o077)
    fresh = tmp_path / "private.md"
    assert main(["plan", str(SAMPLE), "-o", str(fresh)]) == 0
    assert _mode(fresh) == 0o600


def test_batch_documents_follow_the_umask(tmp_path, umask_022):
    profiles = tmp_path / "p"
    profiles.mkdir()
    (profiles / "alex.yaml").write_text(SAMPLE_TEXT)
    assert main(["batch", str(profiles), "-o", str(tmp_path / "out"), "--format", "md,ics"]) == 0
    for name in ("alex.md", "alex.ics", "report.json"):
        assert _mode(tmp_path / "out" / name) == 0o644


# -- 10. output targets that are not regular files -----------------------------------------


def test_a_named_pipe_receives_the_plan_and_stays_a_pipe(tmp_path):
    pipe = _fifo(tmp_path / "plan.pipe")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    assert main(["plan", str(SAMPLE), "-o", str(pipe)]) == 0
    reader.join(10)
    assert got and got[0].decode() == render(generate_plan(SAMPLE), "md")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_dash_and_dev_stdout_print_the_plan(tmp_path):
    expected = render(generate_plan(SAMPLE), "md")
    for target in ("-", "/dev/stdout"):
        run = subprocess.run(
            [sys.executable, "-m", "roadmap_engine", "plan", str(SAMPLE), "-o", target],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0 and run.stdout == expected, run.stderr


def test_dev_null_is_written_into_not_replaced():
    before = os.stat("/dev/null")
    assert main(["plan", str(SAMPLE), "-o", "/dev/null"]) == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


# -- 11. never overwrite an input ----------------------------------------------------------


def test_no_output_may_be_an_input(tmp_path, capsys):
    me = tmp_path / "me.yaml"
    me.write_text(SAMPLE_TEXT)
    (tmp_path / "hard.md").hardlink_to(me)
    (tmp_path / "soft.md").symlink_to(me)
    catalog = write_tree(tmp_path / "cat", {"extra.yaml": {"skills": []}})
    templates = write_tree(tmp_path / "tpl", {"plan.md.j2": "{{ plan.person }}\n"})
    cases = [
        (["-o", str(me)], "is the profile"),
        (["-o", str(tmp_path / "hard.md")], "is the profile"),
        (["-o", str(tmp_path / "soft.md")], "is the profile"),
        (["--catalog", str(catalog), "-o", str(catalog / "extra.yaml")], "is a catalog file"),
        (["--templates", str(templates), "-o", str(templates / "plan.md.j2")], "template file"),
    ]
    for extra, what in cases:
        assert main(["plan", str(me), *extra]) == 2
        assert what in capsys.readouterr().err
    assert me.read_text() == SAMPLE_TEXT
    assert (templates / "plan.md.j2").read_text() == "{{ plan.person }}\n"
    assert yaml.safe_load((catalog / "extra.yaml").read_text()) == {"skills": []}


def test_a_batch_report_may_not_be_a_profile(tmp_path, capsys):
    profiles = tmp_path / "p"
    profiles.mkdir()
    (profiles / "alex.yaml").write_text(SAMPLE_TEXT)
    report = str(profiles / "alex.yaml")
    assert main(["batch", str(profiles), "-o", str(tmp_path / "out"), "--report", report]) == 2
    assert "is a profile" in capsys.readouterr().err
    assert (profiles / "alex.yaml").read_text() == SAMPLE_TEXT
    assert not list((tmp_path / "out").glob("*.md"))


# -- 12. check before writing --------------------------------------------------------------


@pytest.mark.parametrize("report", ["missing/report.json", "a-folder"])
def test_a_bad_report_path_stops_the_batch_before_anything_is_written(tmp_path, capsys, report):
    profiles = tmp_path / "p"
    profiles.mkdir()
    (profiles / "alex.yaml").write_text(SAMPLE_TEXT)
    (tmp_path / "a-folder").mkdir()
    out = tmp_path / "out"
    code = main(["batch", str(profiles), "-o", str(out), "--report", str(tmp_path / report)])
    assert code == 2
    assert "report" in capsys.readouterr().err
    assert not out.exists()


# -- 13. Ctrl-C ----------------------------------------------------------------------------


def test_ctrl_c_stops_a_batch_with_one_line_and_complete_documents(tmp_path):
    profiles = tmp_path / "p"
    profiles.mkdir()
    count = 400
    for i in range(count):
        (profiles / f"client-{i:03}.yaml").write_text(SAMPLE_TEXT)
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "roadmap_engine", "batch", str(profiles), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would reach
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.md"))) < 60:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    (line,) = [x for x in stderr.splitlines() if x.strip()]
    match = re.fullmatch(r"interrupted: (\d+) of (\d+) written; run again to continue", line)
    assert match and int(match[2]) == count and 0 < int(match[1]) < count
    written = sorted(out.glob("*.md"))
    assert len(written) == int(match[1])  # work under way at Ctrl-C is finished and counted
    report = json.loads((out / "report.json").read_text())
    assert len(report["entries"]) == len(written)
    expected = render(generate_plan(SAMPLE), "md")
    assert all(path.read_text() == expected for path in written)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    rerun = subprocess.run(
        [sys.executable, "-m", "roadmap_engine", "batch", str(profiles), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0 and len(list(out.glob("*.md"))) == count


# -- output paths, fuzzed ------------------------------------------------------------------

TARGETS = [
    "new file",
    "existing file",
    "link to a file",
    "the profile",
    "hard link to the profile",
    "link to the profile",
    "a folder",
    "missing folder",
    "dash",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(TARGETS), mode=st.sampled_from([0o600, 0o640, 0o664, 0o644]))
def test_any_output_path_is_written_whole_or_refused_with_inputs_intact(
    tmp_path_factory, kind, mode
):
    root = tmp_path_factory.mktemp("out")
    me = root / "me.yaml"
    me.write_text(SAMPLE_TEXT)
    other = root / "other.md"
    other.write_text("old")
    other.chmod(mode)
    target = {
        "new file": root / "plan.md",
        "existing file": other,
        "link to a file": root / "link.md",
        "the profile": me,
        "hard link to the profile": root / "hard.md",
        "link to the profile": root / "soft.md",
        "a folder": root / "folder",
        "missing folder": root / "missing" / "plan.md",
        "dash": Path("-"),
    }[kind]
    if kind == "link to a file":
        target.symlink_to(other)
    if kind == "hard link to the profile":
        target.hardlink_to(me)
    if kind == "link to the profile":
        target.symlink_to(me)
    if kind == "a folder":
        target.mkdir()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["plan", str(me), "-o", str(target)])
    run = subprocess.CompletedProcess([], code, out.getvalue(), err.getvalue())
    assert me.read_text() == SAMPLE_TEXT  # an input is never touched
    expected = render(generate_plan(SAMPLE), "md")
    if kind in ("the profile", "hard link to the profile", "link to the profile", "a folder"):
        assert run.returncode == 2 and "roadmap: error:" in run.stderr
    elif kind == "missing folder":
        assert run.returncode == 2 and not target.parent.exists()
    elif kind == "dash":
        assert run.returncode == 0 and run.stdout == expected
    else:
        assert run.returncode == 0 and target.read_text() == expected
        if kind == "existing file":
            assert _mode(target) == mode
    assert not [p for p in root.rglob("*.tmp")]


# -- found by an adversarial review --------------------------------------------------------


def test_a_constant_expression_cannot_escape_the_bound_at_compile_time(
    tmp_path, tiny_catalog, monkeypatch
):
    monkeypatch.setattr(_limits, "TEMPLATE_SECONDS", 1.0)
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path / "t", {"plan.md.j2": "{{ 9 ** (9 ** 9) }}"})
    start = time.perf_counter()
    with pytest.raises(TemplateError, match="took longer than 1 seconds"):
        render(plan, "md", templates=folder)
    with pytest.raises(TemplateError, match="took longer than 1 seconds"):
        from roadmap_engine.writers.render import check_templates

        check_templates(["md"], folder)
    assert time.perf_counter() - start < 8


def test_a_batch_report_can_go_to_a_pipe_and_an_odd_old_report_is_ignored(tmp_path):
    profiles = tmp_path / "p"
    profiles.mkdir()
    (profiles / "alex.yaml").write_text(SAMPLE_TEXT)
    pipe = _fifo(tmp_path / "report.pipe")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    assert main(["batch", str(profiles), "-o", str(tmp_path / "out"), "--report", str(pipe)]) == 0
    reader.join(10)
    assert got and json.loads(got[0])["written"] == 1 and stat.S_ISFIFO(os.stat(pipe).st_mode)
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    report = str(tmp_path / "zero.json")
    assert main(["batch", str(profiles), "-o", str(tmp_path / "out"), "--report", report]) == 0


def test_an_unquoted_time_is_a_time_not_a_base_60_number(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(SAMPLE_TEXT + "session_start: 19:30\n", encoding="utf-8")
    person, _ = load_profile(path)
    assert person.session_start == {"default": dt.time(19, 30)}
    with pytest.raises(ProfileError, match="session_start: must be a time of day written HH:MM"):
        load_profile({**yaml.safe_load(SAMPLE_TEXT), "session_start": 1080})


def test_the_same_weekday_twice_is_an_error(tiny_catalog):
    with pytest.raises(ProfileError, match="hours_per_weekday: names the same day twice"):
        generate_plan(
            profile(weekly_hours=None, hours_per_weekday={"mon": 2, "Monday": 3}),
            catalog=tiny_catalog,
        )


NOT_A_PATH: Any = 123
"""A wrong type on purpose: the library must refuse it with a RoadmapError."""


@pytest.mark.parametrize(
    "call",
    [
        lambda p: generate_plan("a\0b"),
        lambda p: load_catalog(NOT_A_PATH),
        lambda p: render(p, "md", templates=NOT_A_PATH),
        lambda p: render(p, "md", templates="a\0b"),
        lambda p: __import__("roadmap_engine").run_batch("profiles", "out", None),
        lambda p: __import__("roadmap_engine").run_batch("profiles", "out", "md"),
        lambda p: __import__("roadmap_engine").run_batch(None, "out"),
        lambda p: __import__("roadmap_engine").run_batch("profiles", "out\0"),
    ],
)
def test_wrong_argument_types_are_roadmap_errors(tiny_catalog, call):
    with pytest.raises(RoadmapError):
        call(generate_plan(profile(), catalog=tiny_catalog))


def test_a_long_output_name_and_a_link_to_a_plan_are_written(tmp_path):
    long_name = tmp_path / ("a" * 250 + ".md")
    assert main(["plan", str(SAMPLE), "-o", str(long_name)]) == 0 and long_name.is_file()
    target = tmp_path / "kept.md"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["plan", str(SAMPLE), "-o", str(link)]) == 0
    assert link.is_symlink() and target.read_text().startswith("# From")
    assert _mode(target) == 0o600


def test_a_reader_that_leaves_early_gets_no_error():
    run = subprocess.run(
        f"'{sys.executable}' -m roadmap_engine catalog list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stdout.startswith("Roles (") and run.stderr == ""
