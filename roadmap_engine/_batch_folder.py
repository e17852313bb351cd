"""A folder of profiles to a folder of documents, redoing only what changed.

Each run leaves a report (JSON) recording, per profile, its outcome, a
fingerprint of everything its documents depend on (the profile's bytes, the
engine's code, data and templates, the libraries that shape the output, the
catalog and template folders, the formats) and a hash of each document
written. A re-run skips a profile whose fingerprint is unchanged and whose
documents are still there, untouched; everything else is planned again.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import stat
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from . import _limits
from ._batch import CRASHED, bug_message
from ._batch_report import Entry, Output, Report, ReportWriter
from ._catalog import Catalog, load_catalog
from ._parallel import cpu_count, process_pool, run_all
from ._plan import generate_plan
from ._plan_models import Plan
from ._reading import as_path, read_bounded
from .errors import OutputError, ProfileError, RoadmapError, TemplateError
from .inputs.coach import Brand, CoachSource, coach_files, load_brand
from .writers.output import (
    inputs_of_run,
    no_interrupt,
    refuse_inputs,
    write_atomically,
    write_output,
)
from .writers.render import FORMATS, builtin_templates_dir, check_templates, render

if TYPE_CHECKING:
    from ._shard import Shard

REPORT_NAME = "report.json"
PROFILE_SUFFIXES = (".yaml", ".yml")
_SHAPING_LIBRARIES = (
    "pydantic",
    "jinja2",
    "holidays",
    "babel",
    "icalendar",
    "networkx",
    "weasyprint",
)
"""Libraries whose version can change a document (holiday data, date words, JSON, PDF)."""


@dataclass(frozen=True)
class _Job:
    name: str
    path: Path
    outputs: tuple[tuple[str, Path], ...]
    fingerprint: str


@dataclass(frozen=True)
class _Run:
    """What every profile of a batch shares. Workers get it once, then only names:
    each worker makes its own jobs (paths, fingerprint) beside the plan."""

    catalog: Catalog
    templates: str | Path | None
    coach_notes: bool
    brand: Brand | None
    profiles_dir: Path
    out_dir: Path
    formats: tuple[str, ...]
    base: str
    """The fingerprint of everything but the profile (``_inputs_fingerprint``)."""

    def output_names(self, name: str) -> list[str]:
        stem = _stem(name)
        return [f"{stem}.{fmt}" for fmt in self.formats]

    def job(self, name: str) -> _Job:
        path = self.profiles_dir / name
        outputs = tuple(
            (fmt, self.out_dir / out)
            for fmt, out in zip(self.formats, self.output_names(name), strict=True)
        )
        return _Job(name, path, outputs, _fingerprint(self.base, path))


def _stem(name: str) -> str:
    """A profile file's name without its extension (``Path.stem``, on text)."""
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def run_batch(
    profiles_dir: str | Path,
    out_dir: str | Path,
    formats: Sequence[str] = ("md",),
    *,
    catalog: str | Path | None = None,
    replace_catalog: bool = False,
    templates: str | Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    report: str | Path | None = None,
    on_result: Callable[[Entry, int], None] | None = None,
    coach_notes: bool = True,
    coach: CoachSource | None = None,
    shard: Shard | None = None,
    keep_entries: bool = True,
) -> Report:
    """Plan every ``*.yaml`` profile in ``profiles_dir`` into ``out_dir``, one
    document per format, and write the report (``out_dir/report.json`` by default).

    Problems with the run itself (a missing folder, a broken catalog or
    template) raise a ``RoadmapError`` before anything is written; a broken
    profile only fails its own entry. ``force`` plans everything again.
    ``on_result(entry, total)`` is called as each profile is settled (for progress).
    ``coach_notes=False`` leaves the coach's section out of the documents;
    ``coach`` (a coach file, dict, ``Coach`` or ``Brand``) brands every document.
    ``shard`` plans only its slice of the folder (``_shard``), and the report is
    then ``out_dir/report-I-of-N.json`` by default. ``keep_entries=False`` returns
    the report's counts without its entries (the report file has them all), so that
    memory stays the same however many profiles the folder holds.
    """
    profiles_dir = as_path(profiles_dir, "the profiles folder", ProfileError)
    out_dir = as_path(out_dir, "the output folder", OutputError)
    default_report = out_dir / (shard.report_name if shard is not None else REPORT_NAME)
    report_path = (
        as_path(report, "the report", OutputError) if report is not None else default_report
    )
    if not isinstance(formats, list | tuple) or not all(isinstance(f, str) for f in formats):
        raise TemplateError(
            f"formats must be a list of names such as ['md', 'html'], not {formats!r:.60}"
        )
    formats = _checked_formats(formats)
    names = profile_names(profiles_dir, shard)
    cat = load_catalog(catalog, replace=replace_catalog) if catalog else load_catalog()
    check_templates(formats, templates)
    _check_report_path(report_path, out_dir)  # before the output folder is made
    _make_folder(out_dir)
    brand = load_brand(coach) if coach is not None else None  # checked before any work
    shaping = [*formats, "coach-notes" if coach_notes else "no-coach-notes"]
    if brand is not None:  # the brand, logo included, shapes every document
        shaping.append(hashlib.sha256(brand.model_dump_json().encode()).hexdigest())
    base = _inputs_fingerprint(catalog, replace_catalog, templates, shaping)
    total = len(names)

    def notify(entry: Entry) -> None:
        if on_result is not None:
            on_result(entry, total)

    run = _Run(cat, templates, coach_notes, brand, profiles_dir, out_dir, tuple(formats), base)
    # the workers are forked before the lists below, which grow with the folder
    with process_pool(_write_plan, run, min(jobs or cpu_count(), max(total, 1))) as pool:
        previous = {} if force else _previous_entries(report_path)
        early, todo = _sort_out(run, names, previous, report_path, notify)
        own: list[tuple[str | Path, str]] = []
        if isinstance(coach, str | Path):
            own += [
                (p, "a coach file")
                for p in coach_files(as_path(coach, "a coach file", OutputError))
            ]
        profiles = ((os.path.join(profiles_dir, name), "a profile") for name in names)
        outputs = (os.path.join(out_dir, out) for name in todo for out in run.output_names(name))
        _check_outputs(
            out_dir, report_path, outputs, itertools.chain(profiles, own), catalog, templates
        )
        writer = ReportWriter(out_dir, keep=keep_entries)
        reported = 0
        try:
            results = run_all(
                _write_plan,
                run,
                todo,
                jobs=jobs,
                on_crash=lambda name: _crashed(run.job(name)),
                pool=pool,
            )
            planned = iter(todo)
            upcoming = next(planned, None)
            for name in names:  # in the report's order; results come in the same order
                if name == upcoming:
                    entry = next(results)
                    notify(entry)
                    upcoming = next(planned, None)
                else:
                    entry = early.pop(name)
                writer.add(entry)
                reported += 1
        finally:  # even when interrupted, keep what is done and the last run's rest
            for name in itertools.islice(names, reported, None):
                kept = early.pop(name, None) or previous.get(name)
                if kept is not None:
                    writer.add(kept)
            head = Report(
                engine_version=_engine_version(),
                profiles_dir=str(profiles_dir),
                out_dir=str(out_dir),
                formats=list(formats),
                written=0,
                unchanged=0,
                failed=0,
                entries=[],
            )
            with no_interrupt():  # a second Ctrl-C must not cut the report short
                result = writer.write(report_path, head)
    return result


def _sort_out(
    run: _Run,
    names: Sequence[str],
    previous: dict[str, Entry],
    report_path: Path,
    notify: Callable[[Entry], None],
) -> tuple[dict[str, Entry], list[str]]:
    """Before any plan: the entries of profiles settled already (documents that would
    overwrite another's or the report, and unchanged ones), and the names to plan."""
    settled: dict[str, Entry] = {}
    todo: list[str] = []
    report_file = report_path.resolve()
    report_name = report_file.name if report_file.parent == run.out_dir.resolve() else None
    # two profiles whose documents share a name (ann.yaml, ann.yml): the first keeps them
    first_of_stem: dict[str, str] = {}
    for name in names:
        stem = _stem(name)
        first = first_of_stem.get(stem)
        clash = f"{run.profiles_dir / first}" if first is not None else None
        if clash is None and report_name in run.output_names(name):
            clash = f"the report {report_path}"
        if clash is not None:
            job = run.job(name)
            settled[name] = _failed(
                job, f"{job.path}: its documents would overwrite {clash}; rename the profile file"
            )
            notify(settled[name])
            continue
        first_of_stem[stem] = name
        before = previous.get(name)
        if before is not None and _still_good(before, run.job(name), run.out_dir):
            settled[name] = before.model_copy(update={"status": "unchanged"})
            notify(settled[name])
        else:
            todo.append(name)
    return settled, todo


def profile_names(folder: Path, shard: Shard | None = None) -> list[str]:
    """The file names of a folder's profiles (not its subfolders'), in name order; with
    ``shard``, only those in that shard. Names, not paths: a folder can hold millions."""
    if not folder.is_dir():
        raise ProfileError(f"{folder}: profiles folder not found; pass a folder of YAML profiles")
    with os.scandir(folder) as listing:
        found = sorted(
            entry.name
            for entry in listing
            if entry.name.endswith(PROFILE_SUFFIXES)
            and not entry.name.startswith(".")
            and entry.is_file()
        )
    if not found:
        raise ProfileError(f"{folder}: no .yaml or .yml profiles in this folder")
    return found if shard is None else [name for name in found if shard.holds(name)]


def find_profiles(folder: Path, shard: Shard | None = None) -> list[Path]:
    """The profile files of a folder (not its subfolders), in name order; with
    ``shard``, only those in that shard."""
    return [folder / name for name in profile_names(folder, shard)]


def _checked_formats(formats: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise TemplateError(
            f"unknown format {', '.join(map(repr, unknown)) or '(none)'}; "
            f"choose from {', '.join(FORMATS)}, e.g. --format md,html"
        )
    return chosen


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: exists and is not a folder; choose another -o") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder ({exc.strerror})") from None


def _check_outputs(
    out_dir: Path,
    report_path: Path,
    outputs: Iterable[str],
    own: Iterable[tuple[str | Path, str]],
    catalog: str | Path | None,
    templates: str | Path | None,
) -> None:
    """Before any plan: every place the run writes can take it, and none is an input."""
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: the output folder is not writable; choose another -o")
    refuse_inputs(itertools.chain([report_path], outputs), inputs_of_run(own, catalog, templates))


def _check_report_path(report_path: Path, out_dir: Path) -> None:
    """The report can be written: not a folder, in a folder that exists and takes it
    (the output folder itself is made and checked by the caller)."""
    folder = report_path.parent
    if report_path.is_dir():
        raise OutputError(f"{report_path}: is a folder; give a file name for --report")
    if folder == out_dir:
        return
    if not folder.is_dir():
        raise OutputError(
            f"{report_path}: its folder {folder} does not exist; create it or choose "
            "another --report"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{report_path}: its folder {folder} is not writable")


def _write(path: Path, text: str | bytes, into_devices: bool = False) -> None:
    """A document is always replaced (a link in OUT_DIR is never written through);
    the report may also go into a pipe or device (``--report /dev/stdout``)."""
    try:
        if into_devices:
            write_output(path, text, follow_links=False)
        else:
            write_atomically(path, text)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write it ({exc.strerror})") from None


def _previous_entries(report_path: Path) -> dict[str, Entry]:
    """The last run's entries, or none if there is no readable report."""
    try:
        if not stat.S_ISREG(report_path.stat().st_mode):
            return {}  # a pipe or a device holds no earlier report
        old = Report.model_validate_json(
            read_bounded(report_path, OutputError, _limits.REPORT_BYTES)
        )
    except (OSError, ValidationError, OutputError):
        return {}
    return {entry.profile: entry for entry in old.entries}


def _still_good(before: Entry, job: _Job, out_dir: Path) -> bool:
    if before.status == "failed" or before.fingerprint != job.fingerprint:
        return False
    if sorted(o.path for o in before.outputs) != sorted(p.name for _, p in job.outputs):
        return False
    return all(_sha256_of(out_dir / o.path) == o.sha256 for o in before.outputs)


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _fingerprint(base: str, profile: Path) -> str:
    digest = hashlib.sha256(base.encode())
    try:
        with profile.open("rb") as handle:  # a giant file fails later; never read it all
            digest.update(handle.read(_limits.PROFILE_FILE_BYTES + 1))
    except OSError as exc:
        digest.update(repr(exc).encode())
    return digest.hexdigest()


def _inputs_fingerprint(
    catalog: str | Path | None,
    replace_catalog: bool,
    templates: str | Path | None,
    formats: Iterable[str],
) -> str:
    """A hash of everything but the profile that a document depends on."""
    digest = hashlib.sha256(_engine_fingerprint().encode())
    digest.update(repr((sorted(formats), replace_catalog)).encode())
    for folder in (catalog, templates):
        digest.update(_folder_hash(Path(folder)).encode() if folder is not None else b"-")
    return digest.hexdigest()


@functools.cache
def _engine_fingerprint() -> str:
    """The engine's own code, catalog and templates, and the shaping libraries' versions."""
    digest = hashlib.sha256(_engine_version().encode())
    for library in _SHAPING_LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=?".encode())
    package = Path(__file__).parent  # holds the catalog, and in a wheel the templates
    digest.update(_folder_hash(package).encode())
    templates = builtin_templates_dir()
    if not templates.is_relative_to(package):  # a checkout keeps them beside the package
        digest.update(_folder_hash(templates).encode())
    return digest.hexdigest()


def _folder_hash(folder: Path) -> str:
    """A hash of a folder's regular files. A file over the template size limit is
    hashed by its size and time, not read: the run never reads it whole either."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        try:
            status = path.stat()
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode):
            continue  # folders, pipes, devices and broken links hold nothing to hash
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        if status.st_size > _limits.TEMPLATE_FILE_BYTES:
            digest.update(f"{status.st_size}:{status.st_mtime_ns}".encode())
        else:
            digest.update(read_bounded(path, OutputError, _limits.TEMPLATE_FILE_BYTES))
    return digest.hexdigest()


def _engine_version() -> str:
    from . import __version__

    return __version__


def _write_plan(run: _Run, name: str) -> Entry:
    """Plan one profile and write its documents (runs in a worker process)."""
    job = run.job(name)
    try:
        plan = generate_plan(job.path, catalog=run.catalog)
        documents = [
            (path, _document(plan, fmt, run.templates, run.coach_notes, run.brand))
            for fmt, path in job.outputs
        ]
        for path, data in documents:
            _write(path, data)
    except RoadmapError as exc:
        return _failed(job, str(exc))
    except Exception as exc:  # a bug: record it and let the other profiles go on
        return _failed(job, bug_message(exc), traceback.format_exc())
    return Entry(
        profile=job.name,
        status="written",
        fingerprint=job.fingerprint,
        outputs=[
            Output(path=path.name, sha256=hashlib.sha256(data).hexdigest())
            for path, data in documents
        ],
        title=plan.title,
        start=plan.start,
        end=plan.end,
        meets_deadline=plan.deadline.met if plan.deadline else None,
    )


def _document(
    plan: Plan, fmt: str, templates: str | Path | None, coach_notes: bool, brand: Brand | None
) -> bytes:
    """One document's bytes, as written: text as UTF-8, a PDF as it is."""
    if fmt == "pdf":
        return render(plan, "pdf", templates=templates, coach_notes=coach_notes, coach=brand)
    text = render(plan, fmt, templates=templates, coach_notes=coach_notes, coach=brand)
    return text.encode("utf-8")


def _failed(job: _Job, error: str, trace: str | None = None) -> Entry:
    return Entry(
        profile=job.name,
        status="failed",
        fingerprint=job.fingerprint,
        error=error,
        traceback=trace,
    )


def _crashed(job: _Job) -> Entry:
    return _failed(job, f"{job.path}: {CRASHED}")
