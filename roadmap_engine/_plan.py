"""``generate_plan``: profile in, dated Plan out, one stage after another."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import _narrate as narrate
from . import _progress as progress
from . import _timeline as timeline
from ._baseline import cancelled, check_baseline, compare, load_baseline, sessions_before
from ._calendar import HORIZON_DAYS, HORIZON_YEARS, StudyCalendar, build_calendar
from ._catalog import Catalog, load_catalog
from ._catalog_models import CareerActivity, ResourceUse, Role
from ._collector import collection_paused
from ._deadline import check_deadline, least_weekly_hours, what_if
from ._gap import Gap, find_gap
from ._levels import Level
from ._order import Item, order_work, with_review_buffer
from ._plan_models import Activity, LeftOut, Phase, Plan, RoleRef, StudyDay, Why
from ._resolve import Resolved, resolve
from ._resources import Budget, Choice, Need, certifications_within, choose
from ._schedule import HorizonExceeded, Schedule, schedule
from ._text import first_sentence
from .errors import ProfileError, ScheduleError
from .inputs.profile import WEEKDAYS, Profile, ProfileSource, load_profile


def generate_plan(
    profile: ProfileSource,
    *,
    catalog: Catalog | str | Path | None = None,
    as_of: dt.date | None = None,
    baseline: Plan | str | Path | None = None,
) -> Plan:
    """The dated plan for ``profile`` (a YAML path, a dict or a ``Profile``).

    ``catalog`` is a loaded ``Catalog`` or a folder laid over the default one.
    ``as_of`` (else the profile's ``progress.as_of``) plans what remains from
    that date; ``baseline`` (an earlier ``Plan`` or its JSON file) is compared
    with. The same inputs always give the same plan.
    """
    person, source = load_profile(profile)
    cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    earlier = load_baseline(baseline) if baseline is not None else None
    with collection_paused():
        return _plan(person, source, cat, as_of, earlier)


def _plan(
    person: Profile, source: str, cat: Catalog, as_of: dt.date | None, earlier: Plan | None
) -> Plan:
    resolved = resolve(person, cat, source)
    gap = find_gap(resolved, cat)
    target = cat.roles[resolved.target_role]
    budget = Budget.of(person.budget)
    unaffordable, left_out = certifications_within(target.activities, budget, cat)
    items = order_work(gap, cat, target.id, skip=unaffordable)
    items = with_review_buffer(items, person.review_buffer, [p.id for p in target.phases])
    if not items:
        raise ProfileError(
            f"{source}: nothing to plan: you already have every skill "
            f"{cat.roles[resolved.target_role].title!r} needs. Check the skill levels in 'skills'."
        )
    career = {a.id: a for a in target.activities}
    titles = {item.id: _title(item, cat, target, career) for item in items}
    now = progress.standing(person, items, titles, cat, source, as_of)
    if earlier is not None:
        check_baseline(earlier, person.name, target.id, source)
    left = now.remaining(items)
    if not left:
        raise ProfileError(
            f"{source}: progress.done: every item of the plan is done; congratulations. "
            "Nothing is left to schedule."
        )
    calendar = build_calendar(person, start=now.as_of)
    timetable = _schedule(left, calendar, person, source)
    before, reference = (
        _baseline_reference(earlier, now.as_of)
        if earlier is not None
        else _fresh_reference(items, person, now.as_of)
    )
    work = Work(items, titles, now, left, timetable, before, reference)
    plan = _assemble(person, cat, resolved, gap, work, calendar, budget, left_out)
    return _with_history(plan, person, now, earlier)


@dataclass(frozen=True)
class Work:
    """The plan's items and how they stand: the schedule covers ``left`` only."""

    items: list[Item]
    titles: dict[str, str]
    now: progress.Standing
    left: list[Item]
    timetable: Schedule
    before: dict[str, int]
    """Sessions each item had before ``as_of``: calendar serials go on from there."""
    reference: dict[str, tuple[dt.date, dt.date]]
    """Each item's dates in the plan this one follows (the baseline, or the plan
    made from the start): when work done before ``as_of`` began."""

    def spans(self) -> dict[str, tuple[dt.date, dt.date]]:
        """Each item's dates. A finished one ends the day it was finished (or, not
        recorded, when the earlier plan ended it, at the latest ``as_of``) and
        began when the earlier plan began it, at the latest that day."""
        out = {item.id: span for item, span in zip(self.left, self.timetable.spans, strict=True)}
        for item_id, on in self.now.done.items():
            began, ended = self.reference.get(item_id, (self.now.as_of, self.now.as_of))
            end = on or min(ended, self.now.as_of)
            out[item_id] = (min(began, end), end)
        return out

    def began(self, item_id: str) -> dt.date | None:
        """When work on an item under way began, as far as the earlier plan says."""
        span = self.reference.get(item_id)
        return span[0] if span and span[0] < self.now.as_of else None


def _with_history(
    plan: Plan, person: Profile, now: progress.Standing, earlier: Plan | None
) -> Plan:
    """The calendar revision and the comparison with the baseline, when there is one."""
    if not now.recorded and earlier is None:
        return plan
    sequence = max((now.as_of - person.start_date).days, 0)
    if earlier is None:
        return plan.model_copy(update={"sequence": sequence})
    assert plan.progress is not None
    full = build_calendar(person)
    against = compare(plan, earlier, now.as_of, full)
    return plan.model_copy(
        update={
            "sequence": max(sequence, earlier.sequence + 1),
            "progress": plan.progress.model_copy(update={"against": against}),
            "cancelled": cancelled(earlier, plan, now.as_of),
        }
    )


Reference = tuple[dict[str, int], dict[str, tuple[dt.date, dt.date]]]
"""Per item: sessions before ``as_of``, and its dates in the earlier plan."""


def _baseline_reference(earlier: Plan, as_of: dt.date) -> Reference:
    spans = {a.id: (a.start, a.end) for p in earlier.phases for a in p.activities}
    return sessions_before(earlier, as_of), spans


def _fresh_reference(items: list[Item], person: Profile, as_of: dt.date) -> Reference:
    """Without a baseline: the plan made from the start with nothing done, so
    calendar serials never reuse a past session's and done work keeps its dates."""
    if as_of <= person.start_date:
        return {}, {}
    try:
        fresh = schedule([item.hours for item in items], build_calendar(person))
    except HorizonExceeded:
        return {}, {}
    counts: dict[str, int] = {}
    for day, index, _ in fresh.sessions:
        if day >= as_of:
            break
        counts[items[index].id] = counts.get(items[index].id, 0) + 1
    return counts, {item.id: span for item, span in zip(items, fresh.spans, strict=True)}


REVIEW_TITLE = "Review and catch up"
REVIEW_DETAIL = (
    "Time kept free at the end of the phase: revisit what felt shaky, redo the hardest "
    "exercises, and absorb any delay before the next phase starts."
)


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
    work: Work,
    calendar: StudyCalendar,
    budget: Budget,
    left_out: list[LeftOut],
) -> Plan:
    current, target = cat.roles[resolved.current_role], cat.roles[resolved.target_role]
    items, titles, now, timetable = work.items, work.titles, work.now, work.timetable
    priority = narrate.skills_by_priority(items)
    career = {a.id: a for a in target.activities}
    spans = work.spans()
    choices, money = choose(_spending_order(items, spans, cat, career, titles, priority), budget)
    money = money.model_copy(update={"left_out": tuple(left_out)})
    dependents: dict[str, list[str]] = {}
    for item in items:
        for pre in item.prerequisites:
            dependents.setdefault(pre, []).append(item.id)
    numbers = _phase_numbers(items)
    required = {r.skill: r.level for r in target.requires}
    activities = [
        _activity(
            item,
            spans[item.id],
            titles[item.id],
            cat,
            gap,
            target,
            career,
            choices.get(item.id),
            narrate.why(item, dependents, required, titles),
            numbers[item.phase],
            now,
        )
        for item in items
    ]
    start, end = person.start_date, timetable.end
    study_start = timetable.sessions[0][0] if timetable.sessions else now.as_of
    weeks = timeline.calendar_weeks(
        study_start, end, timetable, work.left, titles, calendar, person.time_off
    )
    phases = [_from_its_start(p, work) for p in timeline.phases(target, items, activities, weeks)]
    under_way = now.as_of > start or bool(now.done) or bool(now.spent)
    today = now.as_of if under_way else person.today or start
    flagged = {a.id for a in target.activities if a.milestone}
    # the whole plan's length: from the start once work is under way
    months = timeline.months_between(start if under_way else study_start, end)
    sessions = tuple(timeline.sessions(timetable, work.left, person.starts_on, work.before))
    day_hours = person.day_hours()
    planned = {item.base_id for item in items}
    return Plan(
        title=(f"From {current.title} to {target.title}: Your {months}-Month Transition Guide"),
        person=person.name,
        current_role=RoleRef(id=current.id, title=current.title),
        target_role=RoleRef(id=target.id, title=target.title),
        today=today,
        start=start,
        study_start=study_start,
        end=end,
        months=months,
        weeks=len(weeks),
        study_weeks=sum(1 for w in weeks if w.hours > 0),
        total_hours=sum(item.hours for item in items),
        weekly_hours=person.hours_a_week,
        study_days=tuple(
            StudyDay(day=day, hours=h) for day, h in zip(WEEKDAYS, day_hours, strict=True) if h > 0
        ),
        even_days=len({h for h in day_hours if h > 0}) == 1,
        money=money,
        overview=narrate.overview(cat, resolved),
        assumed_skills=tuple(narrate.held(cat, gap, sorted(gap.assumed))),
        transferable=tuple(
            narrate.transferable(cat, resolved, gap, {a.id: a.phase for a in activities})
        ),
        skipped=tuple(narrate.skipped(cat, gap)),
        skills_to_learn=tuple(narrate.skills_to_learn(cat, gap, priority, activities)),
        phases=tuple(phases),
        calendar_weeks=tuple(weeks),
        week_runs=tuple(timeline.week_runs(weeks, {a.id: a.phase for a in activities})),
        sessions=sessions,
        milestones=tuple(timeline.milestones(phases, flagged)),
        time_off=tuple(timeline.time_off_spans(person.time_off, calendar, end)),
        holidays=tuple(timeline.holidays(calendar, end, person.time_off)),
        periods=tuple(timeline.periods(person.periods, person.study_days)),
        review_buffer=person.review_buffer,
        what_if=tuple(
            what_if(
                [item.hours for item in work.left],
                calendar,
                person.hours_a_week,
                end,
                person.deadline,
                study_start,
            )
        ),
        locale=person.locale,
        date_style=person.date_style,
        reality_check=narrate.reality_check(cat, target.id),
        start_now=narrate.start_now(
            target,
            today,
            [a for a in activities if a.status != "done"],
            sessions,
            fresh=not under_way,
        ),
        faq=tuple(narrate.faq(cat, resolved, planned)),
        deadline=(
            check_deadline(work.left, titles, calendar, end, person.deadline)
            if person.deadline
            else None
        ),
        progress=progress.summary(now, activities, sessions, end) if now.recorded else None,
        sequence=0,
        cancelled=(),
        reminder_minutes=person.reminder_minutes,
    )


def _from_its_start(phase: Phase, work: Work) -> Phase:
    """A phase with work under way began when that work began, not on ``as_of``."""
    began = [work.began(a.id) for a in phase.activities if a.status == "in progress"]
    first = min([phase.start, *(day for day in began if day is not None)])
    return phase if first == phase.start else phase.model_copy(update={"start": first})


def _phase_numbers(items: list[Item]) -> dict[int, int]:
    """Role phase index -> its number among the phases this plan has."""
    out: dict[int, int] = {}
    for item in items:
        out.setdefault(item.phase, len(out) + 1)
    return out


def _title(item: Item, cat: Catalog, role: Role, career: dict[str, CareerActivity]) -> str:
    if item.kind == "skill":
        return cat.skills[item.id].name
    if item.kind == "review":
        return f"{REVIEW_TITLE}: {role.phases[item.phase].title}"
    return career[item.base_id].title


def _spending_order(
    items: list[Item],
    spans: dict[str, tuple[dt.date, dt.date]],
    cat: Catalog,
    career: dict[str, CareerActivity],
    titles: dict[str, str],
    priority: list[str],
) -> list[Need]:
    """Items that use resources, in the order the budget is spent on them:
    scheduled exams first (most important first), then skills by priority, then
    the other career activities in schedule order."""
    hours = {item.id: item.hours for item in items}

    def need(item_id: str, uses: tuple[ResourceUse, ...], exam: bool = False) -> Need:
        start, end = spans[item_id]
        offers = cat.offers(uses)
        return Need(item_id, titles[item_id], hours[item_id], start, end, offers, exam)

    acts = [i for i in items if i.kind not in ("skill", "review") and i.part == 1]
    exams = sorted((i for i in acts if i.kind == "certification"), key=lambda i: -i.importance)
    others = [i for i in acts if i.kind != "certification" and career[i.base_id].resources]
    return [
        *(need(i.id, career[i.base_id].resources, exam=True) for i in exams),
        *(need(s, cat.skills[s].resources) for s in priority),
        *(need(i.id, career[i.base_id].resources) for i in others),
    ]


def _activity(
    item: Item,
    span: tuple[dt.date, dt.date],
    title: str,
    cat: Catalog,
    gap: Gap,
    role: Role,
    career: dict[str, CareerActivity],
    choice: Choice | None,
    reason: Why,
    phase: int,
    now: progress.Standing,
) -> Activity:
    """A scheduled item with the words and resources a person needs to act on it."""
    start, end = span
    levels: tuple[Level | None, Level | None] = (None, None)
    if item.kind == "skill":
        skill, need = cat.skills[item.id], gap.needs[item.id]
        detail = need.focus or skill.summary
        levels = (need.have, need.need)
    elif item.kind == "review":
        detail = REVIEW_DETAIL
    else:
        detail = career[item.base_id].detail
    return Activity(
        id=item.id,
        kind=item.kind,
        title=title,
        detail=detail,
        brief=first_sentence(detail),
        hours=item.hours,
        importance=item.importance,
        prerequisites=item.prerequisites,
        level_from=levels[0],
        level_to=levels[1],
        why=reason,
        recommended=choice.recommended if choice else None,
        alternatives=choice.alternatives if choice else (),
        part=item.part,
        parts=item.parts,
        phase=phase,
        start=start,
        end=end,
        status=now.status(item),
        hours_done=now.hours_done(item),
        done_on=now.done.get(item.id),
    )
