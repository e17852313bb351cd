"""The base of every catalog and plan model: frozen, strict about extra fields,
and light in memory.

Pydantic gives each instance its own set of the field names it was given. A
big plan holds hundreds of thousands of small models, and those sets were
about half of its memory. Instances of one class given the same fields now
share one set; that is safe because a frozen model never adds to it, and
``model_copy`` copies the set before changing it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

_SHARED_FIELD_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}
_EVERY_FIELD: dict[type, set[str]] = {}
"""Per class, the shared set of instances given every field: the common case, found
without building a key."""


class FrozenModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        given = self.__pydantic_fields_set__
        every = _EVERY_FIELD.get(type(self))
        if every is None:
            every = _EVERY_FIELD.setdefault(type(self), set(type(self).__pydantic_fields__))
        if len(given) == len(every):
            shared = every
        else:
            shared = _SHARED_FIELD_SETS.setdefault((type(self), frozenset(given)), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)
