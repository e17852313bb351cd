"""The benchmark's own inputs stay valid as the catalog format changes.

The benchmark is run by hand, never by tests (timings here would be noise);
but a synthetic catalog that no longer loads would break it silently until
the next measurement, so its inputs are checked here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from roadmap_engine import generate_plan, load_catalog
from roadmap_engine._catalog import catalog_from_data

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", module)
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_catalog_loads_and_plans_every_skill() -> None:
    bench = _bench()
    catalog = catalog_from_data(bench.synthetic_catalog(60))
    plan = generate_plan(bench.BIG_PERSON, catalog=catalog)
    learned = {a.id for phase in plan.phases for a in phase.activities if a.kind == "skill"}
    assert len(learned) == 60


def test_the_taskjuggler_project_holds_every_activity_in_order() -> None:
    bench = _bench()
    catalog = catalog_from_data(bench.synthetic_catalog(25, hours=0.25))
    plan = generate_plan(bench.tj_person(), catalog=catalog)
    data = json.loads(plan.model_dump_json())
    project = bench.taskjuggler_project(data)
    activities = [a for phase in data["phases"] for a in phase["activities"]]
    assert project.count("\ntask t") == len(activities)
    assert f"  depends t{len(activities) - 2}\n" in project
    assert "leaves annual 2027-03-01 - 2027-03-13" in project


def test_a_written_catalog_is_split_into_files_and_reads_back(tmp_path, monkeypatch) -> None:
    bench = _bench()
    monkeypatch.setattr(bench, "FILE_ITEMS", 5)
    folder = bench.write_catalog(tmp_path / "catalog", bench.synthetic_catalog(12))
    assert len(list(folder.glob("*-skills-*.yaml"))) == 3
    catalog = load_catalog(folder, replace=True)
    assert len(catalog.skills) == 12 and len(catalog.resources) == 12
