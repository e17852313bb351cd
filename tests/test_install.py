"""A non-editable install finds its catalog and templates from any directory."""

from __future__ import annotations

import subprocess
import sys
import venv

from conftest import ROOT, SAMPLE


def test_a_built_wheel_installs_and_plans_from_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = dist.glob("roadmap_engine-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = elsewhere / "plan.html"
    roadmap = env_dir / "bin" / "roadmap"
    subprocess.run(
        [roadmap, "plan", str(SAMPLE), "-f", "html", "-o", str(out)], cwd=elsewhere, check=True
    )
    assert "Machine Learning Engineer" in out.read_text(encoding="utf-8")

    where = subprocess.run(
        [
            python,
            "-c",
            "import roadmap_engine, roadmap_engine.writers.render as r; "
            "print(roadmap_engine.__file__); print(r.builtin_templates_dir())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(str(env_dir) in line for line in where), where
