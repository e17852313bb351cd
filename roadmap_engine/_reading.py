"""Reading an input file without trusting its size.

A profile may come from a pipe (``<(...)``, ``/dev/stdin``) or a device,
which has no size that ``stat()`` can report, so the read itself is bounded:
never more than the limit plus one byte, from any kind of file. Every
failure is the caller's ``RoadmapError`` subclass naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import RoadmapError

_BROKEN_LINK = "a link to a file that does not exist; fix or remove the link"


def read_bounded(path: Path, error: type[RoadmapError], max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``path``, from any kind of file; ``error`` past that.

    The size is never taken from ``stat()``: a pipe, a device or a file still
    being written has none that can be trusted, so the read itself is bounded.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
            status = os.fstat(handle.fileno())
    except FileNotFoundError:
        if path.is_symlink():
            raise error(f"{path}: {_BROKEN_LINK}") from None
        raise error(f"{path}: file not found. Check the path and try again.") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a file.") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror}).") from None
    except ValueError:  # a NUL byte in the name
        raise error(f"{path!r}: not a usable file name (it holds a NUL byte)") from None
    if len(data) > max_bytes:
        size = (
            f"the file is {status.st_size:,} bytes"
            if stat.S_ISREG(status.st_mode)
            else "it gives more bytes than allowed"
        )
        raise error(
            f"{path}: {size}, over the limit of {max_bytes:,}; "
            "check that it is the right file, or split it"
        )
    return data


def read_text_bounded(path: Path, error: type[RoadmapError], max_bytes: int) -> str:
    """``read_bounded`` decoded as UTF-8, with a message that says how to fix bad bytes."""
    data = read_bounded(path, error, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text ({exc.reason}). Save the file as UTF-8.") from None


def as_path(value: object, what: str, error: type[RoadmapError]) -> Path:
    """``value`` as a Path, or ``error`` saying that ``what`` must be a path."""
    if not isinstance(value, str | Path) or "\0" in str(value):
        raise error(f"{what} must be a folder or file path (text without NUL), not {value!r:.60}")
    return Path(value)


def regular_file(path: Path, error: type[RoadmapError], fix: str) -> os.stat_result:
    """``path``'s status; ``error`` naming it (and ``fix``) if it is not a regular file.

    A folder's entries that are pipes or devices would block or never end,
    and a broken link has nothing to read.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        raise error(f"{path}: {_BROKEN_LINK}") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise error(f"{path}: is {kind}; {fix}")
    return status
