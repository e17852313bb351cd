"""Stage 4: activities laid onto the calendar, one after another.

Each activity takes hours from consecutive study dates until it has all it
needs; what is left of a date goes to the next activity. One walk over the
dates and activities: O(days + activities).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ._calendar import StudyCalendar

EPSILON = 1e-9
"""Hours below this are float noise, not work left to do."""


@dataclass(frozen=True)
class Schedule:
    sessions: list[tuple[dt.date, int, float]]
    """(date, activity index, hours) in date order."""
    spans: list[tuple[dt.date, dt.date]]
    """Per activity: the first and last date it uses."""

    @property
    def end(self) -> dt.date:
        return self.spans[-1][1] if self.spans else self.sessions[-1][0]


class HorizonExceeded(Exception):
    """The calendar ran out of dates; carries how far the schedule got."""

    def __init__(self, placed_hours: float) -> None:
        super().__init__(placed_hours)
        self.placed_hours = placed_hours


def schedule(hours: Sequence[float], calendar: StudyCalendar) -> Schedule:
    """Dates for activities needing ``hours`` each, taken strictly in order."""
    days = calendar.study_days()
    sessions: list[tuple[dt.date, int, float]] = []
    spans: list[tuple[dt.date, dt.date]] = []
    day: dt.date | None = None
    left = 0.0
    placed = 0.0
    for index, need in enumerate(hours):
        remaining = need
        first: dt.date | None = None
        if remaining <= EPSILON:  # a negligible item still gets a date, and no session
            if day is None or left <= EPSILON:
                try:
                    day, left = next(days)
                except StopIteration:
                    raise HorizonExceeded(placed) from None
            first = day
        while remaining > EPSILON:
            if left <= EPSILON:
                try:
                    day, left = next(days)
                except StopIteration:
                    raise HorizonExceeded(placed) from None
            assert day is not None  # left > 0 only once a day was taken
            take = min(remaining, left)
            sessions.append((day, index, take))
            first = first or day
            remaining -= take
            left -= take
            placed += take
        assert first is not None and day is not None
        spans.append((first, day))
    return Schedule(sessions, spans)


def finish_date(hours: Sequence[float], calendar: StudyCalendar) -> dt.date | None:
    """When the activities would end on ``calendar``; None if beyond the horizon.

    The same walk as ``schedule``, step for step and with the same arithmetic, so
    the date is the same; it only keeps no sessions (the deadline search and the
    what-if rows need nothing else).
    """
    days = calendar.study_days()
    day: dt.date | None = None
    left = 0.0
    try:
        for need in hours:
            remaining = need
            if remaining <= EPSILON and (day is None or left <= EPSILON):
                day, left = next(days)
            while remaining > EPSILON:
                if left <= EPSILON:
                    day, left = next(days)
                take = min(remaining, left)
                remaining -= take
                left -= take
    except StopIteration:
        return None
    return day
