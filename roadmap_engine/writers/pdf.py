"""The plan as a PDF: the HTML document printed by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'roadmap-engine[pdf]'``); it
needs Pango on the system. The HTML is the one ``render(plan, "html")`` gives,
laid out with its print stylesheet (``@page`` size, margins, page numbers and
the brand in the page footer). The printer may read ``data:`` URIs (the
embedded logo) and nothing else: no file, no network, whatever a coach's
template names.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from .._plan_models import Plan
from ..errors import OutputError
from ..inputs.coach import CoachSource

INSTALL_HINT = (
    "pip install 'roadmap-engine[pdf]' (from a checkout: pip install '.[pdf]'); "
    "WeasyPrint also needs Pango, e.g. apt-get install libpango-1.0-0 libpangoft2-1.0-0"
)


class PdfUnavailableError(OutputError):
    """``--format pdf`` was asked for, but WeasyPrint cannot be loaded."""


def weasyprint() -> ModuleType:
    """The ``weasyprint`` module, or a PdfUnavailableError naming the install command."""
    try:
        return importlib.import_module("weasyprint")
    except ImportError as exc:
        raise PdfUnavailableError(
            f"the PDF format needs WeasyPrint, which is not installed ({exc}); "
            f"install it with: {INSTALL_HINT}"
        ) from None
    except OSError as exc:  # the module is there, its system libraries are not
        raise PdfUnavailableError(
            f"the PDF format needs WeasyPrint's system libraries ({exc}); "
            f"install them with: {INSTALL_HINT}"
        ) from None


def render_pdf(
    plan: Plan,
    *,
    templates: str | Path | None = None,
    coach_notes: bool = True,
    coach: CoachSource | None = None,
) -> bytes:
    """The plan's HTML document, printed to PDF bytes."""
    engine = weasyprint()  # before any work: a missing extra fails fast
    from .render import render

    html = render(plan, "html", templates=templates, coach_notes=coach_notes, coach=coach)
    return html_to_pdf(engine, html)


def html_to_pdf(engine: ModuleType, html: str) -> bytes:
    """``html`` printed by ``engine`` (WeasyPrint), reading only ``data:`` URIs."""
    fetcher: Any = engine.URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    document: Any = engine.HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf()
    return pdf
