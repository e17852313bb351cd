"""An earlier plan (the baseline) read back and compared with a re-plan.

The baseline is the earlier plan's own JSON. Ahead or behind is measured where
it matters to the person: when the work now ends against when it would have
ended, in calendar days and in study days of their own calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from . import _limits
from ._calendar import StudyCalendar
from ._calendar_events import entries
from ._plan_models import (
    Activity,
    CancelledEvent,
    Comparison,
    DoneItem,
    MovedItem,
    PhaseShift,
    Plan,
    Shift,
)
from ._reading import as_path, read_text_bounded
from .errors import BaselineError

MOVED_DAYS = 7
"""An item whose end moves by more than this is listed as moved."""


def load_baseline(source: Plan | str | Path) -> Plan:
    if isinstance(source, Plan):
        return source
    path = as_path(source, "a baseline plan", BaselineError)
    text = read_text_bounded(path, BaselineError, _limits.BASELINE_FILE_BYTES)
    try:
        return Plan.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise BaselineError(
            f"{path}: not a plan's JSON as this version writes it ({where}: {first['msg']}); "
            "give the JSON that `roadmap plan PROFILE --format json` wrote for the earlier "
            "plan, or make it again with this version"
        ) from None


def check_baseline(earlier: Plan, person: str, target_role: str, source: str) -> None:
    if earlier.person != person:
        raise BaselineError(
            f"{source}: baseline: the baseline plan is for {earlier.person!r}, this profile "
            f"for {person!r}; give the baseline made from this person's profile"
        )
    if earlier.target_role.id != target_role:
        raise BaselineError(
            f"{source}: baseline: the baseline plan leads to {earlier.target_role.title!r}, "
            f"this profile to another target role ({target_role!r}); a new target is a new "
            "plan: make it without --baseline"
        )


def sessions_before(earlier: Plan, as_of: dt.date) -> dict[str, int]:
    """Per item, the serial of the baseline's last session before ``as_of``."""
    out: dict[str, int] = {}
    for session in earlier.sessions:
        if session.date < as_of:
            out[session.activity_id] = max(out.get(session.activity_id, 0), session.serial)
    return out


def _study_days(calendar: StudyCalendar, a: dt.date, b: dt.date) -> int:
    """Signed count of study dates after ``a`` up to ``b``."""
    lo, hi = (a, b) if a <= b else (b, a)
    count = sum(
        1 for k in range(1, (hi - lo).days + 1) if calendar.hours_on(lo + dt.timedelta(days=k)) > 0
    )
    return count if b >= a else -count


def _shift(calendar: StudyCalendar, was: dt.date, now: dt.date) -> dict[str, object]:
    return {
        "baseline_end": was,
        "end": now,
        "calendar_days": (now - was).days,
        "study_days": _study_days(calendar, was, now),
    }


def compare(plan: Plan, earlier: Plan, as_of: dt.date, calendar: StudyCalendar) -> Comparison:
    """``plan`` against ``earlier``; ``calendar`` is the person's calendar from the start."""
    overall = Shift.model_validate(_shift(calendar, earlier.end, plan.end))
    was_phase = {p.id: p for p in earlier.phases}
    was_act = {a.id: a for p in earlier.phases for a in p.activities}
    acts = [a for p in plan.phases for a in p.activities]
    expected = sum(s.hours for s in earlier.sessions if s.date < as_of) + (
        earlier.progress.hours_done if earlier.progress else 0.0
    )
    moved = []
    for act in acts:
        old = was_act.get(act.id)
        if old is None or act.status == "done" or old.status == "done":
            continue
        if abs((act.end - old.end).days) > MOVED_DAYS:
            moved.append(
                MovedItem.model_validate(
                    {
                        "activity_id": act.id,
                        "title": act.title,
                        **_shift(calendar, old.end, act.end),
                    }
                )
            )
    ids = {a.id for a in acts}
    apart = tuple(m for m in moved if abs(m.calendar_days - overall.calendar_days) > MOVED_DAYS)
    return Comparison(
        baseline_today=earlier.today,
        standing=(
            "behind"
            if overall.calendar_days > 0
            else "ahead"
            if overall.calendar_days < 0
            else "on schedule"
        ),
        overall=overall,
        phases=tuple(
            PhaseShift.model_validate(
                {
                    "number": p.number,
                    "title": p.title,
                    **_shift(calendar, was_phase[p.id].end, p.end),
                }
            )
            for p in plan.phases
            if p.id in was_phase
        ),
        expected_hours_done=expected,
        finished=tuple(
            DoneItem(activity_id=a.id, title=a.title, on=a.done_on)
            for a in acts
            if a.status == "done" and (a.id not in was_act or was_act[a.id].status != "done")
        ),
        added=_titles(a for a in acts if a.id not in was_act),
        dropped=_titles(a for a in was_act.values() if a.id not in ids),
        moved=tuple(moved),
        moved_apart=apart,
        moved_with_plan=len(moved) - len(apart),
        deadline_change=_deadline_change(earlier, plan),
    )


def _deadline_change(
    earlier: Plan, plan: Plan
) -> Literal["still met", "now met", "now missed", "still missed"] | None:
    if earlier.deadline is None or plan.deadline is None:
        return None
    was, now = earlier.deadline.met, plan.deadline.met
    if now:
        return "still met" if was else "now met"
    return "now missed" if was else "still missed"


def _titles(activities: Iterable[Activity]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.title for a in activities))


def cancelled(earlier: Plan, plan: Plan, as_of: dt.date) -> tuple[CancelledEvent, ...]:
    """The baseline's events from ``as_of`` on that the re-plan no longer has.

    Earlier events are the client's history and stay as they were.
    """
    keep = {entry.key for entry in entries(plan)}
    return tuple(
        CancelledEvent(key=e.key, summary=e.summary, start=e.start, end=e.end)
        for e in entries(earlier)
        if e.key not in keep and e.first_day >= as_of
    )
