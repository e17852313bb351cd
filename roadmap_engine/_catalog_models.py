"""The catalog's shape: skills, learning resources, roles and transitions.

Field docstrings double as the catalog's documentation. Every model forbids
unknown keys so that a typo in a catalog file is reported, not ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, HttpUrl, field_validator, model_validator

from ._frozen import FrozenModel
from ._levels import Level

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Importance = Annotated[int, Field(ge=1, le=5)]
Background = Literal["engineering", "data", "design-product", "management", "outside-tech"]
"""The kind of work a role is, for prose addressed to people coming from it."""
Window = Literal["this_week", "this_month", "next_90_days"]
MAX_SKILL_HOURS = 2000


class _Strict(FrozenModel):
    pass


CostKind = Literal["free", "free-to-audit", "paid", "subscription", "exam"]
"""How a resource is paid for, which decides what ``price_usd`` means."""
Reached = Literal["basic", "intermediate", "advanced", "expert"]
"""A level above ``none``: one a skill gives hours for."""
LevelHours = dict[Reached, float]

CURVE: dict[Reached, float] = {"basic": 0.4, "intermediate": 1.0, "advanced": 2.0, "expert": 3.5}
"""Hours to reach each level from zero, as a share of the hours to ``intermediate``:
what a skill given as one number (its hours to intermediate) takes at each level."""


_LEVELS: list[Reached] = list(CURVE)
_MOST_LEVEL_HOURS = MAX_SKILL_HOURS * CURVE["expert"]


def _rounded(hours: float) -> float:
    """Hours without float noise (12.000000000000002), never rounded down to nothing."""
    return round(hours, 4) or hours


class Resource(_Strict):
    """A real course, book, documentation set, project or certification, defined once
    in a catalog's ``resources`` list and named by id wherever it is used."""

    id: Id
    title: Text
    """The resource's own title, as its provider publishes it."""
    provider: Text
    """Who publishes or hosts it (a platform, publisher or vendor)."""
    kind: Literal["course", "book", "docs", "project", "certification", "practice"]
    cost: CostKind
    """``free``: nothing to pay. ``free-to-audit``: the content is free, a certificate
    or graded work is paid (``price_usd``). ``paid``: bought once (``price_usd``).
    ``subscription``: paid monthly (``price_usd`` a month). ``exam``: a fee to sit it."""
    price_usd: float | None = Field(default=None, ge=0)
    """List price in US dollars, as ``cost`` says; never set for ``free``."""
    price_note: Text | None = None
    """Why no price is given, where the provider publishes none."""
    hours: float = Field(gt=0, le=1000)
    """Typical hours to work through all of it."""
    url: HttpUrl | None = None
    """The item's own page (not the provider's home page)."""
    own_site: bool = False
    """The url is the home page of a site given over to this one item (a free
    book's or course's own site), so it is the item's page."""
    checked: dt.date | None = None
    """When its title, price and link were last checked against the provider."""

    @model_validator(mode="after")
    def _price_fits_cost(self) -> Resource:
        if self.cost == "free" and (self.price_usd or self.price_note):
            raise ValueError(
                "a free resource has no price_usd or price_note; use cost free-to-audit "
                "when a certificate or graded work is paid"
            )
        if self.price_usd is not None and self.price_note is not None:
            raise ValueError("give price_usd or price_note (why there is no price), not both")
        return self


class ResourceUse(_Strict):
    """A resource as one skill or activity uses it: all of it, or a named part."""

    id: Id
    """The resource's id in a ``resources`` list."""
    part: Text | None = None
    """The part of the resource this skill needs ("Chapters 1-6"), when not all of it."""
    hours: float | None = Field(default=None, gt=0, le=1000)
    """Hours of that part; given with ``part``."""

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: object) -> object:
        if isinstance(value, dict) and "title" in value:
            raise ValueError(
                "a resource is defined once, in a 'resources:' list with an 'id', and "
                "named here by that id (or as {id, part, hours})"
            )
        return {"id": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _part_with_hours(self) -> ResourceUse:
        if (self.part is None) != (self.hours is None):
            raise ValueError("give 'part' and its 'hours' together, or neither")
        return self


class Skill(_Strict):
    """Something a person learns, with the hours it takes to reach each level."""

    id: Id
    name: Text
    aliases: tuple[Name, ...] = Field(default=(), max_length=50)
    """Other names people write for it (any case): "k8s", "sklearn"."""
    category: Id
    hours: LevelHours
    """Hours from zero to each level: ``{basic: 12, intermediate: 30, advanced: 60,
    expert: 105}``, rising. One number is the hours to ``intermediate``, the other
    levels following ``CURVE``. Going from level A to B takes hours(B) - hours(A)."""
    prerequisites: tuple[Id, ...] = ()
    """Skill ids to learn first."""
    summary: Text
    """One sentence: what the skill is."""
    applies: Text
    """How the skill carries into a new role when a person already has it."""
    transfers: dict[Id, Text] = {}
    """Role id -> how the skill applies in that role (overrides ``applies``)."""
    resources: tuple[ResourceUse, ...] = Field(min_length=1)
    """Resource ids (or ``{id, part, hours}``), best first."""

    @field_validator("hours", mode="before")
    @classmethod
    def _hours_by_level(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        if not 0 < value <= MAX_SKILL_HOURS:
            raise ValueError(f"hours must be above 0 and at most {MAX_SKILL_HOURS}")
        return {level: _rounded(value * share) for level, share in CURVE.items()}

    @field_validator("hours")
    @classmethod
    def _rising(cls, value: LevelHours) -> LevelHours:
        missing = [level for level in CURVE if level not in value]
        if missing:
            raise ValueError(f"give the hours for every level; missing: {', '.join(missing)}")
        basic, intermediate, advanced, expert = (value[level] for level in CURVE)
        if 0 < basic < intermediate < advanced < expert <= _MOST_LEVEL_HOURS:
            # the usual case first, cheaply: it runs for every skill of every cached load
            in_order = list(value) == _LEVELS
            return value if in_order else {level: value[level] for level in CURVE}
        if not all(0 < h <= _MOST_LEVEL_HOURS for h in (basic, intermediate, advanced, expert)):
            raise ValueError(
                f"each level's hours must be above 0 and at most {_MOST_LEVEL_HOURS:g}"
            )
        raise ValueError("hours must rise from basic to expert")

    def hours_to(self, level: Level) -> float:
        """Hours from zero to ``level`` (0 for ``none``)."""
        return 0.0 if level == "none" else self.hours[level]


class Requirement(_Strict):
    """A skill a role needs, how well, how much it matters and when."""

    skill: Id
    level: Level
    importance: Importance
    """5 = essential, 1 = nice to have."""
    phase: Id
    """The id of the role's phase in which the skill is learned."""
    focus: Text | None = None
    """What to concentrate on for this role."""


class Phase(_Strict):
    id: Id
    title: Text
    summary: Text


class CareerActivity(_Strict):
    """Work towards the role that is not a skill: projects, networking, exams."""

    id: Id
    title: Text
    kind: Literal["project", "portfolio", "networking", "certification", "interview", "job-search"]
    hours: float = Field(gt=0, le=1000)
    phase: Id
    importance: Importance = 3
    prerequisites: tuple[Id, ...] = ()
    """Skill or activity ids that must be finished first."""
    detail: Text
    milestone: bool = False
    """Finishing it is a milestone worth a date in the plan."""
    resources: tuple[ResourceUse, ...] = ()
    """Resource ids to use for it, best first; for a certification, the exam itself
    (with its fee) comes first. The first one the budget allows is the one
    recommended; a certification whose exams the budget cannot pay for is
    left out of the plan."""
    also_in: tuple[Id, ...] = ()
    """Later phases that get a share of this activity too: ongoing work such
    as networking is split evenly between ``phase`` and these phases, so it
    runs through the plan instead of sitting in one block."""


class RealityCheck(_Strict):
    love: tuple[Text, ...] = Field(min_length=1)
    miss: tuple[Text, ...] = Field(min_length=1)
    challenges: tuple[Text, ...] = Field(min_length=1)


class Action(_Strict):
    """A concrete step for the start-now windows.

    Tied to an item (``for``), it is shown only in the window in which the
    schedule starts that item, and never when the item is not in the plan.
    Otherwise it is a set-up step or habit shown in ``window``. It must not
    name a paid resource: the plan names the resource it recommends.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    do: Text
    """The step, addressed to the client, in the imperative."""
    item: Id | None = Field(default=None, alias="for")
    """The skill or activity id this step begins."""
    window: Window | None = None
    """For a step tied to no item: when to do it."""

    @model_validator(mode="after")
    def _tied_or_placed(self) -> Action:
        if (self.item is None) == (self.window is None):
            raise ValueError(
                "give exactly one of 'for' (the skill or activity it begins) "
                "and 'window' (this_week, this_month or next_90_days)"
            )
        return self


class Question(_Strict):
    question: Text
    answer: Text
    if_planned: tuple[Id, ...] = ()
    """Shown only when every one of these skills or activities is in the plan."""
    unless_planned: tuple[Id, ...] = ()
    """Left out when any of these skills or activities is in the plan."""


class Role(_Strict):
    """A job a person holds now or wants next."""

    id: Id
    title: Text
    aliases: tuple[Name, ...] = Field(default=(), max_length=50)
    summary: Text
    overview: tuple[Text, ...] = Field(min_length=1)
    """Why moving into this role is worth it, paragraph by paragraph."""
    background: Background | None = None
    """The kind of work this role is, as a starting point for a move."""
    from_background: dict[Background, Text] = {}
    """Background -> a paragraph for someone moving into this role from that
    kind of work: what carries over and what is new. Pair prose overrides it."""
    typical_skills: dict[Id, Level] = {}
    """What a person in the role usually has; assumed unless a profile says otherwise."""
    requires: tuple[Requirement, ...] = Field(min_length=1)
    phases: tuple[Phase, ...] = Field(min_length=1)
    activities: tuple[CareerActivity, ...] = ()
    reality_check: RealityCheck
    start_now: tuple[Action, ...] = ()
    faq: tuple[Question, ...] = Field(min_length=1)


class Transition(_Strict):
    """Prose for one specific move, used on top of the target role's."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_role: Id = Field(alias="from")
    to_role: Id = Field(alias="to")
    overview: tuple[Text, ...] = ()
    transfers: dict[Id, Text] = {}
    faq: tuple[Question, ...] = ()


class CatalogFile(_Strict):
    """One YAML file of a catalog folder; any of the four lists may be absent."""

    resources: tuple[Resource, ...] = ()
    skills: tuple[Skill, ...] = ()
    roles: tuple[Role, ...] = ()
    transitions: tuple[Transition, ...] = ()
