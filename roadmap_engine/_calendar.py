"""The hours a person can study on each date.

A date's capacity is the hours its weekday has (in the profile, or in a
period with other hours that covers the date), or zero on a time-off date or
a public holiday. Dates beyond the horizon are never offered, so no schedule
can run on for ever.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ._limits import PLAN_DAYS as HORIZON_DAYS
from ._limits import PLAN_YEARS as HORIZON_YEARS
from .inputs.profile import Profile

__all__ = ["HORIZON_DAYS", "HORIZON_YEARS", "StudyCalendar", "build_calendar"]


@dataclass(frozen=True)
class StudyCalendar:
    start: dt.date
    day_hours: tuple[float, ...]
    """Usual hours for Monday ... Sunday."""
    off: frozenset[int]
    """Ordinals of the dates without study (time off and holidays) inside the horizon."""
    periods: tuple[tuple[int, int, tuple[float, ...]], ...] = ()
    """(first ordinal, last ordinal, Monday ... Sunday hours), later ones winning."""
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    """Public holidays inside the horizon, by date."""

    def hours_on(self, day: dt.date) -> float:
        ordinal = day.toordinal()
        if ordinal in self.off:
            return 0.0
        return self._week_at(ordinal)[day.weekday()]

    def usual_hours(self, day: dt.date) -> float:
        """The hours ``day`` would have if it were not a day off."""
        return self._week_at(day.toordinal())[day.weekday()]

    def usual_hours_from(self, first: dt.date, days: int) -> list[float]:
        """``usual_hours`` of ``days`` dates from ``first`` on, in one pass."""
        weekday, start = first.weekday(), first.toordinal()
        if not self.periods:
            week = self.day_hours
            return [week[(weekday + k) % 7] for k in range(days)]
        week_at = self._week_at
        return [week_at(start + k)[(weekday + k) % 7] for k in range(days)]

    def _week_at(self, ordinal: int) -> tuple[float, ...]:
        for first, last, hours in reversed(self.periods):
            if first <= ordinal <= last:
                return hours
        return self.day_hours

    def study_days(self) -> Iterator[tuple[dt.date, float]]:
        """Each date with hours to give, in order, from the start to the horizon."""
        first = self.start.toordinal()
        weekday = self.start.weekday()
        off, week_at, plain = self.off, self._week_at, not self.periods
        hours = self.day_hours
        for offset in range(HORIZON_DAYS):
            ordinal = first + offset
            if not plain:
                hours = week_at(ordinal)
            cap = hours[(weekday + offset) % 7]
            if cap > 0 and ordinal not in off:
                yield dt.date.fromordinal(ordinal), cap

    def hours_until(self, last: dt.date) -> float:
        """All the hours from the start to ``last`` (included)."""
        total = 0.0
        for day, cap in self.study_days():
            if day > last:
                break
            total += cap
        return total

    def hours_until_by_kind(self, last: dt.date) -> tuple[float, float]:
        """Hours from the start to ``last``: (on usual weeks, in periods with their own
        hours). Scaling the usual weeks scales only the first."""
        usual = fixed = 0.0
        first = self.start.toordinal()
        for ordinal in range(first, last.toordinal() + 1):
            if ordinal in self.off:
                continue
            weekday = (self.start.weekday() + ordinal - first) % 7
            week = self._week_at(ordinal)
            if week is self.day_hours:
                usual += week[weekday]
            else:
                fixed += week[weekday]
        return usual, fixed

    def scaled(self, weekly_hours: float) -> StudyCalendar:
        """The same days, periods and days off, with the usual weeks at ``weekly_hours``."""
        return StudyCalendar(
            self.start, self.scaled_week(weekly_hours), self.off, self.periods, self.holidays
        )

    def scaled_week(self, weekly_hours: float) -> tuple[float, ...]:
        """The usual Monday ... Sunday hours of ``scaled(weekly_hours)``."""
        factor = weekly_hours / sum(self.day_hours)
        return tuple(h * factor for h in self.day_hours)


def build_calendar(profile: Profile, start: dt.date | None = None) -> StudyCalendar:
    """The profile's study dates from ``start`` (its start date unless re-planning)."""
    start = start or profile.start_date
    last = start + dt.timedelta(days=HORIZON_DAYS - 1)
    off: set[int] = set()
    for span in profile.time_off:
        lo, hi = max(span.start, start), min(span.end, last)
        off.update(range(lo.toordinal(), hi.toordinal() + 1))
    holidays: dict[dt.date, str] = {}
    if profile.holidays is not None:
        found = profile.holidays.dates(start.year, last.year)
        holidays = {d: name for d, name in found.items() if start <= d <= last}
        off.update(d.toordinal() for d in holidays)
    periods = tuple(
        (p.start.toordinal(), p.end.toordinal(), p.day_hours(profile.study_days))
        for p in profile.periods
    )
    return StudyCalendar(start, profile.day_hours(), frozenset(off), periods, holidays)
