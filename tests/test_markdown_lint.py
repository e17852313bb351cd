"""The Markdown plan renders anywhere: it passes a Markdown linter (PyMarkdown,
with GitHub's tables and task lists), and its mermaid gantt chart matches the plan.

The linter's configuration is here and small. One rule is off, because the
document's design conflicts with it:

- MD013 (line length): a plan's paragraphs and list items are written one per
  line, as Markdown renderers reflow them; wrapping them at 80 columns would
  only move the line breaks around, and a table row or a long resource title
  cannot be wrapped at all.

Everything else the linter flags is fixed in templates/plan.md.j2, not here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE
from pymarkdown.api import PyMarkdownApi

from roadmap_engine import generate_plan, render

DISABLED_RULES = ("md013",)
"""Rules that conflict with the document's design (see the module docstring)."""
EXTENSIONS = ("markdown-tables", "markdown-task-list-items")
"""GitHub Flavored Markdown, as GitHub renders the plan: tables and task-list checkboxes."""


def lint(text: str) -> list[str]:
    """The linter's complaints about ``text``, one line each (empty when clean)."""
    api = PyMarkdownApi()
    for rule in DISABLED_RULES:
        api.disable_rule_by_identifier(rule)
    for extension in EXTENSIONS:
        api.enable_extension_by_identifier(extension)
    result = api.scan_string(text)
    return [
        f"line {f.line_number}: {f.rule_id} {f.rule_description} {f.extra_error_information}"
        for f in result.scan_failures
    ] + [str(e) for e in result.pragma_errors]


def _profile(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "Sam Lee",
        "current_role": "Software Engineer",
        "target_role": "Machine Learning Engineer",
        "start_date": dt.date(2027, 1, 4),
        "weekly_hours": 12,
        "skills": {"Python": "intermediate"},
    }
    return base | changes


FRESH = {
    "missed deadline": _profile(weekly_hours=3, deadline=dt.date(2027, 6, 30)),
    "free budget": _profile(budget="free", current_role="Teacher", target_role="UX Designer"),
    "time off and holidays": _profile(
        time_off=[
            {"start": dt.date(2027, 3, 1), "end": dt.date(2027, 3, 12), "reason": "Moving house"},
            {"start": dt.date(2027, 8, 2), "end": dt.date(2027, 8, 6)},
        ],
        holidays={"country": "US"},
        periods=[
            {"start": dt.date(2027, 6, 1), "end": dt.date(2027, 6, 30), "weekly_hours": 20},
        ],
        review_buffer=0.1,
        deadline=dt.date(2028, 6, 30),
    ),
}


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "examples").rglob("*.md")),
    ids=lambda p: str(p.relative_to(ROOT / "examples")),
)
def test_every_markdown_example_passes_the_linter(path: Path):
    assert lint(path.read_text("utf-8")) == []


@pytest.mark.parametrize("case", sorted(FRESH))
def test_fresh_plans_pass_the_linter(case):
    plan = generate_plan(FRESH[case])
    for coach_notes in (True, False):
        assert lint(render(plan, "md", coach_notes=coach_notes)) == [], case


def test_the_linter_catches_what_it_should():
    """The configuration is live: a real mistake is still reported."""
    assert lint("# Title\n\n### Skipped a level\n") != []
    # tables are read as GitHub reads them, and their delimiter rows kept compact
    assert lint("# Title\n\n| a | b |\n|---:|---|\n| 1 | 2 |\n") != []


def _gantt(markdown: str) -> list[str]:
    found = re.search(r"^```mermaid\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)
    assert found, "no mermaid block"
    return found.group(1).splitlines()


def test_the_gantt_chart_follows_the_phases_time_off_and_deadline():
    plan = generate_plan(FRESH["time off and holidays"])
    markdown = render(plan, "md")
    lines = [line.strip() for line in _gantt(markdown)]
    assert lines[0] == "gantt"
    assert "dateFormat YYYY-MM-DD" in lines
    assert "inclusiveEndDates" in lines  # so each phase's own last day is its end date
    for phase in plan.phases:
        assert f"section Phase {phase.number}" in lines
        task = f"{phase.title} :p{phase.number}, {phase.start}, {phase.end}"
        assert task in lines
    assert "Moving house :crit, off1, 2027-03-01, 2027-03-12" in lines
    assert "time off :crit, off2, 2027-08-02, 2027-08-06" in lines
    assert plan.deadline is not None and plan.deadline.met
    assert f"Deadline :milestone, deadline, {plan.deadline.date}, 0d" in lines
    # right after the plan at a glance
    assert markdown.index("## Plan at a Glance") < markdown.index("```mermaid")
    assert markdown.index("```mermaid") < markdown.index("## Overview")


def test_a_missed_deadline_is_a_critical_milestone_and_no_time_off_no_section():
    plan = generate_plan(FRESH["missed deadline"])
    lines = [line.strip() for line in _gantt(render(plan, "md"))]
    assert plan.deadline is not None and not plan.deadline.met
    assert f"Deadline :crit, milestone, deadline, {plan.deadline.date}, 0d" in lines
    assert "section Time off" not in lines
    assert not any(
        line.startswith("section Deadline")
        for line in _gantt(render(generate_plan(_profile()), "md"))
    )


def test_names_cannot_break_the_gantt_grammar():
    """Mermaid ends a task name at ':' ';' '#', reads '%' as a comment and a leading
    keyword as a statement; a reason from the profile carries none of them through."""
    reason = "Title: C# exam; 50% #1 ```"
    time_off = [{"start": dt.date(2027, 3, 1), "end": dt.date(2027, 3, 5), "reason": reason}]
    lines = _gantt(render(generate_plan(_profile(time_off=time_off)), "md"))
    task = next(line for line in lines if ":crit, off1," in line)
    name = task.split(" :crit")[0].strip()
    assert not set(name) & set(":;#%`")
    assert name == "\u200bTitle - C＃ exam, 50％ ＃1 '''"
    assert all(line.startswith("    ") for line in lines[1:])  # no line can close the fence


def test_activities_are_task_list_checkboxes():
    markdown = render(generate_plan(SAMPLE), "md")
    plan = generate_plan(SAMPLE)
    boxes = [line for line in markdown.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) == sum(len(p.activities) for p in plan.phases)


COACH = {
    "name": "Dana Whitfield",
    "company": "Northpath Career Coaching",
    "email": "dana@northpath.example",
    "phone": "+1 555 0100",
    "website": "https://northpath.example",
    "footer": "Plans are reviewed with you at every session.",
    "call_to_action": "Bring this plan to our next session.",
    "booking_url": "https://northpath.example/book",
}


def test_a_branded_plan_passes_the_linter_and_carries_the_brand():
    markdown = render(generate_plan(SAMPLE), "md", coach=COACH)
    assert lint(markdown) == []
    assert "Prepared by **Dana Whitfield**, Northpath Career Coaching." in markdown
    assert "## Next Steps" in markdown
    assert "[Book your next session](https://northpath.example/book)" in markdown
    assert markdown.rstrip().endswith("Plans are reviewed with you at every session.")
