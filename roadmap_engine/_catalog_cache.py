"""A checked catalog kept on disk, so a run need not parse and check YAML again.

Parsing a catalog's YAML costs far more than the plan itself (seconds for a
coach's catalog of thousands of skills). The checked catalog is saved as JSON
in the user's cache folder and read back through the same pydantic models,
so the file can hold data only, never code, and anything malformed in it is
refused. Its key is the content of every catalog file (with its path, which
the catalog's messages name) and the engine's version, so any change to a
file, or a new engine, makes it stale. Writes go to a temporary file that is
renamed into place: two processes writing at once each leave a whole file.
A cache that cannot be read, parsed or written is simply not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pydantic_core
from pydantic import BaseModel, ConfigDict, ValidationError

from . import _limits
from ._catalog_models import Resource, Role, Skill, Transition
from ._reading import read_bounded
from .errors import CatalogError

CACHE_ENV = "ROADMAP_CACHE_DIR"
"""A folder for the cache instead of the user's cache folder; ``off`` (or empty) for none."""
_OFF = ("", "off", "0", "none", "false")
_SHAPE_FILES = ("_catalog_models.py", "_levels.py", "_catalog.py", "_catalog_cache.py")
"""The code that shapes a cached catalog: editing it outdates the cache even
before the version number changes."""
_MAX_CACHE_BYTES = 20 * _limits.CATALOG_FOLDER_BYTES
"""JSON is larger than the YAML it comes from; past this the file is not ours."""


class CatalogSnapshot(BaseModel):
    """A checked catalog as saved: its items and the file each came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    """The content key the snapshot was made for; any other key makes it stale."""
    resources: tuple[Resource, ...]
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    transitions: tuple[Transition, ...]
    sources: dict[str, str]


def cache_dir() -> Path | None:
    """Where catalogs are cached: ``$ROADMAP_CACHE_DIR``, else the XDG cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if Path(base).is_absolute():
        return Path(base) / "roadmap-engine"
    try:
        return Path.home() / ".cache" / "roadmap-engine"
    except RuntimeError:  # no home folder to be found: no cache
        return None


def content_key(folders: Sequence[tuple[Path, Sequence[Path]]]) -> str:
    """A hash of the engine's version and of every catalog file's path and bytes."""
    from . import __version__

    digest = hashlib.sha256(f"roadmap-engine {__version__}\0".encode())
    digest.update(f"pydantic-core {pydantic_core.__version__}\0".encode())
    digest.update(_shape_digest())
    for folder, files in folders:
        digest.update(f"folder {folder}\0".encode())
        for path in files:
            data = read_bounded(path, CatalogError, _limits.CATALOG_FILE_BYTES)
            digest.update(f"file {path.name}\0{len(data)}\0".encode())
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@functools.cache
def _shape_digest() -> bytes:
    """A hash of the code that shapes a snapshot (a source file that is not there, as in
    an install without sources, counts by its name alone)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _SHAPE_FILES:
        try:
            digest.update(hashlib.sha256((here / name).read_bytes()).digest())
        except OSError:
            digest.update(f"no {name}".encode())
    return digest.digest()


def cache_file(folders: Sequence[tuple[Path, Sequence[Path]]]) -> Path | None:
    """One file per set of catalog folders, so a changed catalog replaces its old entry."""
    root = cache_dir()
    if root is None:
        return None
    where = "\0".join(str(folder) for folder, _ in folders)
    return root / f"catalog-{hashlib.sha256(where.encode()).hexdigest()[:24]}.json"


def read(path: Path, key: str) -> CatalogSnapshot | None:
    """The snapshot saved for ``key``, or None when missing, stale or damaged."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_CACHE_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(data) > _MAX_CACHE_BYTES or key.encode() not in data[:200]:
        return None  # stale (the key leads the file) or not ours: skip the parse
    try:
        snapshot = CatalogSnapshot.model_validate_json(data)
    except ValidationError:
        return None
    return snapshot if snapshot.key == key else None


def write(path: Path, snapshot: CatalogSnapshot) -> None:
    """Save ``snapshot`` atomically; a folder that cannot be written is left alone."""
    data = snapshot.model_dump_json(by_alias=True).encode()
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        temp = None
    except OSError:
        pass  # read-only or full disk: the next run parses the YAML again
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
