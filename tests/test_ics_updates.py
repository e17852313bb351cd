"""The calendar file lives in a client's calendar for months: re-plans update the same
events, cancel what they drop, and every event says what it is."""

from __future__ import annotations

import copy
import datetime as dt

import yaml
from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from roadmap_engine import Plan, generate_plan, load_catalog, render

CATALOG = load_catalog()
SAMPLE_DATA = yaml.safe_load(SAMPLE.read_text("utf-8"))
JANUARY = generate_plan(SAMPLE_DATA, catalog=CATALOG)


def events(plan: Plan):
    return Calendar.from_ical(render(plan, "ics")).walk("VEVENT")


def checked_in(as_of: str, baseline: Plan | None = JANUARY, **progress) -> Plan:
    data = copy.deepcopy(SAMPLE_DATA)
    data["progress"] = {"as_of": as_of, **progress}
    return generate_plan(data, catalog=CATALOG, baseline=baseline)


def imported(calendar: dict[str, Event], plan: Plan) -> dict[str, Event]:
    """What a calendar app holds after importing ``plan``'s file over ``calendar``:
    an event replaces one with the same UID unless its SEQUENCE is lower, and a
    cancelled event removes it (RFC 5545 section 3.8.7.4 and 3.8.1.11)."""
    held = dict(calendar)
    for event in events(plan):
        uid = str(event["UID"])
        old = held.get(uid)
        if old is not None and old.decoded("SEQUENCE") > event.decoded("SEQUENCE"):
            continue
        if str(event["STATUS"]) == "CANCELLED":
            held.pop(uid, None)
        else:
            held[uid] = event
    return held


def test_a_weekday_can_start_at_its_own_time():
    data = {
        **SAMPLE_DATA,
        "hours_per_weekday": {"tue": 2, "sun": 4},
        "session_start": {"sun": "14:00", "default": "19:30"},
    }
    del data["weekly_hours"], data["study_days"]
    plan = generate_plan(data, catalog=CATALOG)
    firsts: dict[dt.date, dt.datetime] = {}
    for session in plan.sessions:
        firsts.setdefault(session.date, session.begins)
    assert {d.weekday() for d in firsts} == {1, 6}
    for day, begins in firsts.items():
        expected = dt.time(14, 0) if day.weekday() == 6 else dt.time(19, 30)
        assert begins.time() == expected, day
    sunday = [
        e
        for e in events(plan)
        if e.decoded("DTSTART") == firsts[min(d for d in firsts if d.weekday() == 6)]
    ]
    assert sunday, "the Sunday session is in the calendar at 14:00"


def test_sessions_say_what_kind_of_work_and_which_of_how_many():
    acts = {a.id: a for p in JANUARY.phases for a in p.activities}
    per_item: dict[str, list[int]] = {}
    for session in JANUARY.sessions:
        per_item.setdefault(session.activity_id, []).append(session.number)
        assert session.count == sum(
            1 for s in JANUARY.sessions if s.activity_id == session.activity_id
        )
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in per_item.values())
    summaries = [str(e["SUMMARY"]) for e in events(JANUARY) if e.get("TRANSP") == "OPAQUE"]
    assert "Study: Statistics & Probability (1 of 10)" in summaries
    assert any(s.startswith("Project: Build three small ML projects") for s in summaries)
    assert any(s.startswith("Networking: ") for s in summaries)
    assert any(s.startswith("Interview practice: ") for s in summaries)
    assert any(
        s.startswith("Exam preparation: ") and acts["mle-cloud-ml-certification"].title in s
        for s in summaries
    )


def test_all_day_events_are_transparent_and_include_the_deadline_and_time_off():
    parsed = events(JANUARY)
    all_day = [e for e in parsed if type(e.decoded("DTSTART")) is dt.date]
    timed = [e for e in parsed if isinstance(e.decoded("DTSTART"), dt.datetime)]
    assert len(timed) == len(JANUARY.sessions)
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in all_day)
    assert all(str(e["TRANSP"]) == "OPAQUE" for e in timed)
    by_summary = {str(e["SUMMARY"]): e for e in all_day}
    deadline = by_summary["Deadline: ready for Machine Learning Engineer"]
    assert deadline.decoded("DTSTART") == dt.date(2027, 9, 30)
    holiday = by_summary["No study: Family holiday"]
    assert (holiday.decoded("DTSTART"), holiday.decoded("DTEND")) == (
        dt.date(2027, 4, 5),
        dt.date(2027, 4, 10),  # the day after the last, as calendars count
    )
    assert sum(1 for s in by_summary if s.startswith("Phase ")) == len(JANUARY.phases)
    cal = Calendar.from_ical(render(JANUARY, "ics"))
    assert str(cal["X-WR-CALNAME"]) == "Alex Rivera: Software Engineer to Machine Learning Engineer"


def test_reminders_only_when_asked_and_only_for_sessions():
    assert not any(e.walk("VALARM") for e in events(JANUARY))
    reminded = generate_plan({**SAMPLE_DATA, "reminder_minutes": 15}, catalog=CATALOG)
    for event in events(reminded):
        alarms = event.walk("VALARM")
        if isinstance(event.decoded("DTSTART"), dt.datetime):
            (alarm,) = alarms
            assert alarm.decoded("TRIGGER") == -dt.timedelta(minutes=15)
            assert str(alarm["ACTION"]) == "DISPLAY"
        else:
            assert not alarms


def test_a_replan_updates_the_same_events_with_a_higher_sequence():
    february = checked_in("2027-02-15", done={"statistics": "2027-02-10"})
    before = {str(e["UID"]): e for e in events(JANUARY)}
    after = {str(e["UID"]): e for e in events(february)}
    assert {int(e["SEQUENCE"]) for e in before.values()} == {0}
    assert {int(e["SEQUENCE"]) for e in after.values()} == {february.sequence}
    assert february.sequence > 0
    kept = [uid for uid in after if uid in before and str(after[uid]["STATUS"]) != "CANCELLED"]
    assert len(kept) > len(after) // 2  # the same events, updated
    # the phases keep their UIDs whatever their new dates
    assert all(any(f"-phase-{p.id}@" in uid for uid in kept) for p in february.phases)
    march = checked_in(
        "2027-03-15", baseline=february, done={"statistics": "2027-02-10", "pandas": None}
    )
    assert march.sequence > february.sequence


def test_importing_the_replan_over_the_first_plan_leaves_no_orphan_event():
    as_of = dt.date(2027, 2, 15)
    february = checked_in(
        as_of.isoformat(),
        done={"statistics": "2027-02-10", "python-data-stack": "2027-02-12", "docker": None},
        spent={"machine-learning": 20},
    )
    assert february.cancelled, "finished work and a shorter schedule drop events"
    held = imported(imported({}, JANUARY), february)
    planned = {str(e["UID"]) for e in events(february) if str(e["STATUS"]) != "CANCELLED"}

    def first_day(event) -> dt.date:
        start = event.decoded("DTSTART")
        return start.date() if isinstance(start, dt.datetime) else start

    future = {uid for uid, e in held.items() if first_day(e) >= as_of}
    assert future <= planned, "an event of the first plan outlived the re-plan"
    assert planned <= set(held)
    # the past stays as it was: January's sessions before the check-in are history
    past = {str(e["UID"]) for e in events(JANUARY) if first_day(e) < as_of}
    assert past <= set(held)
    # no session UID of the re-plan reuses a past session's (which would move history)
    sessions_now = {str(e["UID"]) for e in events(february) if "-session-" in str(e["UID"])}
    assert not sessions_now & {u for u in past if "-session-" in u}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dates(dt.date(2027, 1, 4), dt.date(2027, 8, 31)),
    st.sets(st.sampled_from(["statistics", "python-data-stack", "machine-learning", "docker"])),
)
def test_any_checkin_imported_over_the_first_plan_leaves_exactly_the_replan(as_of, done):
    if "machine-learning" in done:
        done |= {"statistics", "python-data-stack"}
    february = checked_in(as_of.isoformat(), done={d: None for d in done})
    held = imported(imported({}, JANUARY), february)
    for uid, event in held.items():
        start = event.decoded("DTSTART")
        day = start.date() if isinstance(start, dt.datetime) else start
        if day >= as_of:
            assert event.decoded("SEQUENCE") == february.sequence, uid
