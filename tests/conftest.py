"""Shared helpers: a tiny catalog built in code, file trees from dicts."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_engine._catalog import catalog_from_data
from roadmap_engine._catalog_cache import CACHE_ENV
from roadmap_engine._levels import Level, rank

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "profiles" / "software-engineer-to-ml-engineer.yaml"


GUIDE = "guide-"
"""Skills made by ``skill()`` name a free guide ``guide-<skill id>``; ``with_guides``
defines those guides so a test catalog need not list them."""


def resource(
    title: str = "A free guide", cost: str = "free", hours: float = 5, rid: str | None = None
) -> dict:
    return {
        "id": rid or "-".join(title.lower().split()),
        "title": title,
        "provider": "Example Press",
        "kind": "book",
        "cost": cost,
        "hours": hours,
    }


def with_guides(files: dict[str, Any]) -> dict[str, Any]:
    """``files`` plus a ``guides.yaml`` defining every ``guide-*`` resource its skills
    name and no file defines."""
    named: set[str] = set()
    defined: set[str] = set()
    for data in files.values():
        if not isinstance(data, dict):
            continue
        listed = data.get("resources")
        if isinstance(listed, list):
            defined |= {str(r.get("id")) for r in listed if isinstance(r, dict)}
        skills = data.get("skills")
        for item in skills if isinstance(skills, list) else ():
            uses = item.get("resources") if isinstance(item, dict) else None
            if isinstance(uses, list):
                named |= {u for u in uses if isinstance(u, str) and u.startswith(GUIDE)}
    missing = sorted(named - defined)
    if not missing:
        return files
    guides = [resource(f"{rid[len(GUIDE) :]} guide", rid=rid) for rid in missing]
    name = next(
        n for n in ("guides.yaml", "guides-more.yaml", "guides-extra.yaml") if n not in files
    )
    return {**files, name: {"resources": guides}}


def skill(sid: str, hours: float, prerequisites: tuple[str, ...] = (), **extra: Any) -> dict:
    return {
        "id": sid,
        "name": sid.replace("-", " ").title(),
        "category": "test",
        "hours": hours,
        "prerequisites": list(prerequisites),
        "summary": f"What {sid} is.",
        "applies": f"How {sid} carries over.",
        "resources": [f"{GUIDE}{sid}"],
        **extra,
    }


def role(rid: str, requires: list[dict], phases: tuple[str, ...] = ("one", "two"), **extra) -> dict:
    return {
        "id": rid,
        "title": rid.replace("-", " ").title(),
        "summary": f"The {rid} role.",
        "overview": [f"Why {rid}."],
        "requires": requires,
        "phases": [{"id": p, "title": f"Phase {p}", "summary": f"About {p}."} for p in phases],
        "reality_check": {"love": ["a"], "miss": ["b"], "challenges": ["c"]},
        "faq": [{"question": f"Is {rid} for me?", "answer": "Perhaps."}],
        **extra,
    }


def req(sid: str, level: str = "intermediate", importance: int = 3, phase: str = "one") -> dict:
    return {"skill": sid, "level": level, "importance": importance, "phase": phase}


TINY = with_guides(
    {
        "skills.yaml": {
            "skills": [
                skill("basics", 10),
                skill("middle", 20, ("basics",)),
                skill("advanced-topic", 30, ("middle",)),
                skill("side", 8),
            ]
        },
        "roles.yaml": {
            "roles": [
                role("starter", [req("basics")], typical_skills={"basics": "basic"}),
                role(
                    "expert",
                    [
                        req("advanced-topic", "advanced", 5, "two"),
                        req("side", "basic", 2, "one"),
                    ],
                    activities=[
                        {
                            "id": "capstone",
                            "title": "Build a capstone",
                            "kind": "project",
                            "hours": 6,
                            "phase": "two",
                            "prerequisites": ["advanced-topic"],
                            "detail": "Put it together.",
                            "milestone": True,
                        }
                    ],
                ),
            ]
        },
    }
)


@pytest.fixture
def tiny_catalog():
    return catalog_from_data(copy.deepcopy(TINY))


@pytest.fixture
def tiny_data():
    return copy.deepcopy(TINY)


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """Write ``{"name.yaml": data-or-text}`` under ``root``; data is dumped as YAML.
    The ``guide-*`` resources its skills name are written too (``with_guides``)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in with_guides(files).items():
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        (root / name).write_text(text, encoding="utf-8")
    return root


def pytest_configure(config: pytest.Config) -> None:
    """The catalog cache goes to a folder of the run's own (inherited by the commands the
    tests start), never into the user's cache folder."""
    folder = tempfile.mkdtemp(prefix="roadmap-test-cache-")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ[CACHE_ENV] = folder


def profile(**overrides: Any) -> dict:
    base = {
        "name": "Test Person",
        "current_role": "starter",
        "target_role": "expert",
        "start_date": "2027-01-04",
        "weekly_hours": 10,
    }
    base.update(overrides)
    return base


def assumed_level(catalog, skill: str, typical: Level, stated: dict) -> Level:
    """A level assumed from the current role is never above one the person stated for
    any skill it builds on, directly or through other prerequisites."""
    level, seen, todo = typical, set(), list(catalog.skills[skill].prerequisites)
    while todo:
        pre = todo.pop()
        if pre in seen:
            continue
        seen.add(pre)
        if pre in stated and rank(stated[pre]) < rank(level):
            level = stated[pre]
        todo += catalog.skills[pre].prerequisites
    return level
