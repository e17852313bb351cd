"""Deadline questions: is it met, what weekly hours would meet it, what could go.

The answers come from the scheduler itself. The least weekly hours are found
by a binary search over quarter hours, each candidate's end date found for
real (``_finish``: the same date the scheduler gives, without its sessions):
time off, holidays and periods make the relation between hours and end date
a step function that no ratio captures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from ._calendar import StudyCalendar
from ._finish import FinishDates
from ._order import Item
from ._plan_models import DeadlineCheck, DroppableItem, WhatIf
from ._schedule import EPSILON, finish_date
from ._timeline import weeks_between
from .inputs.profile import MAX_WEEKLY_HOURS

STEPS_PER_HOUR = 4
MAX_DAY_HOURS = 24
WHAT_IF_HOURS = (5.0, 10.0, 15.0, 20.0)
ONGOING_KINDS = ("networking",)
"""Work that runs through the plan and is never offered as something to drop."""


_last_finder: FinishDates | None = None


def finish_dates(calendar: StudyCalendar) -> FinishDates:
    """The end-date finder for ``calendar``: the deadline check and the what-if rows of
    one plan share one, and with it the running sums it has built."""
    global _last_finder
    finder = _last_finder
    if finder is None or finder.calendar is not calendar:
        finder = _last_finder = FinishDates(calendar)
    return finder


def check_deadline(
    items: Sequence[Item],
    titles: dict[str, str],
    calendar: StudyCalendar,
    end: dt.date,
    deadline: dt.date,
) -> DeadlineCheck:
    hours = [item.hours for item in items]
    met = end <= deadline
    dropped, end_if_dropped = (
        ((), None) if met else _what_to_drop(items, titles, calendar, deadline)
    )
    return DeadlineCheck(
        date=deadline,
        met=met,
        margin_days=(deadline - end).days,
        weekly_hours_needed=least_weekly_hours(hours, calendar, deadline),
        drop_to_meet=dropped,
        end_if_dropped=end_if_dropped,
    )


def least_weekly_hours(
    hours: Sequence[float], calendar: StudyCalendar, deadline: dt.date
) -> float | None:
    """The smallest quarter-hour weekly total finishing by ``deadline``, or None
    if none up to 100 hours a week (and 24 on the busiest day) does."""

    ends = finish_dates(calendar)

    def meets(steps: int) -> bool:
        return ends.ends_by(hours, steps / STEPS_PER_HOUR, deadline)

    # no day can hold more than 24 hours, whatever the weekly total
    busiest_share = max(calendar.day_hours) / sum(calendar.day_hours)
    ceiling = min(MAX_WEEKLY_HOURS, MAX_DAY_HOURS / busiest_share)
    low, high = 1, math.floor(ceiling * STEPS_PER_HOUR + 1e-9)
    if not meets(high):
        return None
    # Below the weekly hours whose capacity up to the deadline is the work's hours
    # nothing can finish: start the search there (one step lower, for rounding).
    usual, fixed = ends.hours_by_kind(deadline)
    if usual > 0:
        floor_hours = (sum(hours) - fixed) * sum(calendar.day_hours) / usual
        low = min(high, max(low, math.floor(floor_hours * STEPS_PER_HOUR) - 1))
    while low < high:  # invariant: meets(high); every step below low fails
        mid = (low + high) // 2
        if meets(mid):
            high = mid
        else:
            low = mid + 1
    return high / STEPS_PER_HOUR


def _what_to_drop(
    items: Sequence[Item], titles: dict[str, str], calendar: StudyCalendar, deadline: dt.date
) -> tuple[tuple[DroppableItem, ...], dt.date | None]:
    """The least important items whose removal lets the rest finish by the deadline.

    Items are packed back to back, so the plan finishes in time exactly when
    its hours fit in the hours available up to the deadline. Candidates go
    from least important (larger first among equals); an item is only
    dropped when nothing kept depends on it, and essential items (importance
    5) never are. The result is checked by scheduling what is kept.
    """
    excess = sum(i.hours for i in items) - finish_dates(calendar).hours_until(deadline)
    needed_by: dict[str, int] = {}
    for item in items:
        for pre in item.prerequisites:
            needed_by[pre] = needed_by.get(pre, 0) + 1
    dropped: list[Item] = []
    candidates = sorted(
        (i for i in items if i.importance < 5 and i.kind not in ONGOING_KINDS),
        key=lambda i: (i.importance, -i.hours, i.id),
    )
    progress = True
    while excess > EPSILON and progress:  # dropping an item can free its prerequisites
        progress = False
        for item in candidates:
            if excess <= EPSILON:
                break
            if item in dropped or needed_by.get(item.id, 0):
                continue
            dropped.append(item)
            excess -= item.hours
            progress = True
            for pre in item.prerequisites:
                needed_by[pre] -= 1
    if excess > EPSILON or len(dropped) == len(items):
        return (), None  # no set of unessential items is enough
    gone = {i.id for i in dropped}
    end = finish_date([i.hours for i in items if i.id not in gone], calendar)
    if end is None or end > deadline:  # hours fit, yet a near-zero item needs another day
        return (), None
    return (
        tuple(
            DroppableItem(
                activity_id=i.id, title=titles[i.id], importance=i.importance, hours=i.hours
            )
            for i in dropped
        ),
        end,
    )


def what_if(
    hours: Sequence[float],
    calendar: StudyCalendar,
    own: float,
    own_end: dt.date,
    deadline: dt.date | None,
    first_study_day: dt.date,
) -> list[WhatIf]:
    """End dates at several usual weekly hours; the person's own row is the plan itself."""
    finder = finish_dates(calendar)
    ends = {weekly: finder.end(hours, weekly) for weekly in WHAT_IF_HOURS if weekly != own}
    ends[own] = own_end
    return [
        WhatIf(
            weekly_hours=weekly,
            own=weekly == own,
            end=end,
            weeks=None if end is None else weeks_between(first_study_day, end),
            meets_deadline=None if deadline is None else end is not None and end <= deadline,
        )
        for weekly, end in sorted(ends.items())
    ]
