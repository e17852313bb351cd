"""The coach file: a brand on every document, checked like the profile."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_engine import CoachError, generate_plan, load_brand, render, run_batch

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_COACH = ROOT / "examples" / "coach" / "coach.yaml"
SAMPLE = ROOT / "profiles" / "software-engineer-to-ml-engineer.yaml"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def coach_file(tmp_path: Path, text: str, logo: tuple[str, bytes] | None = None) -> Path:
    if logo is not None:
        (tmp_path / logo[0]).write_bytes(logo[1])
    path = tmp_path / "coach.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_plan():
    return generate_plan(SAMPLE)


def test_the_brand_shows_on_the_cover_every_page_footer_and_the_closing(sample_plan):
    html = render(sample_plan, "html", coach=SAMPLE_COACH)
    cover = html.split('<header class="cover"', 1)[1].split("</header>", 1)[0]
    assert "Dana Whitfield" in cover and 'src="data:image/svg+xml;base64,' in cover
    closing = html.split('<section id="closing"', 1)[1].split("</section>", 1)[0]
    assert "Bring this plan to our next session." in closing
    assert 'href="https://northpath.example/book"' in closing
    assert 'href="mailto:dana@northpath.example"' in closing
    footer = html.split('<footer class="page-footer">', 1)[1].split("</footer>", 1)[0]
    assert "Dana Whitfield" in footer and "Plans are reviewed with you" in footer
    assert "--accent: #0f766e" in html
    markdown = render(sample_plan, "md", coach=SAMPLE_COACH)
    assert "Prepared by **Dana Whitfield**, Northpath Career Coaching." in markdown
    assert "## Next Steps" in markdown and "(https://northpath.example/book)" in markdown


def test_without_a_coach_the_documents_are_neutral(sample_plan):
    html = render(sample_plan, "html")
    assert 'id="closing"' not in html and "Prepared by" not in html
    assert "--accent: #2457c5" in html
    assert "Next Steps" not in render(sample_plan, "md")


def test_a_png_or_jpeg_logo_is_embedded_by_what_its_bytes_are(tmp_path, sample_plan):
    path = coach_file(tmp_path, "name: Jo\nlogo: logo.png\n", ("logo.png", PNG))
    assert load_brand(path).logo == "data:image/png;base64," + base64.b64encode(PNG).decode()
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 16
    path = coach_file(tmp_path, "name: Jo\nlogo: photo.jpg\n", ("photo.jpg", jpeg))
    assert (load_brand(path).logo or "").startswith("data:image/jpeg;base64,")
    path = coach_file(tmp_path, "name: Jo\nlogo: notes.txt\n", ("notes.txt", b"hello"))
    with pytest.raises(CoachError, match="not a PNG, JPEG or SVG image"):
        load_brand(path)


@pytest.mark.parametrize(
    ("svg", "found"),
    [
        ("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "<script>"),
        ("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "event handler"),
        (
            "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
            "<image x:href='https://evil.example/a.png'/></svg>",
            "links to",
        ),
        (
            "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject><p>x</p></foreignObject></svg>",
            "foreignobject",
        ),
        ("<!DOCTYPE svg [<!ENTITY a 'b'>]><svg xmlns='http://www.w3.org/2000/svg'/>", "DOCTYPE"),
        (
            "<svg xmlns='http://www.w3.org/2000/svg'><style>@import url(http://x/a.css);</style></svg>",
            "style loads",
        ),
        ("<svg xmlns='http://www.w3.org/2000/svg'><rect fill='url(http://x/p)'/></svg>", "loads"),
    ],
)
def test_an_svg_logo_that_could_run_or_load_anything_is_refused(tmp_path, svg, found):
    path = coach_file(tmp_path, "name: Jo\nlogo: logo.svg\n", ("logo.svg", svg.encode()))
    with pytest.raises(CoachError, match=found):
        load_brand(path)


def test_a_clean_svg_with_a_local_gradient_is_accepted(tmp_path):
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg'><defs><linearGradient id='g'/></defs>"
        "<rect fill='url(#g)' width='4' height='4'/></svg>"
    )
    path = coach_file(tmp_path, "name: Jo\nlogo: logo.svg\n", ("logo.svg", svg.encode()))
    assert (load_brand(path).logo or "").startswith("data:image/svg+xml;base64,")


def test_bad_fields_are_named_with_a_fix(tmp_path):
    path = coach_file(tmp_path, "name: Jo\naccent: blue\nemail: nope\nwebsite: example\nlgo: x\n")
    with pytest.raises(CoachError) as caught:
        load_brand(path)
    message = str(caught.value)
    assert f"{path}: accent: must be a colour written as #rrggbb or #rgb" in message
    assert f"{path}: email: must be an e-mail address" in message
    assert f"{path}: website:" in message
    assert "lgo" in message and "logo" in message  # the typo and the nearest field


def test_a_missing_or_huge_logo_is_refused(tmp_path):
    path = coach_file(tmp_path, "name: Jo\nlogo: gone.png\n")
    with pytest.raises(CoachError, match="no such file"):
        load_brand(path)
    huge = PNG + b"\0" * 600_000
    path = coach_file(tmp_path, "name: Jo\nlogo: big.png\n", ("big.png", huge))
    with pytest.raises(CoachError, match=r"more bytes than allowed|over the limit"):
        load_brand(path)


def test_the_command_line_brands_a_plan_and_never_writes_over_the_coach_file(tmp_path):
    out = tmp_path / "plan.html"
    run = subprocess.run(
        [
            sys.executable, "-m", "roadmap_engine", "plan", str(SAMPLE),
            "--format", "html", "--coach", str(SAMPLE_COACH), "-o", str(out),
        ],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Northpath Career Coaching" in out.read_text(encoding="utf-8")
    text = SAMPLE_COACH.read_text(encoding="utf-8").replace("logo.svg", "l.svg")
    copy = coach_file(tmp_path, text, ("l.svg", (SAMPLE_COACH.parent / "logo.svg").read_bytes()))
    for target in (copy, tmp_path / "l.svg"):
        before = target.read_bytes()
        run = subprocess.run(
            [sys.executable, "-m", "roadmap_engine", "plan", str(SAMPLE), "--coach", str(copy),
             "-o", str(target)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert run.returncode == 2 and "a coach file" in run.stderr
        assert target.read_bytes() == before
    (tmp_path / "bad").mkdir()
    bad = coach_file(tmp_path / "bad", "name: ''\n")
    run = subprocess.run(
        [sys.executable, "-m", "roadmap_engine", "plan", str(SAMPLE), "--coach", str(bad),
         "-o", str(tmp_path / "never.md")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 2 and "invalid coach file" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "never.md").exists()


def test_a_batch_is_branded_and_redone_when_the_brand_changes(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "alex.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    brand = coach_file(tmp_path, "name: Jo Coach\naccent: '#123456'\n")
    first = run_batch(folder, tmp_path / "out", ["html"], coach=brand)
    assert [e.status for e in first.entries] == ["written"]
    assert "Jo Coach" in (tmp_path / "out" / "alex.html").read_text(encoding="utf-8")
    again = run_batch(folder, tmp_path / "out", ["html"], coach=brand)
    assert [e.status for e in again.entries] == ["unchanged"]
    brand.write_text("name: Jo Coach\naccent: '#654321'\n", encoding="utf-8")
    changed = run_batch(folder, tmp_path / "out", ["html"], coach=brand)
    assert [e.status for e in changed.entries] == ["written"]
    assert "#654321" in (tmp_path / "out" / "alex.html").read_text(encoding="utf-8")


def test_a_coach_template_can_replace_one_block(tmp_path, sample_plan):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "plan.html.j2").write_text(
        '{% extends "default/plan.html.j2" %}\n'
        '{% block closing %}<section id="closing"><p>Call me: {{ brand.phone }}</p></section>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    html = render(sample_plan, "html", templates=folder, coach=SAMPLE_COACH)
    assert "<p>Call me: +1 555 0100</p>" in html
    assert "Bring this plan to our next session." not in html  # the block was replaced
    assert '<section id="roadmap">' in html  # the rest is the built-in template


def test_every_documented_block_exists_in_the_built_in_templates():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Template blocks", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`(\w+)`", section.split("Templates see", 1)[0]))
    html = (ROOT / "templates" / "plan.html.j2").read_text(encoding="utf-8")
    defined = set(re.findall(r"{% block (\w+) %}", html))
    assert documented and documented <= defined, documented - defined
