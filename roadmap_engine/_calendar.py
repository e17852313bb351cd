"""The hours a person can study on each date.

A date's capacity is the hours the profile gives its weekday, or zero on a
time-off date. Dates beyond the horizon are never offered, so no schedule
can run on for ever.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ._profile import Profile

HORIZON_YEARS = 10
HORIZON_DAYS = 3653
"""Ten years of dates: the longest plan the engine will make."""


@dataclass(frozen=True)
class StudyCalendar:
    start: dt.date
    day_hours: tuple[float, ...]
    """Hours for Monday ... Sunday."""
    off: frozenset[int]
    """Ordinals of the time-off dates inside the horizon."""

    @property
    def horizon_end(self) -> dt.date:
        return self.start + dt.timedelta(days=HORIZON_DAYS - 1)

    def hours_on(self, day: dt.date) -> float:
        if day.toordinal() in self.off:
            return 0.0
        return self.day_hours[day.weekday()]

    def study_days(self) -> Iterator[tuple[dt.date, float]]:
        """Each date with hours to give, in order, from the start to the horizon."""
        first = self.start.toordinal()
        weekday = self.start.weekday()
        hours, off = self.day_hours, self.off
        for offset in range(HORIZON_DAYS):
            ordinal = first + offset
            cap = hours[(weekday + offset) % 7]
            if cap > 0 and ordinal not in off:
                yield dt.date.fromordinal(ordinal), cap

    def scaled(self, weekly_hours: float) -> StudyCalendar:
        """The same days and time off at ``weekly_hours`` a week."""
        factor = weekly_hours / sum(self.day_hours)
        return StudyCalendar(self.start, tuple(h * factor for h in self.day_hours), self.off)


def build_calendar(profile: Profile) -> StudyCalendar:
    start = profile.start_date
    last = start + dt.timedelta(days=HORIZON_DAYS - 1)
    off: set[int] = set()
    for span in profile.time_off:
        lo, hi = max(span.start, start), min(span.end, last)
        off.update(range(lo.toordinal(), hi.toordinal() + 1))
    return StudyCalendar(start, profile.day_hours(), frozenset(off))
