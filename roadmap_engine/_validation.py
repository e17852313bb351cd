"""Pydantic validation errors rewritten as one message listing every problem.

Each line names the file, the field path, the value found and a fix, in the
words of someone editing a YAML file rather than pydantic's own.
"""

from __future__ import annotations

import datetime as dt
import functools
import reprlib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ._names import did_you_mean


class _Shown(reprlib.Repr):
    """Values as a YAML writer knows them, bounded in depth, items and characters
    (an input can be huge or self-nested)."""

    def repr_date(self, value: dt.date, level: int) -> str:
        return value.isoformat()

    def repr_time(self, value: dt.time, level: int) -> str:
        return value.isoformat()


_SHOWN = _Shown()
_SHOWN.maxstring = 60
_SHOWN.maxother = 60
_SHOWN.maxlevel = 2


class FieldProblem(ValueError):
    """A model validator's complaint about one field, so the message names that field."""

    def __init__(self, field: str | tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.path = (field,) if isinstance(field, str) else field


def dotted(loc: tuple[Any, ...]) -> str:
    """``("skills", 0, "hours")`` -> ``skills[0].hours``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part) if str(part).isprintable() else repr(part)  # one line per problem
            out += f".{text}" if out else text
    return out or "(top level)"


_NUMBER = "must be a number, e.g. 10 or 7.5"
_DATE = "must be a date written YYYY-MM-DD, e.g. 2027-01-04"
_LIST = "must be a list, e.g. [a, b], or one '- item' per line"
_MAPPING = "must be a mapping: one 'field: value' per line"
_FIXES: dict[str, str] = {
    "missing": "required field is missing; add it",
    "less_than_equal": "must be at most {le}; lower it",
    "less_than": "must be less than {lt}; lower it",
    "greater_than": "must be more than {gt}; raise it",
    "greater_than_equal": "must be at least {ge}; raise it",
    "string_too_short": "must not be empty; fill it in",
    "string_too_long": "is too long (at most {max_length} characters); shorten it",
    "too_short": "needs at least {min_length} item(s); add some",
    "too_long": "has {actual_length} items, over the limit of {max_length}; shorten it",
    "string_type": "must be text; put it in quotes",
    "string_pattern_mismatch": "must use only lowercase letters, digits and hyphens, "
    "e.g. 'data-science'",
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "int_parsing": "must be a whole number, e.g. 3",
    "int_type": "must be a whole number, e.g. 3",
    "int_from_float": "must be a whole number, e.g. 3",
    "finite_number": "must be a finite number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "must be a date without a time, e.g. 2027-01-04",
    "time_parsing": "must be a time written HH:MM, e.g. 18:00",
    "time_type": "must be a time written HH:MM, e.g. 18:00",
    "list_type": _LIST,
    "tuple_type": _LIST,
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "url_parsing": "must be a full web address, e.g. https://example.org/course",
    "url_scheme": "must be a web address starting with http:// or https://",
}


def describe(
    exc: ValidationError,
    source: str,
    prefix: tuple[Any, ...] = (),
    model: type[BaseModel] | None = None,
) -> str:
    """Every error of ``exc`` as ``source: field.path: problem and fix (got value)``.

    ``model`` (the validated class) lets an unknown field suggest a known one.
    """
    lines = []
    errors = exc.errors(include_url=False)
    inner = {err["loc"][:n] for err in errors for n in range(len(err["loc"]))}
    for err in errors:
        if err["type"] == "too_short" and err["loc"] in inner:
            continue  # a list whose items failed is reported by those items
        loc = prefix + tuple(p for p in err["loc"] if not _is_union_tag(p))
        value = err.get("input")
        message = _message(err)
        problem = err.get("ctx", {}).get("error")
        if isinstance(problem, FieldProblem):
            loc += problem.path
            for part in problem.path:
                value = value.get(part) if isinstance(value, dict) else value
        if err["type"] == "extra_forbidden" and model is not None and loc:
            message += did_you_mean(str(loc[-1]), field_names(model))
        got = "" if err["type"] == "missing" else f" (got {_SHOWN.repr(value)})"
        lines.append(f"{source}: {dotted(loc)}: {message}{got}")
    return "\n".join(lines)


def _message(err: Any) -> str:
    kind = err["type"]
    if kind in {"value_error", "assertion_error"} and "error" in err.get("ctx", {}):
        return str(err["ctx"]["error"])
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling."
    if kind == "literal_error":
        return str(err["msg"]).replace("Input should be", "must be one of", 1)
    if kind == "too_long" and err["ctx"].get("actual_length") is None:
        err["ctx"]["actual_length"] = len(err["input"])  # pydantic leaves it out for dicts
    fix = _FIXES.get(kind)
    if fix is None:
        return str(err["msg"])
    try:
        return fix.format(**{k: _plain(v) for k, v in err.get("ctx", {}).items()})
    except (KeyError, IndexError):
        return str(err["msg"])


def _plain(value: Any) -> Any:
    """100.0 -> 100: limits read as people write them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@functools.cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every field name of ``model`` and the models nested in it."""
    names: set[str] = set()
    pending, seen = [model], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(info.alias or name)
            pending.extend(_models_in(info.annotation))
    return frozenset(names)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the member type's name into the location of union errors
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "date"})
