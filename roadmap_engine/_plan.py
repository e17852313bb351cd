"""``generate_plan``: profile in, dated Plan out, one stage after another."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import _narrate as narrate
from . import _timeline as timeline
from ._calendar import HORIZON_DAYS, HORIZON_YEARS, StudyCalendar, build_calendar
from ._catalog import Catalog, load_catalog
from ._catalog_models import CareerActivity, Role
from ._deadline import check_deadline, least_weekly_hours, what_if
from ._gap import Gap, find_gap
from ._levels import Level
from ._order import Item, order_work, with_review_buffer
from ._plan_models import Activity, Plan, ResourceRef, RoleRef, StudyDay
from ._profile import WEEKDAYS, Profile, ProfileSource, load_profile
from ._resolve import Resolved, resolve
from ._resources import choose
from ._schedule import HorizonExceeded, Schedule, schedule
from .errors import ProfileError, ScheduleError


def generate_plan(profile: ProfileSource, *, catalog: Catalog | str | Path | None = None) -> Plan:
    """The dated plan for ``profile`` (a YAML path, a dict or a ``Profile``).

    ``catalog`` is a loaded ``Catalog`` or a folder laid over the default one.
    The same inputs always give the same plan.
    """
    person, source = load_profile(profile)
    cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    with collection_paused():
        return _plan(person, source, cat)


def _plan(person: Profile, source: str, cat: Catalog) -> Plan:
    resolved = resolve(person, cat, source)
    gap = find_gap(resolved, cat)
    target = cat.roles[resolved.target_role]
    items = order_work(gap, cat, target.id)
    items = with_review_buffer(items, person.review_buffer, [p.id for p in target.phases])
    if not items:
        raise ProfileError(
            f"{source}: nothing to plan: you already have every skill "
            f"{cat.roles[resolved.target_role].title!r} needs. Check the skill levels in 'skills'."
        )
    calendar = build_calendar(person)
    timetable = _schedule(items, calendar, person, source)
    return _assemble(person, cat, resolved, gap, items, calendar, timetable)


REVIEW_TITLE = "Review and catch up"
REVIEW_DETAIL = (
    "Time kept free at the end of the phase: revisit what felt shaky, redo the hardest "
    "exercises, and absorb any delay before the next phase starts."
)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is built.

    Planning allocates many small acyclic objects; with a large catalog alive,
    every collection walks all of it again, which made big plans superlinear.
    Reference counting still frees everything; the previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _schedule(items: list[Item], calendar: StudyCalendar, person: Profile, source: str) -> Schedule:
    try:
        return schedule([item.hours for item in items], calendar)
    except HorizonExceeded as stop:
        total = sum(item.hours for item in items)
        field = "weekly_hours" if person.weekly_hours is not None else "hours_per_weekday"
        if stop.placed_hours == 0:
            raise ScheduleError(
                f"{source}: time_off: the time off covers every study day in the "
                f"{HORIZON_YEARS} years from start_date {person.start_date}; shorten it"
            ) from None
        # found by scheduling, not by a ratio: periods keep their own hours
        last = person.start_date + dt.timedelta(days=HORIZON_DAYS - 1)
        needed = least_weekly_hours([item.hours for item in items], calendar, last)
        fix = (
            f"Give at least {needed:g} hour{'' if needed == 1 else 's'} a week "
            "(or shorten time_off)."
            if needed is not None
            else "Shorten time_off, or give the periods more hours."
        )
        raise ScheduleError(
            f"{source}: {field}: at {person.hours_a_week:g} hours a week the {total:g} hours "
            f"of this plan would take more than {HORIZON_YEARS} years. {fix}"
        ) from None


def _assemble(
    person: Profile,
    cat: Catalog,
    resolved: Resolved,
    gap: Gap,
    items: list[Item],
    calendar: StudyCalendar,
    timetable: Schedule,
) -> Plan:
    current, target = cat.roles[resolved.current_role], cat.roles[resolved.target_role]
    priority = narrate.skills_by_priority(items)
    resources, cost = choose(((s, cat.skills[s].resources) for s in priority), person.budget)
    career = {a.id: a for a in target.activities}
    activities = [
        _activity(item, span, cat, gap, resources, target, career)
        for item, span in zip(items, timetable.spans, strict=True)
    ]
    start, end = person.start_date, timetable.end
    phases = timeline.phases(target, items, activities)
    today = person.today or start
    hours = [item.hours for item in items]
    flagged = {a.id for a in target.activities if a.milestone}
    titles = {a.id: a.title for a in activities}
    months = timeline.months_between(start, end)
    return Plan(
        title=(f"From {current.title} to {target.title}: Your {months}-Month Transition Guide"),
        person=person.name,
        current_role=RoleRef(id=current.id, title=current.title),
        target_role=RoleRef(id=target.id, title=target.title),
        today=today,
        start=start,
        end=end,
        months=months,
        weeks=timeline.weeks_between(start, end),
        total_hours=sum(hours),
        weekly_hours=person.hours_a_week,
        study_days=tuple(
            StudyDay(day=day, hours=h)
            for day, h in zip(WEEKDAYS, person.day_hours(), strict=True)
            if h > 0
        ),
        budget=str(person.budget),
        resources_cost_usd=cost,
        overview=narrate.overview(cat, resolved),
        assumed_skills=tuple(narrate.held(cat, gap, sorted(gap.assumed))),
        transferable=tuple(narrate.transferable(cat, resolved, gap)),
        skipped=tuple(narrate.skipped(cat, gap)),
        skills_to_learn=tuple(narrate.skills_to_learn(cat, gap, priority, activities, resources)),
        phases=tuple(phases),
        calendar_weeks=tuple(timeline.calendar_weeks(start, end, timetable, items, titles)),
        sessions=tuple(timeline.sessions(timetable, items, person.session_start)),
        milestones=tuple(timeline.milestones(phases, flagged)),
        time_off=tuple(timeline.time_off_spans(person.time_off, calendar, end)),
        holidays=tuple(timeline.holidays(calendar, end)),
        periods=tuple(timeline.periods(person.periods, person.study_days)),
        review_buffer=person.review_buffer,
        what_if=tuple(what_if(hours, calendar, person.hours_a_week, end, person.deadline)),
        locale=person.locale,
        date_style=person.date_style,
        reality_check=narrate.reality_check(cat, target.id),
        start_now=narrate.start_now(cat, target.id, today, activities),
        faq=tuple(narrate.faq(cat, resolved)),
        deadline=(
            check_deadline(items, titles, calendar, end, person.deadline)
            if person.deadline
            else None
        ),
    )


def _activity(
    item: Item,
    span: tuple[dt.date, dt.date],
    cat: Catalog,
    gap: Gap,
    resources: dict[str, tuple[ResourceRef, ...]],
    role: Role,
    career: dict[str, CareerActivity],
) -> Activity:
    """A scheduled item with the words and resources a person needs to act on it."""
    start, end = span
    if item.kind == "skill":
        skill, need = cat.skills[item.id], gap.needs[item.id]
        title, detail = skill.name, need.focus or skill.summary
        levels: tuple[Level | None, Level | None] = (need.have, need.need)
        refs = resources[item.id]
    elif item.kind == "review":
        phase_title = role.phases[item.phase].title
        title, detail, levels, refs = (
            f"{REVIEW_TITLE}: {phase_title}",
            REVIEW_DETAIL,
            (None, None),
            (),
        )
    else:
        act = career[item.id]
        title, detail, levels, refs = act.title, act.detail, (None, None), ()
    return Activity(
        id=item.id,
        kind=item.kind,
        title=title,
        detail=detail,
        hours=item.hours,
        importance=item.importance,
        prerequisites=item.prerequisites,
        level_from=levels[0],
        level_to=levels[1],
        resources=refs,
        start=start,
        end=end,
    )
