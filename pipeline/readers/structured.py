"""Untrusted structured text (YAML, TOML, JSON), parsed within bounds.

Every YAML document, TOML table and JSON object earmark reads (front matter, the house
lexicon, ``earmark.toml``) goes through here, so none of them can make earmark hang or run out
of memory:

- the text has a size bound, checked before parsing;
- YAML aliases are counted while the loader composes the document: each alias adds the number
  of values its anchor stands for, so nine levels of nine-fold aliases (the "billion laughs")
  are refused as soon as the count passes ``MAX_VALUES``, long before anything expands them;
  an alias inside its own anchor (a cycle) is refused too;
- nesting is bounded (``MAX_DEPTH``), so no recursive walk of a value can overflow the stack.

Each failure is a ``SourceError`` naming the file and line (exit 2).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from pipeline.errors import SourceError

MAX_VALUES = 100_000
"""The most values a YAML document may stand for once its aliases are expanded."""
MAX_DEPTH = 64
"""The deepest nesting of lists and mappings accepted."""
MAX_FRONT_MATTER_BYTES = 256 * 1024
"""Front matter is a few lines; a quarter of a megabyte is far more than any real one."""
MAX_FILE_BYTES = 4 * 1024 * 1024
"""A settings or lexicon file (``earmark.toml``, ``pronunciations.yaml``)."""

ALIAS_HINT = "Write the values out in full, or remove the anchors (&name) and aliases (*name)."


@dataclass(frozen=True)
class Parsed:
    """A parsed document: its value and the 1-based file line of each top-level key."""

    value: Any
    lines: dict[str, int]


def check_size(path: Path, text: str, limit: int, what: str, line: int = 0) -> None:
    """Refuse ``text`` longer than ``limit`` bytes (counted as UTF-8)."""
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise SourceError(
            path,
            f"{what} is larger than {limit // 1024} KB, more than earmark reads.",
            f"Shorten the {what}.",
            line=line,
        )


def read_bounded(path: Path, limit: int, what: str) -> str:
    """The UTF-8 text of the regular file ``path`` of at most ``limit`` bytes."""
    try:
        if not path.is_file():
            raise SourceError(path, f"the {what} is not a regular file.", "Replace it with one.")
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise SourceError(path, f"cannot read the {what} ({error.strerror}).") from None
    if len(data) > limit:
        raise SourceError(
            path,
            f"the {what} is larger than {limit // 1024 // 1024} MB, more than earmark reads.",
            "Split it or shorten it.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(path, f"the {what} is not UTF-8 text.", "Save it as UTF-8.") from None


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that counts the values each node stands for as it composes them."""

    def __init__(self, text: str, limit: int) -> None:
        super().__init__(text)
        self.limit = limit
        self.count = 0
        self.depth = 0
        self.sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None:
                size = self.sizes.get(id(node))
                if size is None:
                    raise _Refused(event.start_mark, "cycle")
                self.count += size
                if self.count > self.limit:
                    raise _Refused(event.start_mark, "bomb")
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(self.peek_event().start_mark, "depth")
        start = self.count
        self.count += 1
        node = super().compose_node(parent, index)
        self.sizes[id(node)] = self.count - start
        self.depth -= 1
        return node


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, reason: str) -> None:
        super().__init__(reason)
        self.mark = mark
        self.reason = reason


def compose_yaml(
    path: Path, text: str, what: str, first_line: int = 1, hint: str = ""
) -> yaml.Node | None:
    """The YAML node graph of ``text`` (aliases still shared), within the bounds; ``first_line``
    is the file line of the text's first line, for messages."""
    loader = _BoundedLoader(text, MAX_VALUES)
    try:
        return loader.get_single_node()
    except _Refused as refused:
        raise _refusal(path, what, refused, first_line) from None
    except RecursionError:
        raise SourceError(path, f"{what} nests too deeply.", hint, line=first_line) from None
    except yaml.YAMLError as error:
        raise _yaml_error(path, text, what, error, first_line, hint) from None
    finally:
        loader.dispose()


def load_yaml(path: Path, text: str, what: str, first_line: int = 1, hint: str = "") -> Parsed:
    """``text`` as Python values (safe types only), within the bounds."""
    node = compose_yaml(path, text, what, first_line, hint)
    if node is None:
        return Parsed(None, {})
    loader = yaml.SafeLoader("")
    try:
        value = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _yaml_error(path, text, what, error, first_line, hint) from None
    except (ValueError, OverflowError) as error:  # e.g. a timestamp with month 13
        raise SourceError(path, f"{what} has a value YAML cannot read ({error}).", hint,
                          line=node.start_mark.line + first_line) from None  # fmt: skip
    finally:
        loader.dispose()
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines.setdefault(key.value, key.start_mark.line + first_line)
    return Parsed(value, lines)


def load_toml(path: Path, text: str, what: str, first_line: int = 1, hint: str = "") -> Parsed:
    """``text`` as a TOML table, within the bounds."""
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found.group(1)) - 1 + first_line if found else first_line
        raise SourceError(path, f"{what} is not valid TOML ({error}).", hint, line=line) from None
    except RecursionError:
        raise SourceError(path, f"{what} nests too deeply.", hint, line=first_line) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise SourceError(path, f"{what} has a value TOML cannot read ({error}).", hint,
                          line=first_line) from None  # fmt: skip
    check_shape(path, value, what, first_line)
    return Parsed(value, _key_lines(text, r"^\s*[\"']?([A-Za-z0-9_.-]+)[\"']?\s*=", first_line))


def load_json(path: Path, text: str, what: str, first_line: int = 1, hint: str = "") -> Parsed:
    """``text`` as a JSON value, within the bounds."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(path, f"{what} is not valid JSON ({error.msg}).", hint,
                          line=error.lineno - 1 + first_line) from None  # fmt: skip
    except RecursionError:
        raise SourceError(path, f"{what} nests too deeply.", hint, line=first_line) from None
    except ValueError as error:
        raise SourceError(path, f"{what} has a value JSON cannot read ({error}).", hint,
                          line=first_line) from None  # fmt: skip
    check_shape(path, value, what, first_line)
    return Parsed(value, _key_lines(text, r'^\s*[{,]?\s*"([^"\\]+)"\s*:', first_line))


def check_shape(path: Path, value: Any, what: str, line: int = 0) -> None:
    """Refuse a value nested deeper than ``MAX_DEPTH`` or holding more than ``MAX_VALUES``
    values (walked without recursion)."""
    stack, count = [(value, 1)], 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_VALUES:
            problem = "nests too deeply" if depth > MAX_DEPTH else "has too many values"
            raise SourceError(path, f"{what} {problem}.", "Simplify it.", line=line)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def _key_lines(text: str, pattern: str, first_line: int) -> dict[str, int]:
    """Where each key seems to be set (the first match per key): for messages only."""
    lines: dict[str, int] = {}
    regex = re.compile(pattern)
    for number, line in enumerate(text.split("\n")):
        match = regex.match(line)
        if match:
            lines.setdefault(match.group(1), number + first_line)
    return lines


def _refusal(path: Path, what: str, refused: _Refused, first_line: int) -> SourceError:
    line = refused.mark.line + first_line
    if refused.reason == "bomb":
        message = f"{what} uses YAML aliases that expand to more than {MAX_VALUES} values."
        return SourceError(path, message, ALIAS_HINT, line=line)
    if refused.reason == "cycle":
        message = f"{what} uses a YAML alias inside its own anchor (a value that contains itself)."
        return SourceError(path, message, ALIAS_HINT, line=line)
    message = f"{what} nests lists or mappings more than {MAX_DEPTH} levels deep."
    return SourceError(path, message, "Flatten it.", line=line)


def _yaml_error(
    path: Path, text: str, what: str, error: yaml.YAMLError, first_line: int, hint: str
) -> SourceError:
    mark = getattr(error, "problem_mark", None)
    if mark is None or mark.index >= len(text.rstrip()):
        # Ran off the end (an unclosed bracket or quote): where it was opened says more.
        mark = getattr(error, "context_mark", None) or mark
    problem = getattr(error, "problem", None) or "invalid YAML"
    line = mark.line + first_line if mark else first_line
    return SourceError(path, f"{what} is not valid YAML ({problem}).", hint, line=line)
