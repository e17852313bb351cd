"""Skill levels, ordered, so that "has" and "needs" can be compared."""

from __future__ import annotations

from typing import Literal

Level = Literal["none", "basic", "intermediate", "advanced", "expert"]

LEVELS: tuple[Level, ...] = ("none", "basic", "intermediate", "advanced", "expert")
_RANK = {name: rank for rank, name in enumerate(LEVELS)}


def rank(level: Level) -> int:
    """0 for ``none`` up to 4 for ``expert``."""
    return _RANK[level]


def remaining_share(have: Level, need: Level) -> float:
    """Share of a skill's hours still to learn going from ``have`` to ``need``.

    A skill's catalog hours take a beginner to the level a role asks for; each
    level already reached removes an equal part of them.
    """
    need_rank = rank(need)
    if need_rank == 0:
        return 0.0
    return max(0, need_rank - rank(have)) / need_rank
