"""The docstrings written under a model's fields, read from its source on demand.

They document the profile for `roadmap init` and `roadmap schema`. Pydantic can
read them itself when each model class is built (``use_attribute_docstrings``),
but that parses the source on every import, about 70 ms of every cold plan
run; only those two commands need them, so they read them here instead.
"""

from __future__ import annotations

import ast
import functools
import inspect
from typing import Any

from pydantic import BaseModel


@functools.cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the string literal right under its annotation in ``model``."""
    tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(model)))
    (cls,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    docs: dict[str, str] = {}
    for field, after in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def describe_schema(schema: dict[str, Any], models: dict[str, type[BaseModel]]) -> None:
    """Give each property of ``schema`` (the root model's ``models[""]``, and each
    ``$defs`` entry named in ``models``) its field's docstring as ``description``."""
    for name, model in models.items():
        part = schema if name == "" else schema["$defs"][name]
        properties: dict[str, dict[str, Any]] = part["properties"]
        for field, doc in field_docs(model).items():
            if field in properties:
                properties[field] = dict(sorted({**properties[field], "description": doc}.items()))
