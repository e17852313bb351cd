"""Skill levels, ordered, so that "has" and "needs" can be compared."""

from __future__ import annotations

from typing import Literal

Level = Literal["none", "basic", "intermediate", "advanced", "expert"]

LEVELS: tuple[Level, ...] = ("none", "basic", "intermediate", "advanced", "expert")
_RANK = {name: rank for rank, name in enumerate(LEVELS)}


def rank(level: Level) -> int:
    """0 for ``none`` up to 4 for ``expert``."""
    return _RANK[level]
