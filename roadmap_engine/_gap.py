"""Stage 2: what the person still has to learn for the target role.

The target's required skills, plus the prerequisites of anything still to
learn, minus what the person already has at the level needed. A lower level
keeps the skill but shortens its hours: going from level A to B takes the
skill's hours to B less its hours to A.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ._catalog import Catalog
from ._levels import Level, rank
from ._resolve import Resolved

PREREQUISITE_LEVEL: Level = "intermediate"
"""The level a skill is needed at when only another skill depends on it."""


class Need(NamedTuple):
    skill_id: str
    have: Level
    need: Level
    hours: float
    full_hours: float
    importance: int | None
    """The target's importance, or None for a skill needed only as a prerequisite."""
    phase: str | None
    focus: str | None


class Met(NamedTuple):
    skill_id: str
    have: Level
    need: Level
    assumed: bool


@dataclass(frozen=True)
class Gap:
    needs: dict[str, Need]
    met: tuple[Met, ...]
    levels: dict[str, Level]
    """The person's levels: the current role's typical ones, overridden by the profile."""
    assumed: frozenset[str]
    """Skill ids whose level was assumed from the current role."""


def find_gap(resolved: Resolved, catalog: Catalog) -> Gap:
    typical = capped_by_stated(
        catalog.roles[resolved.current_role].typical_skills, resolved.skills, catalog
    )
    levels: dict[str, Level] = {**typical, **resolved.skills}
    assumed = frozenset(s for s in typical if s not in resolved.skills)
    target = catalog.roles[resolved.target_role]

    needs: dict[str, Need] = {}
    met: dict[str, Met] = {}

    def consider(
        skill_id: str, need: Level, req_importance: int | None, phase: str | None, focus: str | None
    ) -> bool:
        """Record the skill as needed or met; True if it is needed."""
        have = levels.get(skill_id, "none")
        if rank(have) >= rank(need):
            met[skill_id] = Met(skill_id, have, need, skill_id in assumed)
            return False
        skill = catalog.skills[skill_id]
        needs[skill_id] = Need(
            skill_id,
            have,
            need,
            skill.hours_to(need) - skill.hours_to(have),
            skill.hours_to(need),
            req_importance,
            phase,
            focus,
        )
        return True

    frontier = [
        r.skill
        for r in target.requires
        if consider(r.skill, r.level, r.importance, r.phase, r.focus)
    ]
    while frontier:
        skill_id = frontier.pop()
        for prereq in catalog.skills[skill_id].prerequisites:
            if prereq in needs or prereq in met:
                continue
            if consider(prereq, PREREQUISITE_LEVEL, None, None, None):
                frontier.append(prereq)
    ordered_met = tuple(sorted(met.values(), key=lambda m: m.skill_id))
    return Gap(needs, ordered_met, levels, assumed)


def capped_by_stated(
    typical: Mapping[str, Level], stated: Mapping[str, Level], catalog: Catalog
) -> dict[str, Level]:
    """The current role's usual levels, never above what the person stated for a
    skill they build on: someone who writes Python at ``basic`` is not assumed to
    have pandas at ``intermediate``."""
    out: dict[str, Level] = {}
    for skill_id, level in typical.items():
        seen: set[str] = set()
        frontier = list(catalog.skills[skill_id].prerequisites)
        while frontier:
            prereq = frontier.pop()
            if prereq in seen:
                continue
            seen.add(prereq)
            if prereq in stated and rank(stated[prereq]) < rank(level):
                level = stated[prereq]
            frontier.extend(catalog.skills[prereq].prerequisites)
        out[skill_id] = level
    return out
