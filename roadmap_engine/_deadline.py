"""Whether a plan meets its deadline, and the least weekly hours that would.

The answer comes from the scheduler itself, run at each candidate weekly
hours (a binary search over quarter hours), not from a ratio: time off and
uneven days make the relation between hours and end date a step function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ._calendar import StudyCalendar
from ._plan_models import DeadlineCheck
from ._profile import MAX_WEEKLY_HOURS
from ._schedule import finish_date

STEPS_PER_HOUR = 4


def check_deadline(
    hours: Sequence[float], calendar: StudyCalendar, end: dt.date, deadline: dt.date
) -> DeadlineCheck:
    return DeadlineCheck(
        date=deadline,
        met=end <= deadline,
        margin_days=(deadline - end).days,
        weekly_hours_needed=least_weekly_hours(hours, calendar, deadline),
    )


def least_weekly_hours(
    hours: Sequence[float], calendar: StudyCalendar, deadline: dt.date
) -> float | None:
    """The smallest quarter-hour weekly total finishing by ``deadline``, or None."""

    def meets(steps: int) -> bool:
        end = finish_date(hours, calendar.scaled(steps / STEPS_PER_HOUR))
        return end is not None and end <= deadline

    low, high = 1, MAX_WEEKLY_HOURS * STEPS_PER_HOUR
    if not meets(high):
        return None
    while low < high:  # invariant: meets(high); every step below low fails
        mid = (low + high) // 2
        if meets(mid):
            high = mid
        else:
            low = mid + 1
    return high / STEPS_PER_HOUR
