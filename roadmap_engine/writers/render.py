"""Turning a Plan into a document: one Jinja template per text format.

Environments come from a cached factory, never a mutable global. The
built-in templates are searched after the user's folder (when given), and a
user template can extend a built-in one by the name ``default/plan.md.j2``.
User templates run in Jinja's sandbox, in a child process bounded in time,
memory and output size (``_bounded``); any failure in one is a
``TemplateError`` naming the template and line. HTML is autoescaped, and every
template sees ``StrictUndefined``, so a misspelt field is an error, not a
blank.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .. import _limits
from .._bounded import BoundExceeded, run_bounded
from .._catalog_cache import cache_dir
from .._plan_models import Plan
from .._reading import as_path, read_text_bounded, regular_file
from ..errors import TemplateError
from . import filters, phrases

if TYPE_CHECKING:  # loaded when used: a Markdown plan without a brand needs neither
    from ..inputs.coach import CoachSource

FORMATS = ("md", "html", "json", "ics", "pdf")
TEXT_FORMATS = ("md", "html", "json", "ics")
"""The formats whose documents are text; a ``pdf`` document is bytes."""
_PACKAGE = Path(__file__).parent.parent  # roadmap_engine/


def builtin_templates_dir() -> Path:
    """``_templates`` inside an installed wheel; the repository's ``templates/`` otherwise."""
    packaged = _PACKAGE / "_templates"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"


# A "pdf" literal gives bytes; any other name gives text. The two overlap for a
# `str` that holds "pdf", as `open()`'s modes do, hence the ignore.
@overload
def render(  # type: ignore[overload-overlap]
    plan: Plan,
    fmt: Literal["pdf"],
    *,
    templates: str | Path | None = None,
    coach_notes: bool = True,
    coach: CoachSource | None = None,
) -> bytes: ...
@overload
def render(
    plan: Plan,
    fmt: str = "md",
    *,
    templates: str | Path | None = None,
    coach_notes: bool = True,
    coach: CoachSource | None = None,
) -> str: ...
def render(
    plan: Plan,
    fmt: str = "md",
    *,
    templates: str | Path | None = None,
    coach_notes: bool = True,
    coach: CoachSource | None = None,
) -> str | bytes:
    """The plan as a ``md``, ``html``, ``json`` or ``ics`` (calendar) document (text),
    or a ``pdf`` (bytes: the HTML printed by WeasyPrint, an optional extra).

    ``templates`` is a folder whose ``plan.md.j2`` / ``plan.html.j2`` replace
    the built-in ones. ``coach_notes=False`` leaves out the section meant for
    the coach (what the plan assumed and should be confirmed with the client).
    ``coach`` (a coach YAML file, a dict, a ``Coach`` or a ``Brand``) puts the
    coach's brand on the cover, every page and the closing section.
    """
    if fmt == "json":
        return plan.model_dump_json(indent=2) + "\n"
    if fmt == "ics":
        from .ics import render_ics

        return render_ics(plan)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(plan, templates=templates, coach_notes=coach_notes, coach=coach)
    if fmt not in FORMATS:
        raise TemplateError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    context = template_context(plan, coach_notes=coach_notes, coach=coach, timeline=False)
    user_dir = _user_dir(templates)
    name = f"plan.{fmt}.j2"
    if user_dir is not None or _builtin_uses(name, "timeline"):
        context["timeline"] = _timeline_view(plan)
    if user_dir is None:  # the built-in templates are ours: no bounds needed
        with _template_errors(name, user_dir):
            return _environment_for(name, user_dir).get_template(name).render(context)
    return _bounded(functools.partial(_render_capped, name, user_dir, context), name, user_dir)


_BATCH = 256
"""Pieces of a document joined at a time (see ``_joined``)."""


def _joined(pieces: Iterable[str]) -> str:
    """A template's pieces as one text, joined a batch at a time: Jinja's ``concat``.

    In HTML every piece is a ``Markup`` object, which, unlike a plain string,
    the garbage collector tracks. Kept until one final join (Jinja's own
    ``"".join``), a big plan's hundreds of thousands of them set off full
    collections that walk the whole plan again and again: the time grew faster
    than the plan. Joined in batches, few are alive at once.
    """
    if isinstance(pieces, list):  # a macro's or a {% set %} block's few pieces
        return "".join(pieces)
    parts = []
    pieces = iter(pieces)
    while batch := list(itertools.islice(pieces, _BATCH)):
        parts.append("".join(batch))
    return "".join(parts)


def template_context(
    plan: Plan,
    *,
    coach_notes: bool = True,
    coach: CoachSource | None = None,
    timeline: bool = True,
) -> dict[str, Any]:
    """What a template sees: the plan, whether to show the coach's notes, the brand, and
    the geometry of the timeline (a coach's own template may draw it in any format)."""
    brand = None
    if coach is not None:
        from ..inputs.coach import load_brand

        brand = load_brand(coach)
    context = {"plan": plan, "coach_notes": coach_notes, "brand": brand}
    if timeline:
        context["timeline"] = _timeline_view(plan)
    return context


def _timeline_view(plan: Plan) -> Any:
    from .timeline_view import timeline_view

    return timeline_view(plan)


@functools.cache
def _builtin_uses(name: str, variable: str) -> bool:
    """Whether the built-in template ``name`` may read ``variable``: the timeline's
    geometry costs as much as a Markdown plan, which has no use for it.

    A template that never writes the name cannot read it (imported macro files
    see no context); one that extends or includes another is given it, unread.
    """
    env = environment(None)
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    mentions = re.search(rf"\b{re.escape(variable)}\b", source)
    return bool(mentions or re.search(r"\{%[-+]?\s*(extends|include)\b", source))


def _bounded(work: Callable[[], str], name: str, user_dir: Path) -> str:
    """``work`` (compiling or rendering a coach's template) within the template limits."""
    _compile_ahead(user_dir)
    try:
        return run_bounded(
            work,
            seconds=_limits.TEMPLATE_SECONDS,
            memory_bytes=_limits.TEMPLATE_MEMORY_BYTES,
            error=TemplateError,
        )
    except BoundExceeded as exc:
        raise TemplateError(
            f"{user_dir / name}: stopped: rendering {exc}; simplify the template "
            "(see Limits in the README)"
        ) from None


def _compile_only(name: str, user_dir: Path) -> str:
    with _template_errors(name, user_dir):
        _environment_for(name, user_dir).get_template(name)
    return ""


def _compile_ahead(user_dir: Path) -> None:
    """Compile the built-in templates a coach's one may extend here, once, so that
    each bounded child reuses them. The coach's own template is compiled in the
    child: Jinja evaluates constant expressions while compiling, so compiling
    it is untrusted work too."""
    for builtin in ("plan.md.j2", "plan.html.j2"):
        _environment_for(builtin, user_dir).get_template(f"default/{builtin}")


def _render_capped(name: str, user_dir: Path, context: dict[str, Any]) -> str:
    """A user template's text, refused once it grows past the output limit."""

    def capped(pieces: Iterable[str]) -> Iterator[str]:
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > _limits.TEMPLATE_OUTPUT_CHARS:
                raise TemplateError(
                    f"{user_dir / name}: its output grew past the limit of "
                    f"{_limits.TEMPLATE_OUTPUT_CHARS:,} characters; check its loops"
                )
            yield piece

    with _template_errors(name, user_dir):
        template = _environment_for(name, user_dir).get_template(name)
        return _joined(capped(template.generate(context)))


def check_templates(formats: Iterable[str], templates: str | Path | None = None) -> None:
    """Load and compile the templates ``formats`` (known ones) need, so that a batch stops
    at a broken template before it starts, not once per profile."""
    user_dir = _user_dir(templates)
    for fmt in formats:
        if fmt == "pdf":  # the HTML template, printed: WeasyPrint must be there
            from .pdf import weasyprint

            weasyprint()
        if fmt in ("md", "html", "pdf"):  # json and ics are written without templates
            name = f"plan.{'html' if fmt == 'pdf' else fmt}.j2"
            if user_dir is None:
                with _template_errors(name, user_dir):
                    _environment_for(name, user_dir).get_template(name)
            else:
                _bounded(functools.partial(_compile_only, name, user_dir), name, user_dir)


def _user_dir(templates: str | Path | None) -> Path | None:
    if templates is None:
        return None
    user_dir = as_path(templates, "templates", TemplateError).resolve()
    if not user_dir.is_dir():
        raise TemplateError(f"{templates}: template folder not found")
    return user_dir


@contextmanager
def _template_errors(name: str, user_dir: Path | None) -> Iterator[None]:
    """Jinja's exceptions as TemplateErrors that say where and what to fix."""
    try:
        yield
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found in {_searched(user_dir)}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{name}: refused by the template sandbox: {exc}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{_where(exc, name)}: {exc.message}; check the field name against the Plan model"
        ) from None
    except TemplateError:
        raise
    except RecursionError:
        raise TemplateError(
            f"{name}: templates extend or include each other without end; "
            "check the {% extends %} and {% include %} names"
        ) from None
    except MemoryError:
        raise TemplateError(f"{name}: ran out of memory; check its loops and repeats") from None
    except Exception as exc:  # anything a template's own expressions raise: 1 / 0, bad calls
        raise TemplateError(
            f"{_where(exc, name)}: the template failed ({type(exc).__name__}: {exc}); "
            "fix the expression on that line"
        ) from None


def _where(exc: BaseException, name: str) -> str:
    """``file:line`` of the innermost template line in ``exc``'s traceback, else ``name``.

    Jinja rewrites tracebacks so that template frames carry the template's
    file name and line.
    """
    found = name
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            found = f"{frame.filename}:{frame.lineno}"
    return found


def _searched(user_dir: Path | None) -> str:
    dirs = [*([user_dir] if user_dir else []), builtin_templates_dir()]
    return ", ".join(str(d) for d in dirs)


class _FolderLoader(jinja2.FileSystemLoader):
    """Loads templates from one folder and nowhere else.

    Jinja already refuses ``..`` in names; this also refuses a name that leads
    out of the folder through a symbolic link, and says why.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if ".." in template.replace("\\", "/").split("/"):
            raise TemplateError(
                f"template {template!r}: a template name may not leave its folder "
                f"({self.folder}); use a name inside it"
            )
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)  # the next loader may have it
        if not path.resolve().is_relative_to(self.folder):
            raise TemplateError(
                f"template {template!r}: {path} leads outside the template folder "
                f"({self.folder}) through a link; copy the file into the folder instead"
            )
        source, mtime = _read_template(path)

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate


def _read_template(path: Path) -> tuple[str, int]:
    """A template file's text and modification time, or a TemplateError naming it."""
    status = regular_file(path, TemplateError, "a template must be a text file")
    text = read_text_bounded(path, TemplateError, _limits.TEMPLATE_FILE_BYTES)
    return text, status.st_mtime_ns


def compiled_templates_cache(html: bool = False) -> jinja2.BytecodeCache | None:
    """The built-in templates compiled once per user rather than once per run.

    Compiling a template costs tens of milliseconds, more than the plan. Jinja
    keeps each one's compiled code in the user's cache folder, checked against
    the template's source and the Jinja and Python versions, and written
    atomically: the same trust as Python's own ``__pycache__``, in a folder
    only the user can write. A coach's templates are never cached: compiling
    them is untrusted work that runs under the template limits. HTML's compiled
    code escapes and text's does not, so each has a folder of its own.
    """
    root = cache_dir()
    if root is None:
        return None
    folder = root / "templates" / ("html" if html else "text")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _environment_for(name: str, user_dir: Path | None) -> jinja2.Environment:
    """The environment of a document template: HTML's for ``plan.html.j2``."""
    return environment(user_dir, html=name.endswith(".html.j2"))


@functools.lru_cache(maxsize=8)
def environment(user_dir: Path | None = None, html: bool = False) -> jinja2.Environment:
    """A configured environment; cached so compiled templates are reused.

    HTML and text documents have environments of their own. In HTML every
    template escapes what it prints, ``_words.j2`` and a coach's own included:
    profile and catalog text (a trip called "<script>...") is shown, never run.
    Markdown prints text as it is written.
    """
    builtin = _FolderLoader(builtin_templates_dir())
    loader: jinja2.BaseLoader = builtin
    kind: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        loader = jinja2.ChoiceLoader(
            [
                _FolderLoader(user_dir),
                jinja2.PrefixLoader({"default": builtin}),
                builtin,
            ]
        )
        kind = SandboxedEnvironment
    env = kind(
        loader=loader,
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # the built-in templates do not change while a process runs: no stat per render
        auto_reload=user_dir is not None,
        bytecode_cache=None if user_dir is not None else compiled_templates_cache(html),
    )
    env.concat = _joined  # type: ignore[method-assign]
    env.filters.update(filters.FILTERS)
    env.filters.update(phrases.FILTERS)
    return env
