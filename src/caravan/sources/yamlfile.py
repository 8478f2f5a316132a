"""Reading YAML lists with the line of each item, refusing duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from caravan.errors import DataError

# libyaml's parser where PyYAML was built with it (its wheels are): ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What PyYAML's safe constructors raise on a value that does not read as its type: 2025-02-30
# (ValueError), `!!bool x` (KeyError), `!!int ''` (IndexError), `!!timestamp x` (AttributeError).
_CONSTRUCT_ERRORS = (ValueError, TypeError, ArithmeticError, AttributeError, KeyError, IndexError, yaml.YAMLError)


def _constructs(node: yaml.Node) -> bool:
    """Whether a node (and everything under it) constructs as its YAML type, on a fresh constructor."""
    try:
        yaml.SafeLoader("").construct_object(node, deep=True)
    except _CONSTRUCT_ERRORS:
        return False
    return True


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [v for pair in node.value for v in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _failing_node(root: yaml.Node) -> yaml.Node:
    """The innermost node that does not construct, descending from a root that does not."""
    node = root
    while True:
        child = next((c for c in _children(node) if not _constructs(c)), None)
        if child is None:
            return node
        node = child


def _construction_error(root: yaml.Node, path: str, exc: BaseException) -> DataError:
    """One line naming the line and the value that does not read as its YAML type."""
    bad = _failing_node(root)
    value = bad.value if isinstance(bad, yaml.ScalarNode) else None
    shown = f" {_short(value)!r}" if value is not None else ""
    tag = bad.tag.removeprefix("tag:yaml.org,2002:")
    reason = _short(str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__, 100)
    return DataError(
        path,
        f"line {bad.start_mark.line + 1}",
        f"the value{shown} does not read as its YAML type {tag} ({reason}); quote it or fix it",
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def _check_aliases(root: yaml.Node, path: str) -> None:
    """Refuse aliases that loop or expand far beyond the file (nested aliases grow exponentially).

    An alias to a list of countries is fine; nine levels of aliases each doubling the last
    (2**9 copies) once took a minute to load. The expanded size is computed without
    expanding: each node's size once, from its children's.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise DataError(
                path, f"line {node.start_mark.line + 1}", "a YAML alias refers to itself; write the value out"
            )
        active.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [v for pair in node.value for v in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        total = 1 + sum(size(c) for c in children)
        active.discard(key)
        sizes[key] = total
        return total

    expanded = size(root)
    if expanded > 4 * len(sizes) + 10_000:
        raise DataError(
            path,
            None,
            f"YAML aliases expand {len(sizes)} nodes to {expanded}; write the values out instead of nesting aliases",
        )


def _check_duplicates(node: yaml.Node, path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise DataError(
                        path,
                        f"line {key.start_mark.line + 1}",
                        f"duplicate key {key.value!r}; keep one of them",
                    )
                seen.add(key.value)
            _check_duplicates(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, path)


def read_yaml_list(path: Path, label: str, what: str = "records") -> list[tuple[int, dict[str, Any]]]:
    """Read a YAML file holding a list of mappings.

    Args:
        path: The file.
        label: How errors name the file (usually its path relative to the data folder).
        what: What the items are, for the error when the file is not a list ("journeys").

    Returns:
        Each item with the line it starts on.

    Raises:
        DataError: The YAML is malformed, is not a list of mappings, or repeats a key.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(label, None, "is not UTF-8 text; save it as UTF-8") from exc
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        _check_aliases(node, label)
        _check_duplicates(node, label)
        try:
            data = loader.construct_document(node)
        except _CONSTRUCT_ERRORS as exc:  # a value YAML types itself: 2025-02-30, !!int 1.5
            raise _construction_error(node, label, exc) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark else None
        raise DataError(label, where, f"malformed YAML: {exc.problem or exc.context}") from exc
    except yaml.reader.ReaderError as exc:  # a control character or bad byte: its message spans lines
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DataError(
            label, f"line {line}", f"malformed YAML: character #x{code:04x} is not allowed ({exc.reason}); remove it"
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(label, None, f"malformed YAML: {_short(' '.join(str(exc).split()), 160)}") from exc
    finally:
        loader.dispose()
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        raise DataError(label, "line 1", f"must be a YAML list: expected a list of {what}, each starting with '- '")
    items = []
    for item_node, item in zip(node.value, data, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise DataError(label, f"line {line}", "each list item must be a mapping of keys to values")
        items.append((line, item))
    return items


Model = TypeVar("Model", bound=BaseModel)


def read_models(path: Path, model: type[Model], what: str) -> list[tuple[int, Model]]:
    """A YAML list of records, each validated as `model`, with the line it starts on ([] when the file is absent).

    Raises:
        DataError: As `read_yaml_list`, or an item does not fit the model (line, id and field named).
    """
    if not path.exists():
        return []
    out = []
    for line, item in read_yaml_list(path, str(path), what):
        try:
            out.append((line, model.model_validate(item)))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            named = f" ({item['id']})" if isinstance(item.get("id"), str) else ""
            raise DataError(str(path), f"line {line}{named}", f"{loc}: {err['msg']}") from exc
    return out
