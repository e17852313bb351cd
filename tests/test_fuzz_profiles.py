"""Arbitrary profiles, valid or not: a plan that keeps its invariants, or a RoadmapError.

Nothing else may escape: any other exception is a bug.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_engine import RoadmapError, generate_plan, load_catalog, render

CATALOG = load_catalog()
ROLES = sorted(CATALOG.roles)
SKILLS = sorted(CATALOG.skills)

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
dates = st.one_of(
    st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat), anything
)
hours = st.one_of(st.floats(-5, 150), st.integers(-5, 150), anything)
days = st.lists(
    st.one_of(
        st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "Monday"]), anything
    ),
    max_size=8,
)
profiles = st.fixed_dictionaries(
    {
        "name": st.one_of(st.text(max_size=40), anything),
        "current_role": st.one_of(st.sampled_from(ROLES), st.text(max_size=20)),
        "target_role": st.one_of(st.sampled_from(ROLES), st.text(max_size=20)),
        "start_date": dates,
    },
    optional={
        "weekly_hours": hours,
        "study_days": days,
        "hours_per_weekday": st.dictionaries(
            st.sampled_from(["mon", "tue", "sat", "funday"]), hours, max_size=4
        ),
        "skills": st.dictionaries(
            st.one_of(st.sampled_from(SKILLS), st.text(max_size=10)),
            st.one_of(
                st.sampled_from(["none", "basic", "intermediate", "advanced", "expert"]), anything
            ),
            max_size=6,
        ),
        "time_off": st.lists(st.fixed_dictionaries({"start": dates, "end": dates}), max_size=3),
        "deadline": dates,
        "budget": st.one_of(st.sampled_from(["any", "free"]), st.floats(-10, 500), anything),
        "periods": st.lists(
            st.fixed_dictionaries({"start": dates, "end": dates, "weekly_hours": hours}), max_size=2
        ),
        "review_buffer": st.one_of(st.floats(-1, 1), anything),
        "locale": st.one_of(st.sampled_from(["en_GB", "de_DE", "xx"]), anything),
        "holidays": st.one_of(
            st.fixed_dictionaries({"country": st.sampled_from(["US", "GB", "ZZ"])}), anything
        ),
        "nonsense": anything,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_any_profile_gives_a_plan_or_a_roadmap_error(data):
    try:
        plan = generate_plan(data, catalog=CATALOG)
    except RoadmapError as exc:
        assert str(exc).strip()
        return
    activities = [a for p in plan.phases for a in p.activities]
    assert abs(sum(s.hours for s in plan.sessions) - plan.total_hours) < 1e-6
    ends = {a.id: a.end for a in activities}
    assert all(ends[p] <= a.start for a in activities for p in a.prerequisites)
    for fmt in ("md", "html", "json", "ics"):
        assert render(plan, fmt)


valid_dates = st.dates(dt.date(2026, 1, 1), dt.date(2032, 12, 31))
mostly_valid = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=40).filter(str.strip),
        "current_role": st.sampled_from(ROLES),
        "target_role": st.sampled_from(ROLES),
        "start_date": valid_dates,
        "weekly_hours": st.floats(0.5, 60),
    },
    optional={
        "study_days": st.lists(
            st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
            min_size=1,
            max_size=7,
            unique=True,
        ),
        "skills": st.dictionaries(
            st.sampled_from(SKILLS),
            st.sampled_from(["none", "basic", "intermediate", "advanced", "expert"]),
            max_size=12,
        ),
        "time_off": st.lists(
            valid_dates.flatmap(
                lambda d: st.integers(0, 40).map(
                    lambda n: {"start": d, "end": d + dt.timedelta(days=n)}
                )
            ),
            max_size=3,
        ),
        "deadline": st.dates(dt.date(2033, 1, 1), dt.date(2036, 12, 31)),
        "budget": st.one_of(st.sampled_from(["any", "free"]), st.floats(0, 500)),
        "review_buffer": st.floats(0, 0.5),
        "locale": st.sampled_from(["en_GB", "de_DE", "fr_FR", "en_US"]),
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mostly_valid)
def test_mostly_valid_profiles_plan_or_fail_cleanly(data):
    inner = test_any_profile_gives_a_plan_or_a_roadmap_error.hypothesis.inner_test  # type: ignore[attr-defined]  # hypothesis adds .hypothesis at run time; its stubs do not declare it
    inner(data)


SAMPLE_LINES = (
    (ROOT / "profiles" / "software-engineer-to-ml-engineer.yaml")
    .read_text(encoding="utf-8")
    .splitlines()
)
yaml_junk = st.sampled_from(
    [
        "&a",
        "*a",
        "*b",
        "&b [1, *b]",
        "!!python/object/apply:os.system ['echo hi']",
        "!!binary aGk=",
        "<<: *a",
        "\t",
        "[",
        "]",
        "{",
        "}",
        ":",
        "- ",
        "? ",
        "|",
        ">",
        "'",
        '"',
        "#",
        "%YAML 1.1",
        "---",
        "...",
        "\\x00",
        "\ufeff",
        "~",
        "null",
        "1e400",
        "-.inf",
        ".nan",
        "0x1F",
        "2027-02-30",
        "yes",
        "no",
    ]
)
mutations = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace", "duplicate"]),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.one_of(yaml_junk, st.text(max_size=12)),
    ),
    max_size=3,
)


def mutated(ops: list) -> str:
    """The sample profile with a few lines damaged, dropped, replaced or repeated."""
    lines = list(SAMPLE_LINES)
    for op, at, cut, junk in ops:
        i = at % len(lines)
        if op == "insert":
            col = cut % (len(lines[i]) + 1)
            lines[i] = lines[i][:col] + junk + lines[i][col:]
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "replace":
            lines[i] = junk
        else:
            lines.insert(i, lines[cut % len(lines)])
    return "\n".join(lines) + "\n"


profile_texts = mutations.map(mutated)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile_texts)
def test_any_profile_file_gives_a_plan_or_a_roadmap_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "client.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            plan = generate_plan(path, catalog=CATALOG)
        except RoadmapError as exc:
            assert str(path) in str(exc) or "profile" in str(exc)
            return
        assert abs(sum(s.hours for s in plan.sessions) - plan.total_hours) < 1e-6
        for fmt in ("md", "html", "json", "ics"):
            assert render(plan, fmt)
