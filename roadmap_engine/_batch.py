"""``generate_plans``: many profiles on every core or a cluster, a bad one never stopping
the rest."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from ._catalog import Catalog, load_catalog
from ._parallel import run_all
from ._plan import generate_plan
from ._plan_models import Plan
from .errors import RoadmapError
from .inputs.profile import Profile, ProfileSource

CRASHED = (
    "the worker process planning it stopped abruptly (out of memory, or killed); "
    "plan this profile alone with `roadmap plan` to see why"
)


@dataclass(frozen=True)
class PlanResult:
    """One profile's outcome: its plan, or the reason there is none."""

    source: str
    """The profile's path, or ``profile N (name)`` for one given as data."""
    plan: Plan | None = None
    error: str | None = None
    """The ``RoadmapError`` message (file, field, value, fix) when it failed."""
    traceback: str | None = None
    """Only for a failure that is a bug in the engine, to report it."""

    @property
    def ok(self) -> bool:
        return self.error is None


def generate_plans(
    profiles: Iterable[ProfileSource],
    *,
    catalog: Catalog | str | Path | None = None,
    jobs: int | None = None,
    executor: Executor | None = None,
) -> Iterator[PlanResult]:
    """A ``PlanResult`` for each profile, in the order given, computed in parallel.

    The catalog is loaded (and checked) here, once, so a broken catalog raises
    ``CatalogError`` at once; a broken profile only fails its own result.
    ``profiles`` is read lazily (a generator over ten million rows is fine)
    and results are yielded as they are ready, with only a few chunks of
    plans in flight, so memory stays flat unless the caller keeps them.

    The plans are made in a process pool on every core (``jobs`` caps the
    processes), or by ``executor``: any ``concurrent.futures.Executor``, such
    as Dask's ``Client.get_executor()`` to spread them over a cluster; then
    ``jobs`` is how many of its workers to keep busy.
    """
    cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    labelled = ((_label(i, source), source) for i, source in enumerate(profiles))
    return run_all(_plan_one, cat, labelled, jobs=jobs, on_crash=_crashed, executor=executor)


def _label(index: int, source: ProfileSource) -> str:
    if isinstance(source, str | Path):
        return str(source)
    name: object = None
    if isinstance(source, Profile):
        name = source.name
    elif isinstance(source, dict):
        name = source.get("name")
    return f"profile {index + 1}" + (f" ({name})" if isinstance(name, str) and name else "")


def _plan_one(catalog: Catalog, job: tuple[str, ProfileSource]) -> PlanResult:
    label, source = job
    try:
        return PlanResult(label, plan=generate_plan(source, catalog=catalog))
    except RoadmapError as exc:
        return PlanResult(label, error=str(exc))
    except Exception as exc:  # a bug: record it and let the other profiles go on
        return PlanResult(label, error=bug_message(exc), traceback=traceback.format_exc())


def bug_message(exc: BaseException) -> str:
    return (
        f"internal error ({type(exc).__name__}: {exc}); this is a bug in roadmap-engine, "
        "please report it with the profile"
    )


def _crashed(job: tuple[str, ProfileSource]) -> PlanResult:
    return PlanResult(job[0], error=CRASHED)
