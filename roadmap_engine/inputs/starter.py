"""What helps a coach write a file: a commented profile to fill in, and the
JSON Schema of each file, both made from the pydantic models so they never
fall behind them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .._catalog import Catalog, load_catalog
from ..errors import ProfileError
from .field_docs import describe_schema, field_docs

SCHEMA_KINDS = ("profile", "coach", "catalog")
"""The files ``json_schema`` describes."""

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _model(kind: str) -> type[BaseModel]:
    if kind == "profile":
        from .profile import Profile

        return Profile
    if kind == "coach":
        from .coach import Coach

        return Coach
    if kind == "catalog":
        from .._catalog_models import CatalogFile

        return CatalogFile
    raise ValueError(f"no schema for {kind!r}; choose among {', '.join(SCHEMA_KINDS)}")


def json_schema(kind: str) -> str:
    """The JSON Schema (draft 2020-12) of a ``profile``, ``coach`` or ``catalog`` file."""
    schema = {"$schema": _DIALECT, **_model(kind).model_json_schema()}
    if kind == "profile":
        from . import profile

        parts = {"": profile.Profile, **{n: getattr(profile, n) for n in schema.get("$defs", {})}}
        describe_schema(schema, parts)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


_REQUIRED_HINTS = {
    "name": "Required.",
    "current_role": "Required. `roadmap catalog list` shows the roles.",
    "target_role": "Required. `roadmap catalog list` shows the roles.",
    "start_date": "Required, e.g. 2027-01-04.",
    "weekly_hours": "Required, e.g. 10, unless hours_per_weekday is given instead.",
}
"""The fields a profile cannot do without (weekly_hours, or hours_per_weekday)."""

_EXAMPLES = {
    "hours_per_weekday": "{mon: 2, wed: 2, sat: 5}",
    "skills": "{Python: intermediate, SQL: basic}",
    "time_off": "[{start: 2027-07-05, end: 2027-07-16, reason: Summer holiday}]",
    "deadline": "2027-12-31",
    "budget": "any",
    "today": "2027-01-04",
    "periods": "[{start: 2027-06-01, end: 2027-08-31, weekly_hours: 20, reason: Summer}]",
    "holidays": "{country: US, subdivision: CA}",
    "locale": "en_GB",
    "session_start": '{sun: "14:00", default: "19:30"}',
    "reminder_minutes": "15",
    "progress": "{as_of: 2027-02-15, done: {}, spent: {}}",
}
"""Optional fields' example values (one line each), where the default shows nothing."""


def starter_profile(
    current: str | None = None,
    target: str | None = None,
    *,
    catalog: Catalog | str | Path | None = None,
) -> str:
    """A profile to fill in, every field with its documentation as a comment.

    The required fields are left empty (so the file does not load until they
    are filled), except the roles given, written under their catalog titles;
    the optional ones are commented out with an example value.
    """
    from .profile import Profile

    roles = {"current_role": current, "target_role": target}
    if current is not None or target is not None:
        cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
        roles = {field: _role_title(text, field, cat) for field, text in roles.items()}
    lines = [
        "# A profile for roadmap-engine. Fill in the required fields, then run",
        "#   roadmap plan THIS_FILE -o plan.html",
        "# To use an optional field, delete the '# ' before it and change its value.",
        "# `roadmap schema profile` prints the JSON Schema that editors check it with.",
    ]
    docs = field_docs(Profile)
    for name, field in Profile.model_fields.items():
        lines.append("")
        lines += [f"# {line}".rstrip() for line in docs.get(name, "").splitlines()]
        if name in _REQUIRED_HINTS:
            lines.append(f"# {_REQUIRED_HINTS[name]}")
            value = roles.get(name)
            lines.append(f"{name}: {json.dumps(value)}" if value else f"{name}:")
        else:
            lines.append(f"# {name}: {_EXAMPLES.get(name) or _yaml_value(field.default)}")
    return "\n".join(lines) + "\n"


def _role_title(text: str | None, field: str, catalog: Catalog) -> str | None:
    """The catalog title of the role ``text`` names (so the file names a valid role)."""
    if text is None:
        return None
    from .._resolve import _role

    problems: list[str] = []
    role_id = _role(text, field, catalog, "roadmap init", problems)
    if role_id is None:
        raise ProfileError("\n".join(problems))
    return catalog.roles[role_id].title


def _yaml_value(value: object) -> str:
    """A default as YAML on one line (tuples as lists)."""
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return str(value)
