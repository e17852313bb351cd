"""Dated facts derived from a schedule: phases, weeks, sessions, milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

from dateutil.relativedelta import relativedelta

from ._calendar import StudyCalendar
from ._catalog_models import Role
from ._order import Item
from ._plan_models import (
    Activity,
    HolidayDay,
    Milestone,
    PeriodSpan,
    Phase,
    Session,
    TimeOffSpan,
    Week,
    WeekItem,
)
from ._profile import Period, TimeOff
from ._schedule import Schedule

_DAY = dt.timedelta(days=1)


def weeks_between(start: dt.date, end: dt.date) -> int:
    """Length of ``start``..``end`` (both included) in whole weeks, at least one."""
    return max(1, int(((end - start).days + 1) / 7 + 0.5))


def months_between(start: dt.date, end: dt.date) -> int:
    """Length of ``start``..``end`` in calendar months, half a month or more rounding up."""
    span = relativedelta(end + _DAY, start)
    return max(1, span.years * 12 + span.months + (1 if span.days >= 15 else 0))


def phases(role: Role, items: Sequence[Item], activities: Sequence[Activity]) -> list[Phase]:
    """Consecutive activities of one phase make that phase; empty phases are left out."""
    out = []
    pairs = zip(items, activities, strict=True)
    for number, (rank, group) in enumerate(groupby(pairs, key=lambda p: p[0].phase), start=1):
        acts = tuple(a for _, a in group)
        spec = role.phases[rank]
        start, end = acts[0].start, acts[-1].end
        out.append(
            Phase(
                number=number,
                id=spec.id,
                title=spec.title,
                summary=spec.summary,
                start=start,
                end=end,
                weeks=weeks_between(start, end),
                hours=sum(a.hours for a in acts),
                activities=acts,
            )
        )
    return out


def sessions(timetable: Schedule, items: Sequence[Item], day_start: dt.time) -> list[Session]:
    """Every block of study; a day's blocks follow each other from ``day_start``.

    Begin and end times are whole seconds, the resolution of calendar files.
    """
    out = []
    clock = dt.datetime.combine(dt.date.min, day_start)
    for day, index, hours in timetable.sessions:
        if clock.date() != day:
            clock = dt.datetime.combine(day, day_start)
        ends = clock + dt.timedelta(seconds=round(hours * 3600))  # calendars count seconds
        out.append(
            Session(date=day, activity_id=items[index].id, hours=hours, begins=clock, ends=ends)
        )
        clock = ends
    return out


def calendar_weeks(
    start: dt.date, end: dt.date, timetable: Schedule, items: Sequence[Item], titles: dict[str, str]
) -> list[Week]:
    """Every week from the start to the end, numbered from the start date."""
    count = (end - start).days // 7 + 1
    per_week: list[dict[int, float]] = [{} for _ in range(count)]
    for day, index, hours in timetable.sessions:
        bucket = per_week[(day - start).days // 7]
        bucket[index] = bucket.get(index, 0.0) + hours
    weeks = []
    for n, bucket in enumerate(per_week):
        week_items = tuple(
            WeekItem(activity_id=items[i].id, title=titles[items[i].id], hours=h)
            for i, h in bucket.items()
        )
        first = start + dt.timedelta(days=7 * n)
        weeks.append(
            Week(
                number=n + 1,
                start=first,
                end=first + dt.timedelta(days=6),
                hours=sum(bucket.values()),
                items=week_items,
            )
        )
    return weeks


def milestones(plan_phases: Sequence[Phase], flagged: set[str]) -> list[Milestone]:
    """A milestone at the end of each phase and of each flagged activity."""
    marks = [
        Milestone(date=a.end, kind="activity", title=a.title)
        for p in plan_phases
        for a in p.activities
        if a.id in flagged
    ]
    marks += [Milestone(date=p.end, kind="phase", title=p.title) for p in plan_phases]
    return sorted(marks, key=lambda m: (m.date, m.kind != "activity"))


def time_off_spans(
    spans: Sequence[TimeOff], calendar: StudyCalendar, end: dt.date
) -> list[TimeOffSpan]:
    """The time off that falls inside the plan, with the study hours it costs."""
    out = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        lo, hi = max(span.start, calendar.start), min(span.end, end)
        if lo > hi:
            continue
        lost = sum(
            calendar.usual_hours(lo + dt.timedelta(days=k)) for k in range((hi - lo).days + 1)
        )
        out.append(
            TimeOffSpan(start=span.start, end=span.end, reason=span.reason, study_hours_lost=lost)
        )
    return out


def holidays(calendar: StudyCalendar, end: dt.date) -> list[HolidayDay]:
    """Public holidays inside the plan that fall on a study day."""
    return [
        HolidayDay(date=day, name=name, study_hours_lost=calendar.usual_hours(day))
        for day, name in calendar.holidays.items()
        if day <= end and calendar.usual_hours(day) > 0
    ]


def periods(spans: Sequence[Period], default_days: tuple[str, ...]) -> list[PeriodSpan]:
    return [
        PeriodSpan(
            start=p.start, end=p.end, reason=p.reason, weekly_hours=sum(p.day_hours(default_days))
        )
        for p in spans
    ]
