"""Stage 3: one deterministic order of all the work, prerequisites first.

The work is the skills still to learn and the target role's career
activities. Each item belongs to a phase; an item needed by something in an
earlier phase is pulled forward into that phase, so phases never wait on
later ones and every phase is one contiguous stretch of the order.
"""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx

from ._catalog import Catalog
from ._gap import Gap

_DEFAULT_IMPORTANCE = 3


class Item(NamedTuple):
    """One piece of work to schedule. A named tuple, not a dataclass: plans of
    many thousand skills make one per skill, and a tuple is made in a fraction
    of a frozen dataclass's time."""

    id: str
    kind: str
    """``skill`` or the career activity's kind."""
    hours: float
    phase: int
    """Index into the target role's phases."""
    importance: int
    prerequisites: tuple[str, ...]
    part: int = 1
    """For ongoing work split over phases: which part this is (1-based)."""
    parts: int = 1

    @property
    def base_id(self) -> str:
        """The catalog id this item comes from (parts share their activity's id)."""
        return self.id.split(":", 1)[0] if self.kind != "review" else self.id


def part_id(activity_id: str, part: int) -> str:
    """The first part keeps the activity's id; later ones add ``:N`` (no catalog id has a colon)."""
    return activity_id if part == 1 else f"{activity_id}:{part}"


def order_work(
    gap: Gap, catalog: Catalog, target_role: str, skip: set[str] | frozenset[str] = frozenset()
) -> list[Item]:
    """The work in order; activities in ``skip`` (exams the budget cannot pay) are left out."""
    role = catalog.roles[target_role]
    phase_rank = {p.id: i for i, p in enumerate(role.phases)}
    graph: nx.DiGraph[str] = nx.DiGraph()
    own_phase: dict[str, int | None] = {}
    importance: dict[str, int | None] = {}
    hours: dict[str, float] = {}
    kind: dict[str, str] = {}

    needs = gap.needs
    graph.add_nodes_from(needs)
    graph.add_edges_from(
        (p, skill_id) for skill_id in needs for p in catalog.skills[skill_id].prerequisites
        if p in needs
    )  # fmt: skip
    for need in needs.values():
        own_phase[need.skill_id] = phase_rank[need.phase] if need.phase else None
        importance[need.skill_id] = need.importance
        hours[need.skill_id] = need.hours
        kind[need.skill_id] = "skill"
    kept = [act for act in role.activities if act.id not in skip]
    activity_ids = {act.id for act in kept}
    part_of: dict[str, tuple[int, int]] = {}
    for act in kept:
        spans = (act.phase, *act.also_in)
        for number, phase_id in enumerate(spans, start=1):
            node = part_id(act.id, number)
            part_of[node] = (number, len(spans))
            graph.add_node(node)
            own_phase[node] = phase_rank[phase_id]
            importance[node] = act.importance
            hours[node] = act.hours / len(spans)
            kind[node] = act.kind
            graph.add_edges_from(
                (p, node) for p in act.prerequisites if p in gap.needs or p in activity_ids
            )

    # Backwards over a topological order: a prerequisite takes the earliest
    # phase and the highest importance of what depends on it.
    last = len(role.phases) - 1
    phase: dict[str, int] = {}
    successors = graph.succ
    for node in reversed(list(nx.topological_sort(graph))):
        after = successors[node]
        mine = own_phase[node]
        phase[node] = min([mine if mine is not None else last, *(phase[s] for s in after)])
        if importance[node] is None:
            succ = [importance[s] or _DEFAULT_IMPORTANCE for s in after]
            importance[node] = max(succ, default=_DEFAULT_IMPORTANCE)

    def key(node: str) -> tuple[int, int, str]:
        return (phase[node], -(importance[node] or _DEFAULT_IMPORTANCE), node)

    predecessors = graph.pred
    return [
        Item(
            node,
            kind[node],
            hours[node],
            phase[node],
            importance[node] or _DEFAULT_IMPORTANCE,
            tuple(sorted(predecessors[node])),
            *part_of.get(node, (1, 1)),
        )
        for node in nx.lexicographical_topological_sort(graph, key=key)
    ]


def with_review_buffer(items: list[Item], share: float, phase_ids: list[str]) -> list[Item]:
    """Each phase followed by a review item of ``share`` of the phase's hours."""
    if share <= 0:
        return items
    out: list[Item] = []
    for index, item in enumerate(items):
        out.append(item)
        last_of_phase = index + 1 == len(items) or items[index + 1].phase != item.phase
        if last_of_phase:
            phase_hours = sum(i.hours for i in items if i.phase == item.phase)
            out.append(
                Item(
                    id=f"review:{phase_ids[item.phase]}",
                    kind="review",
                    hours=phase_hours * share,
                    phase=item.phase,
                    importance=1,
                    prerequisites=(),
                )
            )
    return out
