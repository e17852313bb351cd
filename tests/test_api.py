"""The public API is exactly what __all__ lists."""

import roadmap_engine


def test_all_lists_exactly_the_public_names():
    public = {n for n in dir(roadmap_engine) if not n.startswith("_")} - {"errors"}
    assert public == set(roadmap_engine.__all__) - {"__version__"}


def test_errors_share_one_base():
    for name in ("CatalogError", "ProfileError", "ScheduleError", "TemplateError"):
        assert issubclass(getattr(roadmap_engine, name), roadmap_engine.RoadmapError)
