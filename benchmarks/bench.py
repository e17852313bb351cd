"""Measure roadmap-engine against the targets of its speed-and-scale issue.

    python benchmarks/bench.py            # every target (TaskJuggler's when tj3 is installed)
    python benchmarks/bench.py --quick    # smaller: no 50,000-skill graph, 3,000 profiles
                                          # for the memory check, TaskJuggler up to 3,000

The machine is noisy, so every timing target is a ratio taken in one run,
from alternating rounds of the two things compared, and printed with the
spread (min-max) of the per-round figures. Peak memory is each measured
process's own, labelled with what it ran. Speed is measured here only, never
by timed tests. The table at the end gives each target, its figure and
whether it is met.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "profiles" / "software-engineer-to-ml-engineer.yaml"
RELEASE_BEFORE = "473105e"
"""The release before the issue: the warm-plan target is measured against it."""
FLOOR = [sys.executable, "-c", "import pydantic, networkx, jinja2, yaml"]
"""Importing the dependencies of a plan: no run can be faster."""
NETWORKX_FLOOR = [sys.executable, "-c", "import networkx"]
"""Importing networkx alone: what any run that orders its graph with networkx (as
the design has it) pays, whatever else it leaves out."""


@dataclass
class Row:
    target: str
    figure: str
    spread: str
    wanted: str
    met: bool | None
    """None: not measured here (the reason is in ``figure``)."""


ROWS: list[Row] = []


def report(row: Row) -> None:
    ROWS.append(row)
    met = {True: "met", False: "NOT met", None: "-"}[row.met]
    print(f"  => {row.target}: {row.figure} ({row.spread}); target {row.wanted}: {met}")


def spread(values: Sequence[float], fmt: str = "{:.2f}") -> str:
    return f"min-max {fmt.format(min(values))}-{fmt.format(max(values))}"


def roadmap_command() -> list[str]:
    exe = shutil.which("roadmap") or str(Path(sys.executable).with_name("roadmap"))
    return [exe]


def run_env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ROADMAP_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}


def timed(
    command: list[str],
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, preexec_fn=before)
    return time.perf_counter() - start


def _deep_stack() -> None:
    """tj3 checks a chain of tasks for loops recursively: thousands need a deep stack."""
    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    resource.setrlimit(resource.RLIMIT_STACK, (hard, hard))


def alternate(*measures: Callable[[], float], rounds: int) -> list[list[float]]:
    """Each measured in turn, ``rounds`` times, so noise hits them all alike."""
    times: list[list[float]] = [[] for _ in measures]
    for _ in range(rounds):
        for measure, got in zip(measures, times, strict=True):
            got.append(measure())
    return times


# -- 1. cold `roadmap plan` against the import floor ------------------------------------


def cold_plan(scratch: Path, cache: Path, rounds: int = 15) -> None:
    print("1. cold `roadmap plan` of the sample (catalog and templates cached) vs the imports")
    # a pip install compiles the modules; an editable checkout may not have them yet
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "roadmap_engine")], check=True
    )
    out = scratch / "cold-plan.md"
    plan = [*roadmap_command(), "plan", str(SAMPLE), "-o", str(out)]
    env = run_env(cache)
    first = timed(plan, env)  # fills the cache: what every later run reads
    floors, colds = alternate(lambda: timed(FLOOR), lambda: timed(plan, env), rounds=rounds)
    ratios = [c / f for c, f in zip(colds, floors, strict=True)]
    print(
        f"   first run (empty cache) {first:.3f} s; then median {statistics.median(colds):.3f} s "
        f"against {statistics.median(floors):.3f} s for `{' '.join(FLOOR[1:])}`"
    )
    ratio = statistics.median(ratios)
    report(
        Row(
            "1 cold roadmap plan / dependency imports",
            f"{ratio:.2f}x ({statistics.median(colds):.3f} s vs {statistics.median(floors):.3f} s)",
            spread(ratios),
            "<= 1.3x",
            ratio <= 1.3,
        )
    )


# -- 2. warm plan + md + html against the release before the issue ---------------------

WARM_WORKER = textwrap.dedent(
    """
    import json, sys, time
    from roadmap_engine import generate_plan, load_catalog, load_profile, render
    catalog = load_catalog()
    person, _ = load_profile(sys.argv[1])
    def one():
        plan = generate_plan(person, catalog=catalog)
        render(plan, "md")
        render(plan, "html")
    for _ in range(30):
        one()
    print("ready", flush=True)
    for line in sys.stdin:
        times = []
        for _ in range(int(line)):
            start = time.perf_counter()
            one()
            times.append(time.perf_counter() - start)
        print(json.dumps(times), flush=True)
    """
)


def release_checkout(into: Path) -> Path | None:
    """The release before the issue, from git (``git archive``, which changes nothing in
    the checkout), or None outside a git checkout."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", RELEASE_BEFORE],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def warm_plan(scratch: Path, release: Path | None, rounds: int = 15, per_round: int = 20) -> None:
    print(f"2. warm plan + md + html of the sample: this tree vs release {RELEASE_BEFORE}")
    release = release or release_checkout(scratch / "release")
    if release is None:
        report(Row("2 warm plan+md+html speed-up", "no git checkout", "-", ">= 2x", None))
        return
    workers = {
        name: subprocess.Popen(
            [sys.executable, "-c", WARM_WORKER, str(SAMPLE)],
            cwd=scratch,
            env={**os.environ, "PYTHONPATH": str(tree), "ROADMAP_CACHE_DIR": "off"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, tree in (("release", release), ("now", ROOT))
    }
    assert all(w.stdin and w.stdout for w in workers.values())
    for worker in workers.values():
        assert worker.stdout is not None
        worker.stdout.readline()

    def run(name: str) -> float:
        worker = workers[name]
        assert worker.stdin is not None and worker.stdout is not None
        worker.stdin.write(f"{per_round}\n")
        worker.stdin.flush()
        return statistics.median(json.loads(worker.stdout.readline()))

    before, now = alternate(lambda: run("release"), lambda: run("now"), rounds=rounds)
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    ratios = [b / n for b, n in zip(before, now, strict=True)]
    ratio = statistics.median(ratios)
    print(
        f"   medians: release {statistics.median(before) * 1000:.2f} ms, "
        f"now {statistics.median(now) * 1000:.2f} ms ({rounds} rounds of {per_round})"
    )
    report(
        Row(
            "2 warm plan+md+html, release / now",
            f"{ratio:.2f}x ({statistics.median(before) * 1000:.2f} ms -> "
            f"{statistics.median(now) * 1000:.2f} ms)",
            spread(ratios),
            ">= 2x",
            ratio >= 2,
        )
    )


# -- 3. big graphs, and 4. a big coach catalog read from YAML ---------------------------


def synthetic_catalog(n: int, seed: int = 7, hours: float = 0.1) -> dict:
    """``n`` skills, each with up to two earlier prerequisites; one role needs them all."""
    rng = random.Random(seed)
    skills = []
    for i in range(n):
        prereqs = sorted({f"s{rng.randrange(i)}" for _ in range(rng.randint(0, 2))}) if i else []
        skills.append(
            {
                "id": f"s{i}",
                "name": f"Skill {i}",
                "category": "synthetic",
                "hours": hours,
                "prerequisites": prereqs,
                "summary": "A synthetic skill.",
                "applies": "It applies.",
                "resources": [f"guide-{i}"],
            }
        )
    resources = [
        {
            "id": f"guide-{i}",
            "title": f"Guide {i}",
            "provider": "Bench",
            "kind": "docs",
            "cost": "free",
            "hours": hours,
            "url": f"https://bench.example/guides/{i}",
        }
        for i in range(n)
    ]
    phases = [{"id": f"p{k}", "title": f"Phase {k}", "summary": "Work."} for k in range(5)]
    common = {
        "summary": "A role.",
        "overview": ["Why."],
        "phases": phases,
        "reality_check": {"love": ["a"], "miss": ["b"], "challenges": ["c"]},
        "faq": [{"question": "Q?", "answer": "A."}],
    }
    requires = [
        {"skill": f"s{i}", "level": "intermediate", "importance": 1 + i % 5, "phase": f"p{i % 5}"}
        for i in range(n)
    ]
    return {
        "synthetic.yaml": {
            "resources": resources,
            "skills": skills,
            "roles": [
                {
                    "id": "from",
                    "title": "From",
                    **common,
                    "requires": [{"skill": "s0", "level": "basic", "importance": 1, "phase": "p0"}],
                },
                {"id": "to", "title": "To", **common, "requires": requires},
            ],
        }
    }


BIG_PERSON = {
    "name": "Bench",
    "current_role": "from",
    "target_role": "to",
    "start_date": "2027-01-04",
    "weekly_hours": 100,
    "study_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
}


def big_graph(n: int, folder: Path | None = None) -> None:
    """Child process: the catalog built in memory (or read from the YAML files in
    ``folder``, uncached, as a coach's first run reads it), then plan and Markdown;
    its own peak."""
    from roadmap_engine import generate_plan, load_catalog, render
    from roadmap_engine._catalog import catalog_from_data

    if folder is None:
        data = synthetic_catalog(n)
        start = time.perf_counter()
        catalog = catalog_from_data(data)
        del data
    else:
        start = time.perf_counter()
        catalog = load_catalog(folder, replace=True)
    loaded = time.perf_counter()
    plan = generate_plan(BIG_PERSON, catalog=catalog)
    planned = time.perf_counter()
    render(plan, "md")
    rendered = time.perf_counter()
    print(
        json.dumps(
            {
                "catalog": loaded - start,
                "plan": planned - loaded,
                "markdown": rendered - planned,
                "peak_mb": _peak_mb(),
                "activities": sum(len(p.activities) for p in plan.phases),
            }
        )
    )


def _graph_run(n: int, folder: Path | None = None) -> dict:
    """One big-graph child process (``big_graph``), with the catalog's cache off."""
    extra = [] if folder is None else ["--graph-yaml", str(folder)]
    out = subprocess.run(
        [sys.executable, __file__, "--graph", str(n), *extra],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ROADMAP_CACHE_DIR": "off"},
    ).stdout
    got: dict = json.loads(out)
    return got


def _graph_line(n: int, got: dict, how: str) -> None:
    both = got["plan"] + got["markdown"]
    print(
        f"   {n:>6,} skills ({how}): catalog {got['catalog']:.2f} s, plan {got['plan']:.2f} s, "
        f"markdown {got['markdown']:.2f} s, plan+markdown {both:.2f} s, "
        f"{both / n * 1e6:.0f} us a skill; peak of this process {got['peak_mb']:.0f} MB"
    )


def big_graphs(scratch: Path, sizes: Sequence[int]) -> None:
    print("3. big graphs: catalog built in memory, then plan + Markdown, each in its own process")
    found = {}
    for n in sizes:
        found[n] = _graph_run(n)
        _graph_line(n, found[n], "catalog built in memory")
    largest = max(sizes)
    got = found[largest]
    seconds = got["plan"] + got["markdown"]
    report(
        Row(
            f"3 {largest:,} skills: plan + Markdown",
            f"{seconds:.2f} s, peak {got['peak_mb']:.0f} MB",
            "one run",
            "< 5 s and < 500 MB",
            seconds < 5 and got["peak_mb"] < 500,
        )
    )
    # what a coach with a catalog this large pays: its YAML read without a cache
    folder = write_catalog(scratch / f"graph-catalog-{largest}", synthetic_catalog(largest))
    from_yaml = _graph_run(largest, folder)
    _graph_line(largest, from_yaml, "catalog read from YAML, uncached")
    seconds = from_yaml["plan"] + from_yaml["markdown"]
    report(
        Row(
            f"3 {largest:,} skills, catalog read from YAML",
            f"read {from_yaml['catalog']:.2f} s; plan + Markdown {seconds:.2f} s, "
            f"peak {from_yaml['peak_mb']:.0f} MB",
            "one run",
            "plan + Markdown < 5 s, peak < 500 MB",
            seconds < 5 and from_yaml["peak_mb"] < 500,
        )
    )
    smallest = min(sizes)
    per_skill = [(found[n]["plan"] + found[n]["markdown"]) / n for n in sizes]
    growth = per_skill[-1] / per_skill[0]
    report(
        Row(
            f"3 linear growth {smallest:,} -> {largest:,} skills",
            f"time a skill x{growth:.2f}, peak x{got['peak_mb'] / found[smallest]['peak_mb']:.2f}"
            f" for x{largest / smallest:.0f} skills",
            "one run per size",
            "time a skill within 1.5x",
            growth <= 1.5,
        )
    )


FILE_ITEMS = 5_000
"""Items of a list per catalog file: a large catalog is split as a coach would split it
(one file may hold 10 MB)."""


def write_catalog(folder: Path, data: dict) -> Path:
    folder.mkdir(parents=True)
    for name, content in data.items():
        stem = Path(name).stem
        for key, items in content.items():
            for start in range(0, len(items), FILE_ITEMS):
                part = {key: items[start : start + FILE_ITEMS]}
                text = yaml.safe_dump(part, sort_keys=False)
                (folder / f"{stem}-{key}-{start // FILE_ITEMS:03}.yaml").write_text(
                    text, encoding="utf-8"
                )
    return folder


def coach_catalog(scratch: Path, n: int = 10_000, later: int = 5) -> None:
    print(f"4. a {n:,}-skill coach catalog read from YAML by `roadmap plan` (first vs later runs)")
    folder = write_catalog(scratch / f"catalog-{n}", synthetic_catalog(n))
    person = scratch / "big-person.yaml"
    person.write_text(yaml.safe_dump(BIG_PERSON), encoding="utf-8")
    cache = scratch / "coach-cache"
    command = [
        *roadmap_command(),
        "plan",
        str(person),
        "--catalog",
        str(folder),
        "--replace-catalog",
        "-o",
        str(scratch / "big.md"),
    ]
    env = run_env(cache)
    first, peak_first = timed_with_peak(command, env)
    runs = [timed_with_peak(command, env) for _ in range(later)]
    seconds = [s for s, _ in runs]
    ratios = [first / s for s in seconds]
    print(
        f"   first run {first:.2f} s (peak {peak_first:.0f} MB); later runs median "
        f"{statistics.median(seconds):.2f} s (peak {max(p for _, p in runs):.0f} MB)"
    )
    ratio = statistics.median(ratios)
    report(
        Row(
            f"4 {n:,}-skill coach catalog, first / later runs",
            f"{ratio:.1f}x ({first:.2f} s -> {statistics.median(seconds):.2f} s)",
            spread(ratios, "{:.1f}"),
            ">= 5x",
            ratio >= 5,
        )
    )


def timed_with_peak(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one run of ``command``, measured by a wrapper
    process of its own so that every run's peak is its own."""
    wrapper = textwrap.dedent(
        """
        import json, resource, subprocess, sys, time
        start = time.perf_counter()
        subprocess.run(sys.argv[1:], check=True, capture_output=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps([seconds, peak]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    seconds, peak = json.loads(out)
    return seconds, peak


# -- 5. against TaskJuggler --------------------------------------------------------------

TJ_DAY_HOURS = {"mon": 2.0, "tue": 1.5, "wed": 2.0, "thu": 1.0, "fri": 0.75, "sat": 3.0}
TJ_TIME_OFF = [("2027-03-01", "2027-03-12"), ("2027-08-02", "2027-08-20")]


def tj_person() -> dict:
    return {
        "name": "Bench",
        "current_role": "from",
        "target_role": "to",
        "start_date": "2027-01-04",
        "hours_per_weekday": TJ_DAY_HOURS,
        "time_off": [{"start": a, "end": b, "reason": "Away"} for a, b in TJ_TIME_OFF],
    }


def taskjuggler_project(plan: dict) -> str:
    """The plan's own activities as a TaskJuggler project: one resource working the
    plan's weekday hours, away on its time off, every activity's effort in minutes,
    each one after the one before, in the plan's order."""
    activities = [a for phase in plan["phases"] for a in phase["activities"]]
    end = dt.date.fromisoformat(plan["end"]) + dt.timedelta(days=60)
    hours = []
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        length = TJ_DAY_HOURS.get(day, 0)
        if length:
            minutes = round(length * 60)
            hours.append(f"  workinghours {day} 8:00 - {8 + minutes // 60}:{minutes % 60:02}")
        else:
            hours.append(f"  workinghours {day} off")
    lines = [
        f'project bench "Bench" {plan["start"]} - {end} {{',
        "  timingresolution 15min",
        "  dailyworkinghours 8",
        *hours,
        "}",
        'resource me "Me" {',
        *(f"  leaves annual {a} - {dt.date.fromisoformat(b) + dt.timedelta(days=1)}" for a, b in
          TJ_TIME_OFF),
        "}",
    ]  # fmt: skip
    previous = None
    for index, activity in enumerate(activities):
        minutes = round(activity["hours"] * 60)
        lines.append(f'task t{index} "{index}" {{')
        lines.append(f"  effort {minutes}min")
        lines.append("  allocate me")
        if previous is not None:
            lines.append(f"  depends {previous}")
        lines.append("}")
        previous = f"t{index}"
    lines += [
        'taskreport "dates" {',
        "  formats csv",
        "  columns id, start, end",
        '  timeformat "%Y-%m-%d"',
        "  hideresource 1",
        "}",
    ]
    return "\n".join(lines) + "\n"


def versus_taskjuggler(scratch: Path, sizes: Sequence[int], wanted: dict[int, float]) -> None:
    tj3 = shutil.which("tj3")
    print("5. against TaskJuggler 3 on the same activity list")
    if tj3 is None:
        for n in sizes:
            report(Row(f"5 {n:,} activities vs tj3", "tj3 not installed", "-", "", None))
        return
    for n in sizes:
        folder = write_catalog(scratch / f"tj-catalog-{n}", synthetic_catalog(n, hours=0.25))
        person = scratch / f"tj-person-{n}.yaml"
        person.write_text(yaml.safe_dump(tj_person()), encoding="utf-8")
        cache = scratch / f"tj-cache-{n}"
        out = scratch / f"tj-plan-{n}.json"
        plan_command = [
            *roadmap_command(),
            "plan",
            str(person),
            "--catalog",
            str(folder),
            "--replace-catalog",
            "-o",
        ]
        env = run_env(cache)
        timed([*plan_command, str(out)], env)  # the catalog's first run; later ones read it cached
        plan = json.loads(out.read_text(encoding="utf-8"))
        plan_command.append(str(scratch / f"tj-plan-{n}.md"))  # the run timed: a Markdown plan
        project = scratch / f"bench-{n}.tjp"
        project.write_text(taskjuggler_project(plan), encoding="utf-8")
        tj_command = [tj3, "--silent", "-o", str(scratch), str(project)]
        tj_env = {**os.environ, "RUBY_THREAD_VM_STACK_SIZE": str(1 << 30)}
        rounds = 3 if n >= 3000 else 5
        ours, theirs, floors = alternate(
            functools.partial(timed, plan_command, env),
            functools.partial(timed, tj_command, tj_env, _deep_stack),
            functools.partial(timed, NETWORKX_FLOOR),
            rounds=rounds,
        )
        same, total = _same_dates(plan, scratch / "dates.csv")
        ratios = [t / o for o, t in zip(ours, theirs, strict=True)]
        ratio = statistics.median(ratios)
        # no run that imports networkx can beat tj3 by more than this
        ceiling = statistics.median(t / f for f, t in zip(floors, theirs, strict=True))
        print(
            f"   {n:>6,} activities: roadmap plan {statistics.median(ours):.2f} s, "
            f"tj3 {statistics.median(theirs):.2f} s; same start and end dates for "
            f"{same:,} of {total:,} activities; `import networkx` alone "
            f"{statistics.median(floors):.2f} s, so at most {ceiling:.1f}x is possible"
        )
        report(
            Row(
                f"5 {n:,} activities, tj3 / roadmap plan",
                f"{ratio:.1f}x (at most {ceiling:.1f}x: tj3 / import networkx), "
                f"dates equal {same:,}/{total:,}",
                spread(ratios, "{:.1f}"),
                f">= {wanted[n]:g}x, all dates equal",
                ratio >= wanted[n] and same == total,
            )
        )


def _same_dates(plan: dict, dates_csv: Path) -> tuple[int, int]:
    ours = [(a["start"], a["end"]) for phase in plan["phases"] for a in phase["activities"]]
    with dates_csv.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    theirs = {row[0]: (row[1], row[2]) for row in rows[1:]}
    same = sum(theirs.get(f"t{i}") == dates for i, dates in enumerate(ours))
    return same, len(ours)


# -- 6. many profiles -------------------------------------------------------------------


def _variant(sample: dict, index: int) -> dict:
    """The sample profile with another start date and weekly hours."""
    data = dict(sample)
    data["start_date"] = dt.date(2027, 1, 4) + dt.timedelta(days=index % 365)
    data["weekly_hours"] = 5 + index % 30
    data.pop("deadline", None)
    return data


def batch_run(count: int) -> None:
    """Child process: ``run_batch`` of ``count`` profiles to md + html, entries left in
    the report file as ``roadmap batch`` leaves them (``keep_entries=False``); its figures."""
    from roadmap_engine import run_batch

    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp, "profiles"), Path(tmp, "out")
        folder.mkdir()
        for i in range(count):
            text = yaml.safe_dump(_variant(sample, i))
            (folder / f"client-{i:05}.yaml").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        report = run_batch(folder, out, ("md", "html"), keep_entries=False)
        seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": seconds,
                "written": report.written,
                "parent_mb": _peak_mb(),
                "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


def many_plans(cache: Path, memory_count: int) -> None:
    from roadmap_engine._parallel import cpu_count

    cores = cpu_count()
    print(
        f"6. many profiles: `roadmap batch` to md + html on {cores} cores, each in its own process"
    )
    found = {}
    for count in (1000, memory_count):
        out = subprocess.run(
            [sys.executable, __file__, "--batch", str(count)],
            check=True,
            capture_output=True,
            text=True,
            env=run_env(cache),
        ).stdout
        found[count] = got = json.loads(out)
        print(
            f"   {count:>6,} profiles: {got['seconds']:.2f} s ({got['written']:,} written, "
            f"{got['seconds'] / count * 1000:.2f} ms a plan); peak memory: batch process "
            f"{got['parent_mb']:.0f} MB, largest worker {got['workers_mb']:.0f} MB"
        )
    thousand = found[1000]
    report(
        Row(
            f"6 1,000 profiles to md+html on {cores} cores",
            f"{thousand['seconds']:.2f} s",
            "one run",
            "<= 3 s",
            thousand["seconds"] <= 3,
        )
    )
    big = found[memory_count]
    grow_parent = big["parent_mb"] / thousand["parent_mb"]
    grow_worker = big["workers_mb"] / thousand["workers_mb"]
    report(
        Row(
            f"6 memory 1,000 -> {memory_count:,} profiles",
            f"batch process x{grow_parent:.2f} ({thousand['parent_mb']:.0f} -> "
            f"{big['parent_mb']:.0f} MB), largest worker x{grow_worker:.2f} "
            f"({thousand['workers_mb']:.0f} -> {big['workers_mb']:.0f} MB)",
            "one run each",
            "flat (within 1.1x)",
            grow_parent <= 1.1 and grow_worker <= 1.1,
        )
    )


def _peak_mb() -> float:
    """This process's own peak resident memory (MB). Linux carries ``ru_maxrss`` over
    ``exec``: a child started by a big benchmark process would report the benchmark's
    peak as its own. The kernel's high-water mark of this address space does not."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def print_table() -> None:
    print("\ntarget                                          | figure | spread | target | met")
    print("---|---|---|---|---")
    for row in ROWS:
        met = {True: "yes", False: "no", None: "not measured"}[row.met]
        print(f"{row.target} | {row.figure} | {row.spread} | {row.wanted} | {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick look")
    parser.add_argument("--graph", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--graph-yaml", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--only", type=int, action="append", help="run only this target (1-6); repeatable"
    )
    parser.add_argument(
        "--release",
        type=Path,
        metavar="DIR",
        help=f"a copy of release {RELEASE_BEFORE} (default: taken from this git checkout)",
    )
    args = parser.parse_args()
    if args.graph:
        big_graph(args.graph, args.graph_yaml)
        return
    if args.batch:
        batch_run(args.batch)
        return
    chosen = set(args.only or range(1, 7))
    size = "quick" if args.quick else "full"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {size}")
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        scratch = Path(tmp)
        cache = scratch / "cache"
        if 1 in chosen:
            cold_plan(scratch, cache)
        if 2 in chosen:
            warm_plan(scratch, args.release)
        if 3 in chosen:
            big_graphs(scratch, (10_000, 20_000) if args.quick else (10_000, 20_000, 50_000))
        if 4 in chosen:
            coach_catalog(scratch)
        if 5 in chosen:
            sizes = (200, 3000) if args.quick else (200, 3000, 10_000)
            versus_taskjuggler(scratch, sizes, {200: 3, 3000: 20, 10_000: 50})
        if 6 in chosen:
            many_plans(cache, 3000 if args.quick else 10_000)
    print_table()


if __name__ == "__main__":
    main()
