"""The timeline's geometry is worked out only for templates that draw it."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from roadmap_engine import generate_plan, render
from roadmap_engine.writers import render as render_module
from roadmap_engine.writers.timeline_view import timeline_view


@pytest.fixture
def counted(monkeypatch):
    calls = []

    def counting(plan):
        calls.append(plan)
        return timeline_view(plan)

    monkeypatch.setattr(render_module, "_timeline_view", counting)
    return calls


def test_the_markdown_plan_skips_the_timeline_and_the_html_plan_draws_it(counted):
    plan = generate_plan(SAMPLE)
    render(plan, "md")
    assert counted == []
    assert "<svg" in render(plan, "html")
    assert len(counted) == 1


def test_a_coachs_markdown_template_still_gets_the_timeline(tmp_path, counted):
    (tmp_path / "plan.md.j2").write_text("{{ timeline is defined }}\n", encoding="utf-8")
    assert render(generate_plan(SAMPLE), "md", templates=tmp_path).strip() == "True"
