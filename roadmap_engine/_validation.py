"""Pydantic validation errors rewritten as one message listing every problem."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

_MAX_VALUE_CHARS = 60


def dotted(loc: tuple[Any, ...]) -> str:
    """``("skills", 0, "hours")`` -> ``skills[0].hours``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _shown(value: Any) -> str:
    text = repr(value)
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 3] + "..."
    return text


def describe(exc: ValidationError, source: str, prefix: tuple[Any, ...] = ()) -> str:
    """Every error of ``exc`` as ``source: field.path: message (got value)``."""
    lines = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(p for p in err["loc"] if not _is_union_tag(p))
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field; remove it or check its spelling"
        elif err["type"] == "missing":
            message = "required field is missing; add it"
        got = "" if err["type"] == "missing" else f" (got {_shown(err.get('input'))})"
        lines.append(f"{source}: {dotted(loc)}: {message}{got}")
    return "\n".join(lines)


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the member type's name into the location of union errors
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "date"})
