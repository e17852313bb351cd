"""``generate_plans(executor=...)``: a real Dask cluster gives the default pool's
results, profiles are read lazily, and a lost worker fails only its own profiles."""

from __future__ import annotations

import itertools
from collections.abc import Generator
from concurrent.futures import Executor, Future, ThreadPoolExecutor

import pytest
from conftest import SAMPLE, profile

from roadmap_engine import generate_plans
from roadmap_engine._batch import CRASHED


def profiles() -> list:
    good = [dict(profile(name=f"Client {i}", weekly_hours=5 + i)) for i in range(6)]
    return [*good, profile(name="Bad", weekly_hours=-1), SAMPLE]


def outcomes(results) -> list:
    return [(r.source, r.plan.model_dump_json() if r.plan else None, r.error) for r in results]


@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::DeprecationWarning")
def test_a_dask_cluster_gives_the_default_pools_results(tiny_catalog):
    distributed = pytest.importorskip("dask.distributed")
    sources = profiles()[:-1]  # the sample needs the built-in catalog; tested below
    expected = outcomes(generate_plans(sources, catalog=tiny_catalog, jobs=2))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        found = outcomes(
            generate_plans(sources, catalog=tiny_catalog, executor=client.get_executor(), jobs=2)
        )
        on_sample = outcomes(generate_plans([SAMPLE], executor=client.get_executor()))
    assert found == expected
    assert any(error for _, _, error in found) and any(plan for _, plan, _ in found)
    assert on_sample == outcomes(generate_plans([SAMPLE], jobs=1))


def test_any_executor_gives_the_same_results(tiny_catalog):
    sources = profiles()[:-1]
    expected = outcomes(generate_plans(sources, catalog=tiny_catalog, jobs=1))
    with ThreadPoolExecutor(2) as pool:
        assert outcomes(generate_plans(sources, catalog=tiny_catalog, executor=pool)) == expected


@pytest.mark.parametrize("with_executor", [False, True], ids=["default pool", "executor"])
def test_profiles_are_read_lazily_with_few_in_flight(tiny_catalog, with_executor):
    taken = []

    def endless():
        for i in itertools.count():
            taken.append(i)
            yield profile(name=f"Client {i}")

    with ThreadPoolExecutor(2) as pool:
        results = generate_plans(
            endless(), catalog=tiny_catalog, jobs=2, executor=pool if with_executor else None
        )
        first = list(itertools.islice(results, 5))
        assert isinstance(results, Generator)
        results.close()  # stops the chunks in flight
    assert [r.source for r in first] == [f"profile {i + 1} (Client {i})" for i in range(5)]
    # the read-ahead (2 workers x 2 chunks x 16) plus the chunks in flight, never everything
    assert len(taken) <= 2 * 2 * 16 + 2 * 2 * 16 + 1


class LosingExecutor(Executor):
    """Runs chunks here, but loses the worker running the second one."""

    def __init__(self) -> None:
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        self.calls += 1
        future: Future = Future()
        if self.calls == 2:
            future.set_exception(OSError("worker lost"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def test_a_lost_worker_fails_only_its_chunk(tiny_catalog):
    sources = [profile(name=f"Client {i}") for i in range(40)]
    results = list(generate_plans(sources, catalog=tiny_catalog, jobs=2, executor=LosingExecutor()))
    assert len(results) == 40
    lost = [r for r in results if r.error == CRASHED]
    assert 0 < len(lost) < 40
    assert all(r.ok for r in results if r.error != CRASHED)
