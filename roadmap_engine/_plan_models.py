"""The finished plan: pure data holding every fact the documents show.

Templates only format these fields; nothing in a template computes a date,
a sum or a choice. ``Plan.model_dump_json()`` is the JSON output.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ._levels import Level


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleRef(_Data):
    id: str
    title: str


class ResourceRef(_Data):
    title: str
    provider: str
    kind: str
    cost: Literal["free", "paid"]
    price_usd: float | None
    billing: Literal["once", "monthly"]
    hours: float
    url: str | None


class TransferableSkill(_Data):
    skill_id: str
    name: str
    level: Level
    applies: str
    """How the skill is used in the target role."""


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
    hours: float
    full_hours: float
    """Hours from zero; ``hours`` is less when the person has a head start."""
    resources: tuple[ResourceRef, ...]
    start: dt.date
    end: dt.date


class Activity(_Data):
    id: str
    kind: str
    """``skill`` for learning a skill, otherwise the career activity's kind."""
    title: str
    detail: str
    hours: float
    importance: int
    prerequisites: tuple[str, ...]
    """Ids of activities in this plan that come first."""
    level_from: Level | None
    """For a skill: the level the person starts from."""
    level_to: Level | None
    """For a skill: the level this activity reaches."""
    resources: tuple[ResourceRef, ...]
    start: dt.date
    end: dt.date


class Phase(_Data):
    number: int
    id: str
    title: str
    summary: str
    start: dt.date
    end: dt.date
    weeks: int
    hours: float
    activities: tuple[Activity, ...]


class Session(_Data):
    """One dated block of study on one activity."""

    date: dt.date
    activity_id: str
    hours: float
    begins: dt.datetime
    """Local (floating) start: sessions of a day follow each other from the
    profile's ``session_start``."""
    ends: dt.datetime


class WeekItem(_Data):
    activity_id: str
    title: str
    hours: float


class Week(_Data):
    number: int
    start: dt.date
    end: dt.date
    hours: float
    items: tuple[WeekItem, ...]


class Milestone(_Data):
    date: dt.date
    kind: Literal["phase", "activity"]
    title: str
    """The phase's or the activity's title."""


class ScheduledItem(_Data):
    """An activity that falls inside a start-now window."""

    activity_id: str
    title: str
    start: dt.date
    end: dt.date
    first_resource: ResourceRef | None


class Window(_Data):
    """A start-now window: dated work from the schedule plus standing actions."""

    label: str
    start: dt.date
    end: dt.date
    scheduled: tuple[ScheduledItem, ...]
    actions: tuple[str, ...]


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
    study_hours_lost: float
    """Hours the person would have studied on those dates."""


class HolidayDay(_Data):
    """A public holiday inside the plan that would have been a study day."""

    date: dt.date
    name: str
    study_hours_lost: float


class PeriodSpan(_Data):
    """A span with other study hours than usual."""

    start: dt.date
    end: dt.date
    reason: str
    weekly_hours: float


class DroppableItem(_Data):
    activity_id: str
    title: str
    importance: int
    hours: float


class WhatIf(_Data):
    """When the plan would end at other usual weekly hours (same days and days off)."""

    weekly_hours: float
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
    weekly_hours_needed: float | None
    """The least weekly hours, in quarter hours, that finish by the deadline
    (same days and time off); None if even 100 hours a week (or 24 hours on
    the busiest day) would not."""
    drop_to_meet: tuple[DroppableItem, ...]
    """When the deadline is missed: the least important items (never essential
    ones, never a prerequisite of what stays) whose removal meets it at the
    current hours; empty if no such set exists or the deadline is met."""
    end_if_dropped: dt.date | None


class StudyDay(_Data):
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    hours: float


class Plan(_Data):
    title: str
    person: str
    current_role: RoleRef
    target_role: RoleRef
    today: dt.date
    start: dt.date
    end: dt.date
    months: int
    weeks: int
    total_hours: float
    weekly_hours: float
    study_days: tuple[StudyDay, ...]
    """The weekdays with study hours, Monday first."""
    budget: str
    resources_cost_usd: float
    """Sum of the list prices of the paid resources chosen (first month for subscriptions)."""
    overview: tuple[str, ...]
    assumed_skills: tuple[HeldSkill, ...]
    """Skills assumed from the current role, for the person to correct."""
    transferable: tuple[TransferableSkill, ...]
    skipped: tuple[SkippedSkill, ...]
    skills_to_learn: tuple[SkillToLearn, ...]
    phases: tuple[Phase, ...]
    calendar_weeks: tuple[Week, ...]
    sessions: tuple[Session, ...]
    milestones: tuple[Milestone, ...]
    time_off: tuple[TimeOffSpan, ...]
    holidays: tuple[HolidayDay, ...]
    periods: tuple[PeriodSpan, ...]
    review_buffer: float
    """Share of each phase's hours added at its end for review."""
    what_if: tuple[WhatIf, ...]
    locale: str | None
    date_style: str
    reality_check: RealityCheck
    start_now: StartNow
    faq: tuple[Question, ...]
    deadline: DeadlineCheck | None
