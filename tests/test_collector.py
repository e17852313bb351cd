"""Pausing the collector while a plan is built changes nothing a caller can see."""

from __future__ import annotations

import gc
import weakref

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
