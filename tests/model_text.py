"""Every string a read Article carries, for tests that look for markup left in it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pipeline.model import Article

# What a reader must never leave in the model's text: markup, active content, template syntax.
FORBIDDEN = ("<script", "javascript:", "<!--", "-->", "{{", "{%", "<iframe", "<img", "<div")


def model_strings(value: object) -> list[str]:
    """All strings inside a model value (titles, text, addresses, alt text, captions)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Path):
        return []
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in model_strings(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            text
            for f in dataclasses.fields(value)
            if f.name not in ("source", "warnings")
            for text in model_strings(getattr(value, f.name))
        ]
    return []


def leftovers(article: Article) -> list[str]:
    """The strings of ``article`` that hold forbidden markup."""
    return [s for s in model_strings(article) if any(bad in s.lower() for bad in FORBIDDEN)]
