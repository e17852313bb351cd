"""The calendar file parses back with icalendar and holds exactly the plan's dates."""

from __future__ import annotations

import datetime as dt

from conftest import profile
from icalendar import Calendar

from roadmap_engine import generate_plan, render
from roadmap_engine.writers.ics import SESSION_LABELS


def all_day_extras(plan):
    """The deadline and each time-off span are all-day events too."""
    return (plan.deadline is not None) + len(plan.time_off)


def events(text: str):
    return [c for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def test_the_calendar_round_trips_to_the_plans_sessions_phases_and_milestones(tiny_catalog):
    plan = generate_plan(
        profile(time_off=[{"start": "2027-01-11", "end": "2027-01-15"}], review_buffer=0.1),
        catalog=tiny_catalog,
    )
    parsed = events(render(plan, "ics"))
    assert len(parsed) == len(plan.sessions) + len(plan.phases) + len(
        plan.milestones
    ) + all_day_extras(plan)
    uids = [str(e["UID"]) for e in parsed]
    assert len(set(uids)) == len(uids)

    labels = tuple(f"{label}: " for label in SESSION_LABELS.values())
    study = [e for e in parsed if str(e["SUMMARY"]).startswith(labels)]
    assert len(study) == len(plan.sessions)
    for event, session in zip(study, plan.sessions, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert (start, end) == (session.begins, session.ends)
        # calendar times have one-second resolution
        assert abs((end - start) / dt.timedelta(hours=1) - session.hours) <= 1 / 3600
    assert abs(sum(s.hours for s in plan.sessions) - plan.total_hours) < 1e-6

    for phase in plan.phases:
        (event,) = [
            e for e in parsed if str(e["SUMMARY"]) == f"Phase {phase.number}: {phase.title}"
        ]
        assert event.decoded("DTSTART") == phase.start
        assert event.decoded("DTEND") == phase.end + dt.timedelta(days=1)  # exclusive end


def test_uids_are_stable_when_the_plan_is_regenerated_with_other_hours(tiny_catalog):
    first = events(render(generate_plan(profile(), catalog=tiny_catalog), "ics"))
    again = events(render(generate_plan(profile(), catalog=tiny_catalog), "ics"))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in again]
    faster = events(render(generate_plan(profile(weekly_hours=20), catalog=tiny_catalog), "ics"))
    before = {str(e["UID"]): e for e in first}
    after = {str(e["UID"]): e for e in faster}
    moved = [uid for uid in after if uid in before]
    assert moved, "a re-generated plan must reuse the UIDs of the events it replaces"
    assert any(before[u].decoded("DTSTART") != after[u].decoded("DTSTART") for u in moved)


def test_the_cli_writes_an_ics_file(tmp_path):
    from conftest import SAMPLE

    from roadmap_engine._cli import main

    out = tmp_path / "plan.ics"
    assert main(["plan", str(SAMPLE), "-f", "ics", "-o", str(out)]) == 0
    cal = Calendar.from_ical(out.read_text(encoding="utf-8"))
    assert str(cal["X-WR-CALNAME"]) == "Alex Rivera: Software Engineer to Machine Learning Engineer"
