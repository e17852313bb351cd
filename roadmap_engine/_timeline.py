"""Dated facts derived from a schedule: phases, weeks, sessions, milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    WeekRun,
)
from ._schedule import Schedule
from .inputs.profile import Period, TimeOff

_DAY = dt.timedelta(days=1)


def weeks_between(start: dt.date, end: dt.date) -> int:
    """Weeks of seven days from ``start`` needed to reach ``end`` (both included).

    The same count as the rows of the week-by-week table, so a headline and
    its table always agree.
    """
    return (end - start).days // 7 + 1


def months_between(start: dt.date, end: dt.date) -> int:
    """Length of ``start``..``end`` in calendar months, half a month or more rounding up."""
    span = relativedelta(end + _DAY, start)
    return max(1, span.years * 12 + span.months + (1 if span.days >= 15 else 0))


def phases(
    role: Role,
    items: Sequence[Item],
    activities: Sequence[Activity],
    weeks: Sequence[Week],
) -> list[Phase]:
    """Consecutive activities of one phase make that phase; empty phases are left out.

    A phase's length in weeks counts the rows of the week table that belong to
    it (``week_owners``), so the phases' weeks add up to the plan's weeks.
    """
    owners = week_owners(weeks, {a.id: a.phase for a in activities})
    out = []
    pairs = zip(items, activities, strict=True)
    for number, (rank, group) in enumerate(groupby(pairs, key=lambda p: p[0].phase), start=1):
        acts = tuple(a for _, a in group)
        spec = role.phases[rank]
        # finished items carry the day they were finished, which may be out of order
        start, end = min(a.start for a in acts), max(a.end for a in acts)
        hours = sum(a.hours for a in acts)
        done = sum(a.hours_done for a in acts)
        out.append(
            Phase(
                number=number,
                id=spec.id,
                title=spec.title,
                summary=spec.summary,
                start=start,
                end=end,
                weeks=owners.count(number),
                hours=hours,
                hours_done=done,
                percent_done=percent(done, hours),
                activities=acts,
            )
        )
    return out


def percent(part: float, whole: float) -> int:
    """Whole percent, rounded down (and float noise forgiven): 100 only when all is there."""
    if whole <= 0:
        return 100
    return min(100, int(part / whole * 100 + 1e-9))


def week_owners(weeks: Sequence[Week], phase_of: dict[str, int]) -> list[int]:
    """The phase each week belongs to: the one with most of its hours (the earlier on
    a tie); a week without study belongs to the phase before it."""
    owners: list[int] = []
    for week in weeks:
        hours: dict[int, float] = {}
        for item in week.items:
            number = phase_of[item.activity_id]
            hours[number] = hours.get(number, 0.0) + item.hours
        if hours:
            owners.append(max(sorted(hours), key=lambda n: hours[n]))
        else:
            owners.append(owners[-1] if owners else 1)
    return owners


def sessions(
    timetable: Schedule,
    items: Sequence[Item],
    day_start: Callable[[int], dt.time],
    before: Mapping[str, int],
) -> list[Session]:
    """Every block of study; a day's blocks follow each other from ``day_start(weekday)``.

    Begin and end times are whole seconds, the resolution of calendar files.
    Sessions are numbered per item; their calendar serials go on from the
    ``before`` sessions it had before the schedule starts.
    """
    ids = [item.id for item in items]
    count = [0] * len(items)
    for _, index, _ in timetable.sessions:
        count[index] += 1
    earlier = [before.get(item_id, 0) for item_id in ids]  # each item's serials before
    number = [0] * len(items)
    starts = [day_start(weekday) for weekday in range(7)]
    lengths: dict[float, dt.timedelta] = {}  # sessions share a few lengths
    out = []
    today, clock = dt.date.min, dt.datetime.min
    for day, index, hours in timetable.sessions:
        if day != today:
            today, clock = day, dt.datetime.combine(day, starts[day.weekday()])
        length = lengths.get(hours)
        if length is None:  # calendars count seconds
            length = lengths[hours] = dt.timedelta(seconds=round(hours * 3600))
        ends = clock + length
        number[index] += 1
        out.append(
            Session(
                date=day,
                activity_id=ids[index],
                number=number[index],
                count=count[index],
                serial=earlier[index] + number[index],
                hours=hours,
                begins=clock,
                ends=ends,
            )
        )
        clock = ends
    return out


def calendar_weeks(
    first: dt.date,
    end: dt.date,
    timetable: Schedule,
    items: Sequence[Item],
    titles: dict[str, str],
    calendar: StudyCalendar,
    time_off: Sequence[TimeOff],
) -> list[Week]:
    """Every week from the first study day to the end, with what took its study days."""
    count = weeks_between(first, end)
    per_week: list[dict[int, float]] = [{} for _ in range(count)]
    for day, index, hours in timetable.sessions:
        bucket = per_week[(day - first).days // 7]
        bucket[index] = bucket.get(index, 0.0) + hours
    off_reason: dict[int, str] = {}  # the time off each date falls in; the first span wins
    for span in time_off:
        lo, hi = max(span.start, first).toordinal(), min(span.end, end).toordinal()
        for ordinal in range(lo, hi + 1):
            off_reason.setdefault(ordinal, span.reason)
    last = first + dt.timedelta(days=7 * count - 1)
    holiday_on = {
        d.toordinal(): name for d, name in calendar.holidays.items() if first <= d <= last
    }
    usual = calendar.usual_hours_from(first, 7 * count)
    week_item = _WeekItems(items, titles)
    start = first.toordinal()
    weeks = []
    for n, bucket in enumerate(per_week):
        week_start = start + 7 * n
        study_days = [week_start + k for k in range(7) if usual[7 * n + k] > 0]
        off = _unique(off_reason[d] for d in study_days if d in off_reason)
        holiday_names = _unique(
            holiday_on[d] for d in study_days if d in holiday_on and d not in off_reason
        )
        weeks.append(
            Week(
                number=n + 1,
                start=dt.date.fromordinal(week_start),
                end=dt.date.fromordinal(week_start + 6),
                hours=sum(bucket.values()),
                items=tuple(week_item(i, h) for i, h in bucket.items()),
                time_off=off,
                holidays=holiday_names,
            )
        )
    return weeks


class _WeekItems:
    """An item's hours in a week, made once: weeks that give an item the same hours
    share one (frozen) ``WeekItem``."""

    def __init__(self, items: Sequence[Item], titles: dict[str, str]) -> None:
        self.items, self.titles = items, titles
        self.made: dict[tuple[int, float], WeekItem] = {}

    def __call__(self, index: int, hours: float) -> WeekItem:
        found = self.made.get((index, hours))
        if found is None:
            item_id = self.items[index].id
            found = WeekItem(activity_id=item_id, title=self.titles[item_id], hours=hours)
            self.made[index, hours] = found
        return found


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def week_runs(weeks: Sequence[Week], phase_of: dict[str, int]) -> list[WeekRun]:
    """Consecutive weeks with the same hours, phases and days off, as one row.

    The roadmap already dates every item, so a row says how much study its
    weeks hold, for which phases, and what took study days away.
    """

    def shape(week: Week) -> tuple[object, ...]:
        phases = tuple(sorted({phase_of[i.activity_id] for i in week.items}))
        return (round(week.hours, 4), phases, week.time_off, week.holidays)

    runs = []
    for (_, phases, _, _), group in groupby(weeks, key=shape):
        block = list(group)
        head, tail = block[0], block[-1]
        first: dict[str, WeekItem] = {}  # an item in only one week of the run is reused
        totals: dict[str, float] = {}
        for week in block:
            for i in week.items:
                if i.activity_id in first:
                    totals[i.activity_id] += i.hours
                else:
                    first[i.activity_id], totals[i.activity_id] = i, i.hours
        runs.append(
            WeekRun(
                first=head.number,
                last=tail.number,
                start=head.start,
                end=tail.end,
                hours=head.hours,
                phases=phases,  # type: ignore[arg-type]
                items=tuple(
                    first[a]
                    if h == first[a].hours
                    else WeekItem(activity_id=a, title=first[a].title, hours=h)
                    for a, h in totals.items()
                ),
                time_off=head.time_off,
                holidays=head.holidays,
            )
        )
    return runs


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


def holidays(
    calendar: StudyCalendar, end: dt.date, time_off: Sequence[TimeOff]
) -> list[HolidayDay]:
    """Public holidays inside the plan that take a study day (time off counts them already)."""
    return [
        HolidayDay(date=day, name=name, study_hours_lost=calendar.usual_hours(day))
        for day, name in calendar.holidays.items()
        if day <= end
        and calendar.usual_hours(day) > 0
        and not any(s.start <= day <= s.end for s in time_off)
    ]


def periods(spans: Sequence[Period], default_days: tuple[str, ...]) -> list[PeriodSpan]:
    return [
        PeriodSpan(
            start=p.start, end=p.end, reason=p.reason, weekly_hours=sum(p.day_hours(default_days))
        )
        for p in spans
    ]
