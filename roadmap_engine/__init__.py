"""roadmap-engine: a person's profile in, a dated career-transition plan out.

from roadmap_engine import generate_plan, render
plan = generate_plan("profiles/software-engineer-to-ml-engineer.yaml")
print(render(plan, "md"))
"""

from ._batch import PlanResult, generate_plans
from ._batch_folder import Report, run_batch
from ._catalog import Catalog, load_catalog
from ._plan import generate_plan
from ._plan_models import Plan
from ._profile import Profile, load_profile
from ._render import FORMATS, render
from .errors import (
    CatalogError,
    OutputError,
    ProfileError,
    RoadmapError,
    ScheduleError,
    TemplateError,
)

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Catalog",
    "CatalogError",
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
    "load_catalog",
    "load_profile",
    "render",
    "run_batch",
]
