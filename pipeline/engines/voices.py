"""What ``earmark voices`` shows: each engine and the voices it can use, with languages."""

from __future__ import annotations

from gtts.lang import tts_langs

from pipeline.engines.piper_voices import installed_voices, voices_dir


def list_voices() -> list[str]:
    """Human-readable lines describing the engines and their voices."""
    languages = tts_langs()
    piper = installed_voices()
    width = max(len(voice.name) for voice in piper)
    return [
        "piper (default, offline)",
        *(
            f"  {voice.name:{width}}  {voice.language:6}  "
            + ("bundled (English, US male; the default)" if index == 0 else str(voice.model))
            for index, voice in enumerate(piper)
        ),
        f"  voices folder: {voices_dir()}",
        "  (EARMARK_VOICES moves it): put a voice's .onnx and .onnx.json there, then use",
        "  --voice NAME (or --voice PATH/TO/voice.onnx).",
        "  Each article is spoken by a voice for its lang: --voice where it speaks that",
        "  language, else the first voice above that does; otherwise the build is refused.",
        "",
        "gtts (online: Google Translate's speech; needs internet access)",
        "  --lang CODE picks the language (default: the article's lang); --tld picks the accent",
        *(f"  {code:8} {name}" for code, name in sorted(languages.items())),
    ]
