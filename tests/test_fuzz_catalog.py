"""Arbitrary catalogs, valid or broken: a Catalog, or a RoadmapError naming the file.

Small valid catalogs are generated, then broken by a random choice of faults
(a missing field, a wrong type, an absurd number, an unknown key, a dangling
reference, a duplicate, a cycle, a bad id, a whole file replaced...). When a
catalog still loads, plans made from it keep every invariant and render in
every format. Raw YAML-ish text is thrown at ``load_catalog`` as well.
Nothing but a RoadmapError may escape: any other exception is a bug.

``ROADMAP_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_catalog.py`` runs every
test here with that many examples, for a longer hunt; ``ROADMAP_FUZZ_NO_SHRINK=1``
reports failures as found, without minimising them (shrinking these nested
catalogs can take minutes).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import icalendar
import yaml
from conftest import assumed_level, profile, req, resource, role, skill, write_tree
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st

from roadmap_engine import (
    FORMATS,
    Catalog,
    CatalogError,
    Plan,
    RoadmapError,
    generate_plan,
    load_catalog,
    render,
)
from roadmap_engine._calendar import build_calendar
from roadmap_engine._catalog import DEFAULT_CATALOG_DIR, catalog_from_data
from roadmap_engine._gap import PREREQUISITE_LEVEL
from roadmap_engine._levels import LEVELS, rank
from roadmap_engine._plan import REVIEW_TITLE
from roadmap_engine.inputs.profile import WEEKDAYS, load_profile

_LONG_HUNT = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "0"))
_NO_SHRINK = bool(os.environ.get("ROADMAP_FUZZ_NO_SHRINK"))


def budget(examples: int) -> settings:
    return settings(
        max_examples=_LONG_HUNT or examples,
        deadline=None,
        phases=[p for p in Phase if p != Phase.shrink or not _NO_SHRINK],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


TOLERANCE = 1e-6

# ---------------------------------------------------------------------------
# Valid catalogs
# ---------------------------------------------------------------------------

text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=25)
"""Any text a YAML file can hold (no lone surrogates), control characters included."""
rare = st.integers(0, 7).map(lambda k: k == 0)
CLASHING_IDS = ["review-p0", "review-p1"]
"""Valid ids that the planner also gives the review item it adds at the end of a phase."""
hours = st.one_of(
    st.floats(0.5, 60).map(lambda h: round(h, 2)),
    st.sampled_from([1e-300, 1e-12, 1e-9, 0.01, 0.25, 1999.99, 2000]),
)


def prose(draw, default: str) -> str:
    """Mostly plain words; sometimes arbitrary text, to test the documents' escaping."""
    return draw(text) if draw(rare) else default


@st.composite
def resources(draw) -> dict:
    res = resource(
        prose(draw, "A book"),
        draw(st.sampled_from(["free", "free-to-audit", "paid", "subscription", "exam"])),
        draw(st.one_of(st.floats(0.1, 200).map(lambda h: round(h, 1)), st.just(1000))),
    )
    res["kind"] = draw(
        st.sampled_from(["course", "book", "docs", "project", "certification", "practice"])
    )
    if res["cost"] != "free" and draw(st.booleans()):
        res["price_usd"] = draw(st.one_of(st.none(), st.floats(0, 5000).map(lambda p: round(p, 2))))
    if draw(st.booleans()):
        res["url"] = draw(
            st.sampled_from(
                [
                    "https://example.org/book",
                    "http://example.com/a?b=c&d=<e>#f",
                    "https://例え.jp/パス",
                    'https://example.org/"quoted"\'',
                ]
            )
        )
    return res


@st.composite
def catalogs(draw) -> dict[str, Any]:
    """A valid catalog as file name -> parsed data: acyclic skills, 2+ roles, transitions.

    Ids like ``review-p0`` appear now and then: the review items the planner
    adds at the end of each phase are called that too.
    """
    n = draw(st.integers(1, 6))
    ids = [f"s{i}" for i in range(n)]
    if CLASHING_IDS and draw(rare):
        ids[-1] = draw(st.sampled_from(CLASHING_IDS))
    n_roles = draw(st.integers(2, 3))
    role_ids = [f"r{k}" for k in range(n_roles)]
    skills = []
    registry: list[dict] = []

    def define(res: dict) -> str:
        res["id"] = f"res-{len(registry)}"
        registry.append(res)
        return res["id"]

    for i, sid in enumerate(ids):
        extra: dict[str, Any] = {}
        if draw(rare):
            extra["aliases"] = [f"{sid} alias", draw(text)]
        if draw(st.booleans()):
            extra["transfers"] = {
                r: prose(draw, f"{sid} in {r}.")
                for r in draw(st.sets(st.sampled_from(role_ids), max_size=2))
            }
        data = skill(
            sid,
            draw(hours),
            tuple(sorted(draw(st.sets(st.sampled_from(ids[:i]))))) if i else (),
            **extra,
        )
        data["name"] = f"Skill {i} {prose(draw, '')}".strip()
        data["summary"] = prose(draw, data["summary"])
        data["resources"] = [define(r) for r in draw(st.lists(resources(), min_size=1, max_size=2))]
        skills.append(data)

    roles = []
    for k, rid in enumerate(role_ids):
        phases = tuple(f"p{j}" for j in range(draw(st.integers(1, 3))))
        required = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n, unique=True))
        requires = []
        for sid in required:
            r = req(
                sid,
                draw(st.sampled_from(LEVELS)),
                draw(st.integers(1, 5)),
                draw(st.sampled_from(phases)),
            )
            if draw(st.booleans()):
                r["focus"] = prose(draw, f"Focus on {sid}.")
            requires.append(r)
        activities: list[dict] = []
        for a in range(draw(st.integers(0, 2))):
            earlier = [x["id"] for x in activities]
            aid = f"act{a}"
            free = [x for x in CLASHING_IDS if x not in ids + earlier]
            if free and draw(rare):
                aid = draw(st.sampled_from(free))
            activities.append(
                {
                    "id": aid,
                    "title": prose(draw, f"Activity {a}"),
                    "kind": draw(
                        st.sampled_from(
                            [
                                "project",
                                "portfolio",
                                "networking",
                                "certification",
                                "interview",
                                "job-search",
                            ]
                        )
                    ),
                    "hours": draw(hours.filter(lambda h: h <= 1000)),
                    "phase": draw(st.sampled_from(phases)),
                    "importance": draw(st.integers(1, 5)),
                    "prerequisites": sorted(draw(st.sets(st.sampled_from(ids + earlier)))),
                    "detail": prose(draw, "Do it."),
                    "milestone": draw(st.booleans()),
                }
            )
            own = activities[-1]
            later = phases[phases.index(own["phase"]) + 1 :]
            if later and draw(rare):  # ongoing work split over later phases too
                own["also_in"] = later
            if draw(rare):  # an exam with a fee, which a budget may leave out
                own["resources"] = [
                    define(
                        {
                            "title": f"Exam {a}",
                            "provider": "Example Board",
                            "kind": "certification",
                            "cost": "exam",
                            "price_usd": draw(st.sampled_from([0.0, 50.0, 500.0])),
                            "hours": 1.0,
                        }
                    )
                ]
        extra = {}
        if activities:
            extra["activities"] = activities
        if draw(st.booleans()):
            extra["typical_skills"] = draw(
                st.dictionaries(st.sampled_from(ids), st.sampled_from(LEVELS), max_size=n)
            )
        if draw(st.booleans()):
            extra["aliases"] = [f"{rid} alias"]
        if draw(rare):
            tie = draw(
                st.sampled_from([r["skill"] for r in requires] + [x["id"] for x in activities])
            )
            extra["start_now"] = [
                {"do": draw(text), "window": "this_week"},
                {"do": prose(draw, "Call someone."), "window": "this_month"},
                {"do": prose(draw, "Begin."), "for": tie},
            ]
        if draw(rare):
            extra["background"] = draw(st.sampled_from(["engineering", "outside-tech"]))
            extra["from_background"] = {"engineering": prose(draw, "From engineering.")}
        data = role(rid, requires, phases, **extra)
        data["title"] = f"Role {k} {prose(draw, '')}".strip()
        data["overview"] = [prose(draw, f"Why {rid}.")]
        for p in data["phases"]:
            p["title"] = prose(draw, p["title"])
        roles.append(data)

    transitions = []
    for src, dst in draw(
        st.lists(st.permutations(role_ids).map(lambda p: tuple(p[:2])), max_size=2, unique=True)
    ):
        trans: dict[str, Any] = {"from": src, "to": dst}
        if draw(st.booleans()):
            trans["overview"] = [prose(draw, f"From {src} to {dst}.")]
        if draw(st.booleans()):
            trans["transfers"] = {
                s: prose(draw, "It carries.")
                for s in draw(st.sets(st.sampled_from(ids), max_size=2))
            }
        if draw(st.booleans()):
            trans["faq"] = [{"question": prose(draw, "Why?"), "answer": "Because."}]
        transitions.append(trans)

    layout = draw(st.sampled_from(["split", "one", "spread"]))
    if layout == "one":
        files: dict[str, Any] = {"catalog.yaml": {"skills": skills, "roles": roles}}
        if transitions:
            files["catalog.yaml"]["transitions"] = transitions
    elif layout == "split":
        files = {"skills.yaml": {"skills": skills}, "roles.yaml": {"roles": roles}}
        if transitions:
            files["transitions.yaml"] = {"transitions": transitions}
    else:  # items spread over several files, plus an empty one
        cut = draw(st.integers(0, len(skills)))
        files = {
            "skills-a.yaml": {"skills": skills[:cut]},
            "skills-b.yaml": {"skills": skills[cut:], "transitions": transitions},
            "roles-a.yaml": {"roles": roles[:1]},
            "roles-b.yaml": {"roles": roles[1:]},
            "empty.yaml": None,
        }
    files["resources.yaml"] = {"resources": registry}
    return files


# ---------------------------------------------------------------------------
# Faults
# ---------------------------------------------------------------------------

BAD_NUMBERS = [
    -1,
    0,
    -0.0,
    5e-324,
    0.5,
    6,
    1000.5,
    2001,
    10**30,
    1e308,
    math.inf,
    -math.inf,
    math.nan,
]
WHOLE_FILES: list[object] = [
    None,
    0,
    "skills",
    [],
    [1, 2],
    True,
    {},
    {"skills": None},
    {"skills": {}},
    {"skills": "x"},
    {"roles": [None]},
    {"transitions": [[]]},
    ["skills", "roles"],
]
"""What a whole file may be instead of a mapping of lists."""


class Deep:
    """A value nested ``depth`` levels deep, kept folded so that a failing example
    stays printable; ``unfold`` builds it just before the engine sees the data."""

    def __init__(self, depth: int, shape: str) -> None:
        self.depth, self.shape = depth, shape

    def __repr__(self) -> str:
        return f"Deep({self.depth}, {self.shape!r})"

    def build(self) -> Any:
        value: Any = "x"
        for level in range(self.depth):
            value = {"a": value} if self.shape[level % len(self.shape)] == "m" else [value]
        return value


def unfold(node: Any) -> Any:
    """A deep copy of ``node`` with every Deep marker built."""
    if isinstance(node, Deep):
        return node.build()
    if isinstance(node, dict):
        return {k: unfold(v) for k, v in node.items()}
    if isinstance(node, list):
        return [unfold(v) for v in node]
    return node


junk = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        text,
        st.dates(),
        st.binary(max_size=4),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(text, st.integers()), inner, max_size=3),
    ),
    max_leaves=8,
)
"""Values YAML can produce (dates and !!binary bytes included), nested a little."""


def _places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) below ``node``, containers before their contents."""
    found = []
    stack = [node]
    while stack:
        here = stack.pop()
        pairs = here.items() if isinstance(here, dict) else enumerate(here)
        for key, value in pairs:
            found.append((here, key))
            if isinstance(value, dict | list):
                stack.append(value)
    return found


def _dicts(files: dict) -> list[dict]:
    return [c[k] for c, k in _places(files) if isinstance(c[k], dict)]


def _items(files: dict, section: str) -> list[dict]:
    """The items of a section (``skills``, ``roles``, ``transitions``) still shaped like items."""
    return [
        item
        for data in files.values()
        if isinstance(data, dict) and isinstance(data.get(section), list)
        for item in data[section]
        if isinstance(item, dict)
    ]


def _role_parts(files: dict, part: str) -> list[dict]:
    return [
        x
        for r in _items(files, "roles")
        if isinstance(r.get(part), list)
        for x in r[part]
        if isinstance(x, dict)
    ]


def drop_field(draw, files):
    holders = [d for d in _dicts(files) if d]
    if holders:
        holder = draw(st.sampled_from(holders))
        del holder[draw(st.sampled_from(sorted(holder, key=repr)))]


def wrong_type(draw, files):
    places = [(c, k) for c, k in _places(files) if isinstance(c, dict)]
    if places:
        holder, key = draw(st.sampled_from(places))
        holder[key] = draw(
            st.sampled_from(["ten", ["x", "y"], [], None, {}, {"a": 1}, True, 3.5, -7, "", "  "])
        )


def bad_number(draw, files):
    numbers = [
        (c, k)
        for c, k in _places(files)
        if isinstance(c[k], int | float) and not isinstance(c[k], bool)
    ]
    if numbers:
        holder, key = draw(st.sampled_from(numbers))
        holder[key] = draw(st.sampled_from(BAD_NUMBERS))


def unknown_key(draw, files):
    holders = _dicts(files) + [d for d in files.values() if isinstance(d, dict)]
    if holders:
        holder = draw(st.sampled_from(holders))
        key = draw(st.sampled_from(["colour", "Hours", "id ", "", 7, None, "str", "[0]", "a\nb"]))
        holder[key] = "x"


def dangling(draw, files):
    choice = draw(st.integers(0, 6))
    skills, roles = _items(files, "skills"), _items(files, "roles")
    ghost = draw(st.sampled_from(["ghost", "s9", "r9", "s0x"]))
    if choice == 0 and skills:
        draw(st.sampled_from(skills)).setdefault("prerequisites", []).append(ghost)
    elif choice == 1 and roles:
        draw(st.sampled_from(roles)).setdefault("requires", []).append(req(ghost, phase="p0"))
    elif choice == 2 and roles:
        draw(st.sampled_from(roles)).setdefault("typical_skills", {})[ghost] = "basic"
    elif choice == 3 and _role_parts(files, "activities"):
        act = draw(st.sampled_from(_role_parts(files, "activities")))
        act.setdefault("prerequisites", []).append(ghost)
    elif choice == 4 and _items(files, "transitions"):
        draw(st.sampled_from(_items(files, "transitions")))[
            draw(st.sampled_from(["from", "to"]))
        ] = ghost
    elif choice == 5 and skills:
        draw(st.sampled_from(skills)).setdefault("transfers", {})[ghost] = "It carries."
    elif choice == 6 and _items(files, "transitions"):
        draw(st.sampled_from(_items(files, "transitions"))).setdefault("transfers", {})[ghost] = "x"


def duplicate(draw, files):
    choice = draw(st.integers(0, 5))
    sections = [
        (data, section)
        for data in files.values()
        if isinstance(data, dict)
        for section in ("skills", "roles", "transitions")
        if isinstance(data.get(section), list) and data[section]
    ]
    if choice <= 1 and sections:  # the same item twice, in its own file or another
        data, section = draw(st.sampled_from(sections))
        copied = copy.deepcopy(draw(st.sampled_from(data[section])))
        target = data if choice == 0 else draw(st.sampled_from([d for d, _ in sections]))
        target.setdefault(section, []).append(copied)
    elif choice == 2:  # a phase, requirement or activity listed twice in a role
        parts = [
            r[part]
            for r in _items(files, "roles")
            for part in ("phases", "requires", "activities")
            if isinstance(r.get(part), list) and r[part]
        ]
        if parts:
            listed = draw(st.sampled_from(parts))
            listed.append(copy.deepcopy(draw(st.sampled_from(listed))))
    elif choice == 3:  # a name or alias that picks two skills (or two roles)
        for section, name in (("skills", "name"), ("roles", "title")):
            items = [i for i in _items(files, section) if isinstance(i.get(name), str)]
            if len(items) >= 2:
                first, second = draw(st.permutations(items))[:2]
                second.setdefault("aliases", []).append(first[name].upper())
    elif choice == 4:  # an activity called like a skill
        acts, skills = _role_parts(files, "activities"), _items(files, "skills")
        if acts and skills:
            draw(st.sampled_from(acts))["id"] = draw(st.sampled_from(skills)).get("id")
    else:  # a transition from a role to itself
        for trans in _items(files, "transitions"):
            trans["to"] = trans.get("from")


def cycle(draw, files):
    skills = {str(s["id"]): s for s in _items(files, "skills") if isinstance(s.get("id"), str)}
    choice = draw(st.integers(0, 2))
    with_prereqs = [
        s
        for s in skills.values()
        if isinstance(s.get("prerequisites"), list) and s["prerequisites"]
    ]
    if choice == 0 and with_prereqs:  # an edge back along an existing one
        later = draw(st.sampled_from(with_prereqs))
        earlier = skills.get(draw(st.sampled_from(later["prerequisites"])))
        if isinstance(earlier, dict):
            earlier.setdefault("prerequisites", []).append(later["id"])
    elif choice == 1 and skills:  # a skill its own prerequisite
        target = draw(st.sampled_from(sorted(skills)))
        skills[target].setdefault("prerequisites", []).append(target)
    else:  # two activities waiting for each other
        for r in _items(files, "roles"):
            acts = [a for a in r.get("activities") or [] if isinstance(a, dict)]
            if len(acts) >= 2:
                acts[0].setdefault("prerequisites", []).append(acts[1].get("id"))
                acts[1].setdefault("prerequisites", []).append(acts[0].get("id"))


def bad_id(draw, files):
    places = [
        (c, k)
        for c, k in _places(files)
        if k in ("id", "skill", "phase", "from", "to", "category") and isinstance(c, dict)
    ]
    if places:
        holder, key = draw(st.sampled_from(places))
        holder[key] = draw(
            st.sampled_from(["Bad Id", "", "-lead", "a" * 81, "ünï", "x_y", 12, "UPPER", "a\nb"])
        )


def empty_list(draw, files):
    places = [
        (c, k)
        for c, k in _places(files)
        if k in ("resources", "overview", "faq", "requires", "phases", "love", "skills", "roles")
        and isinstance(c, dict)
    ]
    if places:
        holder, key = draw(st.sampled_from(places))
        holder[key] = []


def unknown_phase(draw, files):
    parts = _role_parts(files, "requires") + _role_parts(files, "activities")
    if parts:
        draw(st.sampled_from(parts))["phase"] = draw(st.sampled_from(["nowhere", "p7", "P0"]))


def whole_file(draw, files):
    name = draw(st.sampled_from(sorted(files)))
    files[name] = copy.deepcopy(draw(st.sampled_from(WHOLE_FILES)))  # later faults edit it


def replace_with_junk(draw, files):
    places = _places(files)
    if places:
        holder, key = draw(st.sampled_from(places))
        holder[key] = draw(junk)


def nest_deeply(draw, files):
    """A value nested as deep as YAML allows (its parser stops at 1000 levels)."""
    places = _places(files)
    if places:
        holder, key = draw(st.sampled_from(places))
        depth = draw(st.sampled_from([20, 300, 900, 990]))
        holder[key] = Deep(depth, draw(st.sampled_from(["m", "l", "ml"])))


def odd_text(draw, files):
    places = [(c, k) for c, k in _places(files) if isinstance(c[k], str)]
    if places:
        holder, key = draw(st.sampled_from(places))
        holder[key] = draw(st.one_of(st.sampled_from(["", " ", "\n", "x" * 2001, "guru"]), text))


FAULTS = [
    drop_field,
    wrong_type,
    bad_number,
    unknown_key,
    dangling,
    duplicate,
    cycle,
    bad_id,
    empty_list,
    unknown_phase,
    whole_file,
    replace_with_junk,
    nest_deeply,
    odd_text,
]


@st.composite
def broken_catalogs(draw) -> dict[str, Any]:
    """A valid catalog with up to three faults planted (often none or one)."""
    files = draw(catalogs())
    for fault in draw(st.lists(st.sampled_from(FAULTS), max_size=3)):
        fault(draw, files)
    return files


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def assert_names_files(exc: RoadmapError, prefixes: tuple[str, ...]) -> None:
    """The message is not empty and each problem starts with the file (or files) at fault.

    Problems are one a line; a problem may go on over indented lines (PyYAML's
    own messages do).
    """
    message = str(exc)
    assert message.strip()
    lines = message.split("\n")
    if lines[0] == "invalid catalog:":
        lines = lines[1:]
    assert lines, message
    for line in lines:
        if line[:1].isspace():
            continue
        assert line.startswith(prefixes), f"{line!r} names no file of {prefixes}:\n{message}"


def load_or_explain(files: dict[str, Any]) -> Catalog | None:
    try:
        catalog = catalog_from_data(unfold(files))
    except RoadmapError as exc:
        assert isinstance(exc, CatalogError)
        assert_names_files(exc, tuple(files))
        return None
    assert catalog.skills and catalog.roles
    return catalog


def check_plan(plan: Plan, person: dict, catalog: Catalog) -> None:
    """Every invariant a plan keeps, whatever catalog it came from."""
    model, _ = load_profile(person)
    calendar = build_calendar(model)
    target = catalog.roles[plan.target_role.id]
    activities = [a for p in plan.phases for a in p.activities]
    ids = [a.id for a in activities]
    by_id = {a.id: a for a in activities}

    # each piece of work appears once, and is a skill, a career activity or a review
    assert len(ids) == len(set(ids)), f"an activity id appears twice: {ids}"
    career = {a.id for a in target.activities}
    left_out = {x.title for x in plan.money.left_out}
    for a in activities:
        if a.kind == "skill":
            assert a.id in catalog.skills
        elif a.kind == "review":
            assert a.title.startswith(REVIEW_TITLE)
        else:  # ongoing work is split into parts "id", "id:2", ...
            assert a.id.split(":")[0] in career
    bases = {i.split(":")[0] for i in ids}
    kept = {a.id for a in target.activities if a.title not in left_out}
    assert kept <= bases

    # prerequisites first: nothing starts before what it depends on has ended
    for a in activities:
        assert plan.start <= a.start <= a.end <= plan.end
        for pre in a.prerequisites:
            assert by_id[pre].end <= a.start

    # no date gets more hours than it has; days off get none
    per_day: dict[dt.date, float] = defaultdict(float)
    per_activity: dict[str, float] = defaultdict(float)
    for s in plan.sessions:
        assert s.hours > 0 and s.activity_id in by_id
        assert by_id[s.activity_id].start <= s.date <= by_id[s.activity_id].end
        per_day[s.date] += s.hours
        per_activity[s.activity_id] += s.hours
    for day, used in per_day.items():
        assert used <= calendar.hours_on(day) + TOLERANCE
        assert day.toordinal() not in calendar.off

    # hours are conserved: what the work needs is what the sessions hold
    slack = TOLERANCE * max(1.0, plan.total_hours)
    assert abs(sum(per_day.values()) - plan.total_hours) <= slack * len(activities)
    assert abs(sum(a.hours for a in activities) - plan.total_hours) <= slack
    for a in activities:
        assert abs(per_activity[a.id] - a.hours) <= slack

    # what is already held well enough is skipped; the rest of the target's needs is planned
    stated = {}
    for name, level in person.get("skills", {}).items():
        found = catalog.find_skill(name)
        assert found is not None
        stated[found] = level
    levels = {
        s: assumed_level(catalog, s, level, stated)
        for s, level in catalog.roles[plan.current_role.id].typical_skills.items()
    }
    levels.update(stated)
    required = {r.skill: r.level for r in target.requires}
    for r in target.requires:
        if rank(levels.get(r.skill, "none")) < rank(r.level):
            assert by_id[r.skill].level_to == r.level
    for learn in plan.skills_to_learn:
        assert rank(levels.get(learn.skill_id, "none")) < rank(learn.level_to)
        assert learn.skill_id in by_id
    for skip in plan.skipped:
        assert skip.skill_id not in by_id
    # a planned skill's catalog prerequisites are planned before it, or already held
    for a in activities:
        if a.kind != "skill":
            continue
        for pre in catalog.skills[a.id].prerequisites:
            if pre in by_id:
                assert by_id[pre].end <= a.start
            else:  # held at the level the target asks for it, or the prerequisite level
                needed = required.get(pre, PREREQUISITE_LEVEL)
                assert rank(levels.get(pre, "none")) >= rank(needed)

    # phases follow the role's order, one after another
    order = [p.id for p in target.phases]
    positions = [order.index(p.id) for p in plan.phases]
    assert positions == sorted(set(positions))
    for before, after in zip(plan.phases, plan.phases[1:], strict=False):
        assert before.end <= after.start
    assert plan.start == model.start_date and plan.end == max(a.end for a in activities)

    # more weekly hours never end later
    ends = [w.end or dt.date.max for w in plan.what_if]
    assert ends == sorted(ends, reverse=True)


@st.composite
def people(draw, catalog: Catalog) -> dict:
    """A mostly valid profile moving between two roles of ``catalog``."""
    role_ids = sorted(catalog.roles)
    current, target = draw(st.permutations(role_ids))[:2] if len(role_ids) > 1 else role_ids * 2

    def called(role_id: str) -> str:  # by id, title or alias
        r = catalog.roles[role_id]
        return draw(st.sampled_from([role_id, r.title, *r.aliases]))

    start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2035, 12, 31)))
    person = profile(
        current_role=called(current),
        target_role=called(target),
        start_date=start.isoformat(),
        weekly_hours=draw(st.sampled_from([0.5, 3, 10, 37.5, 100])),
        review_buffer=draw(st.sampled_from([0, 0, 0.1, 0.5])),
    )
    if draw(st.booleans()):
        del person["weekly_hours"]
        day_hours = draw(st.lists(st.sampled_from([0, 0.25, 1, 8, 24]), min_size=7, max_size=7))
        person["hours_per_weekday"] = dict(zip(WEEKDAYS, day_hours, strict=True))
    skills = sorted(catalog.skills)
    person["skills"] = draw(
        st.dictionaries(st.sampled_from(skills), st.sampled_from(LEVELS), max_size=len(skills))
    )
    if draw(st.booleans()):
        person["deadline"] = (start + dt.timedelta(days=draw(st.integers(0, 900)))).isoformat()
    if draw(st.booleans()):
        first = start + dt.timedelta(days=draw(st.integers(-10, 200)))
        last = first + dt.timedelta(days=draw(st.integers(0, 60)))
        person["time_off"] = [{"start": first.isoformat(), "end": last.isoformat()}]
    if draw(st.booleans()):
        person["locale"] = draw(st.sampled_from(["en_GB", "de_DE", "ja_JP"]))
    return person


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


@budget(80)
@given(catalogs(), st.data())
def test_valid_catalogs_load_and_plan(files, data):
    try:
        catalog = catalog_from_data(files)
    except CatalogError as exc:
        # the generator cannot cheaply rule out arbitrary text folding to another name
        problems = str(exc).split("\n")[1:]
        assert problems and all("names must pick one" in p for p in problems), str(exc)
        return
    plan_and_render(catalog, data)


def plan_and_render(catalog: Catalog, data: st.DataObject) -> None:
    person = data.draw(people(catalog), label="profile")
    try:
        plan = generate_plan(person, catalog=catalog)
    except RoadmapError as exc:
        assert str(exc).strip()
        return
    check_plan(plan, person, catalog)
    documents = {fmt: render(plan, fmt) for fmt in FORMATS if fmt != "pdf"}  # text ones
    assert all(doc.strip() for doc in documents.values())
    # JSON rounds hours to under a second; reading it back gives the same JSON
    assert render(Plan.model_validate_json(documents["json"]), "json") == documents["json"]
    # the calendar reads back: one event per session, phase and milestone, texts intact
    calendar = icalendar.Calendar.from_ical(documents["ics"])
    events = calendar.walk("VEVENT")
    assert len(events) == len(plan.sessions) + len(plan.phases) + len(
        plan.milestones
    ) + all_day_extras(plan)
    # the name in X-WR-CALNAME is escaped TEXT; the parser reads an X- property raw,
    # so only check that it survived as one property (a raw newline would break it)
    assert str(calendar["X-WR-CALNAME"]).strip()
    assert documents["ics"].count("\nX-WR-CALNAME:") == 1
    phases = {str(e["SUMMARY"]) for e in events}
    assert all(as_in_ics(f"Phase {p.number}: {p.title}") in phases for p in plan.phases)


def all_day_extras(plan):
    """The deadline and each time-off span are all-day events too."""
    return (plan.deadline is not None) + len(plan.time_off)


def as_in_ics(value: str) -> str:
    """An event's text as the calendar gives it back: it has one kind of line break."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


@budget(160)
@given(broken_catalogs(), st.data())
def test_broken_catalogs_are_refused_naming_the_file_or_plan_soundly(files, data):
    catalog = load_or_explain(files)
    if catalog is not None:
        plan_and_render(catalog, data)


@budget(40)
@given(broken_catalogs())
def test_a_folder_holds_what_the_same_data_holds(files):
    """``catalog_from_data`` checks like a folder: the same files give the same verdict."""
    try:
        from_data: Catalog | None = catalog_from_data(unfold(files))
    except CatalogError:
        from_data = None
    try:  # PyYAML writes recursively: the deepest values cannot be written out
        texts = {name: yaml.safe_dump(data) for name, data in unfold(files).items()}
    except RecursionError:
        reject()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tree(Path(tmp) / "catalog", texts)
        try:
            from_folder: Catalog | None = load_catalog(folder, replace=True)
        except CatalogError as exc:
            assert_names_files(exc, (str(folder.resolve()),))
            from_folder = None
    assert (from_data is None) == (from_folder is None)
    if from_data is not None and from_folder is not None:
        assert from_data.skills == from_folder.skills
        assert from_data.roles == from_folder.roles
        assert from_data.transitions == from_folder.transitions


TAGS = [
    "!!binary aGk=",
    "!!binary '!!'",
    "!!set {a, b}",
    "!!timestamp 2020-01-01",
    "!!str 10",
    "!!float 1e999",
    "!!int x",
    "!!int ''",
    "!!float x",
    "!!bool maybe",
    "!!timestamp x",
    "!!timestamp 2020-13-45",
]
"""Explicitly tagged scalars, well-formed and not."""
SNIPPETS = [
    "skills:",
    "roles:",
    "transitions:",
    "\n- id: s0",
    "\n  - id: x\n    hours: 10",
    "\n    name: N",
    "hours: ten",
    "hours: -1",
    "hours: .inf",
    "prerequisites: [s0, s0]",
    "\n",
    "\t",
    "  ",
    ": ",
    "- ",
    "&a ",
    "*a",
    "*b",
    "<<: *a",
    "&a [*a]",
    "!!python/object:os.system",
    "!!python/object/apply:os.system ['true']",
    *(f"{tag} " for tag in TAGS),
    "!custom",
    "[",
    "]",
    "{",
    "}",
    "? ",
    "---",
    "...",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "'",
    '"',
    "|",
    ">-",
    "# comment",
    "~",
    "null",
    "2027-01-04",
    "0x1F",
    "1e999",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "\r\n",
    "\\u0000",
]


def alias_bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for k in range(1, levels + 1):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
    lines.append(f"skills: *a{levels}")
    return "\n".join(lines) + "\n"


yamlish = st.lists(st.one_of(st.sampled_from(SNIPPETS), text), max_size=16).map("".join)


@st.composite
def damaged_dumps(draw) -> str:
    """A valid catalog file's YAML, then cut short, spliced with junk or a line dropped."""
    files = draw(catalogs())
    data = draw(st.sampled_from([d for d in files.values() if d is not None]))
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=draw(st.booleans()))
    at = draw(st.integers(0, len(dumped)))
    how = draw(st.sampled_from(["cut", "splice", "drop-line", "indent", "as-is"]))
    if how == "cut":
        return dumped[:at]
    if how == "splice":
        return dumped[:at] + draw(yamlish) + dumped[at:]
    lines = dumped.splitlines(keepends=True)
    k = draw(st.integers(0, len(lines) - 1))
    if how == "drop-line":
        del lines[k]
    elif how == "indent":
        lines[k] = draw(st.sampled_from([" ", "\t", "  - "])) + lines[k]
    return "".join(lines)


contents = st.one_of(
    yamlish,
    damaged_dumps(),
    st.integers(1, 8).map(alias_bomb),
    st.tuples(st.sampled_from(["id", "hours", "name", "aliases"]), st.sampled_from(TAGS)).map(
        lambda field: f"skills:\n  - {field[0]}: {field[1]}\n"
    ),
    st.sampled_from(["[" * 990 + "]" * 990, "- " * 990 + "x", "{a: " * 600 + "1" + "}" * 600]),
    st.binary(max_size=40),
)
folders = st.dictionaries(
    st.sampled_from(["a.yaml", "b.yaml", "skills.yaml", "catalog.yml", "notes.txt", "sub.yaml/"]),
    contents,
    max_size=3,
)
"""File name -> text or bytes; a name ending in "/" is a folder named like a YAML file."""


@budget(40)
@given(folders)
def test_any_text_in_a_catalog_folder_loads_or_is_refused(tree):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp).resolve()
        for name, content in tree.items():
            path = folder / name.rstrip("/")
            if name.endswith("/"):
                path.mkdir()
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        for replace in (True, False):
            try:
                catalog = load_catalog(folder, replace=replace)
            except RoadmapError as exc:
                assert isinstance(exc, CatalogError)
                assert_names_files(exc, (str(folder), str(DEFAULT_CATALOG_DIR)))
                continue
            assert isinstance(catalog, Catalog) and catalog.skills and catalog.roles
            if not replace:
                assert set(load_catalog().roles) <= set(catalog.roles)
