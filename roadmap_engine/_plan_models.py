"""The finished plan: pure data holding every fact the documents show.

Templates only format these fields; nothing in a template computes a date,
a sum or a choice. ``Plan.model_dump_json()`` is the JSON output.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import PlainSerializer

from ._frozen import FrozenModel
from ._levels import Level

HOURS_PRECISION = 4
"""Decimals of hours written to JSON (under a second): the scheduler's float noise
(7.800000000000001) stays out of the output, while the model keeps exact values
so that hours add up exactly."""

Hours = Annotated[
    float, PlainSerializer(lambda value: round(value, HOURS_PRECISION), return_type=float)
]


class _Data(FrozenModel):
    pass


class RoleRef(_Data):
    id: str
    title: str


class ResourceRef(_Data):
    """A catalog resource as an item uses it."""

    id: str
    title: str
    provider: str
    kind: str
    cost: Literal["free", "free-to-audit", "paid", "subscription", "exam"]
    price_usd: float | None
    """The price the cost kind names: once, a month, the exam fee, or the
    certificate of a course that is free to audit."""
    price_note: str | None
    """Why no price is given, where the provider publishes none."""
    hours: Hours
    """Hours of what the item uses: the whole resource, or ``part``."""
    part: str | None
    """The part of the resource the item needs, when not all of it."""
    url: str | None


class Recommendation(_Data):
    """The one resource the person should use for an item, within the budget."""

    resource: ResourceRef
    partial: bool
    """Only part of it fits the item's hours: use about ``hours`` of it."""
    short: bool = False
    """It covers well under the item's hours: the rest of them go to practice."""
    hours: Hours
    """The hours the plan gives the item."""
    cost_usd: float | None
    """What it costs this plan: 0 if free, the price (times ``months`` for a
    subscription), or None when the price is not listed."""
    months: int | None
    """For a subscription: the months this item adds to what is paid."""
    paid_with: str | None = None
    """The title of an earlier item whose purchase already covers this resource
    (a book bought once, a subscription already running)."""


class Why(_Data):
    """Why an item is in the plan, from the target role and the plan's own items."""

    required_level: Level | None
    """The level the target role asks for (None: not required by the role itself)."""
    importance: int
    """5 = essential, 1 = nice to have."""
    needed_for: tuple[str, ...]
    """Titles of items in this plan that build on it."""
    career: bool
    """A career step of the target role (project, networking, exam...)."""


class TransferableSkill(_Data):
    skill_id: str
    name: str
    level: Level
    required_level: Level | None
    """The level the target role asks for, or None if it only helps."""
    assumed: bool
    """The level comes from the current role, not from the person."""
    in_plan_phase: int | None
    """The phase that tops the skill up, when the person holds it below the level needed."""
    applies: str
    """How the skill is used in the target role."""
    applies_brief: str
    """Its first sentence: what the document shows."""


class HeldSkill(_Data):
    skill_id: str
    name: str
    level: Level


class SkippedSkill(_Data):
    """A skill the target needs that the person already has well enough."""

    skill_id: str
    name: str
    level: Level
    required_level: Level
    assumed: bool
    """True when the level comes from the current role, not from the profile."""


class SkillToLearn(_Data):
    priority: int
    """1 = learn first if you can only learn one."""
    skill_id: str
    name: str
    summary: str
    focus: str | None
    importance: int
    level_from: Level
    level_to: Level
    hours: Hours
    full_hours: Hours
    """Hours from zero; ``hours`` is less when the person has a head start."""
    why: Why
    recommended: Recommendation | None
    alternatives: tuple[ResourceRef, ...]
    phase: int
    """The number of the phase that schedules it."""
    start: dt.date
    end: dt.date
    status: Literal["done", "in progress", "to do"]
    hours_done: Hours
    done_on: dt.date | None


class Activity(_Data):
    id: str
    kind: str
    """``skill`` for learning a skill, ``review``, or the career activity's kind."""
    title: str
    detail: str
    brief: str
    """The detail's first sentence: what the roadmap shows; the rest is in ``detail``."""
    hours: Hours
    importance: int
    prerequisites: tuple[str, ...]
    """Ids of activities in this plan that come first."""
    level_from: Level | None
    """For a skill: the level the person starts from."""
    level_to: Level | None
    """For a skill: the level this activity reaches."""
    why: Why
    recommended: Recommendation | None
    alternatives: tuple[ResourceRef, ...]
    """Other resources within the budget (or with no listed price), never summed."""
    part: int
    """Ongoing work is split over phases: which part this is (1-based) of ``parts``."""
    parts: int
    phase: int
    """The number of the phase it belongs to (1 = the plan's first phase)."""
    start: dt.date
    end: dt.date
    """For a finished item: the date it was finished (``as_of`` when not recorded)."""
    status: Literal["done", "in progress", "to do"]
    hours_done: Hours
    """Hours recorded as spent (all of ``hours`` once done)."""
    done_on: dt.date | None
    """The date it was finished, when recorded."""


class Phase(_Data):
    number: int
    id: str
    title: str
    summary: str
    start: dt.date
    end: dt.date
    weeks: int
    """Rows of the week table (which starts at ``as_of``) that belong to the phase."""
    hours: Hours
    hours_done: Hours
    percent_done: int
    """Whole percent of ``hours`` done, rounded down: 100 only when all is done."""
    activities: tuple[Activity, ...]


class Session(_Data):
    """One dated block of study on one activity."""

    date: dt.date
    activity_id: str
    number: int
    """Which of this plan's sessions of the activity this is (1-based)."""
    count: int
    """How many sessions this plan gives the activity."""
    serial: int
    """The session's lasting number for the calendar: it goes on from the sessions
    the activity had before ``as_of``, so a re-plan never reuses a past session's event."""
    hours: Hours
    begins: dt.datetime
    """Local (floating) start: sessions of a day follow each other from the
    profile's ``session_start``."""
    ends: dt.datetime


class WeekItem(_Data):
    activity_id: str
    title: str
    hours: Hours


class Week(_Data):
    """Seven days from the first study day on; ``number`` counts from 1."""

    number: int
    start: dt.date
    end: dt.date
    hours: Hours
    items: tuple[WeekItem, ...]
    time_off: tuple[str, ...]
    """Reasons of the time off that takes study days of this week."""
    holidays: tuple[str, ...]
    """Public holidays that take study days of this week (outside time off)."""


class WeekRun(_Data):
    """Consecutive weeks with the same hours, phases and days off, shown as one row."""

    first: int
    last: int
    start: dt.date
    end: dt.date
    hours: Hours
    """Hours in each of these weeks."""
    phases: tuple[int, ...]
    """Numbers of the phases whose work these weeks hold."""
    items: tuple[WeekItem, ...]
    """The work of these weeks, with its hours over all of them."""
    time_off: tuple[str, ...]
    holidays: tuple[str, ...]


class Milestone(_Data):
    date: dt.date
    kind: Literal["phase", "activity"]
    title: str
    """The phase's or the activity's title."""


class ScheduledItem(_Data):
    """Work the schedule puts inside a start-now window."""

    activity_id: str
    title: str
    kind: str
    hours: Hours
    """The item's hours that fall inside this window."""
    start: dt.date
    end: dt.date
    first_step: str | None
    """The catalog's concrete first step for this item, if it has one."""
    resource: ResourceRef | None
    """The recommended resource to begin with."""
    continued: bool
    """It began before this window: the window carries it on."""


class Window(_Data):
    """A start-now window: the dated work from the schedule plus small set-up steps."""

    label: str
    start: dt.date
    end: dt.date
    hours: Hours
    """Study hours the schedule books inside the window."""
    scheduled: tuple[ScheduledItem, ...]
    """All the work the window holds, in schedule order; the windows follow each
    other, so each booked hour is in one window."""
    actions: tuple[str, ...]
    """Set-up steps and habits tied to no scheduled item."""


class StartNow(_Data):
    this_week: Window
    this_month: Window
    next_90_days: Window


class RealityCheck(_Data):
    love: tuple[str, ...]
    miss: tuple[str, ...]
    challenges: tuple[str, ...]


class Question(_Data):
    question: str
    answer: str


class TimeOffSpan(_Data):
    start: dt.date
    end: dt.date
    reason: str
    study_hours_lost: Hours
    """Hours the person would have studied on those dates."""


class HolidayDay(_Data):
    """A public holiday inside the plan that would have been a study day."""

    date: dt.date
    name: str
    study_hours_lost: Hours


class PeriodSpan(_Data):
    """A span with other study hours than usual."""

    start: dt.date
    end: dt.date
    reason: str
    weekly_hours: Hours


class DroppableItem(_Data):
    activity_id: str
    title: str
    importance: int
    hours: Hours


class WhatIf(_Data):
    """When the plan would end at other usual weekly hours (same days and days off)."""

    weekly_hours: Hours
    own: bool
    """True for the row at the person's own weekly hours."""
    end: dt.date | None
    """None if the plan would not fit in ten years."""
    weeks: int | None
    meets_deadline: bool | None
    """None when the profile has no deadline."""


class DeadlineCheck(_Data):
    date: dt.date
    met: bool
    margin_days: int
    """Days to spare (positive) or days late (negative)."""
    weekly_hours_needed: Hours | None
    """The least weekly hours, in quarter hours, that finish by the deadline
    (same days and time off); None if even 100 hours a week (or 24 hours on
    the busiest day) would not."""
    drop_to_meet: tuple[DroppableItem, ...]
    """When the deadline is missed: the least important items (never essential
    ones, never a prerequisite of what stays) whose removal meets it at the
    current hours; empty if no such set exists or the deadline is met."""
    end_if_dropped: dt.date | None


class DoneItem(_Data):
    activity_id: str
    title: str
    on: dt.date | None
    """When it was finished, if recorded."""


class CurrentItem(_Data):
    """The first unfinished item: what to work on next."""

    activity_id: str
    title: str
    hours: Hours
    hours_done: Hours
    next_session: dt.date | None
    """The first date the schedule gives it (None for an item with no hours left)."""


class Shift(_Data):
    """How much later (positive) or earlier (negative) something ends than in the baseline."""

    baseline_end: dt.date
    end: dt.date
    calendar_days: int
    study_days: int
    """Study days (days with hours in the person's calendar) between the two ends."""


class PhaseShift(Shift):
    number: int
    title: str


class MovedItem(Shift):
    activity_id: str
    title: str


class Comparison(_Data):
    """This plan against an earlier one (the baseline) for the same person and target."""

    baseline_today: dt.date
    """The date the baseline was made (its ``today``)."""
    standing: Literal["ahead", "behind", "on schedule"]
    overall: Shift
    phases: tuple[PhaseShift, ...]
    """Phases both plans have, in this plan's order."""
    expected_hours_done: Hours
    """Hours the baseline had done by ``as_of`` (``Progress.hours_done`` is what was)."""
    finished: tuple[DoneItem, ...]
    """Finished now, and not finished in the baseline."""
    added: tuple[str, ...]
    """Titles of items this plan has and the baseline had not."""
    dropped: tuple[str, ...]
    """Titles of items the baseline had and this plan has not."""
    moved: tuple[MovedItem, ...]
    """Unfinished items whose end moved by more than a week."""
    moved_apart: tuple[MovedItem, ...]
    """Those of ``moved`` whose end moved by more than a week more or less than the
    plan's own end: the ones worth naming one by one."""
    moved_with_plan: int
    """How many of ``moved`` moved about as much as the plan's own end."""
    deadline_change: Literal["still met", "now met", "now missed", "still missed"] | None
    """How the deadline verdict changed, when both plans have a deadline."""


class Progress(_Data):
    """Where the person stands on ``as_of``: the plan is made again from that date."""

    as_of: dt.date
    hours_done: Hours
    hours_left: Hours
    """The plan's ``total_hours`` less ``hours_done``."""
    percent_done: int
    """Whole percent of the plan's hours done, rounded down."""
    months_left: int
    """Calendar months from ``as_of`` to the end."""
    done: tuple[DoneItem, ...]
    """Every finished item, in plan order."""
    current: CurrentItem | None
    against: Comparison | None
    """The comparison with a baseline plan, when one was given."""


class CancelledEvent(_Data):
    """A calendar event of the baseline that this plan no longer has."""

    key: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime


class StudyDay(_Data):
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    hours: Hours


class CostLine(_Data):
    item: str
    """The title of the item the resource is for."""
    resource: str | None
    """None for an exam whose fee is not listed anywhere."""
    cost_usd: float | None
    """None when the price is not listed."""
    months: int | None


class LeftOut(_Data):
    """A certification the budget cannot pay for, left out of the plan."""

    title: str
    fee_usd: float | None
    """The lowest listed fee; None when no fee is listed."""


class Money(_Data):
    """The budget and what the plan recommends against it (alternatives never count)."""

    budget: Literal["any", "free", "amount"]
    budget_usd: float | None
    """The amount, when the budget is one."""
    total_usd: float
    """What the recommended resources and scheduled exams cost, with known prices."""
    left_usd: float | None
    """What the budget leaves after ``total_usd``, when the budget is an amount."""
    paid: tuple[CostLine, ...]
    """Every recommended paid resource or exam, in priority order."""
    unpriced: int
    """How many of them have no listed price (not counted in ``total_usd``)."""
    left_out: tuple[LeftOut, ...]


class Plan(_Data):
    title: str
    person: str
    current_role: RoleRef
    target_role: RoleRef
    today: dt.date
    start: dt.date
    """The profile's start date."""
    study_start: dt.date
    """The first day with study (later than ``start`` when it falls on a day off)."""
    end: dt.date
    months: int
    """Calendar months from ``study_start`` to ``end``."""
    weeks: int
    """Weeks from ``study_start`` to ``end``: the rows of ``calendar_weeks``."""
    study_weeks: int
    """Weeks of ``calendar_weeks`` with any study."""
    total_hours: Hours
    weekly_hours: Hours
    study_days: tuple[StudyDay, ...]
    """The weekdays with study hours, Monday first."""
    even_days: bool
    """Every study day has the same hours (``weekly_hours`` spread evenly)."""
    money: Money
    overview: tuple[str, ...]
    assumed_skills: tuple[HeldSkill, ...]
    """Skills assumed from the current role, for the person to correct."""
    transferable: tuple[TransferableSkill, ...]
    skipped: tuple[SkippedSkill, ...]
    skills_to_learn: tuple[SkillToLearn, ...]
    phases: tuple[Phase, ...]
    calendar_weeks: tuple[Week, ...]
    week_runs: tuple[WeekRun, ...]
    sessions: tuple[Session, ...]
    milestones: tuple[Milestone, ...]
    time_off: tuple[TimeOffSpan, ...]
    holidays: tuple[HolidayDay, ...]
    periods: tuple[PeriodSpan, ...]
    review_buffer: Hours
    """Share of each phase's hours added at its end for review."""
    what_if: tuple[WhatIf, ...]
    locale: str | None
    date_style: str
    reality_check: RealityCheck
    start_now: StartNow
    faq: tuple[Question, ...]
    deadline: DeadlineCheck | None
    progress: Progress | None
    """Set when progress is recorded or the plan is made from an ``as_of`` date."""
    sequence: int
    """The calendar revision: higher on every re-plan, so calendar apps take the update."""
    cancelled: tuple[CancelledEvent, ...]
    """Future events of the baseline that this plan drops (sent as cancelled)."""
    reminder_minutes: int | None
    """Calendar reminder before each session, from the profile."""
