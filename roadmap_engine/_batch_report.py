"""A batch's report: one entry per profile, written as the entries settle.

Holding every entry until the end (and then the whole JSON text) made a
batch's memory grow with its folder. Each entry instead goes to a spill file
as soon as it settles, already in the report's layout, and the report is
written at the end from that file, piece by piece: its counts first, then the
entries, byte for byte what ``Report.model_dump_json(indent=2)`` gives. The
spill file has no name (it disappears with the process, even a killed one),
and the report itself is still replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from .errors import OutputError
from .writers.output import write_output

_COPY_BYTES = 1 << 20


class Output(BaseModel):
    path: str
    """The document's file name inside the output folder."""
    sha256: str


class Entry(BaseModel):
    """One profile's line in the report."""

    profile: str
    """The profile's file name inside the profiles folder."""
    status: Literal["written", "unchanged", "failed"]
    fingerprint: str
    outputs: list[Output] = []
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    meets_deadline: bool | None = None
    error: str | None = None
    """Why it failed: the file, field, value and fix."""
    traceback: str | None = None
    """Only when the failure is a bug in the engine."""


class Report(BaseModel):
    """The machine-readable outcome of a batch run (also its memory for re-runs)."""

    report_version: Literal[1] = 1
    engine_version: str
    profiles_dir: str
    out_dir: str
    formats: list[str]
    written: int
    unchanged: int
    failed: int
    entries: list[Entry]

    @property
    def ok(self) -> bool:
        return self.failed == 0


class ReportWriter:
    """Entries taken in report order and kept on disk; ``keep`` also keeps them here,
    for the ``Report`` a caller gets back."""

    def __init__(self, folder: Path, *, keep: bool) -> None:
        self._spill = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed by write()
        self._kept: list[Entry] | None = [] if keep else None
        self.counts = {"written": 0, "unchanged": 0, "failed": 0}

    def add(self, entry: Entry) -> None:
        if any(self.counts.values()):
            self._spill.write(b",\n")
        self._spill.write(textwrap.indent(entry.model_dump_json(indent=2), "    ").encode())
        self.counts[entry.status] += 1
        if self._kept is not None:
            self._kept.append(entry)

    def write(self, path: Path, head: Report) -> Report:
        """Write the report to ``path`` with ``head``'s fields and the entries added;
        the report returned holds them if kept, else none (its counts are right)."""
        report = head.model_copy(update={**self.counts, "entries": []})
        try:
            write_output(path, self._pieces(report), follow_links=False)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write it ({exc.strerror})") from None
        finally:
            self._spill.close()
        return report.model_copy(update={"entries": self._kept or []})

    def _pieces(self, report: Report) -> Iterator[bytes]:
        empty = report.model_dump_json(indent=2)
        close = "[]\n}"
        assert empty.endswith(close), "entries must be the report's last field"
        if not any(self.counts.values()):
            yield (empty + "\n").encode()
            return
        yield (empty[: -len(close)] + "[\n").encode()
        self._spill.seek(0)
        while piece := self._spill.read(_COPY_BYTES):
            yield piece
        yield b"\n  ]\n}\n"
