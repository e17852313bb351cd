"""The plan as an RFC 5545 calendar, built with the ``icalendar`` package.

One timed event per study session, one all-day event per phase and per
milestone. UIDs are derived from the plan (a hash of the person's exact
name, the roles, the activity and the session's rank within it), never
random, so importing a re-generated plan updates the events it already made
instead of adding copies. DTSTAMP is the plan's ``today``: no clock is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from .._plan_models import Plan
from .filters import hours

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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "plan"


def uid_prefix(plan: Plan) -> str:
    """The part of every event UID that names the person and the move.

    The person's name is hashed exactly as written (any script, accents
    kept), so "Zoë" and "Zo", or two names in Chinese, never share UIDs;
    the readable slug beside it is only for people looking at the file.
    """
    person = hashlib.sha256(plan.person.encode("utf-8")).hexdigest()[:16]
    return f"{_slug(plan.person)}-{person}-{plan.current_role.id}-to-{plan.target_role.id}"


def render_ics(plan: Plan) -> str:
    from icalendar import Calendar, Event, vText  # only the ics format pays for this import

    stamp = dt.datetime.combine(plan.today, dt.time(0, 0), tzinfo=dt.UTC)
    prefix = uid_prefix(plan)
    cal = Calendar()
    cal.add("prodid", "-//roadmap-engine//career transition plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(plan.title))  # escaped: a title may hold a newline

    def event(
        uid: str,
        summary: str,
        description: str,
        start: dt.date | dt.datetime,
        end: dt.date | dt.datetime,
    ) -> None:
        ev = Event()
        ev.add("uid", f"{prefix}-{uid}@roadmap-engine")
        ev.add("dtstamp", stamp)
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        cal.add_component(ev)

    activities = {a.id: a for phase in plan.phases for a in phase.activities}
    rank: dict[str, int] = {}
    for session in plan.sessions:
        act = activities[session.activity_id]
        rank[act.id] = rank.get(act.id, 0) + 1
        lines = [act.detail, f"This session: {hours(session.hours)} of {hours(act.hours)} in all."]
        if act.recommended:
            first = act.recommended.resource
            lines.append(f"Resource: {first.title} ({first.provider}) {first.url or ''}".strip())
        event(
            f"session-{act.id}-{rank[act.id]}",
            f"{SESSION_LABELS.get(act.kind, 'Study')}: {act.title}",
            "\n".join(lines),
            session.begins,
            session.ends,
        )
    for phase in plan.phases:
        event(
            f"phase-{phase.id}",
            f"Phase {phase.number}: {phase.title}",
            f"{phase.summary}\n{phase.weeks} weeks, {hours(phase.hours)}.",
            phase.start,
            phase.end + _DAY,
        )
    for n, mark in enumerate(plan.milestones, start=1):
        label = f"Finish the phase: {mark.title}" if mark.kind == "phase" else f"Done: {mark.title}"
        event(f"milestone-{n}", label, plan.title, mark.date, mark.date + _DAY)
    ical: bytes = cal.to_ical()
    return ical.decode("utf-8")
