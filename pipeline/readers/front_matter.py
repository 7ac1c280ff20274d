"""YAML front matter: the ``---`` block at the top of a Markdown article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import SourceError
from pipeline.xml_chars import xml_safe

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's values, the line of each key, and where the body starts."""

    values: dict[str, Any]
    lines: dict[str, int]
    body_start: int
    """0-based index of the first body line."""


def split_front_matter(path: Path, lines: list[str]) -> FrontMatter:
    """Parse a leading ``---`` ... ``---`` block; an article without one gets empty values."""
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, {}, 0)
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        raise SourceError(
            path,
            "the front matter opened here is never closed.",
            "Add a line '---' after the last front matter line.",
            line=1,
        )
    yaml_text = "\n".join(lines[1:end])
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        values = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is None or mark.index >= len(yaml_text.rstrip()):
            # Ran off the end (an unclosed bracket or quote): where it was opened says more.
            mark = getattr(error, "context_mark", None) or mark
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SourceError(
            path,
            f"front matter is not valid YAML ({problem}).",
            "Write one 'key: value' per line; quote values that contain ':' or '#'.",
            line=mark.line + 2 if mark else 1,
        ) from None
    if values is None:
        return FrontMatter({}, {}, end + 1)
    if not isinstance(values, dict):
        raise SourceError(
            path,
            "front matter must be a set of 'key: value' lines.",
            "For example: 'title: My article'.",
            line=2,
        )
    key_lines = {
        str(key.value): key.start_mark.line + 2
        for key, _ in (node.value if isinstance(node, yaml.MappingNode) else [])
    }
    return FrontMatter(
        {xml_safe(str(k)): _cleaned(v) for k, v in values.items()}, key_lines, end + 1
    )


def _cleaned(value: Any) -> Any:
    """YAML escapes ("\\x07") can bring back what ``read_text`` removed."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    return value


def text_value(path: Path, front: FrontMatter, key: str) -> str | None:
    """A front matter value that must be a short piece of text (dates are accepted as text)."""
    value = front.values.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise SourceError(path, f"front matter '{key}' must be text.", line=front.lines.get(key, 1))
    text = str(value).strip()
    if key == "lang" and not _LANG.match(text):
        raise SourceError(
            path,
            f"front matter 'lang: {text}' is not a language tag.",
            "Use a BCP 47 tag such as 'en', 'en-GB' or 'fr'.",
            line=front.lines.get(key, 1),
        )
    return text or None


def pronunciations(path: Path, front: FrontMatter) -> tuple[tuple[str, str], ...]:
    """The ``pronunciations:`` mapping (written form -> spoken form)."""
    value = front.values.get("pronunciations")
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
        isinstance(v, (str, int, float)) for v in value.values()
    ):
        raise SourceError(
            path,
            "front matter 'pronunciations' must map written words to how they are spoken.",
            "For example:\n  pronunciations:\n    Ok-Ju: Oak Joo",
            line=front.lines.get("pronunciations", 1),
        )
    return tuple((str(k), str(v)) for k, v in value.items())


def spoiler_list(path: Path, front: FrontMatter) -> tuple[str, ...] | None:
    """The ``spoilers:`` list of section titles or ids; ``[]`` says "no spoilers at all"."""
    if "spoilers" not in front.values:
        return None
    value = front.values["spoilers"]
    if value is None or value is False:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise SourceError(
            path,
            "front matter 'spoilers' must be a list of section titles or ids.",
            "For example: 'spoilers: [Plot summary, Ending explained]'.",
            line=front.lines.get("spoilers", 1),
        )
    return tuple(str(v) for v in value)
