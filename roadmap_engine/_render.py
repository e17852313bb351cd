"""Turning a Plan into a document: one Jinja template per text format.

Environments come from a cached factory, never a mutable global. The
built-in templates are searched after the user's folder (when given), and a
user template can extend a built-in one by the name ``default/plan.md.j2``.
User templates run in Jinja's sandbox. HTML is autoescaped, and every
template sees ``StrictUndefined``, so a misspelt field is an error, not a
blank.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import _filters
from ._plan_models import Plan
from .errors import TemplateError

FORMATS = ("md", "html", "json", "ics")
_PACKAGE = Path(__file__).parent


def builtin_templates_dir() -> Path:
    """``_templates`` inside an installed wheel; the repository's ``templates/`` otherwise."""
    packaged = _PACKAGE / "_templates"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"


def render(plan: Plan, fmt: str = "md", *, templates: str | Path | None = None) -> str:
    """The plan as a ``md``, ``html``, ``json`` or ``ics`` (calendar) document.

    ``templates`` is a folder whose ``plan.md.j2`` / ``plan.html.j2`` replace
    the built-in ones.
    """
    if fmt == "json":
        return plan.model_dump_json(indent=2) + "\n"
    if fmt == "ics":
        from ._ics import render_ics

        return render_ics(plan)
    if fmt not in FORMATS:
        raise TemplateError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    user_dir = _user_dir(templates)
    name = f"plan.{fmt}.j2"
    with _template_errors(name, user_dir):
        return environment(user_dir).get_template(name).render(plan=plan)


def check_templates(formats: Iterable[str], templates: str | Path | None = None) -> None:
    """Load and compile the templates ``formats`` (known ones) need, so that a batch stops
    at a broken template before it starts, not once per profile."""
    user_dir = _user_dir(templates)
    for fmt in formats:
        if fmt in ("md", "html"):  # json and ics are written without templates
            name = f"plan.{fmt}.j2"
            with _template_errors(name, user_dir):
                environment(user_dir).get_template(name)


def _user_dir(templates: str | Path | None) -> Path | None:
    if templates is None:
        return None
    user_dir = Path(templates).resolve()
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
            f"{name}: {exc.message}; check the field name against the Plan model"
        ) from None


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
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.folder):
            raise TemplateError(
                f"template {template!r}: {filename} leads outside the template folder "
                f"({self.folder}) through a link; copy the file into the folder instead"
            )
        return source, filename, uptodate


@functools.lru_cache(maxsize=8)
def environment(user_dir: Path | None = None) -> jinja2.Environment:
    """A configured environment; cached so compiled templates are reused."""
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
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(_filters.FILTERS)
    return env
