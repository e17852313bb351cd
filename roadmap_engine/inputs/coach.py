"""The coach file: the brand a coach puts on every document they hand a client.

Field docstrings are the coach file's documentation (and its JSON Schema). A
logo is read once, checked by its bytes (PNG, JPEG or SVG), and embedded as a
data URI so the HTML and PDF stay one self-contained file; an SVG that could
run a script or load anything is refused, not cleaned.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from xml.etree import ElementTree

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator

from .. import _limits
from .._reading import as_path, read_bounded
from .._validation import describe
from .._yaml import load_yaml_file
from ..errors import CoachError

Text = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=1000)]
DEFAULT_ACCENT = "#2457c5"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Coach(BaseModel):
    """Who hands the plan to the client, and how the documents carry their brand."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    """The coach's or the practice's name, shown on the cover and every printed page."""
    company: Text | None = None
    """The company, when it is not the name itself."""
    email: Text | None = None
    """Contact e-mail address, e.g. ``jo@example.com``."""
    phone: Text | None = None
    """Contact phone number, written as the client should dial it."""
    website: HttpUrl | None = None
    """The coach's website, e.g. ``https://example.com``."""
    logo: Text | None = None
    """A PNG, JPEG or SVG file, relative to the coach file, at most 500 kB; embedded
    in the documents. An SVG with scripts, event handlers or external links is refused."""
    accent: Text = DEFAULT_ACCENT
    """The brand colour for headings, rules and the timeline, as ``#rrggbb`` or ``#rgb``."""
    footer: LongText | None = None
    """A line for the foot of every page, e.g. a registration number or a motto."""
    call_to_action: LongText | None = None
    """The closing words, e.g. when the next session is and how to book it."""
    booking_url: HttpUrl | None = None
    """Where the client books the next session; linked from the closing section."""
    paper: Literal["a4", "letter"] | None = None
    """The paper size of the PDF and of printing: ``a4`` or ``letter``; without it the
    PDF is A4 and a browser uses the printer's paper."""

    @field_validator("accent")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError("must be a colour written as #rrggbb or #rgb, e.g. accent: '#2457c5'")
        return value.lower()

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError("must be an e-mail address such as jo@example.com")
        return value


class Brand(BaseModel):
    """A coach file made ready for templates: the logo as a data URI."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    company: str | None
    email: str | None
    phone: str | None
    website: str | None
    logo: str | None
    """``data:`` URI of the logo, or None."""
    accent: str
    footer: str | None
    call_to_action: str | None
    booking_url: str | None
    paper: str | None


CoachSource = Coach | Brand | str | Path | dict[str, Any]


def load_brand(source: CoachSource, *, base: Path | None = None) -> Brand:
    """The brand for ``source``: a coach YAML file, a dict, a ``Coach`` or a ``Brand``.

    ``base`` is the folder a relative logo path is read from (the coach file's
    own folder for a file, the working folder otherwise).
    """
    if isinstance(source, Brand):
        return source
    if isinstance(source, str | Path):
        path = as_path(source, "a coach file", CoachError)
        data = load_yaml_file(path, CoachError, _limits.COACH_FILE_BYTES)
        if not isinstance(data, dict):
            raise CoachError(
                f"{path}: expected a mapping of coach fields (name, email, logo, accent, ...); "
                "see the README's 'Coach file' section"
            )
        return _brand(_validate(data, str(path)), path.parent, str(path))
    if isinstance(source, dict):
        return _brand(_validate(source, "coach"), base or Path("."), "coach")
    if isinstance(source, Coach):
        return _brand(source, base or Path("."), "coach")
    raise CoachError(
        f"a coach must be a YAML file path, a dict or a Coach, not {type(source).__name__}"
    )


def coach_files(path: Path) -> list[Path]:
    """The coach file and its logo: files a run reads, which no output may replace."""
    data = load_yaml_file(path, CoachError, _limits.COACH_FILE_BYTES)
    logo = data.get("logo") if isinstance(data, dict) else None
    return [path, *([path.parent / logo] if isinstance(logo, str) else [])]


def _validate(data: dict[str, Any], source: str) -> Coach:
    try:
        return Coach.model_validate(data)
    except ValidationError as exc:
        raise CoachError("invalid coach file:\n" + describe(exc, source, model=Coach)) from None


def _brand(coach: Coach, base: Path, source: str) -> Brand:
    logo = _logo_uri(base / coach.logo, source) if coach.logo else None
    return Brand(
        name=coach.name,
        company=coach.company,
        email=coach.email,
        phone=coach.phone,
        website=str(coach.website) if coach.website else None,
        logo=logo,
        accent=coach.accent,
        footer=coach.footer,
        call_to_action=coach.call_to_action,
        booking_url=str(coach.booking_url) if coach.booking_url else None,
        paper=coach.paper,
    )


def _logo_uri(path: Path, source: str) -> str:
    """The logo as a ``data:`` URI, after checking what its bytes really are."""
    where = f"{source}: logo: {path}"
    if not path.is_file():
        raise CoachError(f"{where}: no such file; give the path relative to the coach file")
    data = read_bounded(path, CoachError, _limits.LOGO_BYTES)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        kind = "image/jpeg"
    elif b"<svg" in data[:4096]:
        _check_svg(data, where)
        kind = "image/svg+xml"
    else:
        raise CoachError(f"{where}: not a PNG, JPEG or SVG image; export the logo as one of these")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler"}


def _check_svg(data: bytes, where: str) -> None:
    """Refuse an SVG that could run code or reach the network when a client opens it."""
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise CoachError(f"{where}: an SVG with a DOCTYPE or entities is refused; remove them")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise CoachError(f"{where}: not a well-formed SVG ({exc}); re-export it") from None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in _FORBIDDEN_ELEMENTS:
            raise CoachError(f"{where}: the SVG has a <{tag}> element; export it without scripts")
        for name, value in element.attrib.items():
            attr = name.rsplit("}", 1)[-1].lower()
            if attr.startswith("on"):
                raise CoachError(f"{where}: the SVG has an event handler ({attr}); remove it")
            if attr == "href" and not value.startswith(("#", "data:image/")):
                raise CoachError(
                    f"{where}: the SVG links to {value[:60]!r}; embed the image instead"
                )
            if "url(" in value.replace(" ", "") and "url(#" not in value.replace(" ", ""):
                raise CoachError(f"{where}: the SVG loads {value[:60]!r}; embed it instead")
        if tag == "style" and re.search(r"@import|url\((?!\s*#)", element.text or ""):
            raise CoachError(f"{where}: the SVG's style loads other files; inline them")
