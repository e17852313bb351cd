"""The public API is exactly what __all__ lists."""

import roadmap_engine


def test_all_lists_exactly_the_public_names():
    public = {n for n in dir(roadmap_engine) if not n.startswith("_")} - {
        "errors",
        "inputs",
        "writers",
    }
    assert public == set(roadmap_engine.__all__) - {"__version__"}


def test_errors_share_one_base():
    names = ("CatalogError", "CoachError", "ProfileError", "ScheduleError", "TemplateError")
    for name in (*names, "OutputError"):
        assert issubclass(getattr(roadmap_engine, name), roadmap_engine.RoadmapError)


def test_batch_names_load_only_when_used():
    import subprocess
    import sys

    code = "import sys, roadmap_engine; print(any('_batch' in m for m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
    assert roadmap_engine.generate_plans.__name__ == "generate_plans"


def test_a_plain_markdown_plan_loads_neither_the_coach_file_nor_the_timeline(tmp_path):
    import subprocess
    import sys

    from conftest import SAMPLE

    code = (
        "import sys; from roadmap_engine._cli import main; "
        f"main(['plan', {str(SAMPLE)!r}, '-o', {str(tmp_path / 'plan.md')!r}]); "
        "print(sorted(m for m in sys.modules if m.endswith(('.coach', '.timeline_view'))))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
    assert roadmap_engine.load_brand.__name__ == "load_brand"  # loaded when asked for
