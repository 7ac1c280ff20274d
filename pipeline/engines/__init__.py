"""Speech engines, found by name. Adding one is a module and one line in ``ENGINES``."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import EngineOptions
from pipeline.engines.base import Engine
from pipeline.engines.gtts_engine import gtts_engine
from pipeline.engines.piper_engine import close_voices, piper_engine

EngineFactory = Callable[[EngineOptions, str], Engine]

ENGINES: dict[str, EngineFactory] = {
    "piper": piper_engine,
    "gtts": gtts_engine,
}
DEFAULT_ENGINE = "piper"


def make_engine(name: str, options: EngineOptions, article_lang: str) -> Engine:
    """The engine called ``name``, set up for an article in ``article_lang``."""
    return ENGINES[name](options, article_lang)


def release_engines() -> None:
    """Stop what engines keep warm between the articles of a batch (Piper's voice processes)."""
    close_voices()
