"""Safe, bounded YAML reading that turns every failure into a located RoadmapError.

Only plain data is ever constructed (the safe loader), and aliases are
counted before construction: an "alias bomb" (a few lines whose aliases
expand to billions of nodes) is refused instead of being handed to code that
would walk the expansion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import _limits
from .errors import RoadmapError

try:  # the C loader is several times faster; both construct plain data only
    _Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def load_yaml_file(path: Path, error: type[RoadmapError], max_bytes: int) -> Any:
    """Parse ``path`` as YAML; raise ``error`` naming the file, line and column."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(
                f"{path}: the file is {size:,} bytes, over the limit of {max_bytes:,}; "
                "check that it is the right file, or split it"
            )
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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:  # no alias can exist without one
            _check_aliases(node, source, error)
        return loader.construct_document(node)
    except (ValueError, KeyError, AttributeError, IndexError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise these for an explicit tag on a bad value (!!int x)
        raise error(
            f"{source}: invalid YAML: a value does not fit its explicit tag ({exc!r}); "
            "remove the tag (!!int, !!float, !!bool, !!timestamp) or fix the value"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(
            f"{where}: invalid YAML: {problem}. Check the indentation and quoting around that line."
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        items: list[yaml.Node] = node.value
        return items
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(root: yaml.Node, source: str, error: type[RoadmapError]) -> None:
    """Refuse recursive aliases and aliases that expand the document too far.

    Walks each distinct node once (iteratively: nesting can be deep), so the
    check costs as much as the written document, not its expansion.
    """
    expanded: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            continue
        if key in expanded:
            continue
        if key in on_path:
            mark = node.start_mark
            raise error(
                f"{source}:{mark.line + 1}:{mark.column + 1}: a YAML alias refers to the "
                "value that contains it, which would make it endless; write the value out"
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    written = len(expanded)
    total = expanded[id(root)]
    allowed = max(_limits.ALIAS_FLOOR, _limits.ALIAS_EXPANSION * written)
    if total > allowed:
        raise error(
            f"{source}: YAML aliases expand its {written:,} values to {total:,}, over the "
            f"limit of {allowed:,}; write the repeated values out instead of using aliases (*)"
        )
