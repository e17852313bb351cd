"""Pictures of the branded sample plan for reviewers, and its PDF; run by hand.

Writes, into examples/:
- software-engineer-to-ml-engineer.pdf: the sample profile with the sample coach
  file (examples/coach/coach.yaml), printed by WeasyPrint (the pdf extra);
- sample-desktop.png and sample-phone.png: the top of the same plan's HTML as
  headless Chromium shows it 1280 and 390 CSS pixels wide (2,400 pixels tall);
- sample-pdf-page1.png and sample-pdf-page2.png: the PDF's first two pages.

Needs `chromium`, the pdf extra, and `pdftoppm` (poppler-utils) or pypdfium2.
Not part of regenerate.py: those files are golden files compared byte for byte,
while pictures and PDFs change with the browser, the fonts and the date.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from roadmap_engine import generate_plan, render
from roadmap_engine.writers.output import write_atomically

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PROFILE = ROOT / "profiles" / "software-engineer-to-ml-engineer.yaml"
COACH = EXAMPLES / "coach" / "coach.yaml"
PDF = EXAMPLES / f"{PROFILE.stem}.pdf"
HEIGHT = 2400
WIDTHS = {"desktop": 1280, "phone": 390}
PDF_PAGES = 2
PDF_DPI = 70


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        sys.exit("screenshots.py: chromium is not installed")
    return found


def screenshot(page: Path, out: Path, width: int, workdir: Path) -> None:
    """The top ``HEIGHT`` pixels of ``page`` in a window ``width`` CSS pixels wide."""
    subprocess.run(
        [
            browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={workdir / 'profile'}",
            f"--window-size={width},{HEIGHT}",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def pdf_pages(pdf: Path, workdir: Path) -> list[Path]:
    """The first ``PDF_PAGES`` pages of ``pdf`` as PNG files in ``workdir``."""
    if shutil.which("pdftoppm"):
        prefix = workdir / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(PDF_DPI), "-f", "1", "-l", str(PDF_PAGES), pdf, prefix],
            check=True,
            timeout=120,
        )
        return sorted(workdir.glob("page-*.png"))
    pypdfium2 = importlib.import_module("pypdfium2")  # only when pdftoppm is missing
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for number in range(min(PDF_PAGES, len(document))):
        out = workdir / f"page-{number + 1}.png"
        document[number].render(scale=PDF_DPI / 72).to_pil().save(out)
        pages.append(out)
    return pages


def shrink(png: Path) -> None:
    """Fewer colours, same picture: keeps the PNGs small in the repository."""
    from PIL import Image  # WeasyPrint depends on Pillow

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=128, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def main() -> None:
    plan = generate_plan(PROFILE)
    write_atomically(PDF, render(plan, "pdf", coach=COACH))
    print(f"wrote {PDF.relative_to(ROOT)}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        page = workdir / "plan.html"
        page.write_text(render(plan, "html", coach=COACH), encoding="utf-8")
        outputs = []
        for name, width in WIDTHS.items():
            out = EXAMPLES / f"sample-{name}.png"
            screenshot(page, out, width, workdir)
            outputs.append(out)
        for number, png in enumerate(pdf_pages(PDF, workdir), 1):
            out = EXAMPLES / f"sample-pdf-page{number}.png"
            shutil.copyfile(png, out)
            outputs.append(out)
        for out in outputs:
            shrink(out)
            print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
