"""Stage 1: the names a profile uses, turned into catalog ids."""

from __future__ import annotations

from dataclasses import dataclass

from ._catalog import Catalog
from ._levels import Level
from ._names import did_you_mean
from .errors import ProfileError
from .inputs.profile import Profile


@dataclass(frozen=True)
class Resolved:
    current_role: str
    target_role: str
    skills: dict[str, Level]
    """Skill id -> level, exactly as the profile states them."""


def resolve(profile: Profile, catalog: Catalog, source: str) -> Resolved:
    """Resolve every name, reporting all unknown ones at once."""
    problems: list[str] = []
    current = _role(profile.current_role, "current_role", catalog, source, problems)
    target = _role(profile.target_role, "target_role", catalog, source, problems)
    skills: dict[str, Level] = {}
    for name, level in profile.skills.items():
        skill_id = catalog.find_skill(name)
        if skill_id is None:
            hint = did_you_mean(name, _skill_names(catalog)) or (
                " Run `roadmap catalog list` to see the skills."
            )
            problems.append(f"{source}: skills.{name}: unknown skill {name!r}.{hint}")
        elif skill_id in skills and skills[skill_id] != level:
            problems.append(
                f"{source}: skills.{name}: {name!r} is the same skill as another entry "
                f"({skill_id!r}) with a different level; keep one"
            )
        else:
            skills[skill_id] = level
    if current and current == target:
        problems.append(
            f"{source}: target_role: {profile.target_role!r} is the current role; "
            "choose a different target role"
        )
    if problems:
        raise ProfileError("invalid profile:\n" + "\n".join(problems))
    assert current and target
    return Resolved(current, target, skills)


def _role(text: str, field: str, catalog: Catalog, source: str, problems: list[str]) -> str | None:
    role_id = catalog.find_role(text)
    if role_id is None:
        names = [*catalog.roles, *(r.title for r in catalog.roles.values())]
        hint = did_you_mean(text, names) or " Known roles: " + ", ".join(catalog.roles) + "."
        problems.append(
            f"{source}: {field}: unknown role {text!r}.{hint} To add a role, write it in a "
            "catalog folder of your own and pass --catalog DIR (README: 'Adding a role'; "
            "examples/own-role/ is a complete example)."
        )
    return role_id


def _skill_names(catalog: Catalog) -> list[str]:
    return [name for s in catalog.skills.values() for name in (s.id, s.name, *s.aliases)]
