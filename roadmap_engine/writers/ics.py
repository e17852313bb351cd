"""The plan as an RFC 5545 calendar, built with the ``icalendar`` package.

The events come from ``_calendar_events``: one timed event per study
session, transparent all-day events for phases, milestones, the deadline and
time off. UIDs are the plan's prefix (a hash of the person's exact name and
the roles) and each event's stable key, never random; SEQUENCE is the plan's
revision, so importing a re-plan updates the events already there, and the
baseline's events the re-plan no longer has are sent as cancelled. DTSTAMP
is the plan's ``today``: no clock is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .._calendar_events import SESSION_LABELS, Entry, entries, slug
from .._plan_models import Plan

__all__ = ["SESSION_LABELS", "render_ics", "uid_prefix"]


def uid_prefix(plan: Plan) -> str:
    """The part of every event UID that names the person and the move.

    The person's name is hashed exactly as written (any script, accents
    kept), so "Zoë" and "Zo", or two names in Chinese, never share UIDs;
    the readable slug beside it is only for people looking at the file.
    """
    person = hashlib.sha256(plan.person.encode("utf-8")).hexdigest()[:16]
    return f"{slug(plan.person)}-{person}-{plan.current_role.id}-to-{plan.target_role.id}"


def render_ics(plan: Plan) -> str:
    from icalendar import Alarm, Calendar, Event, vText  # only the ics format pays for this

    stamp = dt.datetime.combine(plan.today, dt.time(0, 0), tzinfo=dt.UTC)
    prefix = uid_prefix(plan)
    cal = Calendar()
    cal.add("prodid", "-//roadmap-engine//career transition plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # the calendar's own name, stable across re-plans (the title's month count is not)
    name = f"{plan.person}: {plan.current_role.title} to {plan.target_role.title}"
    cal.add("x-wr-calname", vText(name))

    def event(entry: Entry, status: str) -> Event:
        ev = Event()
        ev.add("uid", f"{prefix}-{entry.key}@roadmap-engine")
        ev.add("dtstamp", stamp)
        ev.add("sequence", plan.sequence)
        ev.add("status", status)
        ev.add("summary", entry.summary)
        ev.add("dtstart", entry.start)
        ev.add("dtend", entry.end)
        ev.add("transp", "OPAQUE" if entry.busy else "TRANSPARENT")
        return ev

    for entry in entries(plan):
        ev = event(entry, "CONFIRMED")
        ev.add("description", entry.description)
        if entry.remind and plan.reminder_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.summary)
            alarm.add("trigger", -dt.timedelta(minutes=plan.reminder_minutes))
            ev.add_component(alarm)
        cal.add_component(ev)
    for gone in plan.cancelled:
        busy = isinstance(gone.start, dt.datetime)
        cal.add_component(
            event(Entry(gone.key, gone.summary, "", gone.start, gone.end, busy, False), "CANCELLED")
        )
    ical: bytes = cal.to_ical()
    return ical.decode("utf-8")
