"""The catalog's shape: skills, learning resources, roles and transitions.

Field docstrings double as the catalog's documentation. Every model forbids
unknown keys so that a typo in a catalog file is reported, not ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from ._levels import Level

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Importance = Annotated[int, Field(ge=1, le=5)]


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


class RealityCheck(_Strict):
    love: tuple[Text, ...] = Field(min_length=1)
    miss: tuple[Text, ...] = Field(min_length=1)
    challenges: tuple[Text, ...] = Field(min_length=1)


class StartNow(_Strict):
    """Actions that do not depend on the schedule, for each window."""

    this_week: tuple[Text, ...] = ()
    this_month: tuple[Text, ...] = ()
    next_90_days: tuple[Text, ...] = ()


class Question(_Strict):
    question: Text
    answer: Text


class Role(_Strict):
    """A job a person holds now or wants next."""

    id: Id
    title: Text
    aliases: tuple[Name, ...] = Field(default=(), max_length=50)
    summary: Text
    overview: tuple[Text, ...] = Field(min_length=1)
    """Why moving into this role is worth it, paragraph by paragraph."""
    typical_skills: dict[Id, Level] = {}
    """What a person in the role usually has; assumed unless a profile says otherwise."""
    requires: tuple[Requirement, ...] = Field(min_length=1)
    phases: tuple[Phase, ...] = Field(min_length=1)
    activities: tuple[CareerActivity, ...] = ()
    reality_check: RealityCheck
    start_now: StartNow = StartNow()
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
