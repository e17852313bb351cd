"""Quality warnings for a catalog that loads: facts a plan would word wrongly.

A catalog that fails these checks still plans, so they are warnings, not
errors; ``roadmap catalog check --strict`` turns them into errors, and the
shipped catalog passes it. Each warning names the file, the item and a fix.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from ._catalog import Catalog
from ._catalog_models import Resource
from ._gap import PREREQUISITE_LEVEL
from ._levels import Level, rank
from ._names import name_key
from ._resources import FIT_RATIO

NEEDS_URL = ("course", "certification", "docs")
"""Kinds that have a stable official page of their own."""
_SEARCH_PAGE = re.compile(r"/(search|results)/?$|[?&](q|query|search|keywords?)=", re.IGNORECASE)
"""A search results page: a path ending in /search, or a query parameter."""


def quality_warnings(catalog: Catalog) -> list[str]:
    """Every quality warning for ``catalog``, sorted by file then text."""
    found = [
        *_fit(catalog),
        *_prices(catalog),
        *_links(catalog),
        *_twins(catalog),
        *_level_none(catalog),
        *_unused(catalog),
    ]
    return sorted(set(found))


def highest_level_asked(catalog: Catalog) -> dict[str, Level]:
    """Skill id -> the highest level any role asks of it (``intermediate`` for a
    skill that is only a prerequisite); skills nothing asks for are left out."""
    asked: dict[str, Level] = {}

    def ask(skill_id: str, level: Level) -> None:
        if rank(level) > rank(asked.get(skill_id, "none")):
            asked[skill_id] = level

    for role in catalog.roles.values():
        for requirement in role.requires:
            ask(requirement.skill, requirement.level)
    for skill in catalog.skills.values():
        for prereq in skill.prerequisites:
            ask(prereq, PREREQUISITE_LEVEL)
    return asked


def _where(catalog: Catalog, what: str, item_id: str) -> str:
    return f"{catalog.sources[f'{what}:{item_id}']}: {what} {item_id!r}"


def _fit(catalog: Catalog) -> Iterator[str]:
    asked = highest_level_asked(catalog)
    for skill in catalog.skills.values():
        level = asked.get(skill.id)
        if level is None:
            continue
        budget = skill.hours_to(level)
        for offer in catalog.offers(skill.resources):
            if offer.resource.kind == "certification" or offer.hours <= FIT_RATIO * budget:
                continue
            what = f"resource {offer.resource.id!r}"
            if offer.part:
                what = f"part {offer.part!r} of {offer.resource.id!r}"
            yield (
                f"{_where(catalog, 'skill', skill.id)}: {what} takes {offer.hours:g} h, over "
                f"{FIT_RATIO:g} times the skill's {budget:g} h at {level}; name the part that "
                "is needed ({id, part, hours}) or recommend a shorter resource"
            )


def _prices(catalog: Catalog) -> Iterator[str]:
    for resource in catalog.resources.values():
        where = _where(catalog, "resource", resource.id)
        if resource.cost == "free":
            continue
        if resource.price_usd is None and resource.price_note is None:
            meaning = {
                "free-to-audit": "the certificate's price",
                "subscription": "the monthly price",
                "exam": "the exam fee",
            }.get(resource.cost, "the list price")
            yield (
                f"{where}: cost {resource.cost} without a price; add price_usd ({meaning} in "
                "US dollars) or, where none is published, a price_note saying why"
            )
        elif resource.price_usd is not None and resource.checked is None:
            yield (
                f"{where}: price_usd {resource.price_usd:g} without a 'checked' date; "
                "check the price with the provider and add checked: YYYY-MM-DD"
            )


def _links(catalog: Catalog) -> Iterator[str]:
    for resource in catalog.resources.values():
        where = _where(catalog, "resource", resource.id)
        if resource.url is None:
            if resource.kind in NEEDS_URL:
                yield (
                    f"{where}: a {resource.kind} without a url; add the link to its own "
                    "official page"
                )
            continue
        parts = urlsplit(str(resource.url))
        if parts.path.strip("/") == "" and not parts.query and not resource.own_site:
            yield (
                f"{where}: url {str(resource.url)!r} is a site's home page; link the "
                "item's own page (or, for a site given over to this one item, add own_site: true)"
            )
        elif _SEARCH_PAGE.search(f"{parts.path}?{parts.query}"):
            yield f"{where}: url {str(resource.url)!r} is a search page; link the item's own page"


def _twins(catalog: Catalog) -> Iterator[str]:
    """Two ids for one resource: the same title from the same provider, or the same link."""
    groups: defaultdict[tuple[str, str], list[Resource]] = defaultdict(list)
    for resource in catalog.resources.values():
        groups[("title", name_key(resource.title))].append(resource)
        if resource.url is not None:
            groups[("url", str(resource.url).rstrip("/").lower())].append(resource)
    for (by, _), twins in sorted(groups.items()):
        if len(twins) < 2:
            continue
        ids = ", ".join(repr(r.id) for r in twins)
        yield (
            f"{_where(catalog, 'resource', twins[0].id)}: resources {ids} share a {by}: "
            "one resource defined twice, with two sets of facts; keep one id and refer to it"
        )


def _level_none(catalog: Catalog) -> Iterator[str]:
    """A requirement at level ``none`` asks for nothing, yet hides the skill from the
    prerequisites of the role's other requirements."""
    for role in catalog.roles.values():
        required = {r.skill for r in role.requires}
        for requirement in role.requires:
            if requirement.level != "none":
                continue
            users = sorted(
                s for s in required if requirement.skill in catalog.skills[s].prerequisites
            )
            hides = f"; it is a prerequisite of {', '.join(users)}" if users else ""
            yield (
                f"{_where(catalog, 'role', role.id)}: requirement {requirement.skill!r} at "
                f"level none asks for nothing{hides}; give it a level or remove it"
            )


def _unused(catalog: Catalog) -> Iterator[str]:
    used: set[str] = set()
    for role in catalog.roles.values():
        used.update(r.skill for r in role.requires)
        used.update(role.typical_skills)
    for skill in catalog.skills.values():
        used.update(skill.prerequisites)
        if skill.transfers:  # a person who states it carries it into those roles
            used.add(skill.id)
    for transition in catalog.transitions.values():
        used.update(transition.transfers)
    for skill in catalog.skills.values():
        if skill.id not in used:
            yield (
                f"{_where(catalog, 'skill', skill.id)}: never used: no role requires it or "
                "holds it, no skill builds on it and it carries into no role; use it or "
                "remove it"
            )
    cited = {use.id for skill in catalog.skills.values() for use in skill.resources}
    cited |= {u.id for r in catalog.roles.values() for a in r.activities for u in a.resources}
    for resource in catalog.resources.values():
        if resource.id not in cited:
            yield (
                f"{_where(catalog, 'resource', resource.id)}: never used: no skill or "
                "activity names it; name it or remove it"
            )
    for role in catalog.roles.values():
        where = _where(catalog, "role", role.id)
        if not role.typical_skills:
            yield (
                f"{where}: never used as a starting point: no typical_skills, so a person "
                "who holds it is assumed to bring nothing; list what the role usually has"
            )
        busy = {r.phase for r in role.requires} | {a.phase for a in role.activities}
        for phase in role.phases:
            if phase.id not in busy:
                yield (
                    f"{where}: phase {phase.id!r} is never used: no requirement or activity "
                    "is in it; use it or remove it"
                )
