"""Safe, bounded YAML reading that turns every failure into a located RoadmapError.

Only plain data is ever constructed (the safe loader), and aliases are
counted before construction: an "alias bomb" (a few lines whose aliases
expand to billions of nodes) is refused instead of being handed to code that
would walk the expansion. A key written twice in one mapping is an error:
PyYAML would silently keep the second value. Files are read with a
bounded read (``_reading``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from . import _limits
from ._reading import read_text_bounded
from .errors import RoadmapError

_MERGE_TAG = "tag:yaml.org,2002:merge"


class _DuplicateKey(Exception):
    def __init__(self, key: object, first: yaml.Mark, again: yaml.Mark) -> None:
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


def _check_unique_keys(
    constructor: yaml.constructor.BaseConstructor, node: yaml.MappingNode
) -> None:
    """Refuse a mapping that names a key twice (PyYAML would keep the last).

    Only the mapping's own keys are compared; keys merged in with ``<<`` may
    be overridden, as YAML intends.
    """
    seen: dict[object, yaml.Mark] = {}
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
            continue
        key = constructor.construct_object(key_node)
        if key in seen:
            raise _DuplicateKey(key, seen[key], key_node.start_mark)
        seen[key] = key_node.start_mark


class _PureLoader(yaml.SafeLoader):
    """The safe loader (plain data only), refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        _check_unique_keys(self, node)
        return super().construct_mapping(node, deep=deep)


_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
"""PyYAML's integer forms less the base-60 one (``1:30``)."""
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
"""PyYAML's float forms less the base-60 one (``1:30.5``)."""


def _without_base_60(
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]],
) -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """YAML 1.1's implicit types without its base-60 numbers.

    YAML 1.1 reads ``18:00`` as the integer 1080 (base 60), so an unquoted
    time such as ``session_start: 18:00`` would silently become 00:18. Without
    the base-60 forms such a value stays text, and the field reads it as a time.
    """
    replacement = {"tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}
    kept: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in resolvers.items():
        kept[first] = [(tag, replacement.get(tag, regexp)) for tag, regexp in entries]
    return kept


_PureLoader.yaml_implicit_resolvers = _without_base_60(yaml.SafeLoader.yaml_implicit_resolvers)
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = _PureLoader
if hasattr(yaml, "CSafeLoader"):  # the C parser is several times faster

    class _FastLoader(yaml.CSafeLoader):
        """The same, on the C parser."""

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            _check_unique_keys(self, node)
            return super().construct_mapping(node, deep=deep)

    _FastLoader.yaml_implicit_resolvers = _PureLoader.yaml_implicit_resolvers
    _Loader = _FastLoader


def load_yaml_file(path: Path, error: type[RoadmapError], max_bytes: int) -> Any:
    """Parse ``path`` as YAML; raise ``error`` naming the file, line and column."""
    return parse_yaml(read_text_bounded(path, error, max_bytes), str(path), error)


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
    except _DuplicateKey as exc:
        first, again = exc.first, exc.again
        raise error(
            f"{source}:{again.line + 1}:{again.column + 1}: the key {exc.key!r} is written "
            f"twice in one mapping (first on line {first.line + 1}); keep only one of them"
        ) from None
    except (ValueError, KeyError, AttributeError, IndexError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise these for a value that looks like a date or number
        # but is not one (2027-02-30), or one that does not fit an explicit tag (!!int x)
        raise error(
            f"{source}: invalid YAML: a value that looks like a date or number is not a "
            f"valid one ({exc}); write a real date (YYYY-MM-DD) or number, quote it to keep "
            "it as text, or remove its tag (!!int, !!float, !!bool, !!timestamp)"
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
