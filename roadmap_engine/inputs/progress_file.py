"""``roadmap progress``: record a coaching session in the profile file, in place.

The file is edited with ruamel.yaml's round-trip mode, and only its
``progress`` section is taken from the edited document: every line before and
after that section (comments, key order, quoting, the ``$schema`` line) is
kept byte for byte. The edited text is planned (``generate_plan``) before
anything is written, so a name the plan does not know, a date before the
start or any other problem leaves the file as it was; the file is then
replaced atomically (``write_output``), keeping its mode and any link to it.
Nothing changed means nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import _limits
from .._catalog import Catalog, load_catalog
from .._names import name_key
from .._plan_models import Plan
from .._progress import name_index
from .._reading import as_path, read_text_bounded
from .._yaml import parse_yaml
from ..errors import OutputError, ProfileError, RoadmapError

_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029])?")
"""One line with its break, as ruamel.yaml counts lines."""


@dataclass(frozen=True)
class Recorded:
    """What ``record_progress`` did."""

    changes: tuple[str, ...]
    """One line per change made to the file (empty: the file was left alone)."""
    notes: tuple[str, ...]
    """Lines about requests that changed nothing (an item already done, ...)."""
    plan: Plan
    """The plan of the profile as it now is."""

    @property
    def written(self) -> bool:
        return bool(self.changes)


def spent_pair(text: str) -> tuple[str, float]:
    """``ITEM=HOURS`` for ``--spent``: the name and a positive number of hours."""
    name, equals, hours = text.rpartition("=")
    try:
        value = float(hours) if equals and name.strip() else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not ITEM=HOURS with HOURS a positive number; write the total "
            "hours spent so far, e.g. --spent machine-learning=20"
        )
    return name.strip(), value


def record_progress(
    profile: str | Path,
    *,
    as_of: dt.date,
    done: Sequence[str] = (),
    spent: Sequence[tuple[str, float]] = (),
    catalog: Catalog | str | Path | None = None,
) -> Recorded:
    """Record ``done`` items and hours ``spent`` (totals) as of ``as_of`` in the
    profile file, after checking that the edited profile plans."""
    path = as_path(profile, "a profile", ProfileError)
    _refuse_streams(path)
    text = read_text_bounded(path, ProfileError, _limits.PROFILE_FILE_BYTES)
    data = parse_yaml(text, str(path), ProfileError)  # refused exactly as `roadmap plan` does
    if not isinstance(data, dict):
        raise ProfileError(
            f"{path}: expected a mapping of profile fields (name, current_role, ...), "
            f"got {'an empty file' if data is None else type(data).__name__}. "
            "See profiles/ for examples."
        )
    cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    document = _Document(path, text)
    names = _Names(_plan_text(document.without_progress(), path, cat), cat)
    edit = _Edit(path, document.progress(), names, as_of)
    edit.apply(done, spent)
    if not edit.changes:
        return Recorded((), tuple(edit.notes), _plan_text(text, path, cat))
    new_text = document.with_progress(edit.progress)
    plan = _plan_text(new_text, path, cat)  # nothing is written unless it plans
    try:
        from ..writers.output import write_output

        write_output(path, new_text)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write the profile ({exc.strerror}); check that the file "
            "and its folder are writable"
        ) from None
    return Recorded(tuple(edit.changes), tuple(edit.notes), plan)


def standing(plan: Plan) -> str:
    """One line: where the person stands and when the plan now ends."""
    where = ""
    now = plan.progress
    if now is not None:
        where = (
            f"{now.percent_done}% done ({_hours(now.hours_done)} of {_hours(plan.total_hours)} h, "
            f"{_hours(now.hours_left)} h left)"
        )
        if now.current is not None:
            where += f"; next: {now.current.title}"
        where += "; "
    deadline = ""
    if plan.deadline is not None:
        days = abs(plan.deadline.margin_days)
        side = "before" if plan.deadline.met else "after"
        deadline = f", {days} day{'s' * (days != 1)} {side} the deadline {plan.deadline.date}"
    return f"now: {where}the plan ends {plan.end}{deadline}"


def _refuse_streams(path: Path) -> None:
    """A pipe or device has no file to edit (and reading it would use it up)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return  # reading reports it, in the words `roadmap plan` uses
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise ProfileError(
            f"{path}: is {kind}; roadmap progress edits a profile file in place, so give "
            "the profile's YAML file"
        )


def _plan_text(text: str, path: Path, catalog: Catalog) -> Plan:
    """The plan of ``text`` as if it were ``path``: messages name ``path``."""
    from .. import generate_plan

    with tempfile.TemporaryDirectory(prefix="roadmap-progress-") as folder:
        copy = Path(folder) / path.name
        copy.write_bytes(text.encode("utf-8"))
        try:
            return generate_plan(copy, catalog=catalog)
        except RoadmapError as exc:
            raise type(exc)(str(exc).replace(str(copy), str(path))) from None


def _hours(value: float) -> str:
    return f"{round(value, 1):g}"


def _day(day: dt.date) -> dt.date:
    """A date object of its own: one object written twice would become a YAML alias."""
    return dt.date(day.year, day.month, day.day)


def _number(value: float) -> int | float:
    """Hours as they are best written: 20, not 20.0."""
    return int(value) if float(value).is_integer() else value


def _shown(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return repr(value) if isinstance(value, str) else str(value)
    return f"{value:g}"


# --- the file -----------------------------------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    editor = YAML(typ="rt")
    editor.preserve_quotes = True
    editor.allow_duplicate_keys = True  # the project's loader has refused them already
    editor.width = 4096  # never fold a long name
    return editor


def _lines(text: str) -> list[str]:
    """``text`` cut into lines with their breaks, counting breaks as ruamel.yaml does."""
    found = _LINE.findall(text)
    return found[:-1] if found and found[-1] == "" else found


class _Document:
    """The profile's text and its round-trip YAML, and where ``progress`` sits in it."""

    def __init__(self, path: Path, text: str) -> None:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.error import YAMLError

        self.path, self.text = path, text
        try:
            self.data = _yaml().load(text)
        except YAMLError as exc:
            raise ProfileError(
                f"{path}: cannot be edited in place (the YAML editor reads it differently: "
                f"{str(exc).splitlines()[0]}); record the progress section by hand"
            ) from None
        if not isinstance(self.data, CommentedMap):
            raise ProfileError(f"{path}: expected a mapping of profile fields")
        self.lines = _lines(text)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.span = _span(self.data, len(self.lines))
        self.indents = self._indents()  # read before any edit: new nodes have no positions

    def progress(self) -> Any:
        """The progress mapping to edit (a new one when the file has none)."""
        from ruamel.yaml.comments import CommentedMap

        value = self.data.get("progress")
        if value is None:
            if "progress" in self.data:
                self._keep_only_eol_comment()
            return CommentedMap()
        if not isinstance(value, CommentedMap):
            raise ProfileError(
                f"{self.path}: progress: expected a mapping with as_of, done and spent, got "
                f"{_shown(value)}; fix it or remove it, then run the command again"
            )
        return value

    def _keep_only_eol_comment(self) -> None:
        """``progress:`` with no value: comment lines under it stay where they are
        (in the kept tail), not between the key and its new value."""
        token = self.data.ca.items.get("progress") or []
        comment = token[2] if len(token) > 2 else None
        if comment is not None:
            comment.value = comment.value.split("\n", 1)[0] + "\n"

    def without_progress(self) -> str:
        """The text with no progress section (its trailing comments kept)."""
        if self.span is None:
            return self.text
        first, last = self.span
        return "".join(self.lines[:first] + _tail(self.lines[first + 1 : last]))

    def with_progress(self, progress: Any) -> str:
        """The original text with its progress section replaced by ``progress``."""
        editor = _yaml()
        editor.indent(**self.indents)
        self.data["progress"] = progress
        out = io.StringIO()
        editor.dump(self.data, out)
        dumped = out.getvalue()
        if self.data.fa.flow_style():  # a profile in one flow mapping: no lines to keep apart
            return dumped
        new_lines = _lines(dumped)
        span = _span(editor.load(dumped), len(new_lines))
        assert span is not None
        section = new_lines[span[0] : span[1]]
        section = section[: len(section) - len(_tail(section[1:]))]
        section = [line.rstrip("\n") + self.newline for line in section]
        if self.span is None:
            before, tail, after = self.lines, [], []
        else:
            first, last = self.span
            before, after = self.lines[:first], self.lines[last:]
            tail = _tail(self.lines[first + 1 : last])
        if before and not before[-1].endswith(("\n", "\r")):
            before = [*before[:-1], before[-1] + self.newline]
        return "".join(before + section + tail + after)

    def _indents(self) -> dict[str, int]:
        """Indentation like the file's own: its progress section's, else that of its
        first nested mapping and sequence (two spaces, dashes under the key, when
        nothing shows)."""
        keys = sorted(self.data, key=lambda key: key != "progress")  # progress first
        mapping = next((n for key in keys if (n := _key_indent(self.data, key)) is not None), 2)
        parents = [(self.data, key) for key in keys]
        if _is_block_map(self.data.get("progress")):
            parents.insert(0, (self.data["progress"], "done"))
        offset = next(
            (
                n
                for parent, key in parents
                if (n := _dash_offset(parent, key, self.lines)) is not None
            ),
            0,
        )
        return {"mapping": mapping, "sequence": offset + 2, "offset": offset}


def _span(data: Any, line_count: int) -> tuple[int, int] | None:
    """The lines of the progress section (its key to the next top-level key), if any."""
    if "progress" not in data:
        return None
    keys = list(data)
    index = keys.index("progress")
    last = data.lc.key(keys[index + 1])[0] if index + 1 < len(keys) else line_count
    return data.lc.key("progress")[0], last


def _tail(lines: list[str]) -> list[str]:
    """The blank and unindented comment lines that end a section: they belong to
    what follows it, and are kept as written."""
    count = 0
    for line in reversed(lines):
        if line.strip() and not line.startswith("#"):
            break
        count += 1
    return lines[len(lines) - count :]


def _is_block_map(value: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(value, CommentedMap) and bool(value) and not value.fa.flow_style()


def _key_indent(parent: Any, key: Any) -> int | None:
    """How far right of ``key`` the keys of its block-mapping value sit, if it shows."""
    value = parent.get(key)
    if not _is_block_map(value):
        return None
    column: int = value.lc.key(next(iter(value)))[1] - parent.lc.key(key)[1]
    return column if column > 0 else None


def _dash_offset(parent: Any, key: Any, lines: list[str]) -> int | None:
    """How far right of ``key`` the dashes of its block-sequence value sit, if it shows."""
    from ruamel.yaml.comments import CommentedSeq

    value = parent.get(key)
    if not isinstance(value, CommentedSeq) or not value or value.fa.flow_style():
        return None
    line = value.lc.item(0)[0]
    text = lines[line] if line < len(lines) else ""
    dash = len(text) - len(text.lstrip(" "))
    offset: int = dash - parent.lc.key(key)[1]
    return offset if text.lstrip(" ").startswith("-") and offset >= 0 else None


# --- the edit -----------------------------------------------------------------------------


class _Names:
    """Which plan items a name means: by id, title, skill name or alias, any case."""

    def __init__(self, plan: Plan, catalog: Catalog) -> None:
        acts = [a for phase in plan.phases for a in phase.activities]
        self.ids = name_index(((a.id, a.title, a.kind, a.part, a.parts) for a in acts), catalog)

    def same(self, one: object, other: object) -> bool:
        """Whether two names (as written in the file or given) mean a common item."""
        first, second = name_key(str(one)), name_key(str(other))
        return first == second or bool(set(self.ids.get(first, ())) & set(self.ids.get(second, ())))


class _Edit:
    """The progress mapping, edited request by request, and what each did."""

    def __init__(self, path: Path, progress: Any, names: _Names, as_of: dt.date) -> None:
        self.path, self.progress, self.names, self.as_of = path, progress, names, as_of
        self.changes: list[str] = []
        self.notes: list[str] = []

    def apply(self, done: Sequence[str], spent: Sequence[tuple[str, float]]) -> None:
        for name, _ in spent:
            both = next((item for item in done if self.names.same(item, name)), None)
            if both is not None:
                raise ProfileError(
                    f"{self.path}: {name!r} is given to both --done ({both}) and --spent; "
                    "an item is either finished or has hours spent on it: drop one of them"
                )
        self._as_of()
        for name in done:
            self._done(name)
        for name, hours in spent:
            self._spent(name, hours)

    def _as_of(self) -> None:
        old = self.progress.get("as_of")
        if "as_of" not in self.progress:
            self.progress.insert(0, "as_of", _day(self.as_of))
            added = " (progress section added)" if len(self.progress) == 1 else ""
            self.changes.append(f"progress.as_of: {self.as_of}{added}")
        elif old != self.as_of:
            self.progress["as_of"] = _day(self.as_of)
            earlier = (
                " (earlier than the date recorded before)"
                if isinstance(old, dt.date) and self.as_of < old
                else ""
            )
            self.changes.append(f"progress.as_of: {_shown(old)} -> {self.as_of}{earlier}")

    def _section(self, key: str, kinds: str) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        value = self.progress.get(key)
        if value is None or isinstance(value, CommentedMap | CommentedSeq):
            return value
        raise ProfileError(
            f"{self.path}: progress.{key}: expected {kinds}, got {_shown(value)}; "
            "fix it by hand, then run the command again"
        )

    def _done(self, name: str) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        done = self._section("done", "a mapping of names to dates or a list of names")
        entries = list(done or ())
        known = next((entry for entry in entries if self.names.same(entry, name)), None)
        if known is not None:
            on = done.get(known) if isinstance(done, CommentedMap) else None
            when = f"on {on}" if isinstance(on, dt.date) else "date not recorded"
            written = "" if known == name else f" as {known!r}"
            self.notes.append(f"done: {name} already done{written} ({when}); kept")
        elif isinstance(done, CommentedSeq):
            done.append(name)
            self.changes.append(f"done: {name} (listed without a date: done is a list here)")
        else:
            if done is None:
                done = CommentedMap()
                self._put("done", done, before="spent")
            done[name] = _day(self.as_of)
            self.changes.append(f"done: {name} ({self.as_of})")
        spent = self._section("spent", "a mapping of names to hours")
        if spent is None:
            return
        for entry in [entry for entry in spent if self.names.same(entry, name)]:
            self.changes.append(f"spent: {entry} {_shown(spent[entry])} h removed (done)")
            del spent[entry]
        if not spent:
            del self.progress["spent"]

    def _spent(self, name: str, hours: float) -> None:
        from ruamel.yaml.comments import CommentedMap

        done = self._section("done", "a mapping of names to dates or a list of names")
        finished = next((entry for entry in done or () if self.names.same(entry, name)), None)
        if finished is not None:
            written = "" if finished == name else f" (as {finished!r})"
            raise ProfileError(
                f"{self.path}: progress.done: {name!r} is done{written}, so no hours are "
                f"spent on it any more; drop --spent {name}=..., or remove {finished!r} "
                "from progress.done first"
            )
        spent = self._section("spent", "a mapping of names to hours")
        if spent is None:
            spent = CommentedMap()
            self._put("spent", spent, before=None)
        known = next((entry for entry in spent if self.names.same(entry, name)), None)
        if known is None:
            spent[name] = _number(hours)
            self.changes.append(f"spent: {name} {hours:g} h")
            return
        old = spent[known]
        if isinstance(old, int | float) and not isinstance(old, bool) and old == hours:
            self.notes.append(f"spent: {known} already {hours:g} h; kept")
            return
        spent[known] = _number(hours)
        self.changes.append(f"spent: {known} {_shown(old)} -> {hours:g} h")

    def _put(self, key: str, value: Any, before: str | None) -> None:
        """Add ``key`` to the progress mapping, before ``before`` when it is there."""
        keys = list(self.progress)
        if before is not None and before in keys:
            self.progress.insert(keys.index(before), key, value)
        else:
            self.progress[key] = value
