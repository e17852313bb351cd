"""Recorded progress turned into the work that remains.

A re-plan keeps the plan's own order of items; finished items leave the
schedule, hours spent come off the item they were spent on, and what is left
is scheduled from ``as_of`` with the usual rules. Hours are conserved: what is
done plus what is left is always the item's hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ._catalog import Catalog
from ._names import did_you_mean, name_key
from ._order import Item
from ._plan_models import Activity, CurrentItem, DoneItem, Progress, Session
from ._timeline import months_between, percent
from .errors import ProfileError
from .inputs.profile import Profile


@dataclass(frozen=True)
class Standing:
    as_of: dt.date
    done: dict[str, dt.date | None]
    """Item id -> the date it was finished (None when not recorded)."""
    spent: dict[str, float]
    """Item id -> hours spent on it, never more than its hours."""
    recorded: bool
    """Progress or an ``as_of`` was given: the plan is a re-plan."""

    def hours_done(self, item: Item) -> float:
        return item.hours if item.id in self.done else self.spent.get(item.id, 0.0)

    def status(self, item: Item) -> Literal["done", "in progress", "to do"]:
        if item.id in self.done:
            return "done"
        return "in progress" if self.spent.get(item.id, 0.0) > 0 else "to do"

    def remaining(self, items: Sequence[Item]) -> list[Item]:
        """The unfinished items with the hours they still need, in plan order."""
        return [
            item._replace(hours=item.hours - self.spent[item.id]) if item.id in self.spent else item
            for item in items
            if item.id not in self.done
        ]


def standing(
    person: Profile,
    items: Sequence[Item],
    titles: dict[str, str],
    catalog: Catalog,
    source: str,
    as_of: dt.date | None,
) -> Standing:
    """The profile's progress (and ``as_of``, which wins over ``progress.as_of``)
    resolved against the plan's items; unknown names are reported all at once."""
    progress = person.progress
    recorded_on = (progress.as_of or person.today) if progress else None
    day = as_of or recorded_on or person.start_date
    if day < person.start_date:
        raise ProfileError(
            f"{source}: as_of: {day} is before start_date {person.start_date}; "
            "give a date on or after the start"
        )
    if progress is None:
        return Standing(day, {}, {}, recorded=as_of is not None)
    lookup = name_index(((i.id, titles[i.id], i.kind, i.part, i.parts) for i in items), catalog)
    choices = [*dict.fromkeys([*(i.base_id for i in items), *titles.values()])]
    problems: list[str] = []
    done: dict[str, dt.date | None] = {}
    for name, on in progress.done.items():
        if on is not None and on > day:
            problems.append(
                f"{source}: progress.done.{name}: {on} is after as_of {day}; "
                "give the date it was finished"
            )
        for item_id in _find(name, "done", lookup, choices, source, problems):
            done[item_id] = on
    spent: dict[str, float] = {}
    by_id = {item.id: item for item in items}
    for name, hours in progress.spent.items():
        found = _find(name, "spent", lookup, choices, source, problems)
        open_parts = [item_id for item_id in found if item_id not in done]
        if found and not open_parts:
            problems.append(
                f"{source}: progress.spent.{name}: {name!r} is done; remove it from spent"
            )
        left = hours
        for item_id in open_parts:  # parts of ongoing work fill in order, never past an item
            take = min(left, by_id[item_id].hours)
            spent[item_id] = spent.get(item_id, 0.0) + take
            left -= take
    if problems:
        raise ProfileError("invalid profile:\n" + "\n".join(problems))
    return Standing(day, done, spent, recorded=True)


def name_index(
    named: Iterable[tuple[str, str, str, int, int]], catalog: Catalog
) -> dict[str, list[str]]:
    """Every way to name an item, from (id, title, kind, part, parts): its id, its
    activity's id, its title, a skill's name and aliases. A name that covers
    several parts of ongoing work means all of them; "networking:1" the first."""
    lookup: dict[str, list[str]] = {}

    def add(name: str, item_id: str) -> None:
        ids = lookup.setdefault(name_key(name), [])
        if item_id not in ids:
            ids.append(item_id)

    for item_id, title, kind, part, parts in named:
        base = item_id if kind == "review" else item_id.split(":", 1)[0]
        add(item_id, item_id)
        add(base, item_id)
        if parts > 1:
            add(f"{base}:{part}", item_id)
        add(title, item_id)
        if kind == "skill":
            skill = catalog.skills[item_id]
            for alias in (skill.name, *skill.aliases):
                add(alias, item_id)
    return lookup


def _find(
    name: str,
    field: str,
    lookup: dict[str, list[str]],
    choices: list[str],
    source: str,
    problems: list[str],
) -> list[str]:
    found = lookup.get(name_key(name))
    if found:
        return found
    hint = did_you_mean(name, choices) or (
        " Use an item's title as the roadmap shows it, or its id "
        "(`roadmap plan PROFILE --format json` lists them)."
    )
    problems.append(f"{source}: progress.{field}.{name}: {name!r} is not in this plan.{hint}")
    return []


def summary(
    now: Standing, activities: Sequence[Activity], sessions: Sequence[Session], end: dt.date
) -> Progress:
    """Where the person stands: hours done and left, what is finished, what is next."""
    hours = sum(a.hours for a in activities)
    done_hours = sum(a.hours_done for a in activities)
    current = next((a for a in activities if a.status != "done"), None)
    first_session = (
        next((s.date for s in sessions if s.activity_id == current.id), None) if current else None
    )
    return Progress(
        as_of=now.as_of,
        hours_done=done_hours,
        hours_left=hours - done_hours,
        percent_done=percent(done_hours, hours),
        months_left=months_between(now.as_of, end),
        done=tuple(
            DoneItem(activity_id=a.id, title=a.title, on=a.done_on)
            for a in activities
            if a.status == "done"
        ),
        current=(
            CurrentItem(
                activity_id=current.id,
                title=current.title,
                hours=current.hours,
                hours_done=current.hours_done,
                next_session=first_session,
            )
            if current
            else None
        ),
        against=None,
    )
