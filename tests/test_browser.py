"""The HTML plan opens in a real browser (headless Chromium) as intended.

CI installs Chromium and sets ROADMAP_REQUIRE_BROWSER=1, so there a missing
browser fails the test instead of skipping it.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from conftest import ROOT, SAMPLE, profile

from roadmap_engine import generate_plan, render

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def dom(tmp_path):
    if BROWSER is None:
        if os.environ.get("ROADMAP_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here but not installed")
        pytest.skip("Chromium is not installed")

    def load(html: str) -> str:
        page = tmp_path / "plan.html"
        page.write_text(html, encoding="utf-8")
        run = subprocess.run(
            [
                BROWSER,
                *FLAGS,
                f"--user-data-dir={tmp_path / 'profile'}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return run.stdout

    return load


def test_the_sample_plan_renders_in_a_browser(dom):
    plan = generate_plan(SAMPLE)
    page = dom(render(plan, "html"))
    assert f"<title>{plan.title}</title>" in page
    for section in (
        "at-a-glance",
        "overview",
        "transferable-skills",
        "skills-to-learn",
        "cost",
        "roadmap",
        "start-now",
        "faq",
        "week-by-week",
    ):
        assert f'<section id="{section}"' in page
    for phase in plan.phases:
        assert f'<h3 id="phase-{phase.number}">' in page
    activities = sum(len(p.activities) for p in plan.phases)
    assert page.count('<input type="checkbox">') == activities


def test_a_script_in_a_clients_name_stays_text(dom, tiny_catalog):
    name = "<script>document.title='pwned'</script>"
    plan = generate_plan(profile(name=name), catalog=tiny_catalog)
    page = dom(render(plan, "html"))
    assert "pwned</title>" not in page
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in page


def test_the_timeline_shows_every_phase_with_its_dates(dom):
    from html import escape  # the module's fixtures name their page text `html`

    from roadmap_engine.writers.render import environment

    span = environment().from_string("{{ start | span(end) }}")
    plan = generate_plan(SAMPLE)
    page = dom(render(plan, "html"))
    found = re.search(r'<section id="timeline">.*?(<svg .*?</svg>)', page, re.S)
    assert found, "no timeline in the rendered page"
    svg = found.group(1)
    for phase in plan.phases:
        assert escape(f"Phase {phase.number}: {phase.title}", quote=False) in svg
        assert f">{span.render(plan=plan, start=phase.start, end=phase.end)}</text>" in svg
    assert "stroke-dasharray" in svg  # the sample has a deadline
    assert "<script" not in svg and "href" not in svg


COACH = SAMPLE.parent.parent / "examples" / "coach" / "coach.yaml"


@pytest.fixture
def chromium(tmp_path):
    """Opens a page in headless Chromium with extra flags: (DOM after load, browser log)."""
    if BROWSER is None:
        if os.environ.get("ROADMAP_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here but not installed")
        pytest.skip("Chromium is not installed")

    def run(html: str, *flags: str) -> tuple[str, str]:
        page = tmp_path / "page.html"
        page.write_text(html, encoding="utf-8")
        done = subprocess.run(
            [
                BROWSER,
                *FLAGS,
                *flags,
                f"--user-data-dir={tmp_path / 'profile'}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout, done.stderr

    return run


def test_the_branded_page_logs_no_console_message(chromium):
    page, log = chromium(
        render(generate_plan(SAMPLE), "html", coach=COACH), "--enable-logging=stderr", "--v=0"
    )
    assert "Dana Whitfield" in page
    console = [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []


def test_the_logging_check_would_see_an_error(chromium):
    """The check above is live: a page with a script error shows in the log."""
    _, log = chromium("<p>x</p><script>undefinedFn()</script>", "--enable-logging=stderr", "--v=0")
    assert "Uncaught ReferenceError" in log


# A test-only copy of the page, shown in a frame 390 px wide (headless Chromium's
# window is at least 500 px), ends with this script, which writes what it measures
# into the outer page; the shipped page has no script.
MEASURE = """<script>
const width = document.documentElement.clientWidth;
const wide = [...document.body.querySelectorAll("*")]
  .filter((e) => e.getBoundingClientRect().right > width + 0.5)
  .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""));
const out = parent.document.body.dataset;
out.scrollWidth = document.documentElement.scrollWidth;
out.clientWidth = width;
out.wide = wide.slice(0, 10).join(" ");
</script>"""


def in_a_phone_frame(page: str) -> str:
    inner = html.escape(page.replace("</body>", MEASURE + "</body>"), quote=True)
    return f'<body style="margin:0"><iframe width="390" height="844" srcdoc="{inner}"></iframe>'


CHECK_IN = ROOT / "examples" / "check-in" / "alex.yaml"
JANUARY = ROOT / "examples" / "software-engineer-to-ml-engineer.json"


@pytest.mark.parametrize(
    ("coach", "check_in"),
    [(None, False), (COACH, False), (COACH, True)],
    ids=["plain", "branded", "check-in"],
)
def test_no_horizontal_scrolling_on_a_390_px_phone(chromium, coach, check_in):
    plan = generate_plan(CHECK_IN, baseline=JANUARY) if check_in else generate_plan(SAMPLE)
    shipped = render(plan, "html", coach=coach)
    assert "<script" not in shipped
    page, _ = chromium(in_a_phone_frame(shipped))
    found = dict(re.findall(r'data-(scroll-width|client-width|wide)="([^"]*)"', page))
    assert 360 <= int(found["client-width"]) <= 390  # the frame, less a scroll bar
    assert int(found["scroll-width"]) <= int(found["client-width"]), found["wide"]
    assert found["wide"] == ""


def test_the_overflow_check_would_see_a_wide_page(chromium):
    """The check above is live: a table wider than a phone shows in its numbers."""
    page, _ = chromium(in_a_phone_frame('<body><p style="width:600px">wide</p></body>'))
    found = dict(re.findall(r'data-(scroll-width|client-width|wide)="([^"]*)"', page))
    assert int(found["scroll-width"]) > int(found["client-width"])
    assert found["wide"] == "p"


# Elements and attributes through which a page loads something.
LOADING = {"src", "srcset", "href", "xlink:href", "data", "poster", "action", "formaction"}


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name == "style" and value:
                self.styles.append(value)
            if tag == "a" or name not in LOADING or not value:
                continue  # a link is followed only when clicked
            if not value.startswith(("data:", "#")):
                self.external.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


@pytest.mark.parametrize("coach", [None, COACH], ids=["plain", "branded"])
def test_nothing_on_the_page_loads_from_the_network(coach):
    shipped = render(generate_plan(SAMPLE), "html", coach=coach)
    loads = _Loads()
    loads.feed(shipped)
    assert loads.external == []
    assert loads.styles  # the stylesheet was seen
    css = "\n".join(loads.styles)
    assert "@import" not in css
    assert [
        u for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css) if not u.startswith("data:")
    ] == []
    assert "<script" not in shipped and "<iframe" not in shipped


def test_a_brand_and_a_block_override_appear_in_the_browser(dom, tmp_path):
    folder = tmp_path / "coach-templates"
    folder.mkdir()
    (folder / "plan.html.j2").write_text(
        '{% extends "default/plan.html.j2" %}\n'
        '{% block closing %}<section id="closing"><p id="override">Call {{ brand.phone }}'
        "</p></section>{% endblock %}\n",
        encoding="utf-8",
    )
    coach = SAMPLE.parent.parent / "examples" / "coach" / "coach.yaml"
    page = dom(render(generate_plan(SAMPLE), "html", templates=folder, coach=coach))
    assert '<p id="override">Call +1 555 0100</p>' in page
    cover = page.split('id="cover"', 1)[1].split("</header>", 1)[0]
    assert "Dana Whitfield" in cover and "data:image/svg+xml;base64," in cover
    assert "Northpath Career Coaching" in page.split('class="page-footer"', 1)[1]
