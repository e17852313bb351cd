"""The README's claims that a command can show."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_python_examples_run(tmp_path, monkeypatch, capsys):
    one, many = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    (tmp_path / "profiles").symlink_to(ROOT / "profiles")
    monkeypatch.chdir(tmp_path)
    exec(compile(one, "README.md", "exec"), {})
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("# From Software")
    exec(compile(many, "README.md", "exec"), {})
    profiles = sorted((ROOT / "profiles").glob("*.yaml"))
    assert len(capsys.readouterr().out.splitlines()) == len(profiles)
    assert (tmp_path / "plans" / "report.json").is_file()
    assert len(list((tmp_path / "plans").glob("*.html"))) == len(profiles)


def test_ci_runs_the_readmes_test_command():
    command = (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test,pdf]' "
        "&& .venv/bin/python -m pytest"
    )
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_type_checks_the_code_as_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ".venv/bin/mypy" in ci
    assert "- Types: `mypy`" in README


def test_the_catalog_counts_in_the_readme_are_true():
    from roadmap_engine import load_catalog

    catalog = load_catalog()
    roles = len(catalog.roles)
    assert f"holds {roles} roles" in README
    assert (
        f"It has {len(catalog.skills)} skills, {len(catalog.resources)} learning resources "
        f"and\n{len(catalog.transitions)} transitions" in README
    )
    assert f"plans all {roles * (roles - 1)})" in README


def test_the_limits_in_the_readme_are_the_ones_in_force():
    from roadmap_engine import _limits

    limits = README[README.index("### Limits") : README.index("## Profile format")]
    assert f"{_limits.TEMPLATE_SECONDS:g} seconds" in limits
    assert f"{_limits.TEMPLATE_MEMORY_BYTES // 1_000_000_000} GB of extra" in limits
    assert f"{_limits.TEMPLATE_OUTPUT_CHARS // 1_000_000} million characters" in limits
    assert f"a template file over {_limits.TEMPLATE_FILE_BYTES // 1_000_000} MB" in limits
    assert f"a profile over {_limits.PROFILE_FILE_BYTES // 1_000_000} MB" in limits
    assert f"after {_limits.LATEST_START}" in limits
