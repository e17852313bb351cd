"""Safe YAML reading that turns every failure into a located RoadmapError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import RoadmapError

try:  # the C loader is several times faster; both construct plain data only
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def load_yaml_file(path: Path, error: type[RoadmapError]) -> Any:
    """Parse ``path`` as YAML; raise ``error`` naming the file, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found. Check the path and try again.") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a YAML file.") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text ({exc.reason}). Save the file as UTF-8.") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror}).") from None
    return parse_yaml(text, str(path), error)


def parse_yaml(text: str, source: str, error: type[RoadmapError]) -> Any:
    """Parse YAML text; ``source`` names it in messages."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(
            f"{where}: invalid YAML: {problem}. Check the indentation and quoting around that line."
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: invalid YAML: {exc}") from None
