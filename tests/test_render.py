"""Rendering: golden documents, valid HTML, escaping, user templates."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import SAMPLE, profile, write_tree

from roadmap_engine import TemplateError, generate_plan, render


@pytest.fixture(scope="module")
def sample_plan():
    return generate_plan(SAMPLE)


def test_markdown_has_every_section_of_the_reference(sample_plan):
    text = render(sample_plan, "md")
    for heading in [
        f"# {sample_plan.title}",
        "## Overview",
        "## Your Transferable Skills",
        "## Skills You'll Need to Learn",
        "## Your Learning Roadmap",
        "## Reality Check",
        "### What You'll Love",
        "### What You Might Miss",
        "### Biggest Challenges",
        "## Plan at a Glance",
        "## What It Costs",
        "## Start Now",
        "### This Week",
        "### Rest of Your First Month",
        "### Rest of the First 90 Days",
        "## Frequently Asked Questions",
        "## Week by Week",
    ]:
        assert heading in text, heading
    for phase in sample_plan.phases:
        assert f"### Phase {phase.number}: {phase.title}" in text


class _Checker(HTMLParser):
    """Tracks open elements; fails on a close tag that does not match."""

    VOID = frozenset({"meta", "br", "img", "link", "hr", "input"})

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_well_formed_and_complete(sample_plan):
    checker = _Checker()
    checker.feed(render(sample_plan, "html"))
    checker.close()
    assert checker.stack == []
    text = "".join(checker.text)
    assert sample_plan.title in text and "Frequently Asked Questions" in text


def test_json_round_trips_to_the_same_plan(sample_plan):
    data = json.loads(render(sample_plan, "json"))
    assert data["end"] == sample_plan.end.isoformat()
    assert type(sample_plan).model_validate(data) == sample_plan


def test_html_escapes_what_comes_from_a_profile(tiny_catalog):
    plan = generate_plan(profile(name="<script>alert(1)</script>"), catalog=tiny_catalog)
    html = render(plan, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_user_template_replaces_and_can_extend_the_builtin(tmp_path, tiny_catalog):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(
        tmp_path,
        {
            "plan.md.j2": '{% extends "default/plan.md.j2" %}',
            "plan.html.j2": "<p>{{ plan.person }}</p>",
        },
    )
    assert render(plan, "md", templates=folder) == render(plan, "md")
    assert render(plan, "html", templates=folder) == "<p>Test Person</p>"


def test_template_mistakes_are_template_errors(tmp_path, tiny_catalog):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path, {"plan.md.j2": "{{ plan.no_such_field }}"})
    with pytest.raises(TemplateError, match="no_such_field"):
        render(plan, "md", templates=folder)
    broken = write_tree(tmp_path / "b", {"plan.md.j2": "{% for %}"})
    with pytest.raises(TemplateError, match=r"plan\.md\.j2:1: template syntax error"):
        render(plan, "md", templates=broken)
    with pytest.raises(TemplateError, match="unknown format 'docx'"):
        render(plan, "docx")


def test_user_templates_run_in_the_sandbox(tmp_path, tiny_catalog):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    folder = write_tree(tmp_path, {"plan.md.j2": "{{ plan.__class__.__init__.__globals__ }}"})
    with pytest.raises(TemplateError, match="sandbox"):
        render(plan, "md", templates=folder)


def test_a_template_name_cannot_leave_its_folder(tmp_path, tiny_catalog):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    (tmp_path / "secret.txt").write_text("the coach's private notes")
    folder = write_tree(tmp_path / "templates", {"plan.md.j2": '{% include "../secret.txt" %}'})
    with pytest.raises(TemplateError, match="may not leave its folder"):
        render(plan, "md", templates=folder)
    for name in ("/secret.txt", "default/../../secret.txt"):
        (folder / "plan.md.j2").write_text(f'{{% include "{name}" %}}')
        with pytest.raises(TemplateError):
            render(plan, "md", templates=folder)


def test_a_link_out_of_the_template_folder_is_refused(tmp_path, tiny_catalog):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    (tmp_path / "secret.txt").write_text("the coach's private notes")
    folder = write_tree(tmp_path / "templates", {"plan.md.j2": '{% include "notes.txt" %}'})
    (folder / "notes.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateError, match="leads outside the template folder") as info:
        render(plan, "md", templates=folder)
    assert "private notes" not in str(info.value)
