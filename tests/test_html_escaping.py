"""Text from a profile or a catalog never becomes markup in the HTML plan.

A client writes the profile and a coach the catalog; either may hold ``<``
or ``&`` (a trip called "<script>...", a skill called "Q&A"). The HTML plan
is opened in a browser, so all such text must arrive escaped, wherever the
templates print it: directly, inside a phrase (``filters``) or inside a
``_words.j2`` sentence. Markdown prints text as it is.
"""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import pytest
from conftest import TINY, profile
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_engine import generate_plan, render
from roadmap_engine._catalog import catalog_from_data

MARK = "<i>injected</i>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(tag)


def _hostile_catalog(text: str):
    data = copy.deepcopy(TINY)
    skills = data["skills.yaml"]["skills"]
    skills[2]["name"] = f"Topic {text}"  # a skill other steps are needed before
    skills[1]["name"] = f"Middle {text}"
    expert = data["roles.yaml"]["roles"][1]
    expert["activities"][0]["title"] = f"Capstone {text}"
    expert["phases"][0]["title"] = f"First {text}"
    return catalog_from_data(data)


def _hostile_person(text: str) -> dict:
    return profile(
        name=f"Ann {text}",
        weekly_hours=6,
        deadline="2027-02-15",
        budget=50,
        time_off=[{"start": "2027-01-18", "end": "2027-01-29", "reason": f"Trip {text}"}],
    )


def test_profile_and_catalog_text_is_escaped_everywhere_in_html() -> None:
    plan = generate_plan(_hostile_person(MARK), catalog=_hostile_catalog(MARK))
    page = render(plan, "html")
    assert MARK not in page
    assert "&lt;i&gt;injected&lt;/i&gt;" in page
    tags = _Tags()
    tags.feed(page)
    assert "i" not in tags.found
    # each place the text goes is covered: the week table, the why of a skill, the roadmap
    assert page.count("&lt;i&gt;injected") >= 5


def test_markdown_keeps_the_text_as_written() -> None:
    plan = generate_plan(_hostile_person("Q&A"), catalog=_hostile_catalog("Q&A"))
    text = render(plan, "md")
    assert "Trip Q&A" in text and "&amp;" not in text


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="<>&\"'/ab=", min_size=1, max_size=12).filter(lambda t: t.strip()))
def test_no_text_adds_an_element_to_the_html(text: str) -> None:
    clean = generate_plan(_hostile_person("x"), catalog=_hostile_catalog("x"))
    hostile = generate_plan(_hostile_person(text), catalog=_hostile_catalog(text))
    expected, got = _Tags(), _Tags()
    expected.feed(render(clean, "html"))
    got.feed(render(hostile, "html"))
    assert got.found == expected.found


@pytest.mark.parametrize("where", ["name", "time_off"])
def test_a_script_in_the_profile_is_shown_not_run(where: str) -> None:
    text = "<script>alert(1)</script>"
    person = _hostile_person("x")
    if where == "name":
        person["name"] = text
    else:
        person["time_off"][0]["reason"] = text
    page = render(generate_plan(person, catalog=_hostile_catalog("x")), "html")
    assert "<script>alert" not in page
