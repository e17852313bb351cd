"""Splitting a batch over machines (``--shard I/N``) and merging their reports.

A profile's shard depends on its file name alone (a hash of it), so every
machine given the same folder and ``N`` takes a disjoint slice, together
they take every profile, and adding or removing a profile never moves the
others to another shard (their re-runs stay skips). Each shard writes its own
report; ``merge_reports`` combines them into one, as a single run writes it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import _limits
from ._reading import read_bounded
from .errors import OutputError

if TYPE_CHECKING:  # the batch imports this module: its models load when merging
    from ._batch_report import Entry, Report


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (from 1) of ``count`` slices of a folder of profiles."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"I/N"``, with 1 <= I <= N; ValueError (saying what to write) otherwise."""
        found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if not found or not 1 <= int(found[1]) <= int(found[2]):
            raise ValueError(f"{text!r}: write I/N with 1 <= I <= N, such as 1/4")
        return cls(int(found[1]), int(found[2]))

    def holds(self, name: str) -> bool:
        """Whether the profile file called ``name`` belongs to this shard."""
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    @property
    def report_name(self) -> str:
        """The report's default name, one per shard so shards can share an output folder."""
        return f"report-{self.index}-of-{self.count}.json"


def merge_reports(paths: Sequence[Path]) -> Report:
    """One report from the shards' reports: every entry, in profile name order.

    The reports must come from the same engine version and formats, and no
    profile may appear in two of them (overlapping shards); otherwise an
    ``OutputError`` says which.
    """
    if not paths:
        raise OutputError("merge: give the shards' report files (such as out/report-*.json)")
    reports = [_read_report(path) for path in paths]
    first = reports[0]
    for path, report in zip(paths, reports, strict=True):
        for field in ("engine_version", "formats"):
            if getattr(report, field) != getattr(first, field):
                raise OutputError(
                    f"{path}: {field} {getattr(report, field)!r} differs from "
                    f"{getattr(first, field)!r} in {paths[0]}; merge reports of one batch"
                )
    seen: dict[str, Path] = {}
    entries: list[Entry] = []
    for path, report in zip(paths, reports, strict=True):
        for entry in report.entries:
            if entry.profile in seen:
                raise OutputError(
                    f"{path}: profile {entry.profile!r} is also in {seen[entry.profile]}; "
                    "the shards overlap (give every machine the same N)"
                )
            seen[entry.profile] = path
            entries.append(entry)
    entries.sort(key=lambda e: e.profile)
    return first.model_copy(
        update={
            "entries": entries,
            "written": sum(e.status == "written" for e in entries),
            "unchanged": sum(e.status == "unchanged" for e in entries),
            "failed": sum(e.status == "failed" for e in entries),
        }
    )


def _read_report(path: Path) -> Report:
    from pydantic import ValidationError

    from ._batch_report import Report

    data = read_bounded(path, OutputError, _limits.REPORT_BYTES)
    try:
        return Report.model_validate_json(data)
    except ValidationError as exc:
        raise OutputError(
            f"{path}: not a batch report ({exc.error_count()} problems, the first: "
            f"{exc.errors()[0]['msg']}); give the report-*.json files a batch wrote"
        ) from None
