"""End dates at other weekly hours, found by bisecting cumulative capacity.

The deadline search and the what-if rows ask one question many times: when
would the same work end if the usual weeks had other hours? Work is packed
back to back, so it ends on the first date by which the hours available
reach the work's total. The dates are cut once into stretches with one week
of hours each (the usual week, or a period's); the hours available up to any
date are then counted, not walked: how many Mondays ... Sundays each stretch
has up to it, minus its days off. A binary search over the dates (near a
guess from the usual week, when the counts are exact) finds the end in a
dozen or so such counts instead of a walk over every date.

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
        self._work: tuple[float, ...] | None = None
        self._work_wanted: int | None = None
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
        weights = _weights(_by_ordinal(calendar.day_hours))
        self._usual_units = weights if self._exact_periods else None
        """The usual week's hours in units by ``ordinal % 7``; None unless every week's
        hours are whole units."""

    def end(self, hours: Sequence[float], weekly_hours: float) -> dt.date | None:
        """What ``finish_date(hours, calendar.scaled(weekly_hours))`` gives."""
        if not hours:
            return None
        week = _by_ordinal(self.calendar.scaled_week(weekly_hours))  # as the scheduler scales it
        exact = self._exact(hours, week)
        if exact is not None:
            wanted, weights = exact
            # a guess from the usual week alone (days off and periods move the answer)
            per_week = sum(weights)
            near = self._first + wanted * 7 // per_week if per_week else None
            return self._first_reaching(
                lambda ordinal: self._units_until(ordinal, weights), wanted, near
            )
        return self._float_end(hours, week, self.calendar.scaled(weekly_hours))

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
        week = _by_ordinal(self.calendar.scaled_week(weekly_hours))
        exact = self._exact(hours, week)
        if exact is not None:
            wanted, weights = exact
            return self._units_until(ordinal, weights) >= wanted
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

    @property
    def counts_hours(self) -> bool:
        """Whether hours up to a date are counted rather than walked: every week's
        hours are whole units, so sums of them are exact in any order."""
        return self._usual_units is not None

    def hours_until(self, day: dt.date) -> float:
        """What ``calendar.hours_until(day)`` gives: counted when ``counts_hours``."""
        if self._usual_units is None:
            return self.calendar.hours_until(day)
        ordinal = min(day.toordinal(), self._last)  # no study day lies past the horizon
        if ordinal < self._first:
            return 0.0
        return self._units_until(ordinal, self._usual_units) / _UNITS

    def hours_by_kind(self, day: dt.date) -> tuple[float, float]:
        """What ``calendar.hours_until_by_kind(day)`` gives: counted when ``counts_hours``
        and ``day`` is inside the horizon."""
        ordinal = day.toordinal()
        if self._usual_units is None or not self._first <= ordinal <= self._last:
            return self.calendar.hours_until_by_kind(day)
        fixed = self._units_until(ordinal, [0] * 7)
        usual = self._units_until(ordinal, self._usual_units) - fixed
        return usual / _UNITS, fixed / _UNITS

    def _exact(self, hours: Sequence[float], week: Week) -> tuple[int, list[int]] | None:
        """The units the dates must reach for the work to end (``_wanted``) and the week's
        hours in units, when the work's, the week's and every period's hours are whole
        units (then the end is found in exact integers); else None."""
        weights = _weights(week)
        if weights is None or not self._exact_periods:
            return None
        wanted = self._wanted_units(hours)
        return None if wanted is None else (wanted, weights)

    def _wanted_units(self, hours: Sequence[float]) -> int | None:
        """``_wanted`` of the work's hours in units, or None if one is not whole units.
        Kept for the last work asked about: a plan asks about the same work again and
        again, at other weekly hours."""
        work = tuple(hours)
        if work != self._work:
            need = _weights(work)
            self._work = work
            self._work_wanted = None if need is None else _wanted(need)
        return self._work_wanted

    def _float_end(
        self, hours: Sequence[float], week: Week, scaled: StudyCalendar
    ) -> dt.date | None:
        total = sum(h for h in hours if h > EPSILON)
        slack = _slack(len(hours), total)

        def available(ordinal: int) -> float:
            return self._hours_until(ordinal, week)

        if total <= slack:  # nothing to place but near-zero items
            return finish_date(hours, scaled)
        found = self._first_reaching(available, total - slack)
        if found is not None and available(found.toordinal()) <= total + slack:
            return finish_date(hours, scaled)  # within float noise of the total
        return found

    def _first_reaching(
        self, available: Callable[[int], float], amount: float, near: int | None = None
    ) -> dt.date | None:
        """The first date whose hours available reach ``amount``; None past the horizon.

        ``near`` is a guess at that date, given where the hours are counted in
        integers (so they never fall from one date to the next): the search then
        runs only between dates around it that enclose the answer (``_enclose``).
        """
        lo, hi = self._first, self._last + 1  # the answer is in lo..hi; hi: none
        if near is not None and lo <= near < hi:
            lo, hi = _enclose(available, amount, near, lo, hi)
        found = lo + bisect.bisect_left(range(lo, hi), amount, key=available)
        return None if found > self._last else dt.date.fromordinal(found)

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


def _weights(hours: Sequence[float]) -> list[int] | None:
    """Each of ``hours`` in units of 1/_UNITS, or None if one is not whole units."""
    units = [_units(h) for h in hours]
    return None if None in units else [u or 0 for u in units]


def _enclose(
    available: Callable[[int], float], amount: float, near: int, lo: int, hi: int
) -> tuple[int, int]:
    """A narrower ``lo..hi`` that still holds the first date whose ``available`` reaches
    ``amount``: from ``near``, dates at steps of 7, 14, 28 ... days are tried until one
    reaches it and one does not (``available`` must never fall from a date to the next)."""
    step = 7
    if available(near) >= amount:
        hi = near
        while hi - step > lo:
            if available(hi - step) < amount:
                return hi - step + 1, hi
            hi, step = hi - step, step * 2
        return lo, hi
    lo = near + 1
    while lo + step < hi:
        if available(lo + step) >= amount:
            return lo, lo + step
        lo, step = lo + step + 1, step * 2
    return lo, hi


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
