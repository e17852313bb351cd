"""Re-planning from recorded progress: what remains is scheduled from ``as_of``,
done work keeps its dates, and a baseline says ahead or behind."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import yaml
from conftest import ROOT, SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_checks import plan_problems

from roadmap_engine import Plan, generate_plan, load_catalog, render
from roadmap_engine._calendar import build_calendar
from roadmap_engine.errors import BaselineError, ProfileError
from roadmap_engine.inputs.profile import load_profile

SAMPLE_DATA = yaml.safe_load(SAMPLE.read_text("utf-8"))
CATALOG = load_catalog()
BASELINE = generate_plan(SAMPLE_DATA, catalog=CATALOG)
PROGRESS_FIELDS = {"progress", "sequence", "cancelled"}


def with_progress(**progress) -> dict:
    data = copy.deepcopy(SAMPLE_DATA)
    data["progress"] = progress
    return data


def replan(progress: dict, **kwargs) -> Plan:
    return generate_plan(with_progress(**progress), catalog=CATALOG, **kwargs)


def activities(plan: Plan):
    return [a for p in plan.phases for a in p.activities]


def without(plan: Plan, fields: set[str]) -> dict:
    data = json.loads(plan.model_dump_json())
    return {k: v for k, v in data.items() if k not in fields}


@pytest.mark.parametrize(
    "profile", sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.stem
)
def test_nothing_done_as_of_the_start_reproduces_the_plan(profile):
    data = yaml.safe_load(profile.read_text("utf-8"))
    first = generate_plan(data, catalog=CATALOG)
    again = generate_plan(
        {**data, "progress": {"as_of": data["start_date"]}}, catalog=CATALOG, baseline=first
    )
    assert without(again, PROGRESS_FIELDS) == without(first, PROGRESS_FIELDS)
    assert again.progress is not None and again.progress.against is not None
    assert again.progress.against.standing == "on schedule"
    assert again.progress.hours_done == 0 and again.cancelled == ()
    # no progress section and no as_of: the plain plan, no progress fields at all
    assert first.progress is None and first.sequence == 0


def test_done_items_keep_their_dates_and_the_rest_starts_on_as_of():
    plan = replan(
        {
            "as_of": "2027-02-15",
            "done": {"statistics": "2027-02-10", "python data": None},
            "spent": {"machine-learning": 20},
        }
    )
    by_id = {a.id: a for a in activities(plan)}
    assert by_id["statistics"].status == "done"
    assert by_id["statistics"].done_on == dt.date(2027, 2, 10)
    # begun when the plan it follows began it (no baseline: the plan from the start),
    # ended when it was finished; without a recorded date, when that plan ended it
    assert (by_id["statistics"].start, by_id["statistics"].end) == (
        dt.date(2027, 1, 4),
        dt.date(2027, 2, 10),
    )
    unrecorded = by_id["python-data-stack"]
    assert (unrecorded.start, unrecorded.end) == (dt.date(2027, 1, 18), dt.date(2027, 1, 29))
    assert plan.phases[0].start == dt.date(2027, 1, 4)
    assert (
        by_id["python-data-stack"].status == "done" and by_id["python-data-stack"].done_on is None
    )
    current = by_id["machine-learning"]
    assert (current.status, current.hours_done, current.hours) == ("in progress", 20, 45)
    assert plan.sessions[0].date == dt.date(2027, 2, 15)
    assert plan.sessions[0].activity_id == "machine-learning"
    assert sum(s.hours for s in plan.sessions if s.activity_id == "machine-learning") == 25
    assert plan.today == dt.date(2027, 2, 15)
    assert plan.progress is not None
    assert (plan.progress.hours_done, plan.progress.hours_left) == (80, plan.total_hours - 80)
    assert plan.progress.current is not None
    assert plan.progress.current.activity_id == "machine-learning"
    assert plan.phases[0].hours_done == 80 and plan.phases[0].percent_done == 66


def test_as_of_wins_over_the_profiles_and_defaults_to_it():
    progress = {"as_of": "2027-02-15", "done": ["statistics"]}
    assert replan(progress).sessions[0].date == dt.date(2027, 2, 15)
    later = replan(progress, as_of=dt.date(2027, 3, 1))
    assert later.sessions[0].date == dt.date(2027, 3, 1)
    assert later.progress is not None and later.progress.as_of == dt.date(2027, 3, 1)
    # progress without as_of is recorded on the profile's today, which is then required
    on_today = generate_plan(
        {**with_progress(done=["statistics"]), "today": "2027-02-08"}, catalog=CATALOG
    )
    assert on_today.sessions[0].date == dt.date(2027, 2, 8)
    with pytest.raises(
        ProfileError, match=r"progress\.as_of: required.*or give the profile's today"
    ):
        replan({"done": ["statistics"]})
    # an as_of alone re-plans a profile without progress from that date
    bare = generate_plan(SAMPLE_DATA, catalog=CATALOG, as_of=dt.date(2027, 2, 1))
    assert bare.sessions[0].date == dt.date(2027, 2, 1) and bare.progress is not None


def test_against_a_baseline_behind_and_what_changed():
    plan = replan({"as_of": "2027-03-01", "done": {"statistics": "2027-02-20"}}, baseline=BASELINE)
    assert plan.progress is not None and plan.progress.against is not None
    against = plan.progress.against
    assert against.standing == "behind"
    assert against.overall.baseline_end == BASELINE.end
    assert against.overall.calendar_days == (plan.end - BASELINE.end).days > 0
    # study days: weekdays of the sample's calendar between the two ends
    calendar = build_calendar(load_profile(SAMPLE_DATA)[0])
    between = [
        BASELINE.end + dt.timedelta(days=k) for k in range(1, against.overall.calendar_days + 1)
    ]
    assert against.overall.study_days == sum(1 for d in between if calendar.hours_on(d) > 0)
    assert [f.activity_id for f in against.finished] == ["statistics"]
    assert against.expected_hours_done == sum(
        s.hours for s in BASELINE.sessions if s.date < dt.date(2027, 3, 1)
    )
    assert {m.activity_id for m in against.moved} >= {"python-data-stack"}
    assert all(abs(m.calendar_days) > 7 for m in against.moved)
    assert [p.number for p in against.phases] == [p.number for p in plan.phases]
    assert plan.sequence > BASELINE.sequence
    # a phase under way keeps its start: the calendar's past stays as it was
    assert plan.phases[0].start == BASELINE.phases[0].start
    # items that slip with the whole plan are summed up, the others named
    apart = against.moved_apart
    assert all(abs(m.calendar_days - against.overall.calendar_days) > 7 for m in apart)
    md = render(plan, "md")
    if len(against.moved) > len(apart):
        assert "about as much as the whole plan" in md
    assert md.count("- Moved: ") == len(apart)


def test_ahead_when_more_is_done_than_planned():
    plan = replan(
        {"as_of": "2027-01-18", "done": {"statistics": "2027-01-12", "python-data-stack": None}},
        baseline=BASELINE,
    )
    assert plan.progress is not None and plan.progress.against is not None
    assert plan.progress.against.standing == "ahead"
    assert plan.end < BASELINE.end
    assert "ahead of the plan of Mon 4 Jan 2027" in render(plan, "md")


def test_a_deadline_that_no_longer_holds_is_said_once_with_its_fix():
    tight = {**SAMPLE_DATA, "deadline": "2027-07-23"}  # the first plan ends on 22 Jul
    first = generate_plan(tight, catalog=CATALOG)
    assert first.deadline is not None and first.deadline.met
    late = generate_plan(
        {**tight, "progress": {"as_of": "2027-03-01", "done": ["statistics"]}},
        catalog=CATALOG,
        baseline=first,
    )
    assert late.progress is not None and late.progress.against is not None
    assert late.progress.against.deadline_change == "now missed"
    md = render(late, "md")
    assert md.count("no longer holds") == 1
    assert md.count("To make it, study") == 1  # in the check-in section, not on the cover too
    kept = generate_plan(
        {**SAMPLE_DATA, "progress": {"as_of": "2027-02-15", "done": ["statistics"]}},
        catalog=CATALOG,
        baseline=BASELINE,
    )
    assert kept.progress is not None and kept.progress.against is not None
    assert kept.progress.against.deadline_change == "still met"
    assert "still holds" not in render(kept, "md")  # the cover says it already


def test_a_baseline_for_another_person_or_target_is_refused(tmp_path):
    other = generate_plan({**SAMPLE_DATA, "name": "Sam Lee"}, catalog=CATALOG)
    with pytest.raises(BaselineError, match="for 'Sam Lee', this profile for 'Alex Rivera'"):
        replan({"as_of": "2027-02-01"}, baseline=other)
    moved = generate_plan({**SAMPLE_DATA, "target_role": "Data Engineer"}, catalog=CATALOG)
    with pytest.raises(BaselineError, match=r"leads to 'Data Engineer'.*without --baseline"):
        replan({"as_of": "2027-02-01"}, baseline=moved)
    broken = tmp_path / "old.json"
    broken.write_text('{"title": "x"}', "utf-8")
    with pytest.raises(BaselineError, match=r"old\.json: not a plan's JSON .*--format json"):
        replan({"as_of": "2027-02-01"}, baseline=broken)


def test_bad_progress_names_the_field_the_value_and_a_fix():
    with pytest.raises(ProfileError) as info:
        replan({"as_of": "2027-02-15", "done": {"statistcs": None}, "spent": {"nope": 3}})
    message = str(info.value)
    assert (
        "progress.done.statistcs: 'statistcs' is not in this plan. Did you mean 'statistics'"
        in (message)
    )
    assert "progress.spent.nope" in message
    with pytest.raises(
        ProfileError, match=r"progress\.done\.statistics: 2027-02-20 is after as_of"
    ):
        replan({"as_of": "2027-02-15", "done": {"statistics": "2027-02-20"}})
    with pytest.raises(ProfileError, match=r"progress\.as_of: 2026-12-01 is before start_date"):
        replan({"as_of": "2026-12-01"})
    with pytest.raises(ProfileError, match=r"progress\.spent\.statistics: 'statistics' is done"):
        replan({"as_of": "2027-02-15", "done": ["statistics"], "spent": {"statistics": 4}})
    everything = [a.id for a in activities(BASELINE)]
    with pytest.raises(ProfileError, match="every item of the plan is done"):
        replan({"as_of": "2027-09-01", "done": everything})


def test_the_documents_show_where_the_client_stands():
    plan = replan(
        {
            "as_of": "2027-02-15",
            "done": {"statistics": "2027-02-10", "pandas": "2027-02-12"},
            "spent": {"ml": 20},
        },
        baseline=BASELINE,
    )
    md = render(plan, "md")
    assert "## Since Last Time" in md
    assert "- [x] **Statistics & Probability**, 30 h, done on Wed 10 Feb 2027." in md
    assert "**Next: “Machine Learning Algorithms & Theory”, 20 h of 45 h done" in md
    assert "behind the plan of Mon 4 Jan 2027" in md
    assert "| **Overall** | 80 h of 415 h | ███░░░░░░░░░░░░░░░░░ 19% |" in md
    assert ":active, p1," in md  # the gantt chart marks the phase under way
    html = render(plan, "html")
    assert '<section id="progress">' in html and 'aria-valuenow="19"' in html
    assert '<li class="done"><label><input type="checkbox" checked>' in html
    assert '<a href="#progress">Since Last Time</a>' in html
    alone = render(replan({"as_of": "2027-02-15", "done": ["statistics"]}), "md")
    assert "## Where You Stand" in alone and "Finished so far:" in alone
    assert "Since Last Time" not in render(BASELINE, "md")


def test_the_cli_replans_against_a_baseline(tmp_path, capsys):
    from roadmap_engine._cli import main

    january = tmp_path / "alex-jan.json"
    assert main(["plan", str(SAMPLE), "-o", str(january)]) == 0
    profile = tmp_path / "alex.yaml"
    profile.write_text(
        SAMPLE.read_text("utf-8")
        + "progress:\n  as_of: 2027-02-15\n  done:\n    statistics: 2027-02-12\n",
        "utf-8",
    )
    out = tmp_path / "alex-feb"
    args = ["plan", str(profile), "--baseline", str(january), "-f", "md,ics", "-o", str(out)]
    assert main(args) == 0
    assert "## Since Last Time" in (tmp_path / "alex-feb.md").read_text("utf-8")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["plan", str(profile), "--as-of", "2027-02-30"])
    assert "is not a date; write it YYYY-MM-DD" in capsys.readouterr().err
    # the baseline is an input: never an output
    assert main(["plan", str(profile), "--baseline", str(january), "-o", str(january)]) == 2
    assert "the baseline plan" in capsys.readouterr().err


# Properties over random progress: done sets closed under prerequisites, hours
# spent on unfinished items, and any as_of from the start to past the end.

ITEMS = activities(BASELINE)


def name_of(act) -> str:
    """One part of ongoing work is named with its number; the bare id means every part."""
    return f"{act.id.split(':')[0]}:{act.part}" if act.parts > 1 else act.id


@st.composite
def progress_of(draw):
    done: dict[str, str | None] = {}
    by_id = {a.id: a for a in ITEMS}
    as_of = draw(st.dates(BASELINE.start, BASELINE.end + dt.timedelta(days=30)), label="as_of")
    for act in ITEMS:
        ready = all(name_of(by_id[pre]) in done for pre in act.prerequisites)
        if ready and len(done) < len(ITEMS) - 1 and draw(st.booleans()):
            day = draw(st.none() | st.dates(BASELINE.start, as_of))
            done[name_of(act)] = day.isoformat() if day else None
    spent = {}
    for act in ITEMS:
        if name_of(act) not in done and draw(st.integers(0, 4)) == 0:
            spent[name_of(act)] = draw(st.floats(0.25, act.hours * 1.2).map(lambda h: round(h, 2)))
    return {"as_of": as_of.isoformat(), "done": done, "spent": spent}


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(progress_of())
def test_hours_are_conserved_and_nothing_is_scheduled_before_as_of(progress):
    plan = replan(progress, baseline=BASELINE)
    as_of = dt.date.fromisoformat(progress["as_of"])
    acts = activities(plan)
    assert [a.id for a in acts] == [a.id for a in ITEMS]  # the same items, in order
    booked: dict[str, float] = {}
    per_day: dict[dt.date, float] = {}
    for s in plan.sessions:
        assert s.date >= as_of
        booked[s.activity_id] = booked.get(s.activity_id, 0.0) + s.hours
        per_day[s.date] = per_day.get(s.date, 0.0) + s.hours
    calendar = build_calendar(load_profile(with_progress(**progress))[0], start=as_of)
    assert all(hours <= calendar.hours_on(day) + 1e-9 for day, hours in per_day.items())
    for act, old in zip(acts, ITEMS, strict=True):
        assert act.hours == old.hours
        assert abs(act.hours_done + booked.get(act.id, 0.0) - act.hours) < 1e-6, act.id
        if act.status == "done":
            assert act.id not in booked and act.hours_done == act.hours
    assert plan.progress is not None
    assert abs(plan.progress.hours_done + plan.progress.hours_left - BASELINE.total_hours) < 1e-6
    assert plan_problems(plan) == []
    assert render(plan, "md") == render(replan(progress, baseline=BASELINE), "md")


@PROPERTY
@given(progress_of(), st.data())
def test_finishing_or_spending_more_never_ends_later(progress, data):
    plan = replan(progress)
    current = plan.progress.current if plan.progress else None
    assume_open = [a for a in activities(plan) if a.status != "done"]
    if current is None or len(assume_open) < 2:
        return
    finished = copy.deepcopy(progress)
    act = next(a for a in ITEMS if a.id == current.activity_id)
    finished["done"][name_of(act)] = progress["as_of"]
    finished["spent"].pop(name_of(act), None)
    assert replan(finished).end <= plan.end
    more = copy.deepcopy(progress)
    key = name_of(next(a for a in ITEMS if a.id == current.activity_id))
    more["spent"][key] = more["spent"].get(key, 0) + data.draw(
        st.floats(0.5, 20), label="more hours"
    )
    assert replan(more).end <= plan.end


@PROPERTY
@given(progress_of(), st.integers(1, 60))
def test_falling_behind_never_ends_earlier(progress, days):
    plan = replan(progress)
    later = dt.date.fromisoformat(progress["as_of"]) + dt.timedelta(days=days)
    assert replan(progress, as_of=later).end >= plan.end
