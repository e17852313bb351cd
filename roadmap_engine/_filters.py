"""Formatting for templates: how numbers and dates look, never what they are."""

from __future__ import annotations

import datetime as dt
import functools

from jinja2 import pass_context
from jinja2.runtime import Context

from ._plan_models import ResourceRef


def iso_date(value: dt.date) -> str:
    return value.isoformat()


@pass_context
def local_date(context: Context, value: dt.date) -> str:
    """The plan's locale and date style when it has a locale; ISO otherwise."""
    plan = context.get("plan")
    if plan is None or plan.locale is None:
        return value.isoformat()
    return _babel_format(value, plan.date_style, plan.locale)


@functools.lru_cache(maxsize=4096)
def _babel_format(value: dt.date, style: str, locale: str) -> str:
    from babel.dates import format_date  # only plans with a locale pay for this import

    return format_date(value, format=style, locale=locale)


def hours(value: float) -> str:
    """``15.0`` -> ``15 h``, ``3.3333`` -> ``3.3 h``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} h"


def number(value: float) -> str:
    """A count without needless decimals: ``15.0`` -> ``15``, ``7.25`` -> ``7.25``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text


def price(resource: ResourceRef) -> str:
    if resource.cost == "free":
        return "free"
    if resource.price_usd is None:
        return "paid"
    amount = f"${resource.price_usd:,.2f}".replace(".00", "")
    return f"{amount}/month" if resource.billing == "monthly" else amount


def money(value: float) -> str:
    return f"${value:,.2f}".replace(".00", "")


FILTERS = {
    "date": local_date,
    "iso": iso_date,
    "hours": hours,
    "number": number,
    "price": price,
    "money": money,
}
