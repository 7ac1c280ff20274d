"""Lay a track's speech end to end with room tone, straight into a PCM file: memory holds one
utterance at a time, whatever the length of the section."""

from __future__ import annotations

import array
import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.engines.base import Speech
from pipeline.errors import EngineError
from pipeline.narration.script import HEAD_SECONDS, TAIL_SECONDS, Utterance
from pipeline.system.ffmpeg import AudioSegment, detect_leading_silence

ROOM_TONE_DBFS = -72.0
"""Level of the room tone in pauses: quiet, but not digital silence (ACX noise floor: -60)."""
SILENCE_DBFS = -45.0
"""Engine padding below this level is trimmed, so every pause is exactly the script's."""
DEFAULT_RATE = 22050
"""Sample rate of a track with nothing to say (only room tone)."""


@dataclass(frozen=True)
class AssembledTrack:
    """A track's raw audio (mono 16-bit PCM) before mastering."""

    path: Path
    sample_rate: int
    duration: float
    level_dbfs: float
    """RMS level of the whole track, which sets the mastering gain."""
    times: tuple[tuple[float, float], ...]
    """(begin, end) in seconds of each utterance, in script order."""


class TrackAssembler:
    """Writes one track: head room tone, then each utterance's trimmed speech followed by its
    pause, then tail room tone. Utterances must be added in script order."""

    def __init__(self, path: Path, label: str) -> None:
        self.path = path
        self.label = label
        self.rate = 0
        self.samples = 0
        self.square_sum = 0.0
        self.times: list[tuple[float, float]] = []
        self._out = path.open("wb")

    def add(self, utterance: Utterance, speech: Speech, last: bool) -> None:
        """Append one utterance and the room tone after it (the tail, when it is the last)."""
        if not self.rate:
            self.rate = speech.sample_rate
            self._write(room_tone(HEAD_SECONDS, self.rate))
        elif speech.sample_rate != self.rate:
            raise EngineError(
                f"speech for {utterance.text[:40]!r} is at {speech.sample_rate} Hz, "
                f"the rest of {self.label} at {self.rate} Hz.",
                "Clear the sentence cache (--cache-dir) and build again.",
            )
        begin = self.samples / self.rate
        self._write(trim_silence(speech.pcm, self.rate))
        self.times.append((begin, self.samples / self.rate))
        self._write(room_tone(TAIL_SECONDS if last else utterance.pause_after, self.rate))

    def finish(self) -> AssembledTrack:
        """Close the file and say what it holds."""
        if not self.rate:  # nothing was speakable: a track of room tone
            self.rate = DEFAULT_RATE
            self._write(room_tone(HEAD_SECONDS + TAIL_SECONDS, self.rate))
        self._out.close()
        rms = math.sqrt(self.square_sum / self.samples) if self.samples else 0.0
        level = 20 * math.log10(rms / 32768) if rms > 0 else -120.0
        return AssembledTrack(
            self.path, self.rate, self.samples / self.rate, level, tuple(self.times)
        )

    def close(self) -> None:
        """Close the file without finishing (the build failed)."""
        self._out.close()

    def _write(self, pcm: bytes) -> None:
        frames = len(pcm) // 2
        if frames:
            self.square_sum += _segment(pcm, self.rate).rms ** 2 * frames
            self.samples += frames
            self._out.write(pcm)


def trim_silence(pcm: bytes, rate: int) -> bytes:
    """Cut leading and trailing audio quieter than ``SILENCE_DBFS``, keeping 20 ms of it."""
    audio = _segment(pcm, rate)
    lead = detect_leading_silence(audio, silence_threshold=SILENCE_DBFS, chunk_size=5)
    trail = detect_leading_silence(audio.reverse(), silence_threshold=SILENCE_DBFS, chunk_size=5)
    if lead >= len(audio):
        return pcm
    return audio[max(0, lead - 20) : len(audio) - max(0, trail - 20)].raw_data


def room_tone(seconds: float, rate: int) -> bytes:
    """``seconds`` of quiet, steady noise (the same every time)."""
    samples = round(seconds * rate)
    second = _room_tone_second(rate)
    repeats, rest = divmod(samples * 2, len(second))
    return second * repeats + second[:rest]


@cache
def _room_tone_second(rate: int) -> bytes:
    amplitude = 32768 * 10 ** (ROOM_TONE_DBFS / 20) * 3**0.5  # uniform noise: rms = a / sqrt(3)
    generator = random.Random(rate)
    top = max(1, round(amplitude))
    return array.array("h", (generator.randint(-top, top) for _ in range(rate))).tobytes()


def _segment(pcm: bytes, rate: int) -> AudioSegment:
    return AudioSegment(data=pcm, sample_width=2, frame_rate=rate, channels=1)
