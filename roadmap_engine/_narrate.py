"""Stage 5: the plan's explanatory sections, from the catalog and the schedule.

Prose comes from the catalog (role, skill and transition texts); what this
module decides is which texts apply to this person and in which order, and
what falls into each start-now window of the dated schedule.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from dateutil.relativedelta import relativedelta

from ._catalog import Catalog
from ._catalog_models import Role
from ._gap import Gap
from ._levels import Level, rank
from ._order import Item
from ._plan_models import (
    Activity,
    HeldSkill,
    Question,
    RealityCheck,
    ScheduledItem,
    Session,
    SkillToLearn,
    SkippedSkill,
    StartNow,
    TransferableSkill,
    Why,
    Window,
)
from ._resolve import Resolved
from ._text import first_sentence

_DAY = dt.timedelta(days=1)
OVERVIEW_PARAGRAPHS = 1
MAX_QUESTIONS = 2
"""A short document: the pair's questions first, then the role's, up to this many."""
REALITY_LINES = 3


def overview(catalog: Catalog, resolved: Resolved) -> tuple[str, ...]:
    """Prose for this move: the pair's own, else the target's words for people
    from the current role's background, else the target's own first paragraph."""
    trans = catalog.transition(resolved.current_role, resolved.target_role)
    if trans and trans.overview:
        return trans.overview[:OVERVIEW_PARAGRAPHS]
    target = catalog.roles[resolved.target_role]
    background = catalog.roles[resolved.current_role].background
    bridge = target.from_background.get(background) if background else None
    return (bridge,) if bridge else target.overview[:OVERVIEW_PARAGRAPHS]


def transferable(
    catalog: Catalog, resolved: Resolved, gap: Gap, phase_of: dict[str, int]
) -> list[TransferableSkill]:
    """Skills held that the target needs or that carry into it: the ones the person
    stated first, then those assumed from the current role, most important first.

    Each skill appears once: held at the level needed, or held below it and
    topped up by the plan in ``phase_of[skill]``.
    """
    target = catalog.roles[resolved.target_role]
    required = {r.skill: r for r in target.requires}
    trans = catalog.transition(resolved.current_role, resolved.target_role)
    overrides = trans.transfers if trans else {}
    found = []
    for skill_id, level in gap.levels.items():
        skill = catalog.skills[skill_id]
        if rank(level) == 0:
            continue
        if (
            skill_id not in required
            and skill_id not in gap.needs
            and target.id not in skill.transfers
            and skill_id not in overrides
        ):
            continue
        applies = overrides.get(skill_id) or skill.transfers.get(target.id) or skill.applies
        need = required[skill_id].level if skill_id in required else None
        if skill_id in gap.needs:
            need = gap.needs[skill_id].need
        importance = required[skill_id].importance if skill_id in required else 0
        stated = skill_id not in gap.assumed  # the person's own word leads
        found.append(
            (not stated, -importance, -rank(level), skill.name, skill_id, level, need, applies)
        )
    return [
        TransferableSkill(
            skill_id=sid,
            name=name,
            level=level,
            required_level=need,
            assumed=sid in gap.assumed,
            in_plan_phase=phase_of.get(sid),
            applies=applies,
            applies_brief=first_sentence(applies),
        )
        for _, _, _, name, sid, level, need, applies in sorted(found)
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
    catalog: Catalog, gap: Gap, priority_order: Sequence[str], activities: Sequence[Activity]
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
                why=act.why,
                recommended=act.recommended,
                alternatives=act.alternatives,
                phase=act.phase,
                start=act.start,
                end=act.end,
                status=act.status,
                hours_done=act.hours_done,
                done_on=act.done_on,
            )
        )
    return out


def why(
    item: Item,
    items_by_prereq: dict[str, list[str]],
    required: Mapping[str, Level],
    titles: dict[str, str],
) -> Why:
    """The reason an item is in the plan, as facts the documents put in words.

    ``required`` is the target role's levels by skill, built once per plan (built
    per item, it made plans of many thousand skills quadratic)."""
    needed_for = tuple(dict.fromkeys(titles[i] for i in items_by_prereq.get(item.id, ())))
    return Why(
        required_level=required.get(item.id) if item.kind == "skill" else None,
        importance=item.importance,
        needed_for=needed_for,
        career=item.kind not in ("skill", "review"),
    )


def start_now(
    role: Role,
    today: dt.date,
    activities: Sequence[Activity],
    sessions: Sequence[Session],
    fresh: bool = True,
) -> StartNow:
    """Three windows from ``today``, each with the work the schedule puts in it.

    The windows follow each other (this week, the rest of this month, the rest
    of the 90 days), so every booked hour is in exactly one window and a
    window's items add up to its hours. Work that began before a window is
    marked as continued there. A catalog step tied to an item is shown with
    that item, in the window where it starts; untied steps are small set-up
    steps and habits for their window. ``sessions`` are in date order, as the
    schedule books them.
    """
    steps: dict[str, str] = {}
    for action in role.start_now:
        if action.item is not None:
            steps.setdefault(action.item, action.do)
    by_id = {a.id: a for a in activities}

    def window(key: str, label: str, first: dt.date, last: dt.date) -> Window:
        hours: dict[str, float] = {}
        # sessions come in date order: the window's are one slice of them
        lo = bisect_left(sessions, first, key=_session_date)
        for session in sessions[lo : bisect_right(sessions, last, lo=lo, key=_session_date)]:
            hours[session.activity_id] = hours.get(session.activity_id, 0.0) + session.hours
        scheduled = []
        for activity_id, booked in hours.items():
            act = by_id[activity_id]
            continued = act.start < first or act.hours_done > 0
            base = activity_id.split(":", 1)[0]
            scheduled.append(
                ScheduledItem(
                    activity_id=activity_id,
                    title=act.title,
                    kind=act.kind,
                    hours=booked,
                    start=act.start,
                    end=act.end,
                    first_step=None if continued or act.part > 1 else steps.get(base),
                    resource=act.recommended.resource if act.recommended else None,
                    continued=continued,
                )
            )
        return Window(
            label=label,
            start=first,
            end=last,
            hours=sum(hours.values()),
            scheduled=tuple(scheduled),
            actions=tuple(a.do for a in role.start_now if a.window == key) if fresh else (),
        )

    week_end = today + 6 * _DAY
    month_end = max(week_end, today + relativedelta(months=1) - _DAY)
    month, days = (
        ("Your First Month", "the First 90 Days")
        if fresh
        else ("the Coming Month", "the Next 90 Days")
    )
    return StartNow(
        this_week=window("this_week", "This Week", today, week_end),
        this_month=window("this_month", f"Rest of {month}", week_end + _DAY, month_end),
        next_90_days=window("next_90_days", f"Rest of {days}", month_end + _DAY, today + 89 * _DAY),
    )


def _session_date(session: Session) -> dt.date:
    return session.date


def reality_check(catalog: Catalog, target_role: str) -> RealityCheck:
    check = catalog.roles[target_role].reality_check
    return RealityCheck(
        love=check.love[:REALITY_LINES],
        miss=check.miss[:REALITY_LINES],
        challenges=check.challenges[:REALITY_LINES],
    )


def faq(catalog: Catalog, resolved: Resolved, planned: set[str]) -> list[Question]:
    """Questions about this exact move first, then the target role's questions
    about what this plan holds, then its general ones; only the answers that
    agree with what the plan schedules."""
    trans = catalog.transition(resolved.current_role, resolved.target_role)
    role_faq = catalog.roles[resolved.target_role].faq
    about_plan = tuple(q for q in role_faq if q.if_planned or q.unless_planned)
    general = tuple(q for q in role_faq if not (q.if_planned or q.unless_planned))
    pairs = (trans.faq if trans else ()) + about_plan + general
    agreeing = [
        Question(question=q.question, answer=q.answer)
        for q in pairs
        if all(i in planned for i in q.if_planned)
        and not any(i in planned for i in q.unless_planned)
    ]
    return agreeing[:MAX_QUESTIONS]
