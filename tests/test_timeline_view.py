"""The HTML plan's timeline: its geometry, and the SVG the template draws from it."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re

import pytest
from conftest import SAMPLE, profile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_engine import generate_plan, render
from roadmap_engine._plan_models import DeadlineCheck, Milestone, Phase, Plan, TimeOffSpan
from roadmap_engine.writers.render import environment
from roadmap_engine.writers.timeline_view import (
    CHAR_WIDTH,
    LARGE_FONT,
    TICK_LABEL_SPACE,
    WIDTH,
    TimelineView,
    timeline_view,
)

ROUNDING = 0.01
"""The geometry is rounded to hundredths of a unit."""


@pytest.fixture(scope="module")
def sample() -> Plan:
    return generate_plan(SAMPLE)


def x_of(view: TimelineView, day: dt.date) -> float:
    """Where the start of ``day`` falls, from first principles."""
    days = (view.end - view.start).days + 1
    return WIDTH * min(max((day - view.start).days, 0), days) / days


WORDS = st.sampled_from(
    ["Data", "Cloud", "&", "Foundations", "Machine", "Learning", "Job", "Search", "<Ops>"]
)


@st.composite
def plans(draw, base: Plan) -> Plan:
    """``base`` with random phases, deadline and time off: what the timeline reads."""
    start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)))
    phases: list[Phase] = []
    day = start
    for number in range(1, draw(st.integers(1, 8)) + 1):
        if phases:  # the next phase starts on the day the last ends, or a little later
            day = max(day + dt.timedelta(days=draw(st.integers(-1, 10))), phases[-1].start)
        length = draw(st.integers(0, 300))
        title = " ".join(draw(st.lists(WORDS, min_size=1, max_size=12)))
        phases.append(
            base.phases[0].model_copy(
                update={
                    "number": number,
                    "title": title,
                    "start": day,
                    "end": day + dt.timedelta(days=length),
                    "activities": (),
                }
            )
        )
        day += dt.timedelta(days=length)
    end = max(p.end for p in phases)
    deadline = None
    if draw(st.booleans()):
        date = draw(st.dates(start - dt.timedelta(days=5), end + dt.timedelta(days=900)))
        deadline = DeadlineCheck(
            date=date,
            met=date >= end,
            margin_days=(date - end).days,
            weekly_hours_needed=None,
            drop_to_meet=(),
            end_if_dropped=None,
        )
    time_off = []
    for _ in range(draw(st.integers(0, 4))):
        first = draw(st.dates(start - dt.timedelta(days=60), end + dt.timedelta(days=60)))
        last = first + dt.timedelta(days=draw(st.integers(0, 40)))
        time_off.append(TimeOffSpan(start=first, end=last, reason="Away", study_hours_lost=0))
    return base.model_copy(
        update={
            "study_start": start,
            "end": end,
            "phases": tuple(phases),
            "milestones": tuple(Milestone(date=p.end, kind="phase", title=p.title) for p in phases),
            "deadline": deadline,
            "time_off": tuple(time_off),
        }
    )


def test_the_range_runs_from_the_first_study_day_to_the_end_or_the_deadline(sample):
    view = timeline_view(sample)
    assert view.start == sample.study_start
    assert sample.deadline is not None
    assert view.end == max(sample.end, sample.deadline.date)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_geometry_stays_inside_and_in_order(sample, data):
    plan = data.draw(plans(sample))
    view = timeline_view(plan)

    assert [bar.number for bar in view.bars] == [p.number for p in plan.phases]
    previous_bottom = 0.0
    for bar, phase in zip(view.bars, plan.phases, strict=True):
        # inside 0..100 %, where its dates say
        assert view.percent(bar.x) >= 0 and view.percent(bar.x + bar.width) <= 100 + ROUNDING
        assert bar.width >= 0
        assert bar.x == pytest.approx(x_of(view, phase.start), abs=ROUNDING)
        end = phase.end + dt.timedelta(days=1)
        assert bar.x + bar.width == pytest.approx(x_of(view, end), abs=2 * ROUNDING)
        # one row each, top to bottom: label lines, dates, bar; rows never overlap
        assert bar.label == f"Phase {phase.number}: {phase.title}"
        assert " ".join(line.text for line in bar.lines) == bar.label
        tops = [line.y - LARGE_FONT for line in bar.lines]
        assert tops[0] >= previous_bottom
        assert all(b.y - a.y >= LARGE_FONT for a, b in itertools.pairwise(bar.lines))
        assert bar.dates_y - bar.lines[-1].y >= LARGE_FONT
        assert bar.y > bar.dates_y
        previous_bottom = bar.y + bar.height
        assert view.rows_top <= tops[0] and previous_bottom <= view.rows_bottom
        for line in bar.lines:  # wrapped to fit the width at the largest text size
            assert len(line.text) * CHAR_WIDTH * LARGE_FONT <= WIDTH or " " not in line.text
        # the dates stand on the side of the bar with room for them
        if bar.dates_anchor == "start":
            assert bar.dates_x == bar.x and bar.x <= WIDTH / 2
        else:
            assert bar.dates_x == pytest.approx(bar.x + bar.width) and bar.x > WIDTH / 2
    starts = [bar.x for bar in view.bars]
    assert starts == sorted(starts)

    for band in view.bands:
        assert band.x >= 0 and band.x + band.width <= WIDTH + ROUNDING and band.width >= 0
        assert band.end >= view.start and band.start <= view.end

    for marker in view.markers:
        bar = view.bars[marker.phase - 1]
        assert bar.x - ROUNDING <= marker.x <= bar.x + bar.width + ROUNDING
        assert bar.y <= marker.y <= bar.y + bar.height

    dates = [tick.date for tick in view.ticks]
    assert all(d.day == 1 and view.start < d <= view.end for d in dates)
    assert dates == sorted(set(dates))
    labelled = [tick for tick in view.ticks if tick.label is not None]
    assert all(0 <= tick.x <= WIDTH for tick in view.ticks)
    assert all(t.label_x + TICK_LABEL_SPACE <= WIDTH + ROUNDING for t in labelled)
    assert all(b.x - a.x >= TICK_LABEL_SPACE - ROUNDING for a, b in itertools.pairwise(labelled))
    years = [t.year for t in labelled if t.year is not None]  # each year named once
    assert years == sorted({t.date.year for t in labelled})
    assert view.height > view.year_y > view.axis_y > view.rows_bottom

    if plan.deadline is None:
        assert view.deadline is None
    else:
        deadline = view.deadline
        assert deadline is not None and deadline.met == plan.deadline.met
        # the end of the deadline day: a plan that finishes by then ends left of it
        assert deadline.x == pytest.approx(
            x_of(view, plan.deadline.date + dt.timedelta(days=1)), abs=ROUNDING
        )
        last = max(bar.x + bar.width for bar in view.bars)
        assert (deadline.x >= last - ROUNDING) == (plan.deadline.date >= plan.end)
        assert 0 <= deadline.x <= WIDTH
        assert deadline.label_anchor == ("end" if deadline.x > WIDTH * 0.6 else "start")


def test_milestones_sit_on_the_bar_of_their_phase(sample):
    view = timeline_view(sample)
    activities = [m for m in sample.milestones if m.kind == "activity"]
    drawn = [m for m in view.markers if m.kind == "activity"]
    assert [m.title for m in drawn] == [m.title for m in activities]
    for marker in drawn:
        phase = sample.phases[marker.phase - 1]
        assert any(a.title == marker.title for a in phase.activities)
        assert phase.start <= marker.date <= phase.end
    ends = [m for m in view.markers if m.kind == "phase"]
    assert [(m.phase, m.date) for m in ends] == [(p.number, p.end) for p in sample.phases]


def dates_text(plan: Plan, start: dt.date, end: dt.date) -> str:
    """``start`` to ``end`` in the document's words (the template's ``span`` filter)."""
    template = environment().from_string("{{ start | span(end) }}")
    return template.render(plan=plan, start=start, end=end)


def svg_of(page: str) -> str:
    found = re.search(r'<section id="timeline">.*?(<svg .*?</svg>)', page, re.S)
    assert found, "the page has no timeline"
    return found.group(1)


def test_the_html_timeline_shows_every_phase_with_its_dates(sample):
    page = render(sample, "html")
    svg = svg_of(page)
    assert 'role="img"' in svg and "<title>" in svg and "aria-label=" in svg
    assert 'viewBox="0 0 800 ' in svg and 'width="100%"' in svg
    for phase in sample.phases:
        assert html.escape(f"Phase {phase.number}: {phase.title}", quote=False) in svg
        assert f">{dates_text(sample, phase.start, phase.end)}</text>" in svg
    assert sample.deadline is not None
    assert "stroke-dasharray" in svg
    assert f"Deadline {sample.deadline.date.day} Sep 2027" in svg
    for span in sample.time_off:
        assert f"Time off: {span.reason}" in svg
    assert "<script" not in svg.lower()
    assert "http:" not in svg and "https:" not in svg and "href" not in svg
    legend = page[page.index("</svg>") : page.index('<section id="overview">')]
    assert "Dashed line: your deadline, Thu 30 Sep 2027, met" in legend
    assert "Shaded: time off (Family holiday, 5–9 Apr 2027)." in legend


def test_without_a_deadline_there_is_no_deadline_line(tiny_catalog):
    plan = generate_plan(profile(), catalog=tiny_catalog)
    assert plan.deadline is None
    svg = svg_of(render(plan, "html"))
    assert "stroke-dasharray" not in svg and "Deadline" not in svg
    for phase in plan.phases:
        assert html.escape(phase.title, quote=False) in svg


def test_the_timeline_bars_take_the_coachs_accent(sample):
    svg = svg_of(render(sample, "html", coach={"name": "Jo Coach", "accent": "#aa3377"}))
    assert svg.count('fill="#aa3377"') == len(sample.phases)


def test_a_coachs_template_that_extends_the_default_keeps_the_timeline(sample, tmp_path):
    (tmp_path / "plan.html.j2").write_text(
        '{% extends "default/plan.html.j2" %}{% block faq %}<p>Ask me.</p>{% endblock %}',
        encoding="utf-8",
    )
    page = render(sample, "html", templates=tmp_path)
    svg = svg_of(page)
    assert "<p>Ask me.</p>" in page
    for phase in sample.phases:
        assert html.escape(f"Phase {phase.number}: {phase.title}", quote=False) in svg


def test_a_coachs_template_can_draw_its_own_timeline_from_the_geometry(sample, tmp_path):
    (tmp_path / "plan.md.j2").write_text(
        "{% for bar in timeline.bars %}{{ bar.label }} {{ bar.x }} {{ bar.width }}\n{% endfor %}",
        encoding="utf-8",
    )
    text = render(sample, "md", templates=tmp_path)
    assert text.splitlines()[0] == f"Phase 1: {sample.phases[0].title} 0.0 160.0"
