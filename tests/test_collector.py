"""Pausing the collector while a plan is built changes nothing a caller can see."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref
from typing import Any

import pytest

from roadmap_engine._collector import collection_paused


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_the_collector_is_restored_as_it_was() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_cycle_made_while_paused_is_still_collected_and_nothing_stays_frozen() -> None:
    with collection_paused():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        alive = weakref.ref(first)
        del first, second
    assert gc.get_freeze_count() == 0
    assert alive() is not None  # a cycle waits for a collection ...
    gc.collect()
    assert alive() is None  # ... and the next full one frees it


def test_cycles_made_while_paused_do_not_pile_up_over_many_plans() -> None:
    """A batch worker plans thousands of times: what each plan leaves in cycles must
    be collected as it goes, not kept until a full collection that may never come."""
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(3000):
        with collection_paused():
            first, second = _Node(), _Node()
            first.other, second.other = second, first
            del first, second
        _ = [[] for _ in range(10)]  # the ordinary work between plans
    assert len(gc.get_objects()) - before < 1000


_IMPORT_AND_COUNT = """
import gc, json, sys
{before}
frozen = gc.get_freeze_count()
counts = [g["collections"] for g in gc.get_stats()]
import roadmap_engine
after = [g["collections"] for g in gc.get_stats()]
print(json.dumps({{"during": [a - b for a, b in zip(after, counts)], "enabled": gc.isenabled(),
                  "frozen": [frozen, gc.get_freeze_count()],
                  "young": len(gc.get_objects(0)) + len(gc.get_objects(1))}}))
"""


def _import_in_a_fresh_process(before: str = "") -> dict[str, Any]:
    code = _IMPORT_AND_COUNT.format(before=before)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def test_importing_the_package_pauses_the_collector_and_restores_it() -> None:
    found = _import_in_a_fresh_process()
    young, middle, full = found["during"]
    # the few left run as the package starts and after the pause (without it: 117, 11, 1)
    assert young + middle < 30 and full == 0
    assert found["enabled"] is True and found["frozen"] == [0, 0]
    assert found["young"] < 5_000  # the import's objects went straight to the oldest
    assert _import_in_a_fresh_process("gc.disable()")["enabled"] is False


def test_an_importers_frozen_objects_stay_frozen() -> None:
    before, after = _import_in_a_fresh_process("gc.freeze()")["frozen"]
    assert before > 1_000 and after > before - 100  # (a few die meanwhile and leave it)


def test_the_command_freezes_what_its_imports_built_before_it_runs(monkeypatch) -> None:
    from roadmap_engine import _cli

    seen: list[int] = []

    def main() -> int:
        seen.append(gc.get_freeze_count())
        return 0

    monkeypatch.setattr(_cli, "main", main)
    try:
        with pytest.raises(SystemExit):
            _cli.run()
    finally:
        gc.unfreeze()  # this test process goes on collecting as before
    assert seen and seen[0] > 10_000
