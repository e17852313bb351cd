"""Measure roadmap-engine against its performance targets.

    python benchmarks/bench.py            # everything
    python benchmarks/bench.py --quick    # skip the 50,000-skill graph
    python benchmarks/bench.py --many     # only 1,000 plans (generate_plans, roadmap batch)

Targets (2-core machine): warm plan + Markdown + HTML <= 5 ms median; cold
``roadmap plan`` <= 0.5 s; 10,000 skills <= 1 s and 50,000 <= 5 s within
500 MB; 1,000 plans <= 10 s on both cores with flat memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "profiles" / "software-engineer-to-ml-engineer.yaml"


def warm_plan(runs: int = 300) -> float:
    from roadmap_engine import generate_plan, load_catalog, load_profile, render

    catalog = load_catalog()
    person, _ = load_profile(SAMPLE)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        plan = generate_plan(person, catalog=catalog)
        render(plan, "md")
        render(plan, "html")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_cli(runs: int = 7) -> float:
    exe = shutil.which("roadmap") or str(Path(sys.executable).with_name("roadmap"))
    out = Path(os.environ.get("TMPDIR", "/tmp")) / "roadmap-bench-plan.md"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "plan", str(SAMPLE), "-o", str(out)], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_catalog(n: int, seed: int = 7) -> dict:
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
                "hours": 0.1,
                "prerequisites": prereqs,
                "summary": "A synthetic skill.",
                "applies": "It applies.",
                "resources": [
                    {
                        "title": f"Guide {i}",
                        "provider": "Bench",
                        "kind": "docs",
                        "cost": "free",
                        "hours": 1,
                    }
                ],
            }
        )
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


def big_graph(n: int) -> None:
    """Run in a child process so its peak memory is its own."""
    from roadmap_engine import generate_plan, render
    from roadmap_engine._catalog import catalog_from_data

    data = synthetic_catalog(n)
    start = time.perf_counter()
    catalog = catalog_from_data(data)
    del data
    loaded = time.perf_counter()
    person = {
        "name": "Bench",
        "current_role": "from",
        "target_role": "to",
        "start_date": "2027-01-04",
        "weekly_hours": 100,
        "study_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    }
    plan = generate_plan(person, catalog=catalog)
    planned = time.perf_counter()
    render(plan, "md")
    rendered = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n:>6} skills: catalog {loaded - start:.2f} s, plan {planned - loaded:.2f} s, "
        f"markdown {rendered - planned:.2f} s, plan+markdown {rendered - loaded:.2f} s, "
        f"peak {peak_mb:.0f} MB ({len(plan.sessions)} sessions, ends {plan.end})"
    )


def _variant(sample: dict, index: int) -> dict:
    """The sample profile with another start date and weekly hours."""
    data = dict(sample)
    data["start_date"] = dt.date(2027, 1, 4) + dt.timedelta(days=index % 365)
    data["weekly_hours"] = 5 + index % 30
    data.pop("deadline", None)
    return data


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def many_plans(count: int = 1000) -> None:
    """``generate_plans`` over profiles in memory, then ``roadmap batch`` over files."""
    import tempfile

    import yaml

    from roadmap_engine import generate_plans, load_catalog, run_batch

    load_catalog()
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    profiles = [_variant(sample, i) for i in range(count)]
    start = time.perf_counter()
    planned = sum(r.ok for r in generate_plans(profiles))
    print(
        f"generate_plans, {count:,} profiles on {os.cpu_count()} cores: "
        f"{time.perf_counter() - start:.2f} s ({planned} plans)  [target 10 s]"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp, "profiles"), Path(tmp, "out")
        folder.mkdir()
        for i, data in enumerate(profiles):
            (folder / f"client-{i:04}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        for label in ("first run", "re-run, nothing changed"):
            start = time.perf_counter()
            report = run_batch(folder, out, ("md", "html"))
            print(
                f"roadmap batch, {count:,} profiles to md+html, {label}: "
                f"{time.perf_counter() - start:.2f} s ({report.written} written, "
                f"{report.unchanged} unchanged, {report.failed} failed)"
            )
    print(
        f"peak memory: this process {_peak_mb():.0f} MB, largest worker "
        f"{_children_peak_mb():.0f} MB"
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-skill graph")
    parser.add_argument("--graph", type=int, help="only time a graph of this many skills")
    parser.add_argument("--many", action="store_true", help="only time 1,000 plans")
    args = parser.parse_args()
    if args.many:
        many_plans()
        return
    if args.graph:
        big_graph(args.graph)
        return
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"warm plan + md + html (median of 300): {warm_plan() * 1000:.2f} ms  [target 5 ms]")
    print(f"cold `roadmap plan` (median of 7):     {cold_cli():.3f} s   [target 0.5 s]")
    for n in (10_000,) if args.quick else (10_000, 50_000):
        subprocess.run([sys.executable, __file__, "--graph", str(n)], check=True)
    many_plans()


if __name__ == "__main__":
    main()
