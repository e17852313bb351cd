"""Which learning resource to recommend for each item, within the person's budget.

One resource is recommended per item (the one to use) and a few others are
offered as alternatives; only what is recommended is counted against the
budget, so alternatives are never summed. What a resource costs a plan follows
its cost kind: nothing for ``free`` and ``free-to-audit`` (the certificate is
optional), the price once for ``paid`` and ``exam`` (once per plan, however many
items use it), and for a ``subscription`` the monthly price times the months
spanned by all the items that use it. A paid resource whose price
is not listed is never counted as free: under a budget of ``any`` it may be
recommended and is reported as unpriced; under an amount it can only be an
alternative, marked as such, since it cannot be checked against the amount.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ._catalog import Catalog, Offer
from ._catalog_models import CareerActivity
from ._plan_models import CostLine, LeftOut, Money, Recommendation, ResourceRef

FIT_RATIO = 1.5
"""A resource fits an item when it takes at most this many times the item's hours."""
MAX_ALTERNATIVES = 1
ESSENTIAL = 5
BILLING_DAYS = 30
"""A subscription is paid per started block of this many days."""


@dataclass(frozen=True)
class Budget:
    kind: Literal["any", "free", "amount"]
    amount: float | None

    @classmethod
    def of(cls, value: str | float) -> Budget:
        if value == "any":
            return cls("any", None)
        if value == "free":
            return cls("free", None)
        return cls("amount", float(value))


class Need(NamedTuple):
    """An item of the plan that may use a resource, in spending order."""

    item_id: str
    title: str
    hours: float
    start: dt.date
    end: dt.date
    resources: tuple[Offer, ...]
    exam: bool = False
    """A certification step: its alternatives are the other exams it may sit."""


class Choice(NamedTuple):
    recommended: Recommendation | None
    alternatives: tuple[ResourceRef, ...]


NO_CHARGE = ("free", "free-to-audit")
"""Cost kinds a plan can use without paying."""


def to_ref(offer: Offer) -> ResourceRef:
    resource = offer.resource
    return ResourceRef(
        id=resource.id,
        title=resource.title,
        provider=resource.provider,
        kind=resource.kind,
        cost=resource.cost,
        price_usd=resource.price_usd,
        price_note=resource.price_note,
        hours=offer.hours,
        part=offer.part,
        url=str(resource.url) if resource.url else None,
    )


def certifications_within(
    activities: Sequence[CareerActivity], budget: Budget, catalog: Catalog
) -> tuple[set[str], list[LeftOut]]:
    """Certification activities whose exam the budget cannot pay for, and why.

    Exams are paid for before anything else, most important first, so the
    same exams stay affordable when resources are chosen after scheduling.
    An exam without a free option costs money even when its fee is not
    listed: under a budget it stays only when it is essential to the role.
    """
    if budget.kind == "any":
        return set(), []
    remaining = budget.amount or 0.0
    dropped: set[str] = set()
    left_out: list[LeftOut] = []
    exams = [a for a in activities if a.kind == "certification"]
    for act in sorted(exams, key=lambda a: -a.importance):
        offered = [o.resource for o in catalog.offers(act.resources)]
        if any(r.cost in NO_CHARGE for r in offered):
            continue
        priced = [r.price_usd for r in offered if r.price_usd is not None]
        fits = [p for p in priced if p <= remaining]
        if budget.kind == "amount" and fits:
            remaining -= fits[0]
            continue
        if act.importance == ESSENTIAL and not priced:
            continue  # essential, its fee unknown: kept, and shown as not listed
        dropped.add(act.id)
        left_out.append(LeftOut(title=act.title, fee_usd=min(priced) if priced else None))
    return dropped, left_out


def choose(
    needs: Iterable[Need], budget: Budget, left_out: Sequence[LeftOut] = ()
) -> tuple[dict[str, Choice], Money]:
    """A recommendation and alternatives per item, spending the budget in the given order;
    ``left_out`` are the exams the budget could not pay for."""
    remaining: float = budget.amount if budget.amount is not None else math.inf
    choices: dict[str, Choice] = {}
    lines: list[CostLine] = []
    bought = _Bought()
    for need in needs:
        usable = [
            o for o in need.resources if _affordable(o, budget, remaining, bought.months(o, need))
        ]
        if not need.exam:  # an exam is sat as a certification step, never studied from
            usable = [o for o in usable if o.resource.kind != "certification"] or usable
        pick = _best_fit(usable, need.hours)
        if pick is None:
            choices[need.item_id] = Choice(None, _alternatives(need, None, budget, remaining))
            if need.exam:  # an exam has a fee even when no price is listed
                lines.append(CostLine(item=need.title, resource=None, cost_usd=None, months=None))
            continue
        paid_by = bought.paid_by.get(pick.resource.id)
        extra = bought.months(pick, need)
        cost = _cost(pick, extra)
        monthly = extra if pick.resource.cost == "subscription" else None
        if pick.resource.cost not in NO_CHARGE and (paid_by is None or cost):
            lines.append(
                CostLine(
                    item=need.title, resource=pick.resource.title, cost_usd=cost, months=monthly
                )
            )
            remaining -= cost or 0.0
        bought.add(pick, need, extra)
        recommendation = Recommendation(
            resource=to_ref(pick),
            partial=pick.hours > FIT_RATIO * need.hours and pick.resource.kind != "certification",
            short=pick.hours * FIT_RATIO < need.hours and pick.resource.kind != "certification",
            hours=need.hours,
            cost_usd=cost,
            months=monthly or None,
            paid_with=paid_by,
        )
        choices[need.item_id] = Choice(
            recommendation, _alternatives(need, pick, budget, remaining + (cost or 0.0))
        )
    total = round(sum(line.cost_usd or 0.0 for line in lines), 2)
    money = Money(
        budget=budget.kind,
        budget_usd=budget.amount,
        total_usd=total,
        left_usd=None if budget.amount is None else round(budget.amount - total, 2),
        paid=tuple(lines),
        unpriced=sum(1 for line in lines if line.cost_usd is None),
        left_out=tuple(left_out),
    )
    return choices, money


@dataclass
class _Bought:
    """What the plan has already paid for: a resource recommended for a second item
    is not bought again, and a subscription is paid once per month it runs."""

    paid_by: dict[str, str] = field(default_factory=dict)
    """Resource id -> the title of the item that first paid for it."""
    spans: dict[str, tuple[dt.date, dt.date, int]] = field(default_factory=dict)
    """Subscription id -> the first and last day it runs and the months paid so far."""

    def months(self, offer: Offer, need: Need) -> int:
        """What is still to pay for ``offer`` to cover ``need``, in units of its price:
        as ``_units`` when not yet bought; then 0 for a purchase, and for a
        subscription the months its span grows by."""
        rid = offer.resource.id
        if rid not in self.paid_by:
            return _units(offer, need)
        if offer.resource.cost != "subscription":
            return 0
        first, last, paid = self.spans[rid]
        return _months(min(first, need.start), max(last, need.end)) - paid

    def add(self, offer: Offer, need: Need, extra: int) -> None:
        """Record ``offer`` as used for ``need``, ``extra`` units (``months``) paid."""
        rid = offer.resource.id
        if offer.resource.cost in NO_CHARGE:
            return
        self.paid_by.setdefault(rid, need.title)
        if offer.resource.cost == "subscription":
            first, last, paid = self.spans.get(rid, (need.start, need.end, 0))
            self.spans[rid] = (min(first, need.start), max(last, need.end), paid + extra)


def _months(start: dt.date, end: dt.date) -> int:
    return math.ceil(((end - start).days + 1) / BILLING_DAYS)


def _units(offer: Offer, need: Need) -> int:
    """Units of ``offer``'s price that cover ``need`` on their own: the months its
    dates span for a subscription, else one purchase."""
    return _months(need.start, need.end) if offer.resource.cost == "subscription" else 1


def _cost(offer: Offer, units: int) -> float | None:
    """What ``units`` of ``offer``'s price come to (months of a subscription, or 0 or 1
    purchases); nothing for a resource that is free to use."""
    resource = offer.resource
    if resource.cost in NO_CHARGE:
        return 0.0
    if resource.price_usd is None:
        return None
    return resource.price_usd * units


def _affordable(offer: Offer, budget: Budget, remaining: float, units: int) -> bool:
    if offer.resource.cost in NO_CHARGE or budget.kind == "any":
        return True
    cost = _cost(offer, units)
    return budget.kind == "amount" and cost is not None and cost <= remaining + 1e-9


def _best_fit(usable: Sequence[Offer], hours: float) -> Offer | None:
    """The resource to recommend: one with a known cost when there is one.

    Among them, the first (the catalog lists the best first) that fits the
    hours; failing that, the longest that is not too long; and only then the
    shortest of those that are longer (recommended in part).
    """
    known = [o for o in usable if o.resource.cost in NO_CHARGE or o.resource.price_usd is not None]
    pool = known or list(usable)
    if not pool:
        return None
    for resource in pool:
        if hours / FIT_RATIO <= resource.hours <= hours * FIT_RATIO:
            return resource
    shorter = [r for r in pool if r.hours <= hours * FIT_RATIO]
    if shorter:
        return max(shorter, key=lambda r: r.hours)
    whole = [o for o in pool if o.resource.kind != "certification"] or pool
    return min(whole, key=lambda r: r.hours)


def _alternatives(
    need: Need, pick: Offer | None, budget: Budget, room: float
) -> tuple[ResourceRef, ...]:
    """Other resources the person could use instead, each within the budget on its own.

    Under an amount, a paid resource with no listed price is offered (marked by
    its missing price) rather than silently dropped. Beside a recommendation,
    exams are not offered: a plan sits one exam, as its own certification step.
    """
    out = []
    for offer in need.resources:
        if offer is pick:
            continue
        resource = offer.resource
        if resource.kind == "certification" and pick is not None and not need.exam:
            continue  # exams are sat as the plan's own certification step
        unpriced = resource.cost not in NO_CHARGE and resource.price_usd is None
        units = _units(offer, need)
        if _affordable(offer, budget, room, units) or (budget.kind == "amount" and unpriced):
            out.append(to_ref(offer))
            if len(out) == MAX_ALTERNATIVES:
                break
    return tuple(out)
