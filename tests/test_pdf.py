"""``--format pdf``: the HTML plan printed by WeasyPrint (the optional ``pdf`` extra).

The PDF is read back with pypdf: its text, its pages and its links. Without
WeasyPrint (or the Pango it needs) these tests skip; CI installs both and sets
ROADMAP_REQUIRE_PDF=1, so there a missing extra fails them instead.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import io
import os
import re
import sys

import pypdf
import pytest
from conftest import ROOT, SAMPLE

from roadmap_engine import generate_plan, render, run_batch
from roadmap_engine._cli import main
from roadmap_engine.errors import OutputError

COACH = ROOT / "examples" / "coach" / "coach.yaml"
BRAND_NAME = "Dana Whitfield"
A4 = (595, 842)
LETTER = (612, 792)
SAMPLE_PAGES = range(6, 15)
"""The branded sample prints on 8 A4 pages today; a sensible plan stays in 6 to 14."""


def weasyprint_or_skip() -> None:
    try:
        importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:
        if os.environ.get("ROADMAP_REQUIRE_PDF") == "1":
            pytest.fail(f"WeasyPrint is required here but cannot be loaded: {exc}")
        pytest.skip(f"WeasyPrint (the pdf extra) cannot be loaded: {exc}")


@pytest.fixture(scope="module")
def sample():
    weasyprint_or_skip()
    plan = generate_plan(SAMPLE)
    return plan, render(plan, "pdf", coach=COACH)


def read(data: bytes):
    return pypdf.PdfReader(io.BytesIO(data))


def words(text: str) -> str:
    """Text with every run of white space as one space (the PDF wraps lines)."""
    return " ".join(text.split())


def page_texts(data: bytes) -> list[str]:
    return [words(page.extract_text()) for page in read(data).pages]


def size(page) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def test_the_pdf_carries_the_title_the_person_and_every_section(sample):
    plan, data = sample
    assert data.startswith(b"%PDF-")
    text = " ".join(page_texts(data))
    page = render(plan, "html", coach=COACH)
    headings = [html.unescape(h) for h in re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", page)]
    assert len(headings) > 20
    for heading in [plan.title, plan.person, *headings]:
        assert words(heading) in text, heading
    for phase in plan.phases:
        for activity in phase.activities:
            assert words(activity.title) in text, activity.title


def test_every_page_has_its_number_and_the_brand_in_the_footer(sample):
    _, data = sample
    pages = page_texts(data)
    assert len(pages) in SAMPLE_PAGES, len(pages)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"{BRAND_NAME}, Northpath Career Coaching" in text
        assert "Plans are reviewed with you at every session." in text


def test_the_sample_is_a4_with_its_title_as_the_documents_title(sample):
    plan, data = sample
    reader = read(data)
    assert {size(page) for page in reader.pages} == {A4}
    assert reader.metadata.title == plan.title


def test_links_are_clickable_and_the_contents_lead_to_their_pages(sample):
    plan, data = sample
    reader = read(data)
    uris, internal = set(), 0
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(str(action["/URI"]))
            elif "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert "https://northpath.example/book" in uris
    assert "mailto:dana@northpath.example" in uris
    resources = {s.recommended.resource.url for s in plan.skills_to_learn if s.recommended}
    assert {str(url) for url in resources if url} <= uris
    assert internal >= 10  # the table of contents, one link per section
    assert "Week by Week" in bookmarks(reader.outline)  # the PDF's bookmarks: its headings


def bookmarks(outline) -> list[str]:
    """Every bookmark's title, nested ones (a list after their parent) included."""
    return [
        t for item in outline for t in (bookmarks(item) if isinstance(item, list) else [item.title])
    ]


def test_the_contents_give_each_sections_page_number(sample):
    _, data = sample
    pages = page_texts(data)
    found = re.findall(r"Week by Week, page (\d+)", pages[0])
    assert found, pages[0][:500]
    assert "Week by Week" in pages[int(found[0]) - 1]


def test_without_a_coach_the_footer_names_the_person(tmp_path):
    weasyprint_or_skip()
    plan = generate_plan(SAMPLE)
    pages = page_texts(render(plan, "pdf"))
    for number, text in enumerate(pages, 1):
        assert f"Prepared for {plan.person}" in text
        assert f"Page {number} of {len(pages)}" in text
        assert BRAND_NAME not in text


def test_a_coachs_template_chooses_letter_paper(tmp_path):
    weasyprint_or_skip()
    (tmp_path / "plan.html.j2").write_text(
        '{% extends "default/plan.html.j2" %}\n{% block page_size %}letter{% endblock %}\n',
        encoding="utf-8",
    )
    data = render(generate_plan(SAMPLE), "pdf", templates=tmp_path)
    assert {size(page) for page in read(data).pages} == {LETTER}


def test_a_coach_file_chooses_letter_paper(tmp_path):
    weasyprint_or_skip()
    coach = tmp_path / "coach.yaml"
    coach.write_text("name: Jo Coach\npaper: letter\n", encoding="utf-8")
    data = render(generate_plan(SAMPLE), "pdf", coach=coach)
    assert {size(page) for page in read(data).pages} == {LETTER}


def test_the_printer_reads_no_file_a_template_names(tmp_path):
    weasyprint_or_skip()
    picture = tmp_path / "secret.png"
    picture.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
        )
    )
    (tmp_path / "plan.html.j2").write_text(
        '{% extends "default/plan.html.j2" %}\n'
        f'{{% block cover %}}<img src="{picture.as_uri()}" alt="">'
        "{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    reader = read(render(generate_plan(SAMPLE), "pdf", templates=tmp_path))
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject") or {}
        assert not [o for o in objects.values() if o.get_object().get("/Subtype") == "/Image"]


def test_the_command_writes_a_pdf(tmp_path, capsys):
    weasyprint_or_skip()
    out = tmp_path / "plan.pdf"
    argv = ["plan", str(SAMPLE), "--format", "pdf", "-o", str(out), "--coach", str(COACH)]
    assert main(argv) == 0
    assert "Page 1 of" in page_texts(out.read_bytes())[0]
    assert f"wrote {out}" in capsys.readouterr().err


def test_the_command_pipes_a_pdf_to_standard_output(capsysbinary):
    weasyprint_or_skip()
    assert main(["plan", str(SAMPLE), "--format", "pdf"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"%PDF-")


def test_the_command_will_not_pour_a_pdf_onto_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["plan", str(SAMPLE), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "a PDF is not for the terminal; write it to a file with -o plan.pdf" in err


def test_a_batch_writes_pdfs_and_hashes_their_bytes(tmp_path):
    weasyprint_or_skip()
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "alex.yaml").write_bytes(SAMPLE.read_bytes())
    report = run_batch(profiles, tmp_path / "out", ["md", "pdf"], coach=COACH)
    assert report.ok, report.entries
    outputs = {o.path: o.sha256 for o in report.entries[0].outputs}
    assert set(outputs) == {"alex.md", "alex.pdf"}
    for name, digest in outputs.items():
        assert hashlib.sha256((tmp_path / "out" / name).read_bytes()).hexdigest() == digest
    assert (tmp_path / "out" / "alex.pdf").read_bytes().startswith(b"%PDF-")
    again = run_batch(profiles, tmp_path / "out", ["md", "pdf"], coach=COACH)
    assert again.unchanged == 1  # the PDF's hash is checked like any document's


# Without the extra: simulated by making `import weasyprint` fail.


@pytest.fixture
def no_weasyprint(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)


INSTALL = "pip install 'roadmap-engine[pdf]'"


def test_without_the_extra_the_error_names_the_install_command(no_weasyprint):
    plan = generate_plan(SAMPLE)
    with pytest.raises(OutputError, match=re.escape(INSTALL)) as caught:
        render(plan, "pdf")
    assert "pip install '.[pdf]'" in str(caught.value)  # from a checkout
    assert render(plan, "md").startswith("# ")  # the text formats do not need it


def test_without_the_extra_the_command_says_how_to_install_it(no_weasyprint, tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    assert main(["plan", str(SAMPLE), "--format", "pdf", "-o", str(out)]) == 2
    assert INSTALL in capsys.readouterr().err
    assert not out.exists()


def test_without_the_extra_a_batch_stops_before_it_starts(no_weasyprint, tmp_path):
    with pytest.raises(OutputError, match=re.escape(INSTALL)):
        run_batch(ROOT / "profiles", tmp_path / "out", ["md", "pdf"])
    assert not (tmp_path / "out").exists()


def test_the_shipped_sample_pdf_is_the_branded_sample():
    shipped = ROOT / "examples" / "software-engineer-to-ml-engineer.pdf"
    reader = read(shipped.read_bytes())
    assert len(reader.pages) in SAMPLE_PAGES
    first = words(reader.pages[0].extract_text())
    assert BRAND_NAME in first
    assert words(generate_plan(SAMPLE).title) in first


TOP_MARGIN, BOTTOM_MARGIN = 16 / 25.4 * 72, 20 / 25.4 * 72  # the @page margins, in points


def fill(page) -> float:
    """How much of the page's text area is used: down to its lowest line of text."""
    top, bottom = float(page.mediabox.height) - TOP_MARGIN, BOTTOM_MARGIN
    lows: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        y = cm[5] + tm[5] * cm[3]
        if text.strip() and bottom < y < top:  # the margins hold the header and footer
            lows.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(lows)) / (top - bottom)


@pytest.mark.parametrize("path", sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_page_but_the_last_is_half_empty(path):
    weasyprint_or_skip()
    pages = read(render(generate_plan(path), "pdf", coach=COACH)).pages
    fills = [round(fill(page), 2) for page in pages]
    assert len(pages) in SAMPLE_PAGES
    assert min(fills[:-1]) >= 0.55, fills


def test_a_check_in_prints_where_the_client_stands_with_ticked_items():
    weasyprint_or_skip()
    plan = generate_plan(
        ROOT / "examples" / "check-in" / "alex.yaml",
        baseline=ROOT / "examples" / "software-engineer-to-ml-engineer.json",
    )
    texts = page_texts(render(plan, "pdf", coach=COACH))
    assert "Since Last Time" in texts[0] and "Since Last Time, page 1" in texts[0]
    whole = " ".join(texts)
    assert "80 h of 415 h done (19%)" in whole
    assert "✓ Statistics & Probability, 30 h, done on Wed 10 Feb 2027." in whole
    assert len(texts) in SAMPLE_PAGES
