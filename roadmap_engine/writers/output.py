"""Writing a document so that a reader never sees half of it, and nothing is lost.

A regular file (or a new one) is written to a temporary file beside it and
renamed into place. The new file gets the mode the user's umask gives (a
replaced file keeps its own), not the temporary file's private 0600. Anything
that is not a regular file (a pipe, ``/dev/stdout``, a device) is written
straight into, since renaming over it would replace it. No output may be one
of the run's own input files.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import OutputError

STDOUT = "-"
"""The output name that means standard output."""


Document = str | bytes | Iterable[bytes]
"""Text (written as UTF-8), bytes, or bytes in pieces (a report too big to hold whole)."""


def write_output(path: Path, text: Document, *, follow_links: bool = True) -> None:
    """Write ``text`` (UTF-8 text, bytes as they are, or pieces of bytes) to ``path``
    (``-`` for standard output), never half-written.

    With ``follow_links`` a link's target is replaced (keeping its mode) and
    the link kept; without, a link is replaced like a file.
    """
    if str(path) == STDOUT:
        if isinstance(text, str):
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.flush()  # text written before must come first
            _write_all(sys.stdout.buffer, text)
            sys.stdout.buffer.flush()
        return
    if not follow_links and path.is_symlink():
        write_atomically(path, text)
        return
    try:
        status = os.stat(path)  # through links: /dev/stdout is a link to a pipe or terminal
    except (FileNotFoundError, NotADirectoryError):
        status = None
    if status is not None and stat.S_ISREG(status.st_mode) and path.is_symlink():
        path = path.resolve()  # replace the file the link names, and keep the link
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name for the plan")
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(path, "wb") as handle:
            _write_all(handle, text)
        return
    write_atomically(path, text)


def write_atomically(path: Path, text: Document) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    # a short prefix: a name near the system's 255-byte limit must still leave room
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_all(handle: BinaryIO, text: Document) -> None:
    """A document's bytes: text as UTF-8, its newlines as written (never translated)."""
    if isinstance(text, str):
        handle.write(text.encode("utf-8"))
    elif isinstance(text, bytes):
        handle.write(text)
    else:
        for piece in text:
            handle.write(piece)


@contextlib.contextmanager
def no_interrupt() -> Iterator[None]:
    """Hold off Ctrl-C while a step that must finish (shutting workers down,
    writing the report) runs; a no-op outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _mode_for(path: Path) -> int:
    """A replaced regular file's own mode; otherwise what the umask gives a new file."""
    try:
        status = os.lstat(path)
    except OSError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode):
        return stat.S_IMODE(status.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # pragma: no cover - no /proc: read it by setting it
    os.umask(mask)  # pragma: no cover
    return mask  # pragma: no cover


def refuse_inputs(outputs: Iterable[str | Path], inputs: Iterable[tuple[str | Path, str]]) -> None:
    """An OutputError if an output is one of the inputs (same file, by path or by inode).

    ``inputs`` pairs each input file with what it is ("the profile").
    """
    known: dict[tuple[int, int], tuple[str, str]] = {}
    for path, what in inputs:
        try:
            status = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):  # the name as text: a batch has thousands
            known.setdefault((status.st_dev, status.st_ino), (str(path), what))
    for out in outputs:
        if str(out) == STDOUT:
            continue
        try:
            status = os.stat(out)
        except OSError:
            continue
        hit = known.get((status.st_dev, status.st_ino))
        if hit is not None:
            raise OutputError(
                f"{out}: is {hit[1]} ({hit[0]}); writing there would destroy it. "
                "Choose another output file"
            )


def inputs_of_run(
    own: Iterable[tuple[str | Path, str]],
    catalog: str | Path | None,
    templates: str | Path | None,
) -> Iterator[tuple[str | Path, str]]:
    """Every file a run reads: ``own`` (its profiles) plus the catalog and template
    files in use, built-in ones included, each with what it is; read lazily, once."""
    from .._catalog import DEFAULT_CATALOG_DIR
    from .render import builtin_templates_dir

    yaml_files = ("*.yaml", "*.yml")
    folders: list[tuple[str | Path | None, tuple[str, ...], str]] = [
        (DEFAULT_CATALOG_DIR, yaml_files, "a built-in catalog file"),
        (catalog, yaml_files, "a catalog file"),
        (builtin_templates_dir(), ("**/*",), "a built-in template"),
        (templates, ("**/*",), "a template file"),
    ]
    yield from own
    for folder, patterns, what in folders:
        if folder is not None and Path(folder).is_dir():
            for pattern in patterns:
                yield from ((path, what) for path in Path(folder).glob(pattern))
