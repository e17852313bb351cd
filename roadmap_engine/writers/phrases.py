"""The wording of the per-item phrases the Markdown and HTML plans share.

The phrases said once per item (a skill's why, an activity's dates, a week's
work) are Python rather than ``_words.j2`` macros: a Jinja macro call costs
microseconds, and a big plan makes tens of thousands of them. They are plain
text, never markup: HTML escapes them where it prints them, as it does every
field (``FILTERS``). Dates in them are always in the plain English style: the
``_words.j2`` macros they replace never saw the plan (an imported template gets
no context), so they never used its locale.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._plan_models import (
    Activity,
    CostLine,
    DoneItem,
    MovedItem,
    Phase,
    Plan,
    Recommendation,
    SkillToLearn,
    StudyDay,
    TransferableSkill,
    WeekRun,
)
from .filters import hours, money, plain_date, plain_span, price

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


def skill_names(skills: Sequence[TransferableSkill], limit: int = 3) -> str:
    """The skills' names, as ``names`` says them. One filter rather than Jinja's
    ``map(attribute="name") | list``, which raises and catches an exception per skill
    (a plan's models have no ``[]``) before it reads the attribute."""
    return names([skill.name for skill in skills], limit)


def day_names(days: Sequence[StudyDay]) -> str:
    """``Mon, Tue and Wed``: the study days by name, all of them."""
    return names([d.day.capitalize() for d in days], 7)


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


PHRASES = (
    names,
    skill_names,
    day_names,
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


FILTERS = {func.__name__: func for func in PHRASES}
"""The phrases as filters. Each returns plain text, which HTML's autoescape escapes
where it is printed; escaping it here too would escape every phrase twice."""
