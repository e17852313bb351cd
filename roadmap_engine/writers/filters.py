"""Formatting for templates: how numbers and dates look, never what they are; and
the wording of the per-item phrases the Markdown and HTML plans share.

The phrases said once per item (a skill's why, an activity's dates, a week's
work) are Python rather than ``_words.j2`` macros: a Jinja macro call costs
microseconds, and a big plan makes tens of thousands of them. They are plain
text, never markup: HTML escapes them (``_phrase``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jinja2 import pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .._plan_models import (
    Activity,
    CostLine,
    DoneItem,
    MovedItem,
    Phase,
    Plan,
    Recommendation,
    ResourceRef,
    SkillToLearn,
    TransferableSkill,
    WeekRun,
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def iso_date(value: dt.date) -> str:
    return value.isoformat()


@pass_context
def local_date(context: Context, value: dt.date) -> str:
    """``Mon 4 Jan 2027``; the plan's locale and date style when it has a locale."""
    plan = context.get("plan")
    if plan is None or plan.locale is None:
        return plain_date(value)
    return _babel_format(value, plan.date_style, plan.locale)


def plain_date(value: dt.date) -> str:
    """``Mon 4 Jan 2027``, whatever the plan's locale."""
    return f"{_WEEKDAYS[value.weekday()]} {_day_month(value)} {value.year}"


@pass_context
def day(context: Context, value: dt.date) -> str:
    """``4 Jan 2027`` (no weekday), for tables; the locale's medium date with a locale."""
    plan = context.get("plan")
    if plan is not None and plan.locale is not None:
        return _babel_format(value, "medium", plan.locale)
    return f"{_day_month(value)} {value.year}"


@pass_context
def date_span(context: Context, start: dt.date, end: dt.date) -> str:
    """A range said once: ``4-15 Jan 2027``, ``18 Jan - 3 Feb 2027``; Babel's interval
    format in the plan's locale."""
    plan = context.get("plan")
    if plan is not None and plan.locale is not None:
        return _babel_interval(start, end, plan.locale)
    return plain_span(start, end)


def plain_span(start: dt.date, end: dt.date) -> str:
    """``4-15 Jan 2027``, ``18 Jan - 3 Feb 2027``, whatever the plan's locale."""
    if start == end:
        return f"{_day_month(end)} {end.year}"
    if start.year != end.year:
        return f"{_day_month(start)} {start.year} – {_day_month(end)} {end.year}"
    if start.month != end.month:
        return f"{_day_month(start)} – {_day_month(end)} {end.year}"
    return f"{start.day}–{_day_month(end)} {end.year}"


def _day_month(value: dt.date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]}"


@functools.lru_cache(maxsize=4096)
def _babel_format(value: dt.date, style: str, locale: str) -> str:
    from babel.dates import format_date  # only plans with a locale pay for this import

    return format_date(value, format=style, locale=locale)


@functools.lru_cache(maxsize=4096)
def _babel_interval(start: dt.date, end: dt.date, locale: str) -> str:
    from babel.dates import format_interval

    return format_interval(start, end, skeleton="yMMMd", locale=locale)


def hours(value: float) -> str:
    """``15.0`` -> ``15 h``, ``8.75`` -> ``8.8 h``: one decimal, halves rounded up,
    the same rule for every number of hours in every document."""
    return f"{number(value, 1)} h"


@functools.lru_cache(maxsize=4096)
def number(value: float, decimals: int = 2) -> str:
    """A count without needless decimals, halves rounded up: ``15.0`` -> ``15``."""
    step = Decimal(1).scaleb(-decimals)
    text = str(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def price(resource: ResourceRef) -> str:
    """What a resource costs, in the words its cost kind calls for."""
    if resource.cost == "free":
        return "free"
    if resource.cost == "free-to-audit":
        if resource.price_usd is None:
            return "free to audit (certificate paid)"
        return f"free to audit ({money(resource.price_usd)} for the certificate)"
    if resource.price_usd is None:
        return "price not listed"
    amount = money(resource.price_usd)
    if resource.cost == "subscription":
        return f"{amount} a month"
    return f"exam fee {amount}" if resource.cost == "exam" else amount


def money(value: float) -> str:
    return f"${value:,.2f}".replace(".00", "")


_MERMAID_SWAPS = str.maketrans({":": " -", ";": ",", "#": "\uff03", "%": "\uff05", "`": "'"})
_MERMAID_KEYWORD = re.compile(
    r"(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|title|accdescription|acctitle|accdescr|section|click|call|href)\b"
    r"|\d{4}-\d\d-\d\d",
    re.IGNORECASE,
)


def mermaid_text(value: str) -> str:
    """``value`` as a name on one line of a mermaid gantt chart.

    Mermaid's gantt grammar ends a name at ``:`` (the task's data follows), ``;``
    (a new statement) and ``#`` (a comment), and reads ``%`` as the start of a
    comment; a name that begins with a keyword (``title``, ``section``, ``click``,
    ...) or a date is read as that statement. So: one line, ``:`` as " -", ``;`` as
    ",", ``#`` and ``%`` as their full-width look-alikes, a backtick (which could
    close the Markdown fence) as a quote, and a keyword at the start behind a
    zero-width space.
    """
    text = " ".join(value.translate(_MERMAID_SWAPS).split())
    if _MERMAID_KEYWORD.match(text):
        text = "\u200b" + text
    return text or "-"


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element: every
    character that could end the string, the rule or the element is a hex escape."""
    text = str(value)
    escaped = "".join(
        f"\\{ord(c):x} " if c in "\"'\\<>&" or ord(c) < 0x20 or ord(c) == 0x7F else c for c in text
    )
    return Markup(f'"{escaped}"')


# The per-item phrases. Dates in them are always in the plain English style:
# the _words.j2 macros they replace never saw the plan (an imported template
# gets no context), so they never used its locale.

IMPORTANCE = {5: "essential", 4: "important", 3: "useful", 2: "helpful", 1: "a nice extra"}
CAREER_WHY = {
    "project": "projects prove your skills",
    "portfolio": "the portfolio is what employers review",
    "networking": "conversations bring advice and referrals",
    "certification": "the exam is a recognized credential",
    "interview": "interview practice prepares you",
    "job-search": "the job search turns it into offers",
}


def names(items: Sequence[object], limit: int = 3) -> str:
    """``a, b and c``; past ``limit`` names, ``a, b, c and 4 more``."""
    shown = [str(item) for item in items[:limit]]
    if len(items) > limit:
        return f"{', '.join(shown)} and {len(items) - limit} more"
    if len(items) > 1:
        return f"{', '.join(shown[:-1])} and {shown[-1]}"
    return "".join(shown)


def plural(count: object, word: str) -> str:
    """``1 week``, ``3 weeks``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def why(skill: SkillToLearn) -> str:
    """Why a skill to learn is in the plan (career steps get ``career_why`` once)."""
    w = skill.why
    before = ""
    if w.needed_for:
        before = f"“{w.needed_for[0]}”"
        if len(w.needed_for) > 1:
            before += f" and {plural(len(w.needed_for) - 1, 'other step')}"
    if not w.required_level:
        return f"Needed before {before}."
    needed = f", and needed before {before}" if w.needed_for else ""
    return f"{IMPORTANCE[w.importance].capitalize()} for the role{needed}."


def levels(item: SkillToLearn | Activity) -> str:
    if item.level_from and item.level_from != "none":
        return f"from {item.level_from} to {item.level_to}"
    return f"to {item.level_to}" if item.level_to else ""


def part(activity: Activity) -> str:
    """`` (2 of 3)`` for ongoing work split over phases; nothing otherwise."""
    return f" ({activity.part} of {activity.parts})" if activity.parts > 1 else ""


def held(skill: TransferableSkill) -> str:
    """The level a transferable skill is held at, against what the role asks."""
    have = skill.level.capitalize()
    if skill.assumed:
        have += " (assumed from your current work)"
    if skill.in_plan_phase:
        return f"{have}; Phase {skill.in_plan_phase} takes it to {skill.required_level}."
    if skill.required_level:
        than = "as" if skill.level == skill.required_level else "more than"
        return f"{have}, {than} the role asks."
    return f"{have}."


def cost(rec: Recommendation) -> str:
    """What a recommendation costs this plan, or why it costs nothing more."""
    if rec.paid_with:
        if not rec.cost_usd:
            return f"already paid for with “{rec.paid_with}”"
        return (
            f"{plural(rec.months, 'more month')} of the subscription bought for "
            f"“{rec.paid_with}”, {money(rec.cost_usd)}"
        )
    if rec.cost_usd is None:
        return "price not listed"
    if rec.resource.cost == "free-to-audit":
        return price(rec.resource)
    if rec.cost_usd == 0:
        return "free"
    if rec.months:
        return (
            # its cost is listed, so the monthly price it comes from is too
            f"{money(rec.resource.price_usd)} a month, "  # type: ignore[arg-type]
            f"about {money(rec.cost_usd)} for {plural(rec.months, 'month')}"
        )
    return money(rec.cost_usd)


def fit(rec: Recommendation) -> str:
    """How much of the recommended resource the item uses."""
    resource = rec.resource
    if resource.part:
        return f"the part you need: {resource.part}, about {hours(resource.hours)}"
    if rec.partial:
        return (
            f"use about {hours(rec.hours)} of its {hours(resource.hours)}, "
            "on the topics the roadmap lists"
        )
    if rec.short:
        return (
            f"about {hours(resource.hours)}, then practice what it teaches "
            f"for the rest of the {hours(rec.hours)}"
        )
    return f"about {hours(resource.hours)}"


def week_cause(run: WeekRun) -> str:
    """Why weeks have fewer study days (or none)."""
    if run.time_off:
        return f"time off ({', '.join(run.time_off)})"
    if run.holidays:
        return f"public holiday ({', '.join(run.holidays)})"
    return "no study days"


def weeks_label(run: WeekRun) -> str:
    return str(run.first) if run.first == run.last else f"{run.first}–{run.last}"


def run_work(run: WeekRun) -> str:
    """The work of a row of the week table."""
    if not run.phases:
        return f"no study: {week_cause(run)}"
    s = "s" if len(run.phases) > 1 else ""
    work = f"Phase{s} {names(run.phases, 5)}"
    if run.time_off or run.holidays:
        work += f"; fewer study days: {week_cause(run)}"
    return work


def step(activity: Activity) -> str:
    """What to do for an activity: its brief, or the exam to take."""
    rec = activity.recommended
    if activity.kind != "certification" or not rec:
        return activity.brief
    text = f"Prepare for and take {rec.resource.title}, {cost(rec)}"
    if activity.alternatives:
        text += f", or instead {names([r.title for r in activity.alternatives])}"
    return text + "."


def career_why(plan: Plan) -> str:
    """Why the plan holds career steps, each kind's reason said once."""
    reasons: dict[str, str] = {}
    for phase in plan.phases:
        for activity in phase.activities:
            kind = activity.kind
            if kind in CAREER_WHY and kind not in reasons and activity.why.career:
                reasons[kind] = CAREER_WHY[kind]
    if not reasons:
        return ""
    return f"Besides the skills above, it holds career steps: {names(list(reasons.values()), 9)}."


def cost_line(line: CostLine) -> str:
    if line.resource is None:
        return f"{line.item}: exam fee not listed"
    if line.cost_usd is None:
        return f"{line.item}: {line.resource}, price not listed"
    months = f" for {plural(line.months, 'month')}" if line.months else ""
    return f"{line.item}: {line.resource}, {money(line.cost_usd)}{months}"


def done_item(item: DoneItem) -> str:
    return f"{item.title} ({plain_date(item.on)})" if item.on else item.title


def moved(item: MovedItem) -> str:
    days = item.calendar_days
    later = "later" if days > 0 else "earlier"
    return (
        f"{item.title}: now ends {plain_date(item.end)}, {plural(abs(days), 'day')} "
        f"{later} than planned"
    )


def phase_state(phase: Phase) -> str:
    if phase.percent_done == 100:
        return "done"
    if phase.hours_done > 0:
        return f"{phase.percent_done}% done, {plural(phase.weeks, 'week')} to go"
    return plural(phase.weeks, "week")


def activity_state(item: Activity | SkillToLearn) -> str:
    """Done (and when), or the dates of the work left."""
    if item.status == "done":
        return f"done on {plain_date(item.done_on)}" if item.done_on else "done"
    if item.status == "in progress":
        return f"{hours(item.hours_done)} done, the rest {plain_span(item.start, item.end)}"
    return plain_span(item.start, item.end)


def text_bar(percent: int, width: int = 20) -> str:
    """``████░░░░ 20%``: a progress bar in characters."""
    full = percent * width // 100
    return f"{'█' * full}{'░' * (width - full)} {percent}%"


def _phrase(func: Callable[..., str]) -> Callable[..., str]:
    """``func`` as a filter of plain text: in HTML it is escaped, so catalog and profile
    text inside a phrase (a title with ``&`` or ``<``) is shown as written."""

    @pass_eval_context
    @functools.wraps(func)
    def phrase(eval_ctx: EvalContext, *args: Any) -> str:
        text = func(*args)
        return escape(text) if eval_ctx.autoescape else text

    return phrase


PHRASES = (
    names,
    plural,
    why,
    levels,
    part,
    held,
    cost,
    fit,
    weeks_label,
    run_work,
    step,
    career_why,
    cost_line,
    done_item,
    moved,
    phase_state,
    activity_state,
    text_bar,
)


FILTERS = {
    "date": local_date,
    "span": date_span,
    "day": day,
    "iso": iso_date,
    "hours": hours,
    "number": number,
    "price": price,
    "money": money,
    "mermaid": mermaid_text,
    "css_string": css_string,
    **{func.__name__: _phrase(func) for func in PHRASES},
}
