"""The ``roadmap`` command: parse, call the public API, print.

Errors are mapped to exit codes in one place: a ``RoadmapError`` (bad input)
prints its message and exits 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # imported when a command needs them, to keep start-up fast
    from tqdm import tqdm

    from ._batch_report import Entry, Report
    from ._shard import Shard

EXIT_SOME_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_BROKEN_PIPE = 141
"""What a shell reports for a command whose reader closed the pipe (128 + SIGPIPE)."""
EXIT_INTERRUPTED = 130
"""What a shell reports for a command stopped by Ctrl-C (128 + SIGINT)."""


def _plan(args: argparse.Namespace) -> int:
    from . import generate_plan, load_catalog, render
    from .errors import OutputError
    from .writers.output import STDOUT, inputs_of_run, refuse_inputs, write_output

    brand = None
    if args.coach:  # a bad coach file fails first
        from .inputs.coach import load_brand

        brand = load_brand(args.coach)
    inputs: list[tuple[str | Path, str]] = []
    if args.output is not None:  # before any work: never destroy an input, never fail late
        own = [(args.profile, "the profile"), *_coach_files(args.coach)]
        if args.baseline is not None:
            own.append((args.baseline, "the baseline plan"))
        inputs = list(inputs_of_run(own, args.catalog, args.templates))
        refuse_inputs([args.output], inputs)  # whatever its name says
    targets = _targets(args.format, args.output)  # (format, file) pairs; "-" is stdout
    for fmt, output in targets:
        _refuse_binary_to_terminal(fmt, output)
    files = [output for _, output in targets if str(output) != STDOUT]
    refuse_inputs(files, inputs)
    for output in files:  # every file checked before any is written
        _check_output_folder(output)
    catalog = load_catalog(args.catalog, replace=args.replace) if args.catalog else None
    plan = generate_plan(args.profile, catalog=catalog, as_of=args.as_of, baseline=args.baseline)
    documents = [  # every document made before any is written
        (
            output,
            render(plan, fmt, templates=args.templates, coach_notes=args.coach_notes, coach=brand),
        )
        for fmt, output in targets
    ]
    for output, text in documents:
        try:
            write_output(output, text)
        except OSError as exc:
            raise OutputError(
                f"{output}: cannot write the plan ({exc.strerror}); "
                "check that its folder exists and is writable"
            ) from None
        if str(output) != STDOUT:
            print(f"wrote {output} ({plan.title}; {plan.start} to {plan.end})", file=sys.stderr)
    return 0


_EXTENSIONS = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "json": "json"}
_EXTENSIONS |= {"ics": "ics", "pdf": "pdf"}
"""A file extension -> the format it names."""


def _targets(format_option: str | None, output: Path | None) -> list[tuple[str, Path]]:
    """Which documents ``roadmap plan`` writes where: (format, file) pairs.

    One format: the file's extension names it when ``--format`` does not (md
    without either), and the two must agree. Several formats (``md,html``):
    ``-o`` is a base name, and each document gets its format's extension.
    """
    from .errors import OutputError
    from .writers.output import STDOUT
    from .writers.render import FORMATS

    formats = list(dict.fromkeys(f.strip().lower() for f in (format_option or "").split(",")))
    formats = [f for f in formats if f]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}; choose among {', '.join(FORMATS)}")
    if output is None or str(output) == STDOUT:
        if len(formats) > 1:
            raise OutputError(
                f"{len(formats)} formats need a base name to write them to, "
                "e.g. -o plans/alex for plans/alex.md, plans/alex.html, ..."
            )
        return [(formats[0] if formats else "md", Path(STDOUT))]
    suffix = output.suffix.lower().lstrip(".")
    named = _EXTENSIONS.get(suffix)
    if len(formats) > 1:
        if named is not None:
            base = output.with_suffix("")
            raise OutputError(
                f"{output}: with several formats, -o is a base name without an extension "
                f"(-o {base} writes {', '.join(f'{base}.{f}' for f in formats)})"
            )
        return [(fmt, output.with_name(f"{output.name}.{fmt}")) for fmt in formats]
    if formats:
        if named is not None and named != formats[0]:
            raise OutputError(
                f"{output}: the extension .{suffix} means {named} but --format says "
                f"{formats[0]}; drop --format or name the file .{formats[0]}"
            )
        return [(formats[0], output)]
    if named is None and suffix and not _is_stream(output):
        raise OutputError(
            f"{output}: the extension .{suffix} names no format; end the name with one of "
            f"{', '.join('.' + f for f in FORMATS)}, or give --format"
        )
    return [(named or "md", output)]


def _is_stream(path: Path) -> bool:
    """An existing pipe or device (not a file or folder): written straight into as md."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _refuse_binary_to_terminal(fmt: str, output: Path | None) -> None:
    """A PDF is bytes: refuse to pour it onto a terminal (a pipe or a file is fine)."""
    from .errors import OutputError
    from .writers.output import STDOUT

    if fmt == "pdf" and (output is None or str(output) == STDOUT) and sys.stdout.isatty():
        raise OutputError(
            "a PDF is not for the terminal; write it to a file with -o plan.pdf "
            "(or pipe it: roadmap plan PROFILE --format pdf > plan.pdf)"
        )


def _coach_notes_flag(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-coach-notes",
        dest="coach_notes",
        action="store_false",
        help="leave out the section for the coach (levels assumed from the current role)",
    )
    command.add_argument(
        "--coach",
        type=Path,
        metavar="FILE",
        help="a coach file (YAML: name, contact, logo, accent colour, footer, call to action) "
        "whose brand goes on the cover, every page and the closing section",
    )


def _coach_files(coach: Path | None) -> list[tuple[Path, str]]:
    """The coach file and its logo, which no output may overwrite."""
    if coach is None:
        return []
    from .inputs.coach import coach_files

    return [(path, "a coach file") for path in coach_files(coach)]


def _check_output_folder(output: Path) -> None:
    from .errors import OutputError
    from .writers.output import STDOUT

    if str(output) == STDOUT or output.exists():
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"{output}: its folder {folder} does not exist; create it or choose another -o"
        )


def _batch(args: argparse.Namespace) -> int:
    from ._batch_folder import REPORT_NAME, profile_names, run_batch

    done = {"settled": 0, "total": len(profile_names(args.profiles, args.shard))}
    bar = _progress_bar()
    rows: list[tuple[str, str, str]] = []
    bugs: list[Entry] = []

    def progress(entry: Entry, total: int) -> None:
        """Each entry as it settles, reduced to its summary line: the entries themselves
        stay in the report file, so a folder of any size fits in memory."""
        done["settled"] += entry.status != "failed"
        rows.append(_row(entry, args.profiles))
        if entry.traceback:
            bugs.append(entry)
        _advance(bar, total)

    try:
        report = run_batch(
            args.profiles,
            args.output,
            args.format.split(","),
            catalog=args.catalog,
            replace_catalog=args.replace,
            templates=args.templates,
            jobs=args.jobs,
            force=args.force,
            report=args.report,
            on_result=progress,
            coach_notes=args.coach_notes,
            coach=args.coach,
            shard=args.shard,
            keep_entries=False,
        )
    except KeyboardInterrupt:
        bar.close()
        print(
            f"interrupted: {done['settled']} of {done['total']} written; run again to continue",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    finally:
        bar.close()
    default_report = args.shard.report_name if args.shard else REPORT_NAME
    _print_summary(sorted(rows), report, args.report or args.output / default_report)
    if args.debug:  # a failure that is a bug carries its traceback
        for entry in sorted(bugs, key=lambda e: e.profile):
            print(f"{entry.profile}:\n{entry.traceback}", file=sys.stderr)
    return 0 if report.ok else EXIT_SOME_FAILED


def _shard(text: str) -> Shard:
    from ._shard import Shard

    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _merge(args: argparse.Namespace) -> int:
    from ._shard import merge_reports
    from .writers.output import refuse_inputs, write_output

    refuse_inputs([args.output], [(path, "a shard's report") for path in args.reports])
    report = merge_reports(args.reports)
    write_output(args.output, report.model_dump_json(indent=2) + "\n")
    folder = Path(report.profiles_dir)
    _print_summary([_row(e, folder) for e in report.entries], report, args.output)
    return 0 if report.ok else EXIT_SOME_FAILED


def _advance(bar: tqdm[Any], total: int) -> None:
    if bar.total != total:
        bar.reset(total=total)
    bar.update(1)


def _progress_bar() -> tqdm[Any]:
    """A progress bar on a terminal; nothing when stderr is a file or a pipe."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
    return tqdm(desc="planning", unit="profile", file=sys.stderr, disable=None, leave=False)


def _row(entry: Entry, folder: Path) -> tuple[str, str, str]:
    return entry.profile, entry.status, _outcome(entry, folder / entry.profile)


def _print_summary(rows: list[tuple[str, str, str]], report: Report, report_path: Path) -> None:
    widths = [max(len(row[i]) for row in [("profile", "status", ""), *rows]) for i in (0, 1)]
    print(f"{'profile':<{widths[0]}}  {'status':<{widths[1]}}  result")
    for name, status, outcome in rows:
        print(f"{name:<{widths[0]}}  {status:<{widths[1]}}  {outcome}")
    print(
        f"\n{len(rows)} profiles: {report.written} written, {report.unchanged} unchanged, "
        f"{report.failed} failed. Report: {report_path}"
    )


def _outcome(entry: Entry, path: Path) -> str:
    """One line: the plan's dates, or the first problem found (the report has them all)."""
    if entry.status == "failed":
        lines = [line for line in (entry.error or "").splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].endswith(":"):
            lines = lines[1:]  # "invalid profile:" heads a list of problems
        first = (lines[0] if lines else "failed").removeprefix(f"{path}: ")
        more = f" (+{len(lines) - 1} more in the report)" if len(lines) > 1 else ""
        return first + more
    deadline: dict[bool | None, str] = {
        True: ", meets the deadline",
        False: ", misses the deadline",
    }
    return f"{entry.start} to {entry.end}{deadline.get(entry.meets_deadline, '')}"


def _progress(args: argparse.Namespace) -> int:
    from . import load_catalog
    from .inputs.progress_file import record_progress, standing

    catalog = load_catalog(args.catalog, replace=args.replace) if args.catalog else None
    recorded = record_progress(
        args.profile,
        as_of=args.as_of or dt.date.today(),  # a session is recorded on the real date
        done=args.done,
        spent=args.spent,
        catalog=catalog,
    )
    for line in (*recorded.changes, *recorded.notes):
        print(line)
    if not recorded.written:
        print(f"nothing changed; {args.profile} is left as it was")
    print(standing(recorded.plan))
    return 0


def _catalog_list(args: argparse.Namespace) -> int:
    from . import load_catalog

    catalog = load_catalog(args.catalog, replace=args.replace)
    print(f"Roles ({len(catalog.roles)}):")
    width = max(len(r) for r in catalog.roles)
    for role in catalog.roles.values():
        print(f"  {role.id:<{width}}  {role.title} ({len(role.requires)} required skills)")
    print(
        f"\nSkills ({len(catalog.skills)}; hours from zero to basic/intermediate/advanced/expert):"
    )
    width = max(len(s) for s in catalog.skills)
    for skill in catalog.skills.values():
        levels = "/".join(f"{h:g}" for h in skill.hours.values())
        print(f"  {skill.id:<{width}}  {levels:>15} h  {skill.name} [{skill.category}]")
    return 0


def _init(args: argparse.Namespace) -> int:
    from . import load_catalog
    from .errors import OutputError
    from .inputs.starter import starter_profile

    _check_output_folder(args.profile)
    catalog = None
    if args.current or args.target:
        catalog = load_catalog(args.catalog, replace=args.replace)
    text = starter_profile(args.current, args.target, catalog=catalog)
    try:
        with open(args.profile, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise OutputError(
            f"{args.profile}: already exists; choose another name (init never overwrites)"
        ) from None
    print(
        f"wrote {args.profile}; fill in its required fields, then run: roadmap plan {args.profile}",
        file=sys.stderr,
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .inputs.starter import json_schema

    sys.stdout.write(json_schema(args.kind))
    return 0


def _catalog_check(args: argparse.Namespace) -> int:
    from . import load_catalog
    from ._catalog_quality import quality_warnings

    catalog = load_catalog(args.folder, replace=args.replace)
    where = args.folder if args.folder else "the built-in catalog"
    warnings = quality_warnings(catalog)
    for warning in warnings:
        print(f"{'error' if args.strict else 'warning'}: {warning}", file=sys.stderr)
    counts = (
        f"{len(catalog.roles)} roles, {len(catalog.skills)} skills, "
        f"{len(catalog.resources)} resources, {len(catalog.transitions)} transitions"
    )
    if warnings and args.strict:
        print(f"{where}: {len(warnings)} quality problems ({counts})", file=sys.stderr)
        return 1
    found = f", {len(warnings)} quality warnings" if warnings else ""
    print(f"{where}: OK ({counts}){found}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap",
        description="Turn a person's profile into a dated, personal career-transition plan.",
        epilog="Example: roadmap plan profiles/software-engineer-to-ml-engineer.yaml "
        "--format html -o plan.html",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = commands.add_parser(
        "plan",
        help="write the plan for one profile",
        description="Write the dated transition plan for one profile (a YAML file; "
        "see profiles/ for examples).",
    )
    plan.add_argument("profile", type=Path, metavar="PROFILE", help="the profile's YAML file")
    plan.add_argument(
        "-f",
        "--format",
        metavar="FORMATS",
        help="md, html, json, ics or pdf, or several joined by commas (md,html,ics) with -o "
        "as their base name; by default the -o file's extension, else md. ics is a calendar "
        "file for calendar apps; pdf needs the pdf extra (pip install 'roadmap-engine[pdf]')",
    )
    plan.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (- for standard output, the default); a regular file is "
        "never left half-written, and a pipe or device is written straight into",
    )
    plan.add_argument(
        "--catalog",
        type=Path,
        metavar="DIR",
        help="a catalog folder laid over the built-in one (same id replaces, new id adds)",
    )
    plan.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="a folder of templates (plan.md.j2, plan.html.j2) used before the built-in ones",
    )
    _coach_notes_flag(plan)
    plan.add_argument(
        "--replace-catalog",
        dest="replace",
        action="store_true",
        help="use the --catalog folder alone instead of laying it over the built-in one",
    )
    plan.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="plan what remains from DATE (YYYY-MM-DD); by default the profile's "
        "progress.as_of, or its start date when no progress is recorded",
    )
    plan.add_argument(
        "--baseline",
        type=Path,
        metavar="PLAN.json",
        help="an earlier plan's JSON (--format json) to compare with: ahead or behind, "
        "what changed; the calendar (ics) then cancels the events the new plan drops",
    )
    plan.set_defaults(run=_plan)

    batch = commands.add_parser(
        "batch",
        help="write the plans for a folder of profiles",
        description="Write the plans for every profile (*.yaml, *.yml) in a folder, on "
        "every core. A bad profile never stops the others: the summary table and the "
        "report (JSON) say which failed and why. A re-run redoes only the profiles whose "
        "inputs changed or whose documents are missing. Exits 1 if any profile failed, "
        "2 if the run itself cannot start.",
    )
    batch.add_argument("profiles", type=Path, metavar="PROFILES_DIR", help="a folder of profiles")
    batch.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT_DIR",
        help="the folder for the documents (created if missing)",
    )
    batch.add_argument(
        "-f",
        "--format",
        default="md",
        metavar="FORMATS",
        help="comma-separated formats among md, html, json, ics, pdf (default: md)",
    )
    batch.add_argument(
        "--catalog", type=Path, metavar="DIR", help="a catalog folder laid over the built-in one"
    )
    batch.add_argument(
        "--replace-catalog", dest="replace", action="store_true", help="use DIR alone"
    )
    batch.add_argument(
        "--templates", type=Path, metavar="DIR", help="a folder of templates used first"
    )
    _coach_notes_flag(batch)
    batch.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="worker processes (default: one per core)",
    )
    batch.add_argument(
        "--force", action="store_true", help="plan every profile again, changed or not"
    )
    batch.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="where to write the JSON report (default: OUT_DIR/report.json)",
    )
    batch.add_argument(
        "--shard",
        type=_shard,
        metavar="I/N",
        help="plan only the I-th of N slices of the folder (by file name), for N machines; "
        "the report is OUT_DIR/report-I-of-N.json (combine them with `roadmap merge`)",
    )
    batch.set_defaults(run=_batch)

    merge = commands.add_parser(
        "merge",
        help="combine the reports of a batch's shards",
        description="Combine the JSON reports of `roadmap batch --shard` runs into one "
        "report, as one run over the whole folder writes it. Exits 1 if any profile failed.",
    )
    merge.add_argument("reports", type=Path, nargs="+", metavar="REPORT", help="shard reports")
    merge.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the merged report"
    )
    merge.set_defaults(run=_merge)

    catalog = commands.add_parser(
        "catalog", help="list or check a catalog", description="List or check a catalog."
    )
    catalog_commands = catalog.add_subparsers(
        dest="catalog_command", required=True, metavar="ACTION"
    )
    listing = catalog_commands.add_parser(
        "list",
        help="list the roles, and the skills with their hours",
        description="List the catalog's roles, and its skills with their hours.",
    )
    listing.add_argument(
        "--catalog", type=Path, metavar="DIR", help="a catalog folder laid over the built-in one"
    )
    listing.add_argument(
        "--replace-catalog", dest="replace", action="store_true", help="use DIR alone"
    )
    listing.set_defaults(run=_catalog_list)
    check = catalog_commands.add_parser(
        "check",
        help="validate a catalog folder, reporting every problem",
        description="Validate a catalog folder laid over the built-in one (or alone with "
        "--replace-catalog): syntax, fields, duplicate ids, unknown references and cycles, "
        "every problem at once with its file and item. Exits 2 on any problem. Then reports "
        "quality warnings (facts a plan would word wrongly), which --strict makes errors.",
    )
    check.add_argument(
        "folder",
        type=Path,
        nargs="?",
        metavar="DIR",
        help="the folder to check (default: the built-in catalog)",
    )
    check.add_argument(
        "--replace-catalog", dest="replace", action="store_true", help="check DIR alone"
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="treat quality warnings as errors (exit 1): resources far longer than their "
        "skill, prices or links missing, home-page links, one resource defined twice, "
        "unused skills, resources and phases",
    )
    check.set_defaults(run=_catalog_check)

    init = commands.add_parser(
        "init",
        help="write a profile to fill in",
        description="Write a new profile (YAML) with every field and what it means as "
        "comments: the required ones to fill in, the optional ones commented out with an "
        "example. Never overwrites a file.",
    )
    init.add_argument("profile", type=Path, metavar="PROFILE", help="the new profile's file")
    init.add_argument("--current", metavar="ROLE", help="the role held now (a catalog role)")
    init.add_argument("--target", metavar="ROLE", help="the role to move into")
    init.add_argument(
        "--catalog", type=Path, metavar="DIR", help="a catalog folder laid over the built-in one"
    )
    init.add_argument(
        "--replace-catalog", dest="replace", action="store_true", help="use DIR alone"
    )
    init.set_defaults(run=_init)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a profile, coach or catalog file",
        description="Print the JSON Schema of a profile, coach or catalog file, for editors "
        "that complete and check YAML (e.g. with a '# yaml-language-server: $schema=FILE' "
        "line at the top of the file).",
    )
    schema.add_argument("kind", choices=("profile", "coach", "catalog"), help="which file")
    schema.set_defaults(run=_schema)

    progress = commands.add_parser(
        "progress",
        help="record a coaching session's progress in a profile",
        description="Record what is done and the hours spent so far in the profile's "
        "progress section, in place: the rest of the file (comments, order, quoting) is "
        "kept as written. The edited profile is planned first, so nothing is written if "
        "it does not plan (an unknown item, a date before the start); then prints each "
        "change and where the client now stands.",
    )
    progress.add_argument(
        "profile", type=Path, metavar="PROFILE", help="the profile's YAML file (edited)"
    )
    progress.add_argument(
        "--done",
        nargs="+",
        action="extend",
        default=[],
        metavar="ITEM",
        help="items finished (plan item id, skill name or alias, or activity title), "
        "recorded with the --as-of date and removed from spent",
    )
    progress.add_argument(
        "--spent",
        nargs="+",
        action="extend",
        default=[],
        type=_spent_pair,
        metavar="ITEM=HOURS",
        help="the total hours spent so far on an unfinished item (not an increment), "
        "e.g. machine-learning=20",
    )
    progress.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="the session's date (YYYY-MM-DD), stored as progress.as_of; default today",
    )
    progress.add_argument(
        "--catalog", type=Path, metavar="DIR", help="a catalog folder laid over the built-in one"
    )
    progress.add_argument(
        "--replace-catalog", dest="replace", action="store_true", help="use DIR alone"
    )
    progress.set_defaults(run=_progress)
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it YYYY-MM-DD, e.g. 2027-02-15"
        ) from None


def _spent_pair(text: str) -> tuple[str, float]:
    from .inputs.progress_file import spent_pair

    return spent_pair(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked for: reading the installed package's
    metadata on every run cost every plan a few milliseconds."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("roadmap-engine")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def run() -> NoReturn:
    """The ``roadmap`` command: ``main`` in a process that ends right after it.

    What the imports built (modules, model classes) and what a run built (a
    large catalog and its plan) live until the process ends. Frozen, they are
    skipped by the cyclic collector instead of walked again: the imports' objects
    by every collection during the run (the package imports with the collector
    paused, so none has walked them yet), the run's by the last pass at exit (a
    quarter of a second for a 10,000-skill catalog).
    """
    gc.freeze()
    status = main()
    gc.freeze()
    raise SystemExit(status)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .errors import RoadmapError

    try:
        status: int = args.run(args)
        return status
    except RoadmapError as exc:
        if args.debug:
            raise
        print(f"roadmap: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader left early (`roadmap catalog list | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit stays quiet
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if args.debug:
            raise
        where = exc.filename or getattr(args, "output", "") or ""
        print(f"roadmap: error: {where}: {exc.strerror}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("interrupted; run the command again", file=sys.stderr)
        return EXIT_INTERRUPTED
