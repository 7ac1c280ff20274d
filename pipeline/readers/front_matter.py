"""Front matter: the block of settings at the top of a Markdown article, in any of the three
forms static site generators use: YAML between ``---`` lines (Jekyll, Hugo, Astro, Eleventy),
TOML between ``+++`` lines (Hugo), or a JSON object opened by ``{`` on the first line (Hugo).
Parsing is bounded (``pipeline.readers.structured``); what the keys mean is
``pipeline.readers.front_matter_keys``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import SourceError
from pipeline.readers.structured import (
    MAX_FRONT_MATTER_BYTES,
    Parsed,
    check_size,
    load_json,
    load_toml,
    load_yaml,
)
from pipeline.xml_chars import xml_safe

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_JSON_START = re.compile(r'^\{\s*("|$)')


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's values, the line of each key, and where the body starts."""

    values: dict[str, Any]
    lines: dict[str, int]
    body_start: int
    """0-based index of the first body line."""
    form: str = ""
    """"yaml", "toml", "json", or "" when the article has none."""


@dataclass(frozen=True)
class _Form:
    name: str
    closes: Callable[[str], bool]
    load: Callable[..., Parsed]
    hint: str
    inside: bool = True
    """Whether the opening and closing lines are markers (YAML, TOML) or part of the text
    (JSON's braces)."""


_FORMS = {
    "---": _Form(
        "yaml",
        lambda line: line.strip() in ("---", "..."),
        load_yaml,
        "Write one 'key: value' per line; quote values that contain ':' or '#'.",
    ),
    "+++": _Form(
        "toml",
        lambda line: line.strip() == "+++",
        load_toml,
        "Write one 'key = value' per line; quote text: title = \"My article\".",
    ),
    "{": _Form(
        "json",
        lambda line: line.rstrip() == "}",
        load_json,
        'Write a JSON object: { "title": "My article" }, closed by a line with only }.',
        inside=False,
    ),
}


def split_front_matter(path: Path, lines: list[str]) -> FrontMatter:
    """Parse the front matter the article opens with; an article without one gets empty
    values."""
    first = lines[0].strip() if lines else ""
    marker = "{" if _JSON_START.match(first) else first
    form = _FORMS.get(marker)
    if form is None:
        return FrontMatter({}, {}, 0)
    start = 1 if form.inside else 0
    one_line = not form.inside and lines[0].rstrip().endswith("}")  # {"title": "T"}
    closing = (i for i, line in enumerate(lines[1:], 1) if form.closes(line))
    end = 0 if one_line else next(closing, None)
    if end is None:
        close = "}" if marker == "{" else marker
        raise SourceError(
            path,
            "the front matter opened here is never closed.",
            f"Add a line '{close}' after the last front matter line.",
            line=1,
        )
    text = "\n".join(lines[start : end if form.inside else end + 1])
    check_size(path, text, MAX_FRONT_MATTER_BYTES, "the front matter", line=1)
    parsed = form.load(path, text, "front matter", start + 1, form.hint)
    if parsed.value is None:
        return FrontMatter({}, {}, end + 1, form.name)
    if not isinstance(parsed.value, dict):
        raise SourceError(
            path,
            "front matter must be a set of 'key: value' lines.",
            "For example: 'title: My article'.",
            line=start + 1,
        )
    values = {xml_safe(str(k)): _cleaned(v) for k, v in parsed.value.items()}
    return FrontMatter(values, parsed.lines, end + 1, form.name)


def _cleaned(value: Any) -> Any:
    """YAML escapes ("\\x07") can bring back what ``read_text`` removed. The walk is bounded:
    ``structured`` refused anything that expands to more than ``MAX_VALUES`` values or nests
    deeper than ``MAX_DEPTH``."""
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
    if key.casefold() in ("lang", "language") and not _LANG.match(text):
        raise SourceError(
            path,
            f"front matter '{key}: {text}' is not a language tag.",
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
