"""Stage 5: the plan's explanatory sections, from the catalog and the schedule.

Prose comes from the catalog (role, skill and transition texts); what this
module decides is which texts apply to this person and in which order, and
what falls into each start-now window of the dated schedule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta

from ._catalog import Catalog
from ._gap import Gap
from ._levels import rank
from ._order import Item
from ._plan_models import (
    Activity,
    HeldSkill,
    Question,
    RealityCheck,
    ResourceRef,
    ScheduledItem,
    SkillToLearn,
    SkippedSkill,
    StartNow,
    TransferableSkill,
    Window,
)
from ._resolve import Resolved

_DAY = dt.timedelta(days=1)


def overview(catalog: Catalog, resolved: Resolved) -> tuple[str, ...]:
    trans = catalog.transition(resolved.current_role, resolved.target_role)
    if trans and trans.overview:
        return trans.overview
    return catalog.roles[resolved.target_role].overview


def transferable(catalog: Catalog, resolved: Resolved, gap: Gap) -> list[TransferableSkill]:
    """Skills held that the target needs or that carry into it, most important first."""
    target = catalog.roles[resolved.target_role]
    importance = {r.skill: r.importance for r in target.requires}
    trans = catalog.transition(resolved.current_role, resolved.target_role)
    overrides = trans.transfers if trans else {}
    found = []
    for skill_id, level in gap.levels.items():
        skill = catalog.skills[skill_id]
        if rank(level) == 0:
            continue
        if (
            skill_id not in importance
            and target.id not in skill.transfers
            and skill_id not in overrides
        ):
            continue
        applies = overrides.get(skill_id) or skill.transfers.get(target.id) or skill.applies
        found.append((-importance.get(skill_id, 0), skill.name, skill_id, level, applies))
    return [
        TransferableSkill(skill_id=sid, name=name, level=level, applies=applies)
        for _, name, sid, level, applies in sorted(found)
    ]


def held(catalog: Catalog, gap: Gap, ids: Sequence[str]) -> list[HeldSkill]:
    return [
        HeldSkill(skill_id=s, name=catalog.skills[s].name, level=gap.levels[s]) for s in sorted(ids)
    ]


def skipped(catalog: Catalog, gap: Gap) -> list[SkippedSkill]:
    return [
        SkippedSkill(
            skill_id=m.skill_id,
            name=catalog.skills[m.skill_id].name,
            level=m.have,
            required_level=m.need,
            assumed=m.assumed,
        )
        for m in gap.met
    ]


def skills_by_priority(items: Sequence[Item]) -> list[str]:
    """Skill ids, most important first; ties keep the schedule's order."""
    ranked = sorted(enumerate(items), key=lambda p: (-p[1].importance, p[0]))
    return [item.id for _, item in ranked if item.kind == "skill"]


def skills_to_learn(
    catalog: Catalog,
    gap: Gap,
    priority_order: Sequence[str],
    activities: Sequence[Activity],
    resources: dict[str, tuple[ResourceRef, ...]],
) -> list[SkillToLearn]:
    by_id = {a.id: a for a in activities}
    out = []
    for priority, skill_id in enumerate(priority_order, start=1):
        need, skill, act = gap.needs[skill_id], catalog.skills[skill_id], by_id[skill_id]
        out.append(
            SkillToLearn(
                priority=priority,
                skill_id=skill_id,
                name=skill.name,
                summary=skill.summary,
                focus=need.focus,
                importance=act.importance,
                level_from=need.have,
                level_to=need.need,
                hours=need.hours,
                full_hours=need.full_hours,
                resources=resources[skill_id],
                start=act.start,
                end=act.end,
            )
        )
    return out


def start_now(
    catalog: Catalog, target_role: str, today: dt.date, activities: Sequence[Activity]
) -> StartNow:
    """Three windows from ``today``, each with the work the schedule puts in it.

    The windows nest (the month holds the week); each lists only the work
    that a shorter window has not already shown.
    """
    actions = catalog.roles[target_role].start_now
    shown: set[str] = set()

    def window(label: str, last: dt.date, standing: tuple[str, ...]) -> Window:
        scheduled = tuple(
            ScheduledItem(
                activity_id=a.id,
                title=a.title,
                start=a.start,
                end=a.end,
                first_resource=a.resources[0] if a.resources else None,
            )
            for a in activities
            if a.start <= last and a.end >= today and a.id not in shown
        )
        shown.update(s.activity_id for s in scheduled)
        return Window(label=label, start=today, end=last, scheduled=scheduled, actions=standing)

    return StartNow(
        this_week=window("This Week", today + 6 * _DAY, actions.this_week),
        this_month=window("This Month", today + relativedelta(months=1) - _DAY, actions.this_month),
        next_90_days=window("Next 90 Days", today + 89 * _DAY, actions.next_90_days),
    )


def reality_check(catalog: Catalog, target_role: str) -> RealityCheck:
    check = catalog.roles[target_role].reality_check
    return RealityCheck(love=check.love, miss=check.miss, challenges=check.challenges)


def faq(catalog: Catalog, resolved: Resolved) -> list[Question]:
    """Questions about this exact move first, then the target role's."""
    trans = catalog.transition(resolved.current_role, resolved.target_role)
    pairs = (trans.faq if trans else ()) + catalog.roles[resolved.target_role].faq
    return [Question(question=q.question, answer=q.answer) for q in pairs]
