"""Looking up catalog items by what people write: id, name or alias, any case."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s_\-]+")
_LONGEST_NAME = 100


def name_key(text: str) -> str:
    """Fold case and separators: "Machine_Learning-engineer" == "machine learning engineer"."""
    return _SEPARATORS.sub(" ", text.strip().casefold())


def suggest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The closest few of ``choices`` to ``word`` (possibly none)."""
    if len(word) > _LONGEST_NAME:  # nobody misspells a paragraph; difflib is quadratic
        return []
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(name_key(choice), choice)
    close = difflib.get_close_matches(name_key(word), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in close]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ " Did you mean 'x' or 'y'?" or "" when nothing is close."""
    close = suggest(word, choices)
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(c) for c in close) + "?"
