"""What front matter keys mean: the keys Jekyll, Hugo, Astro, Eleventy and Ghost exports use,
mapped to the article's ``Metadata``. Keys match case-insensitively; the first key of a row
that the front matter sets wins (``subjects`` gathers every one); keys not in the table are
ignored. A value of the wrong kind is a ``SourceError`` on its line (exit 2)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from pipeline.errors import SourceError
from pipeline.model import Metadata
from pipeline.readers.dates import w3cdtf
from pipeline.readers.front_matter import (
    FrontMatter,
    pronunciations,
    spoiler_list,
    text_value,
)

KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "authors": ("authors", "author"),
    "date": ("date", "pubdate", "publishdate", "published_at", "created"),
    "modified": (
        "lastmod",
        "updated",
        "modified",
        "last_modified_at",
        "updateddate",
        "updated_at",
        "datemodified",
    ),
    "description": ("description", "summary", "excerpt"),
    "subjects": ("tags", "categories", "keywords"),
    "lang": ("lang", "language"),
    "image": (
        "image",
        "featured_image",
        "thumbnail",
        "featuredimage",
        "heroimage",
        "cover_image",
        "feature_image",
    ),
    "draft": ("draft",),
}
"""Metadata field -> the front matter keys that set it, in order of preference. ``cover`` is
earmark's own key (a missing file is an error); the ``image`` keys are themes' (a missing
file falls back to the title card with a warning)."""


def front_matter_metadata(path: Path, front: FrontMatter, fallback_title: str) -> Metadata:
    """The article's ``Metadata`` from its front matter; ``fallback_title`` when it has none."""
    found = _Found(path, front)
    lang = found.text("lang") or "en"
    cover, cover_key, optional = _cover(found)
    authors = found.names("authors")
    title = found.text("title", lang)
    return Metadata(
        title=(title and inline_plain_text(title)) or fallback_title,
        lang=lang,
        lang_line=found.line("lang"),
        author=_joined(authors),
        authors=authors,
        date=found.date("date") or _date_in_file_name(path),
        modified=found.date("modified"),
        description=found.text("description", lang),
        subjects=found.subjects(),
        draft=found.flag("draft") or _unpublished(front),
        cover=cover,
        cover_line=front.lines.get(cover_key, 0) if cover_key else 0,
        cover_optional=optional,
        pronunciations=pronunciations(path, front),
        spoilers=spoiler_list(path, front),
        spoilers_line=front.lines.get("spoilers", 0),
    )


_inline_parser = MarkdownIt("commonmark", {"html": False})
_FILE_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")


def inline_plain_text(markdown: str) -> str:
    """A one-line Markdown value (a title) as the text it shows: ``_Arrival_ review`` ->
    ``Arrival review``."""
    parts = []
    for token in _inline_parser.parseInline(markdown)[0].children or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split()) or markdown


def _date_in_file_name(path: Path) -> str | None:
    """Jekyll's post date, from a file named ``2024-06-04-title.md``, when no key gives one."""
    match = _FILE_NAME_DATE.match(path.name)
    if match is None:
        return None
    try:
        return w3cdtf(match.group(1))
    except ValueError:
        return None


class _Found:
    """Look-ups of ``KEYS`` rows in one article's front matter."""

    def __init__(self, path: Path, front: FrontMatter) -> None:
        self.path = path
        self.front = front
        self.keys = {key.casefold(): key for key in reversed(list(front.values))}

    def key(self, field: str) -> str | None:
        """The article's own spelling of the first key of ``field``'s row it sets."""
        return next((self.keys[k] for k in KEYS[field] if k in self.keys), None)

    def line(self, field: str) -> int:
        key = self.key(field)
        return self.front.lines.get(key, 0) if key else 0

    def fail(self, key: str, problem: str, hint: str) -> SourceError:
        return SourceError(
            self.path, f"front matter '{key}' {problem}", hint, line=self.front.lines.get(key, 1)
        )

    def text(self, field: str, lang: str = "") -> str | None:
        """A text value; a mapping of languages to texts gives the one in ``lang``."""
        key = self.key(field)
        if key is None:
            return None
        value = self.front.values[key]
        if isinstance(value, dict) and lang and value:
            value = _in_language(value, lang)
        if isinstance(value, (dict, list)):
            raise self.fail(key, "must be text.", f"Write it as '{key}: ...'.")
        if field == "lang" and isinstance(value, str):
            value = value.replace("_", "-")  # Jekyll's locale form: en_US
        return text_value(self.path, FrontMatter({key: value}, self.front.lines, 0), key)

    def names(self, field: str) -> tuple[str, ...]:
        """Names: one, a list, or mappings with a ``name`` (``authors: [{name: A}]``)."""
        key = self.key(field)
        value = self.front.values[key] if key else None
        items = value if isinstance(value, list) else [] if value is None else [value]
        names = []
        for item in items:
            if isinstance(item, dict):
                item = next((v for k, v in item.items() if str(k).casefold() == "name"), None)
            if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                raise self.fail(
                    key, "must be a name or a list of names.",
                    f"For example: '{key}: Ada Lovelace' or '{key}: [Ada Lovelace, Alan Turing]'.",
                )  # fmt: skip
            if str(item).strip():
                names.append(str(item).strip())
        return tuple(dict.fromkeys(names))

    def date(self, field: str) -> str | None:
        key = self.key(field)
        value = self.front.values[key] if key else None
        if value is None or value == "":
            return None
        try:
            return w3cdtf(value)
        except ValueError as error:
            raise self.fail(
                key, f"{error}: {value!r}.",
                f"Write a date such as '{key}: 2024-06-04' or '{key}: 2024-06-04T09:30:00+02:00'.",
            ) from None  # fmt: skip

    def subjects(self) -> tuple[str, ...]:
        """Every tag, category and keyword, once each, in order."""
        subjects: list[str] = []
        for name in KEYS["subjects"]:
            key = self.keys.get(name)
            value = self.front.values[key] if key else None
            if isinstance(value, str):
                value = [v for v in value.split(",")] if name == "keywords" else [value]
            if value is None:
                continue
            if not isinstance(value, list) or not all(
                isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
            ):
                hint = f"For example: '{key}: [film, review]'."
                raise self.fail(key, "must be a list of words.", hint)
            subjects.extend(str(v).strip() for v in value if str(v).strip())
        folded: dict[str, str] = {}
        for subject in subjects:
            folded.setdefault(subject.casefold(), subject)
        return tuple(folded.values())

    def flag(self, field: str) -> bool:
        key = self.key(field)
        value = self.front.values[key] if key else None
        if value is None:
            return False
        if not isinstance(value, bool):
            hint = f"Write '{key}: true' or '{key}: false'."
            raise self.fail(key, "must be true or false.", hint)
        return value


def _joined(names: tuple[str, ...]) -> str | None:
    """Names as a byline says them: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return names[0] if names else None
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _unpublished(front: FrontMatter) -> bool:
    """Jekyll's ``published: false`` is a draft too."""
    return any(k.casefold() == "published" and v is False for k, v in front.values.items())


def _in_language(value: dict[Any, Any], lang: str) -> Any:
    """The entry of a per-language mapping for ``lang`` ("en-GB" also takes "en"), else the
    first one."""
    by_lang = {str(k).casefold(): v for k, v in value.items()}
    primary = lang.split("-")[0].casefold()
    for candidate in (lang.casefold(), primary):
        if candidate in by_lang:
            return by_lang[candidate]
    return next(iter(value.values()))


def _cover(found: _Found) -> tuple[str | None, str | None, bool]:
    """The cover image: earmark's ``cover:`` (required to exist), else a theme's image key
    (optional: a missing file gives the title card). PaperMod's ``cover: {image: x}`` is a
    theme's key too."""
    key = found.keys.get("cover")
    if key is not None:
        value = found.front.values[key]
        if isinstance(value, dict):
            image = next((v for k, v in value.items() if str(k).casefold() == "image"), None)
            return (str(image).strip() or None, key, True) if isinstance(image, str) else (
                None, None, False)  # fmt: skip
        return text_value(found.path, found.front, key), key, False
    key = found.key("image")
    if key is None:
        return None, None, False
    value = found.front.values[key]
    if isinstance(value, dict):  # e.g. image: {path: x.jpg, alt: ...}
        value = next((v for v in value.values() if isinstance(v, str)), None)
    if not isinstance(value, str) or not value.strip():
        return None, None, False
    return value.strip(), key, True
