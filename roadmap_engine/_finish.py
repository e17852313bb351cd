"""End dates at other weekly hours, found by bisecting cumulative capacity.

The deadline search and the what-if rows ask one question many times: when
would the same work end if the usual weeks had other hours? Work is packed
back to back, so it ends on the first date by which the hours available
reach the work's total. The dates are cut once into stretches with one week
of hours each (the usual week, or a period's); the hours available up to any
date are then counted, not walked: how many Mondays ... Sundays each stretch
has up to it, minus its days off. A binary search over the dates finds the
end in a few dozen such counts instead of a walk over every date.

Every answer is the scheduler's (``finish_date``), step for step:

- hours that are whole multiples of 2**-20 (quarter hours, halves, whole
  hours) add up without rounding, in the scheduler as here, so the date is
  found in exact integer arithmetic;
- other hours are summed in floats, and the scheduler drops only float noise
  (below ``EPSILON`` an item or a date); a total within that noise of a
  date's running sum could end on either date, so those few cases are
  answered by the scheduler's own walk.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ._calendar import HORIZON_DAYS, StudyCalendar
from ._schedule import EPSILON, finish_date

_UNITS = 2**20
"""Hours in multiples of 1/_UNITS (far coarser than ``EPSILON``) are added exactly."""
_MAX_EXACT = 2**30
"""Below this many hours a multiple of 1/_UNITS is a float without rounding."""

Week = tuple[float, ...]


def _units(hours: float) -> int | None:
    """``hours`` as a whole number of 1/_UNITS hours, or None if it is not one."""
    scaled = hours * _UNITS
    return int(scaled) if 0 <= hours < _MAX_EXACT and scaled.is_integer() else None


@dataclass(frozen=True)
class _Stretch:
    """Consecutive dates that share one week of hours."""

    first: int
    last: int
    week: Week | None
    """A period's own hours by ``ordinal % 7``; None for the usual week, which scales."""


class FinishDates:
    """End dates for work on ``calendar`` with its usual weeks scaled to any weekly hours."""

    def __init__(self, calendar: StudyCalendar) -> None:
        self.calendar = calendar
        self._first = calendar.start.toordinal()
        self._last = self._first + HORIZON_DAYS - 1
        self._stretches = _stretches(calendar, self._first, self._last)
        self._starts = [s.first for s in self._stretches]
        by_day = [sorted(d for d in calendar.off if d % 7 == k) for k in range(7)]
        self._off = [(k, days) for k, days in enumerate(by_day) if days]
        """Days off by ``ordinal % 7`` (the weekday, counting from Monday 0001-01-01)."""
        # per stretch: usual days before it by weekday, and period hours before it
        self._usual_before: list[list[int]] = []
        self._fixed_before: list[float] = []
        self._fixed_units_before: list[int] = []
        usual, fixed, fixed_units = [0] * 7, 0.0, 0
        self._exact_periods = True
        for stretch in self._stretches:
            self._usual_before.append(list(usual))
            self._fixed_before.append(fixed)
            self._fixed_units_before.append(fixed_units)
            days = self._days(stretch.first, stretch.last)
            if stretch.week is None:
                usual = [a + b for a, b in zip(usual, days, strict=True)]
                continue
            fixed += _weighted(days, stretch.week)
            units = [_units(h) for h in stretch.week]
            if None in units:
                self._exact_periods = False
            fixed_units += sum(n * (u or 0) for n, u in zip(days, units, strict=True))

    def end(self, hours: Sequence[float], weekly_hours: float) -> dt.date | None:
        """What ``finish_date(hours, calendar.scaled(weekly_hours))`` gives."""
        scaled = self.calendar.scaled(weekly_hours)  # as the scheduler scales it
        if not hours:
            return None
        week = _by_ordinal(scaled.day_hours)
        need = self._exact_units(hours, week)
        if need is not None:
            weights = _weights(week)
            return self._first_reaching(
                lambda ordinal: self._units_until(ordinal, weights), _wanted(need), self._first
            )
        return self._float_end(hours, week, scaled)

    def ends_by(self, hours: Sequence[float], weekly_hours: float, day: dt.date) -> bool:
        """Whether ``end(hours, weekly_hours)`` is a date on or before ``day``.

        The deadline search asks only this, for many weekly hours: the hours
        available up to ``day`` answer it in one count instead of a search for
        the end date; only a total within float noise of them needs the end.
        """
        if not hours:
            return False
        ordinal = min(day.toordinal(), self._last)
        if ordinal < self._first:
            return False
        week = _by_ordinal(self.calendar.scaled(weekly_hours).day_hours)
        need = self._exact_units(hours, week)
        if need is not None:
            return self._units_until(ordinal, _weights(week)) >= _wanted(need)
        total = sum(h for h in hours if h > EPSILON)
        slack = _slack(len(hours), total)
        if total > slack:
            have = self._hours_until(ordinal, week)
            if have < total - slack:
                return False
            if have > total + slack:
                return True
        end = self.end(hours, weekly_hours)  # near-zero work, or within float noise
        return end is not None and end <= day

    def _exact_units(self, hours: Sequence[float], week: Week) -> list[int] | None:
        """Each item's hours in units of 1/_UNITS, when they and every week's hours are
        whole units (then the end is found in exact integers); else None."""
        need = [_units(h) for h in hours]
        if self._exact_periods and None not in need and None not in map(_units, week):
            return [n or 0 for n in need]
        return None

    def _float_end(
        self, hours: Sequence[float], week: Week, scaled: StudyCalendar
    ) -> dt.date | None:
        total = sum(h for h in hours if h > EPSILON)
        slack = _slack(len(hours), total)

        def available(ordinal: int) -> float:
            return self._hours_until(ordinal, week)

        if total <= slack:  # nothing to place but near-zero items
            return finish_date(hours, scaled)
        found = self._first_reaching(available, total - slack, self._first)
        if found is not None and available(found.toordinal()) <= total + slack:
            return finish_date(hours, scaled)  # within float noise of the total
        return found

    def _first_reaching(
        self, available: Callable[[int], float], amount: float, lowest: int
    ) -> dt.date | None:
        """The first date from ``lowest`` whose hours available reach ``amount``."""
        found = bisect.bisect_left(range(lowest, self._last + 1), amount, key=available)
        return None if found > self._last - lowest else dt.date.fromordinal(lowest + found)

    def _counted(self, ordinal: int) -> tuple[list[int], list[int] | None, int]:
        """Up to ``ordinal``: usual dates by ``ordinal % 7``; dates of the period under way
        by ``ordinal % 7`` (None outside periods); and the stretch's index."""
        index = bisect.bisect_right(self._starts, ordinal) - 1
        stretch = self._stretches[index]
        days = self._days(stretch.first, ordinal)
        usual = self._usual_before[index]
        if stretch.week is None:
            return [a + b for a, b in zip(usual, days, strict=True)], None, index
        return usual, days, index

    def _hours_until(self, ordinal: int, week: Week) -> float:
        usual, period_days, index = self._counted(ordinal)
        total = _weighted(usual, week) + self._fixed_before[index]
        if period_days is not None:
            own = self._stretches[index].week
            assert own is not None
            total += _weighted(period_days, own)
        return total

    def _units_until(self, ordinal: int, weights: Sequence[int]) -> int:
        usual, period_days, index = self._counted(ordinal)
        total = sum(n * w for n, w in zip(usual, weights, strict=True))
        total += self._fixed_units_before[index]
        if period_days is not None:
            own = self._stretches[index].week
            assert own is not None
            total += sum(n * (_units(h) or 0) for n, h in zip(period_days, own, strict=True))
        return total

    def _days(self, first: int, last: int) -> list[int]:
        """How many study-eligible dates in ``first..last`` fall on each ``ordinal % 7``."""
        length = last - first + 1
        full, extra = divmod(length, 7)
        counts = [full] * 7
        for k in range(extra):
            counts[(first + k) % 7] += 1
        for k, offs in self._off:
            counts[k] -= bisect.bisect_right(offs, last) - bisect.bisect_left(offs, first)
        return counts


def _weights(week: Week) -> list[int]:
    """A week's hours in units of 1/_UNITS (whole units, checked by ``_exact_units``)."""
    return [_units(h) or 0 for h in week]


def _wanted(need: Sequence[int]) -> int:
    """The units the dates must reach for the work to end: its total, or one more
    when the last item is empty (an empty item after work that fills a date
    exactly takes the next date with room; only empty items take the first)."""
    total = sum(need)
    return total + 1 if total == 0 or need[-1] == 0 else total


def _weighted(counts: Sequence[int], week: Sequence[float]) -> float:
    return sum(n * h for n, h in zip(counts, week, strict=True))


def _by_ordinal(week: Week) -> Week:
    """Monday ... Sunday hours re-indexed by ``ordinal % 7`` (ordinal 1 is a Monday)."""
    return tuple(week[(k - 1) % 7] for k in range(7))


def _stretches(calendar: StudyCalendar, first: int, last: int) -> list[_Stretch]:
    """The horizon cut where the week of hours changes (a later period wins)."""
    cuts = {first, last + 1}
    for lo, hi, _ in calendar.periods:
        cuts.update(c for c in (lo, hi + 1) if first < c <= last)
    points = sorted(cuts)
    stretches = []
    for lo, nxt in itertools.pairwise(points):
        week: Week | None = None
        for p_lo, p_hi, hours in reversed(calendar.periods):
            if p_lo <= lo <= p_hi:
                week = _by_ordinal(hours)
                break
        stretches.append(_Stretch(lo, nxt - 1, week))
    return stretches


def _slack(items: int, total: float) -> float:
    """More than the scheduler can drop (``EPSILON`` per item and per date) plus the
    float error of adding up ten years of dates."""
    return EPSILON * (items + HORIZON_DAYS + 2) + 1e-12 * (total + 1) * HORIZON_DAYS
