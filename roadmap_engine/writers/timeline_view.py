"""The timeline's geometry: where the HTML plan's SVG draws each fact of the plan.

Pure arithmetic on the Plan's dates, in the units of a fixed ``viewBox``
(``WIDTH`` wide, as tall as the rows need): the template only writes the
numbers into elements and formats the dates with its filters. Days are
measured from the first study day; a bar covers its phase from the start of
its first day to the end of its last, and the deadline line sits at the end
of the deadline day, so a plan that meets its deadline ends left of the line.

The layout is one row per phase (label, dates, then the bar), so no text
meets another whatever the dates. Rows are spaced for ``LARGE_FONT``, the
text size the stylesheet uses on a phone, where the drawing is scaled down;
wider screens show smaller text in the same places.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .._plan_models import Phase, Plan
from .filters import _MONTHS

WIDTH = 800
"""The viewBox's width."""
FONT = 18
"""Text size on a wide screen (the SVG's default)."""
LARGE_FONT = 28
"""The largest text size the stylesheet asks for (narrow screens): rows leave room for it."""
LINE = 34
"""Distance between text lines, for ``LARGE_FONT``."""
CHAR_WIDTH = 0.6
"""A generous average character width, in ems, to decide where a label wraps."""
BAR_HEIGHT = 18
ROW_GAP = 16
TICK_LABEL_SPACE = 5 * CHAR_WIDTH * LARGE_FONT
"""Room a month label needs: a short month name (``Sept.`` in some languages) and a gap."""
TICK_LABEL_OFFSET = 5
"""A month label begins this far right of its tick."""

Anchor = Literal["start", "end"]
_At = Callable[[dt.date], float]
"""The x of the start of a day."""


@dataclass(frozen=True)
class TextLine:
    text: str
    y: float
    """Its baseline."""


@dataclass(frozen=True)
class Bar:
    """One phase's row: its label lines, its dates line and its bar."""

    number: int
    title: str
    label: str
    """``Phase N: title``."""
    lines: tuple[TextLine, ...]
    """The label, wrapped to fit the width at the largest text size."""
    start: dt.date
    end: dt.date
    x: float
    width: float
    y: float
    """The bar's top."""
    height: float
    dates_x: float
    dates_y: float
    dates_anchor: Anchor
    """``start``: the dates begin where the bar does; ``end``: they end where it ends."""


@dataclass(frozen=True)
class Marker:
    """A milestone on its phase's bar: an activity's end, or the phase's."""

    kind: Literal["activity", "phase"]
    title: str
    date: dt.date
    phase: int
    x: float
    y: float
    """The centre of the bar it sits on."""


@dataclass(frozen=True)
class Band:
    """Time off, shaded across every row."""

    reason: str
    start: dt.date
    end: dt.date
    x: float
    width: float


@dataclass(frozen=True)
class Tick:
    """The first day of a month; labelled when there is room for its name."""

    date: dt.date
    x: float
    label: str | None
    label_x: float
    """Where the label begins: just right of the tick."""
    year: int | None
    """Shown under the label on the first labelled tick of each year."""


@dataclass(frozen=True)
class DeadlineLine:
    date: dt.date
    met: bool
    x: float
    label_x: float
    label_anchor: Anchor


@dataclass(frozen=True)
class TimelineView:
    """Everything the SVG draws, in viewBox units (``0 0 width height``)."""

    width: int
    height: float
    font_size: int
    start: dt.date
    """The first day drawn (the first study day)."""
    end: dt.date
    """The last day drawn: the plan's end or the deadline, whichever is later."""
    rows_top: float
    rows_bottom: float
    rows_height: float
    label_y: float
    """Baseline of the deadline's label, above the rows."""
    axis_y: float
    """Baseline of the month names, under the rows."""
    year_y: float
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    deadline: DeadlineLine | None

    @property
    def milestones(self) -> tuple[Marker, ...]:
        """The activities' markers (the diamonds), in ``markers``' order."""
        return tuple(m for m in self.markers if m.kind == "activity")

    @property
    def phase_ends(self) -> tuple[Marker, ...]:
        """The phases' end markers (the dots), in ``markers``' order."""
        return tuple(m for m in self.markers if m.kind == "phase")

    def percent(self, x: float) -> float:
        """``x`` as a share of the width, 0 to 100."""
        return 100 * x / self.width


def timeline_view(plan: Plan) -> TimelineView:
    """The drawing data of ``plan``'s timeline."""
    # a check-in's phases under way began before its first study day
    start = min([plan.study_start, *(p.start for p in plan.phases)])
    end = plan.end
    if plan.deadline is not None and plan.deadline.date > end:
        end = plan.deadline.date
    days = (end - start).days + 1

    def at(day: dt.date) -> float:
        """The x of the start of ``day``, kept inside the drawing."""
        offset = min(max((day - start).days, 0), days)
        return round(WIDTH * offset / days, 2)

    top = float(LINE if plan.deadline is not None else 8)
    bars: list[Bar] = []
    y = top
    for phase in plan.phases:
        bar, y = _bar(phase, y, at)
        bars.append(bar)
    bottom = y
    axis_y = bottom + LARGE_FONT
    return TimelineView(
        width=WIDTH,
        height=axis_y + LINE + 10,
        font_size=FONT,
        start=start,
        end=end,
        rows_top=top,
        rows_bottom=bottom,
        rows_height=bottom - top,
        label_y=LARGE_FONT - 4,
        axis_y=axis_y,
        year_y=axis_y + LINE,
        bars=tuple(bars),
        markers=_markers(plan, bars, at),
        bands=tuple(
            Band(t.reason, t.start, t.end, at(t.start), round(at(_next(t.end)) - at(t.start), 2))
            for t in plan.time_off
            if t.end >= start and t.start <= end
        ),
        ticks=_ticks(start, end, at, plan.locale),
        deadline=_deadline(plan, at),
    )


def _bar(phase: Phase, top: float, at: _At) -> tuple[Bar, float]:
    """The row of ``phase`` whose top is ``top``, and the top of the next row."""
    label = f"Phase {phase.number}: {phase.title}"
    wrapped = _wrap(label)
    lines = tuple(TextLine(text, top + LARGE_FONT + i * LINE) for i, text in enumerate(wrapped))
    dates_y = lines[-1].y + LINE
    x = at(phase.start)
    right = at(_next(phase.end))
    bar_top = dates_y + 12
    left_half = x <= WIDTH / 2
    bar = Bar(
        number=phase.number,
        title=phase.title,
        label=label,
        lines=lines,
        start=phase.start,
        end=phase.end,
        x=x,
        width=round(right - x, 2),
        y=bar_top,
        height=BAR_HEIGHT,
        dates_x=x if left_half else right,
        dates_y=dates_y,
        dates_anchor="start" if left_half else "end",
    )
    return bar, bar_top + BAR_HEIGHT + ROW_GAP


@functools.lru_cache(maxsize=1024)
def _wrap(label: str) -> tuple[str, ...]:
    """``label`` in lines that fit the width at the largest text size. Cached: wrapping
    costs more than the rest of a bar, and the same phase titles come back in every
    document of a plan and in plans from the same catalog."""
    return tuple(textwrap.wrap(label, int(WIDTH / (CHAR_WIDTH * LARGE_FONT))) or [label])


_DAY = dt.timedelta(days=1)


def _next(day: dt.date) -> dt.date:
    return day + _DAY


def _markers(plan: Plan, bars: list[Bar], at: _At) -> tuple[Marker, ...]:
    """Activity milestones on the bar of the phase holding the activity, and phase ends."""
    by_number = {bar.number: bar for bar in bars}
    # Keys only for the activities a milestone names: one for every activity of a big
    # plan cost more than the rest of the drawing.
    wanted = {m.title for m in plan.milestones if m.kind == "activity"}
    phase_of: dict[tuple[str, dt.date], int] = {}
    for phase in plan.phases:
        for activity in phase.activities:
            if activity.title in wanted:  # the last phase holding the key wins, as before
                phase_of[activity.title, activity.end] = phase.number
    ends = {(phase.title, phase.end): phase.number for phase in plan.phases}
    markers = []
    for milestone in plan.milestones:
        key = (milestone.title, milestone.date)
        number = (ends if milestone.kind == "phase" else phase_of).get(key)
        if number is None:  # not drawn rather than drawn on the wrong row
            continue
        bar = by_number[number]
        # a point in time: the end of the milestone's day, where its bar ends
        x = min(at(_next(milestone.date)), bar.x + bar.width)
        markers.append(
            Marker(
                milestone.kind, milestone.title, milestone.date, number, x, bar.y + bar.height / 2
            )
        )
    return tuple(markers)


def _ticks(start: dt.date, end: dt.date, at: _At, locale: str | None) -> tuple[Tick, ...]:
    """The first of each month after ``start`` up to ``end``, every few of them labelled."""
    firsts = []
    month = dt.date(start.year, start.month, 1)
    while True:
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if month > end:
            break
        firsts.append(month)
    if not firsts:
        return ()
    days = (end - start).days + 1
    per_month = WIDTH * 28 / days  # the shortest month's width: labels never meet
    step = 1
    while step * per_month < TICK_LABEL_SPACE:
        step += 1
    ticks = []
    last_year: int | None = None
    for index, first in enumerate(firsts):
        x = at(first)
        label_x = round(x + TICK_LABEL_OFFSET, 2)
        show = index % step == 0 and label_x + TICK_LABEL_SPACE <= WIDTH
        ticks.append(
            Tick(
                date=first,
                x=x,
                label=_month_name(first, locale) if show else None,
                label_x=label_x,
                year=first.year if show and first.year != last_year else None,
            )
        )
        if show:
            last_year = first.year
    return tuple(ticks)


def _month_name(day: dt.date, locale: str | None) -> str:
    if locale is None:
        return _MONTHS[day.month - 1]
    from babel.dates import format_date  # only plans with a locale pay for this import

    return format_date(day, format="LLL", locale=locale)


def _deadline(plan: Plan, at: _At) -> DeadlineLine | None:
    if plan.deadline is None:
        return None
    x = at(_next(plan.deadline.date))
    left = x > WIDTH * 0.6  # the label goes where there is room for it
    return DeadlineLine(
        date=plan.deadline.date,
        met=plan.deadline.met,
        x=x,
        label_x=round(x - 6 if left else x + 6, 2),
        label_anchor="end" if left else "start",
    )
