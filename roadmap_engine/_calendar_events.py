"""The calendar a plan makes, as data: what each event says and its stable key.

Keys name what an event is (the third session of an item, a phase, the
deadline), never its date, so a re-plan updates the same events in a
client's calendar; the ICS writer only formats these, and a re-plan compares
a baseline's keys with its own to cancel what it no longer has.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ._plan_models import Plan
from .writers.filters import hours

_DAY = dt.timedelta(days=1)
SESSION_LABELS = {
    "skill": "Study",
    "review": "Review",
    "project": "Project",
    "portfolio": "Portfolio",
    "networking": "Networking",
    "certification": "Exam preparation",
    "interview": "Interview practice",
    "job-search": "Job search",
}
"""What a session's calendar title says it is, by the kind of item."""


@dataclass(frozen=True)
class Entry:
    key: str
    summary: str
    description: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    """Exclusive, as calendars count it: the day after an all-day event's last day."""
    busy: bool
    """Study sessions hold the time; all-day spans only mark the dates."""
    remind: bool

    @property
    def first_day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "plan"


def entries(plan: Plan) -> list[Entry]:
    """Every event of the plan's calendar, sessions first."""
    out = []
    activities = {a.id: a for phase in plan.phases for a in phase.activities}
    for session in plan.sessions:
        act = activities[session.activity_id]
        which = f"{session.number} of {session.count}"
        left = " left" if act.hours_done > 0 else ""
        lines = [act.detail, f"Session {which}{left}: {hours(session.hours)}."]
        if act.hours_done > 0:
            lines.append(f"{hours(act.hours_done)} of {hours(act.hours)} done before this plan.")
        else:
            lines.append(f"{hours(act.hours)} in all.")
        if act.recommended:
            first = act.recommended.resource
            lines.append(f"Resource: {first.title} ({first.provider}) {first.url or ''}".strip())
        out.append(
            Entry(
                key=f"session-{act.id}-{session.serial}",
                summary=f"{SESSION_LABELS.get(act.kind, 'Study')}: {act.title}"
                f"{_session_of(act.part, act.parts, which, session.count)}",
                description="\n".join(lines),
                start=session.begins,
                end=session.ends,
                busy=True,
                remind=True,
            )
        )
    for phase in plan.phases:
        out.append(
            _all_day(
                f"phase-{phase.id}",
                f"Phase {phase.number}: {phase.title}",
                f"{phase.summary}\n{hours(phase.hours)} of study.",
                phase.start,
                phase.end,
            )
        )
    for mark in plan.milestones:
        label = f"Finish the phase: {mark.title}" if mark.kind == "phase" else f"Done: {mark.title}"
        out.append(
            _all_day(f"milestone-{mark.kind}-{slug(mark.title)}", label, plan.title, mark.date)
        )
    if plan.deadline is not None:
        out.append(
            _all_day(
                "deadline",
                f"Deadline: ready for {plan.target_role.title}",
                plan.title,
                plan.deadline.date,
            )
        )
    for span in plan.time_off:
        out.append(
            _all_day(
                f"time-off-{span.start.isoformat()}",
                f"No study: {span.reason}",
                plan.title,
                span.start,
                span.end,
            )
        )
    return out


def _session_of(part: int, parts: int, which: str, count: int) -> str:
    """The title's tail: "(3 of 6)" for a session, and for ongoing work its part
    first: "(2 of 4), session 1 of 2"."""
    if parts > 1:
        return f" ({part} of {parts})" + (f", session {which}" if count > 1 else "")
    return f" ({which})"


def _all_day(
    key: str, summary: str, description: str, first: dt.date, last: dt.date | None = None
) -> Entry:
    return Entry(key, summary, description, first, (last or first) + _DAY, busy=False, remind=False)
