"""The project config file, ``earmark.toml`` in the source folder: the publisher's feed
settings and the build's defaults (command-line flags win over it).

    [build]
    formats = ["epub", "mp3", "m4b"]   # any --formats names
    engine = "piper"
    voice = "path/to/voice.onnx"       # relative to this file
    spoilers = "mark"                  # or "omit"
    images = "describe"                # or "skip": say "Image: ALT." or nothing
    code = "announce"                  # or "read", "skip"
    footnotes = "read"                 # or "skip": notes read at the end of their section
    table_rows = 12                    # longer tables are announced, not read

    [feed]
    title = "..."                      # default: the output folder's name
    description = "..."
    base_url = "https://example.org/audio/"   # where the output folder is served
    author = "..."
    image = "podcast.png"              # 1400-3000 px square JPEG/PNG, relative to this file
    category = "Arts"                  # Apple Podcasts category ...
    subcategory = "Books"              # ... and optional subcategory
    explicit = false
    language = "en"                    # default: the first article's

    [feed.owner]
    name = "..."
    email = "..."
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image

from pipeline.config import (
    CODE_MODES,
    FOOTNOTE_MODES,
    IMAGE_MODES,
    BuildDefaults,
    ContentOptions,
    FeedSettings,
    Project,
    SpoilerMode,
)
from pipeline.engines import ENGINES
from pipeline.errors import SourceError
from pipeline.readers.structured import MAX_FILE_BYTES, load_toml, read_bounded
from pipeline.writers import WRITERS

CONFIG_NAME = "earmark.toml"
IMAGE_SIDES = (1400, 3000)
"""Apple Podcasts: feed artwork is a square of 1400 to 3000 pixels."""


def find_config(paths: tuple[Path, ...]) -> Path | None:
    """The ``earmark.toml`` of the source folder: the first PATH's folder (or the folder of
    the first PATH that is a file)."""
    if not paths:
        return None
    folder = paths[0] if paths[0].is_dir() else paths[0].parent
    candidate = folder / CONFIG_NAME
    return candidate if candidate.is_file() else None


def is_base_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load_project(path: Path | None, base_url: str | None = None) -> Project:
    """Read and check ``earmark.toml`` (``base_url``, from the command line, wins over the
    file's); a mistake is a ``SourceError`` naming file, line and key (exit 2)."""
    project = _load(path)
    if base_url is not None:
        project = replace(project, feed=replace(project.feed, base_url=base_url))
    return project


def _load(path: Path | None) -> Project:
    if path is None:
        return Project()
    text = read_bounded(path, MAX_FILE_BYTES, "project config")
    hint = 'Fix the syntax (see https://toml.io), e.g. quote strings: title = "My feed".'
    data = load_toml(path, text, CONFIG_NAME, 1, hint).value
    check = _Checker(path, text)
    check.keys(data, "", {"build", "feed"})
    build = data.get("build", {})
    feed = data.get("feed", {})
    check.table(build, "build")
    check.table(feed, "feed")
    build_keys = {"formats", "engine", "voice", "spoilers", "images", "code", "footnotes",
                  "table_rows"}  # fmt: skip
    check.keys(build, "build", build_keys)
    feed_keys = {"title", "description", "base_url", "author", "owner", "image", "category",
                 "subcategory", "explicit", "language"}  # fmt: skip
    check.keys(feed, "feed", feed_keys)
    owner = feed.get("owner", {})
    check.table(owner, "feed.owner")
    check.keys(owner, "feed.owner", {"name", "email"})
    return Project(
        path,
        FeedSettings(
            title=check.text(feed, "feed", "title"),
            description=check.text(feed, "feed", "description"),
            base_url=check.url(feed, "feed", "base_url"),
            author=check.text(feed, "feed", "author"),
            owner_name=check.text(owner, "feed.owner", "name"),
            owner_email=check.email(owner, "feed.owner", "email"),
            image=check.image(feed, "feed", "image"),
            category=check.text(feed, "feed", "category") or FeedSettings.category,
            subcategory=check.text(feed, "feed", "subcategory", FeedSettings.subcategory),
            explicit=check.flag(feed, "feed", "explicit"),
            language=check.text(feed, "feed", "language"),
        ),
        BuildDefaults(
            formats=check.names(build, "build", "formats"),
            engine=check.choice(build, "build", "engine", tuple(ENGINES)),
            voice=_relative(path, check.text(build, "build", "voice")),
            spoilers=check.choice(build, "build", "spoilers", tuple(SpoilerMode)),
            content=_content(check, build),
        ),
    )


def _content(check: _Checker, build: dict[str, Any]) -> ContentOptions:
    """The ``[build]`` narration settings for images, code, footnotes and tables."""
    default = ContentOptions()
    rows = build.get("table_rows", default.table_rows)
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        check.fail("build", "table_rows", "must be a whole number, 0 or more.", "table_rows = 12")
    return ContentOptions(
        images=check.choice(build, "build", "images", IMAGE_MODES) or default.images,
        code=check.choice(build, "build", "code", CODE_MODES) or default.code,
        footnotes=check.choice(build, "build", "footnotes", FOOTNOTE_MODES) or default.footnotes,
        table_rows=rows,
    )


def _relative(config: Path, value: str | None) -> str | None:
    return None if value is None else str(config.parent / value)


class _Checker:
    """Type checks that name the file, the line and the key of a wrong value."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, table: str, key: str, problem: str, hint: str) -> None:
        name = f"{table}.{key}" if table else key
        raise SourceError(
            self.path, f"'{name}' {problem}", hint, line=self.line_of(table, key)
        ) from None

    def line_of(self, table: str, key: str) -> int:
        """The line that sets ``key`` in ``[table]`` (0 when it cannot be found)."""
        current = ""
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", stripped)
            if header:
                current = header.group(1)
                continue
            if current == table and re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
            if not table and stripped.startswith(f"[{key}"):
                return number
        return 0

    def keys(self, data: dict[str, Any], table: str, known: set[str]) -> None:
        for key in data:
            if key not in known:
                self.fail(
                    table, key, "is not a setting earmark knows.",
                    f"Use one of: {', '.join(sorted(known))} (see README, 'Project config').",
                )  # fmt: skip

    def table(self, value: object, table: str) -> None:
        if not isinstance(value, dict):
            self.fail("", table, "must be a table.", f"Write it as a [{table}] section.")

    def text(
        self, data: dict[str, Any], table: str, key: str, default: str | None = None
    ) -> str | None:
        value = data.get(key, default)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(table, key, "must be a non-empty string.", f'Write it as {key} = "...".')
        return value.strip() if isinstance(value, str) else value

    def url(self, data: dict[str, Any], table: str, key: str) -> str | None:
        value = self.text(data, table, key)
        if value is not None and not is_base_url(value):
            self.fail(
                table, key, f"must be an absolute http(s) URL, not {value!r}.",
                'Write the address the output folder is served at, e.g. '
                'base_url = "https://example.org/audio/".',
            )  # fmt: skip
        return value

    def email(self, data: dict[str, Any], table: str, key: str) -> str | None:
        value = self.text(data, table, key)
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            self.fail(table, key, f"is not an e-mail address: {value!r}.", "Fix the address.")
        return value

    def flag(self, data: dict[str, Any], table: str, key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.fail(table, key, "must be true or false.", f"Write {key} = true or {key} = false.")
        return value

    def file(self, data: dict[str, Any], table: str, key: str) -> Path | None:
        value = self.text(data, table, key)
        if value is None:
            return None
        path = self.path.parent / value
        if not path.is_file():
            self.fail(
                table, key, f"names {value!r}, which does not exist (looked for {path}).",
                "Give a path relative to earmark.toml, or remove the key.",
            )  # fmt: skip
        return path

    def image(self, data: dict[str, Any], table: str, key: str) -> Path | None:
        path = self.file(data, table, key)
        if path is None:
            return None
        try:
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
        except (OSError, SyntaxError, ValueError) as error:
            self.fail(table, key, f"cannot be read as an image ({error}).", "Give a JPEG or PNG.")
        low, high = IMAGE_SIDES
        if kind not in ("JPEG", "PNG") or width != height or not low <= width <= high:
            self.fail(
                table, key, f"is a {width}x{height} {kind}; podcast apps need a square JPEG or "
                f"PNG of {low} to {high} pixels.",
                "Resize or convert it, or remove the key to get a generated title card.",
            )  # fmt: skip
        return path

    def names(self, data: dict[str, Any], table: str, key: str) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.fail(table, key, "must be a list of format names.", f'e.g. {key} = ["epub"].')
        unknown = [name for name in value if name not in WRITERS]
        if unknown:
            self.fail(
                table, key, f"names unknown formats: {', '.join(unknown)}.",
                f"Choose from: {', '.join(WRITERS)}.",
            )  # fmt: skip
        return tuple(value)

    def choice(
        self, data: dict[str, Any], table: str, key: str, choices: tuple[str, ...]
    ) -> str | None:
        value = self.text(data, table, key)
        if value is not None and value not in choices:
            self.fail(
                table, key, f"must be one of {', '.join(choices)}, not {value!r}.",
                f'e.g. {key} = "{choices[0]}".',
            )  # fmt: skip
        return value
