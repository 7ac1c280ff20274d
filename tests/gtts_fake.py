"""A stand-in for Google's speech endpoint: what gTTS receives, for tests that replace HTTP."""

from __future__ import annotations

import base64
import json

import pytest

from pipeline.system.ffmpeg import run_ffmpeg

URL = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"


def batchexecute(audio: bytes) -> str:
    """A batchexecute answer shaped like Google's, carrying ``audio`` as base64."""
    inner = json.dumps([base64.b64encode(audio).decode("ascii")])
    frame = json.dumps(
        [["wrb.fr", "jQ1olc", inner, None, None, None, "generic"], ["di", 57], ["af.httprm", 56]],
        separators=(",", ":"),
    )
    return f')]}}\'\n\n{len(frame)}\n{frame}\n25\n[["e",4,null,null,{len(frame) + 40}]]\n'


@pytest.fixture(scope="module")
def mp3() -> bytes:
    return run_ffmpeg(
        ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.3", "-ac", "1", "-ar", "24000",
         "-b:a", "32k", "-f", "mp3", "pipe:1"]
    )  # fmt: skip
