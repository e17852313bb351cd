"""Loading, checking and indexing a catalog folder.

A catalog is a folder of YAML files, each holding any of ``skills``, ``roles``
and ``transitions``. The default catalog ships inside the package; a coach's
folder is laid over it (same id replaces, new id adds). Everything that could
make planning fail later (a dangling reference, a duplicate, a cycle) is found
here, all at once, and reported with the file and items involved.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

import networkx as nx
from pydantic import ValidationError

from . import _catalog_cache as catalog_cache
from . import _limits
from ._catalog_models import (
    CareerActivity,
    CatalogFile,
    Resource,
    ResourceUse,
    Role,
    Skill,
    Transition,
)
from ._collector import collection_paused
from ._names import did_you_mean, name_key
from ._reading import as_path, regular_file
from ._validation import describe
from ._yaml import load_yaml_file
from .errors import CatalogError

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")

DEFAULT_CATALOG_DIR = Path(__file__).parent / "catalog"


@dataclass(frozen=True)
class Catalog:
    """A checked catalog, its name indexes and its skill graph (prerequisite -> skill)."""

    resources: Mapping[str, Resource]
    skills: Mapping[str, Skill]
    roles: Mapping[str, Role]
    transitions: Mapping[tuple[str, str], Transition]
    graph: nx.DiGraph[str] = field(repr=False)
    sources: Mapping[str, str] = field(repr=False)
    """``"skill:ID"`` / ``"role:ID"`` -> the file that defined it."""
    _skill_names: Mapping[str, str] = field(repr=False)
    _role_names: Mapping[str, str] = field(repr=False)

    def find_skill(self, text: str) -> str | None:
        """The id of the skill called ``text`` (id, name or alias), or None."""
        return self._skill_names.get(name_key(text))

    def find_role(self, text: str) -> str | None:
        """The id of the role called ``text`` (id, title or alias), or None."""
        return self._role_names.get(name_key(text))

    def transition(self, from_role: str, to_role: str) -> Transition | None:
        return self.transitions.get((from_role, to_role))

    def offers(self, uses: Iterable[ResourceUse]) -> tuple[Offer, ...]:
        """The resources ``uses`` name, each with the part and hours that item needs."""
        return tuple(Offer.of(self.resources[use.id], use) for use in uses)


class Offer(NamedTuple):
    """A resource as one item uses it: the whole of it, or a named part."""

    resource: Resource
    hours: float
    """The hours of what the item uses (the part's, or the whole resource's)."""
    part: str | None = None

    @classmethod
    def of(cls, resource: Resource, use: ResourceUse) -> Offer:
        if use.part is None or use.hours is None:
            return cls(resource, resource.hours)
        return cls(resource, use.hours, use.part)


def load_catalog(folder: str | Path | None = None, *, replace: bool = False) -> Catalog:
    """The default catalog, with ``folder`` (a coach's own) laid over it.

    With ``replace``, ``folder`` is the whole catalog instead. Cached in the
    process per folder and file modification times, and on disk per file
    contents (``_catalog_cache``), so repeated plans and runs pay for parsing
    and checking the YAML once.
    """
    folders = [] if replace and folder is not None else [DEFAULT_CATALOG_DIR]
    if folder is not None:
        path = as_path(folder, "a catalog", CatalogError)
        if not path.is_dir():
            raise CatalogError(f"{path}: catalog folder not found. Pass a folder of YAML files.")
        folders.append(path.resolve())
    stamps = tuple(_default_stamp() if f == DEFAULT_CATALOG_DIR else _stamp(f) for f in folders)
    with collection_paused():
        return _load_cached(stamps)


@functools.cache
def _default_stamp() -> tuple[Path, tuple[tuple[str, int], ...]]:
    """The packaged catalog does not change while a process runs: list it once."""
    return _stamp(DEFAULT_CATALOG_DIR)


def _stamp(folder: Path) -> tuple[Path, tuple[tuple[str, int], ...]]:
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    return folder, tuple((f.name, _regular_file(f).st_mtime_ns) for f in files)


def _regular_file(path: Path) -> os.stat_result:
    return regular_file(path, CatalogError, "a catalog folder holds YAML files only")


@functools.lru_cache(maxsize=16)
def _load_cached(stamps: tuple[tuple[Path, tuple[tuple[str, int], ...]], ...]) -> Catalog:
    folders = [(folder, [folder / name for name, _ in files]) for folder, files in stamps]
    for folder, files in folders:
        _check_files(folder, files)
    saved = catalog_cache.cache_file(folders)
    try:
        key = catalog_cache.content_key(folders)
    except CatalogError:  # a file cannot be read: parsing reports every such file at once
        saved = None
    if saved is None:
        return _build([_read_folder(folder, files) for folder, files in folders])
    snapshot = catalog_cache.read(saved, key)
    if snapshot is not None:
        with contextlib.suppress(KeyError, CatalogError):  # well-formed, yet not a catalog
            return _from_snapshot(snapshot)
    catalog = _build([_read_folder(folder, files) for folder, files in folders])
    catalog_cache.write(saved, _snapshot(catalog, key))
    return catalog


def _snapshot(catalog: Catalog, key: str) -> catalog_cache.CatalogSnapshot:
    return catalog_cache.CatalogSnapshot(
        key=key,
        resources=tuple(catalog.resources.values()),
        skills=tuple(catalog.skills.values()),
        roles=tuple(catalog.roles.values()),
        transitions=tuple(catalog.transitions.values()),
        sources=dict(catalog.sources),
    )


def _from_snapshot(snapshot: catalog_cache.CatalogSnapshot) -> Catalog:
    """The catalog a snapshot was saved from: the same items, sources, indexes and graph."""
    sources = snapshot.sources
    layer = _Layer(
        resources={r.id: (r, sources[f"resource:{r.id}"]) for r in snapshot.resources},
        skills={s.id: (s, sources[f"skill:{s.id}"]) for s in snapshot.skills},
        roles={r.id: (r, sources[f"role:{r.id}"]) for r in snapshot.roles},
        transitions={
            (t.from_role, t.to_role): (t, sources[f"transition:{t.from_role}->{t.to_role}"])
            for t in snapshot.transitions
        },
    )
    return _build([layer], checked=True)


@dataclass
class _Layer:
    """One folder's items, each with the file it came from."""

    resources: dict[str, tuple[Resource, str]] = field(default_factory=dict)
    skills: dict[str, tuple[Skill, str]] = field(default_factory=dict)
    roles: dict[str, tuple[Role, str]] = field(default_factory=dict)
    transitions: dict[tuple[str, str], tuple[Transition, str]] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    """Duplicate ids found (the first one is kept), reported with the checks."""
    origin: str = "the catalog"
    """Where the items came from (a folder, or the file names given in code)."""


def _check_files(folder: Path, files: list[Path]) -> None:
    if not files:
        raise CatalogError(f"{folder}: no .yaml files in this catalog folder.")
    _check_size(folder, files)


def _read_folder(folder: Path, files: list[Path]) -> _Layer:
    _check_files(folder, files)
    parsed: list[tuple[str, object]] = []
    problems: list[str] = []
    for path in files:
        try:
            parsed.append(
                (str(path), load_yaml_file(path, CatalogError, _limits.CATALOG_FILE_BYTES))
            )
        except CatalogError as exc:  # keep going: report every broken file at once
            problems.append(str(exc))
    if problems:
        raise CatalogError("invalid catalog:\n" + "\n".join(problems))
    return _parse_layer(parsed, str(folder))


def _check_size(folder: Path, files: list[Path]) -> None:
    """Refuse a giant folder before parsing any of it (YAML parses at ~1 MB/s)."""
    if len(files) > _limits.CATALOG_FILES:
        raise CatalogError(
            f"{folder}: {len(files):,} YAML files, over the limit of {_limits.CATALOG_FILES:,}; "
            "check that this is a catalog folder"
        )
    total = sum(_regular_file(f).st_size for f in files)
    if total > _limits.CATALOG_FOLDER_BYTES:
        raise CatalogError(
            f"{folder}: the YAML files add up to {total:,} bytes, over the limit of "
            f"{_limits.CATALOG_FOLDER_BYTES:,}; check that this is a catalog folder"
        )


def catalog_from_data(files: Mapping[str, object]) -> Catalog:
    """A catalog from parsed file contents (name -> data), checked like a folder.

    For catalogs built in code (and for tests).
    """
    with collection_paused():
        return _build([_parse_layer(files.items(), ", ".join(map(str, files)) or "the catalog")])


def _parse_layer(files: Iterable[tuple[str, object]], origin: str) -> _Layer:
    problems: list[str] = []
    layer = _Layer(origin=origin)
    duplicates = layer.duplicates
    for path, data in files:
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(
                f"{path}: expected a mapping with 'resources', 'skills', 'roles' or "
                "'transitions' at the top"
            )
            continue
        try:
            parsed = CatalogFile.model_validate(data)
        except ValidationError as exc:
            problems.append(describe(exc, path, model=CatalogFile))
            continue
        _add(layer.resources, ((r.id, r) for r in parsed.resources), path, "resource", duplicates)
        _add(layer.skills, ((s.id, s) for s in parsed.skills), path, "skill", duplicates)
        _add(layer.roles, ((r.id, r) for r in parsed.roles), path, "role", duplicates)
        _add(
            layer.transitions,
            (((t.from_role, t.to_role), t) for t in parsed.transitions),
            path,
            "transition",
            duplicates,
        )
    if problems:
        raise CatalogError("invalid catalog:\n" + "\n".join(problems))
    return layer


def _add(
    target: dict[_Key, tuple[_Value, str]],
    items: Iterable[tuple[_Key, _Value]],
    path: str,
    what: str,
    problems: list[str],
) -> None:
    for key, item in items:
        if key in target:
            shown = "->".join(key) if isinstance(key, tuple) else key
            problems.append(
                f"{path}: duplicate {what} id {shown!r}, also defined in {target[key][1]}; "
                "rename or remove one of them"
            )
        else:
            target[key] = (item, str(path))


def _build(layers: list[_Layer], checked: bool = False) -> Catalog:
    """The catalog of ``layers``, every reference and name checked unless ``checked``
    says a catalog built from the same items passed those checks already (a cache)."""
    merged = _Layer()
    problems: list[str] = [p for layer in layers for p in layer.duplicates]
    for layer in layers:  # later folders replace earlier items with the same id
        merged.resources.update(layer.resources)
        merged.skills.update(layer.skills)
        merged.roles.update(layer.roles)
        merged.transitions.update(layer.transitions)
    resources = {k: v[0] for k, v in sorted(merged.resources.items())}
    skills = {k: v[0] for k, v in sorted(merged.skills.items())}
    roles = {k: v[0] for k, v in sorted(merged.roles.items())}
    transitions = {k: v[0] for k, v in sorted(merged.transitions.items())}
    sources = {f"resource:{k}": v[1] for k, v in merged.resources.items()}
    sources |= {f"skill:{k}": v[1] for k, v in merged.skills.items()}
    sources |= {f"role:{k}": v[1] for k, v in merged.roles.items()}
    sources |= {f"transition:{k[0]}->{k[1]}": v[1] for k, v in merged.transitions.items()}

    if not skills or not roles:
        missing = " and ".join(w for w, have in (("skills", skills), ("roles", roles)) if not have)
        problems.append(
            f"{', '.join(layer.origin for layer in layers)}: the catalog has no {missing}; "
            "add a 'skills:' and a 'roles:' list (roadmap_engine/catalog/ has examples)"
        )
    skill_names = _name_index(
        ((s.id, [s.id, s.name, *s.aliases]) for s in skills.values()), "skill", sources, problems
    )
    role_names = _name_index(
        ((r.id, [r.id, r.title, *r.aliases]) for r in roles.values()), "role", sources, problems
    )
    graph = _skill_graph(skills, sources, problems, checked)
    if checked:
        return Catalog(
            resources, skills, roles, transitions, graph, sources, skill_names, role_names
        )
    for skill in skills.values():
        where = f"{sources[f'skill:{skill.id}']}: skill {skill.id!r}"
        _check_refs(where, "transfers to role", skill.transfers, roles, problems)
        _check_refs(where, "resource", [u.id for u in skill.resources], resources, problems)
    for role in roles.values():
        _check_role(role, skills, sources[f"role:{role.id}"], problems)
        for act in role.activities:
            where = f"{sources[f'role:{role.id}']}: role {role.id!r}: activity {act.id!r}"
            _check_refs(where, "resource", [u.id for u in act.resources], resources, problems)
    for (src, dst), trans in transitions.items():
        where = f"{sources[f'transition:{src}->{dst}']}: transition {src}->{dst}"
        _check_refs(where, "role", (src, dst), roles, problems)
        _check_refs(where, "transfers skill", trans.transfers, skills, problems)
    if problems:
        raise CatalogError("invalid catalog:\n" + "\n".join(problems))
    return Catalog(resources, skills, roles, transitions, graph, sources, skill_names, role_names)


def _name_index(
    items: Iterable[tuple[str, list[str]]],
    what: str,
    sources: Mapping[str, str],
    problems: list[str],
) -> dict[str, str]:
    index: dict[str, str] = {}
    for item_id, names in items:
        for name in names:
            key = name_key(name)
            other = index.setdefault(key, item_id)
            if other != item_id:
                problems.append(
                    f"{sources[f'{what}:{item_id}']}: {what} {item_id!r}: name or alias {name!r} "
                    f"is also used by {what} {other!r}; names must pick one {what}"
                )
    return index


def _check_refs(
    where: str, what: str, refs: Iterable[str], known: Mapping[str, object], problems: list[str]
) -> None:
    for ref in refs:
        if ref not in known:
            problems.append(f"{where}: unknown {what} {ref!r}.{did_you_mean(ref, known)}")


def _skill_graph(
    skills: Mapping[str, Skill], sources: Mapping[str, str], problems: list[str], checked: bool
) -> nx.DiGraph[str]:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(skills)
    graph.add_edges_from(
        (p, skill.id) for skill in skills.values() for p in skill.prerequisites if p in skills
    )
    if checked:
        return graph
    for skill in skills.values():
        where = f"{sources[f'skill:{skill.id}']}: skill {skill.id!r}"
        _check_refs(where, "prerequisite", skill.prerequisites, skills, problems)
    for cycle in _cycles(graph):
        files = sorted({sources[f"skill:{s}"] for s in cycle})
        problems.append(
            f"{', '.join(files)}: prerequisite cycle "
            + " -> ".join([*cycle, cycle[0]])
            + "; remove one of these prerequisites"
        )
    return graph


def _cycles(graph: nx.DiGraph[str]) -> list[list[str]]:
    """One cycle from each strongly connected part that has one, in node order."""
    found = []
    for part in nx.strongly_connected_components(graph):
        if len(part) == 1:
            (node,) = part
            if not graph.has_edge(node, node):
                continue
        start = min(part)
        edges = nx.find_cycle(graph.subgraph(part), source=start)
        found.append([u for u, _ in edges])
    return sorted(found)


def _check_role(role: Role, skills: Mapping[str, Skill], source: str, problems: list[str]) -> None:
    where = f"{source}: role {role.id!r}"
    phase_ids = [p.id for p in role.phases]
    _duplicates(where, "phase", phase_ids, problems)
    _duplicates(where, "required skill", [r.skill for r in role.requires], problems)
    _duplicates(where, "activity", [a.id for a in role.activities], problems)
    _check_refs(where, "typical skill", role.typical_skills, skills, problems)
    _check_refs(where, "required skill", [r.skill for r in role.requires], skills, problems)
    phases = dict.fromkeys(phase_ids)
    _check_refs(where, "phase", [r.phase for r in role.requires], phases, problems)
    _check_refs(where, "phase", [a.phase for a in role.activities], phases, problems)
    activities = {a.id: a for a in role.activities}
    clashes = sorted(set(activities) & set(skills))
    for clash in clashes:
        problems.append(f"{where}: activity id {clash!r} is also a skill id; rename the activity")
    known = {**dict.fromkeys(skills), **activities}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for act in role.activities:
        _check_refs(
            f"{where}: activity {act.id!r}", "prerequisite", act.prerequisites, known, problems
        )
        graph.add_edges_from((p, act.id) for p in act.prerequisites if p in activities)
    for act in role.activities:
        _check_refs(f"{where}: activity {act.id!r}", "phase", act.also_in, phases, problems)
        _check_later_phases(where, act, phase_ids, problems)
    _check_refs(
        f"{where}: start_now", "item", [a.item for a in role.start_now if a.item], known, problems
    )
    for question in role.faq:
        conditions = (*question.if_planned, *question.unless_planned)
        _check_refs(f"{where}: faq {question.question!r}", "item", conditions, known, problems)
    for cycle in _cycles(graph):
        problems.append(
            f"{where}: activity prerequisite cycle "
            + " -> ".join([*cycle, cycle[0]])
            + "; remove one of these prerequisites"
        )


def _check_later_phases(
    where: str, act: CareerActivity, phase_ids: list[str], problems: list[str]
) -> None:
    """``also_in`` lists phases after the activity's own, each once."""
    if act.phase not in phase_ids:
        return
    own = phase_ids.index(act.phase)
    known = [p for p in act.also_in if p in phase_ids]
    ranks = [phase_ids.index(p) for p in known]
    if any(r <= own for r in ranks) or ranks != sorted(set(ranks)):
        problems.append(
            f"{where}: activity {act.id!r}: also_in {list(act.also_in)} must list phases "
            f"after {act.phase!r}, in order, each once"
        )


def _duplicates(where: str, what: str, ids: list[str], problems: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            problems.append(f"{where}: {what} {item!r} is listed twice; keep one")
        seen.add(item)
