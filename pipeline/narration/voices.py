"""What ``earmark voices`` shows: each engine and the voices it can use."""

from __future__ import annotations

from gtts.lang import tts_langs

from pipeline.narration.engines.piper_engine import DEFAULT_VOICE


def list_voices() -> list[str]:
    """Human-readable lines describing the engines and their voices."""
    languages = tts_langs()
    return [
        "piper (default, offline)",
        f"  {DEFAULT_VOICE}  English (US), male; bundled, no download (default)",
        "  any Piper voice: --voice PATH/TO/voice.onnx (with voice.onnx.json beside it)",
        "",
        "gtts (online: Google Translate's speech; needs internet access)",
        "  --lang CODE picks the language (default: the article's lang); --tld picks the accent",
        *(f"  {code:8} {name}" for code, name in sorted(languages.items())),
    ]
