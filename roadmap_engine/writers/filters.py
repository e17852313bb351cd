"""Formatting for templates: how numbers and dates look, never what they are."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .._plan_models import ResourceRef

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


@functools.lru_cache(maxsize=1024)
def mermaid_text(value: str) -> str:
    """``value`` as a name on one line of a mermaid gantt chart.

    Mermaid's gantt grammar ends a name at ``:`` (the task's data follows), ``;``
    (a new statement) and ``#`` (a comment), and reads ``%`` as the start of a
    comment; a name that begins with a keyword (``title``, ``section``, ``click``,
    ...) or a date is read as that statement. So: one line, ``:`` as " -", ``;`` as
    ",", ``#`` and ``%`` as their full-width look-alikes, a backtick (which could
    close the Markdown fence) as a quote, and a keyword at the start behind a
    zero-width space. Cached: this costs microseconds, and the same phase titles come
    back in every plan from the same catalog.
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
}
