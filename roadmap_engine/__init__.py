"""roadmap-engine: a person's profile in, a dated career-transition plan out.

from roadmap_engine import generate_plan, render
plan = generate_plan("profiles/software-engineer-to-ml-engineer.yaml")
print(render(plan, "md"))
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from ._collector import import_paused as _import_paused

# Importing the package builds some sixty pydantic model classes and imports their
# libraries: tens of thousands of objects, none of them garbage. With the cyclic
# collector running, it walks the growing heap again and again meanwhile (about a
# tenth of a cold `roadmap plan`); paused, it resumes as the importer had it.
with _import_paused():
    from ._catalog import Catalog, load_catalog
    from ._plan import generate_plan
    from ._plan_models import Plan
    from .errors import (
        CatalogError,
        CoachError,
        OutputError,
        ProfileError,
        RoadmapError,
        ScheduleError,
        TemplateError,
    )
    from .inputs.profile import Profile, load_profile
    from .writers.render import FORMATS, render

if _TYPE_CHECKING:  # type checkers see the real names; at run time they load lazily
    from ._batch import PlanResult, generate_plans
    from ._batch_folder import run_batch
    from ._batch_report import Report
    from .inputs.coach import Brand, Coach, load_brand

__version__ = "0.1.0"

_LAZY = {
    "Brand": ".inputs.coach",
    "Coach": ".inputs.coach",
    "load_brand": ".inputs.coach",
    "PlanResult": "._batch",
    "generate_plans": "._batch",
    "Report": "._batch_report",
    "run_batch": "._batch_folder",
}
"""Batch and coach names load on first use: a plain `roadmap plan` needs neither."""


def __getattr__(name: str) -> _Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "FORMATS",
    "Brand",
    "Catalog",
    "CatalogError",
    "Coach",
    "CoachError",
    "OutputError",
    "Plan",
    "PlanResult",
    "Profile",
    "ProfileError",
    "Report",
    "RoadmapError",
    "ScheduleError",
    "TemplateError",
    "__version__",
    "generate_plan",
    "generate_plans",
    "load_brand",
    "load_catalog",
    "load_profile",
    "render",
    "run_batch",
]
