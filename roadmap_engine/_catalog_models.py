"""The catalog's shape: skills, learning resources, roles and transitions.

Field docstrings double as the catalog's documentation. Every model forbids
unknown keys so that a typo in a catalog file is reported, not ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from ._levels import Level

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Importance = Annotated[int, Field(ge=1, le=5)]
Background = Literal["engineering", "data", "design-product", "management", "outside-tech"]
"""The kind of work a role is, for prose addressed to people coming from it."""
Window = Literal["this_week", "this_month", "next_90_days"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Resource(_Strict):
    """A real course, book, documentation set, project or certification."""

    title: Text
    """The resource's own title, as its provider publishes it."""
    provider: Text
    """Who publishes or hosts it (a platform, publisher or vendor)."""
    kind: Literal["course", "book", "docs", "project", "certification", "practice"]
    cost: Literal["free", "paid"]
    """``free`` if it can be completed without paying (auditing counts)."""
    price_usd: float | None = Field(default=None, ge=0)
    """List price in US dollars, where known."""
    billing: Literal["once", "monthly"] = "once"
    hours: float = Field(gt=0, le=1000)
    """Typical hours to work through it."""
    url: HttpUrl | None = None


class Skill(_Strict):
    """Something a person learns, with the hours it takes a beginner."""

    id: Id
    name: Text
    aliases: tuple[Name, ...] = Field(default=(), max_length=50)
    """Other names people write for it (any case): "k8s", "sklearn"."""
    category: Id
    hours: float = Field(gt=0, le=2000)
    """Hours for a beginner to reach the level a role asks for."""
    prerequisites: tuple[Id, ...] = ()
    """Skill ids to learn first."""
    summary: Text
    """One sentence: what the skill is."""
    applies: Text
    """How the skill carries into a new role when a person already has it."""
    transfers: dict[Id, Text] = {}
    """Role id -> how the skill applies in that role (overrides ``applies``)."""
    resources: tuple[Resource, ...] = Field(min_length=1)


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
    resources: tuple[Resource, ...] = ()
    """What to use for it, best first; for a certification, the exam itself
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
    """One YAML file of a catalog folder; any of the three lists may be absent."""

    skills: tuple[Skill, ...] = ()
    roles: tuple[Role, ...] = ()
    transitions: tuple[Transition, ...] = ()
