"""Which learning resources to recommend within the person's budget."""

from __future__ import annotations

from collections.abc import Iterable

from ._catalog_models import Resource
from ._plan_models import ResourceRef


def to_ref(resource: Resource) -> ResourceRef:
    return ResourceRef(
        title=resource.title,
        provider=resource.provider,
        kind=resource.kind,
        cost=resource.cost,
        price_usd=resource.price_usd,
        billing=resource.billing,
        hours=resource.hours,
        url=str(resource.url) if resource.url else None,
    )


def choose(
    by_priority: Iterable[tuple[str, tuple[Resource, ...]]], budget: str | float
) -> tuple[dict[str, tuple[ResourceRef, ...]], float]:
    """Resources per skill, and the total list price of the paid ones chosen.

    ``any`` keeps everything; ``free`` keeps free resources only; a number
    spends it on paid resources in priority order (a paid resource without a
    known price is left out, since it cannot be counted against the budget).
    """
    chosen: dict[str, tuple[ResourceRef, ...]] = {}
    spent = 0.0
    for skill_id, resources in by_priority:
        kept = []
        for res in resources:
            if res.cost == "free":
                kept.append(res)
            elif budget == "any":
                kept.append(res)
                spent += res.price_usd or 0.0
            elif (
                budget != "free"
                and res.price_usd is not None
                and spent + res.price_usd <= float(budget)
            ):
                kept.append(res)
                spent += res.price_usd
        chosen[skill_id] = tuple(to_ref(r) for r in kept)
    return chosen, round(spent, 2)
