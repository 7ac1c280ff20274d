"""Turn a script into section audio: speech per utterance (from the cache or the engine), laid
end to end with room tone, with the exact time of every utterance."""

from __future__ import annotations

import array
import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.errors import EngineError
from pipeline.media import AudioSegment, Mastered, detect_leading_silence, master
from pipeline.narration.cache import SentenceCache, cache_key
from pipeline.narration.engines.base import Engine, Speech
from pipeline.narration.script import HEAD_SECONDS, TAIL_SECONDS, Track, Utterance

ROOM_TONE_DBFS = -72.0
"""Level of the room tone in pauses: quiet, but not digital silence (ACX noise floor: -60)."""
SILENCE_DBFS = -45.0
"""Engine padding below this level is trimmed, so every pause is exactly the script's."""


@dataclass(frozen=True)
class Clip:
    """Where one utterance sits in its track's audio, in seconds."""

    utterance_id: str
    begin: float
    end: float


@dataclass(frozen=True)
class Narration:
    """A book's narration: who speaks and every track's audio."""

    engine: str
    voice: str
    narrator: str
    tracks: tuple[NarratedTrack, ...]

    def track_for(self, chapter_id: str) -> NarratedTrack:
        """The track that narrates the chapter with this id."""
        return next(t for t in self.tracks if t.track.chapter.id == chapter_id)


@dataclass(frozen=True)
class NarratedTrack:
    """A track's mastered audio and the time of every utterance in it."""

    track: Track
    audio: Path
    """Mastered mono WAV (44.1 kHz, 16 bit) in the build's work folder: what every audio
    format is encoded from."""
    duration: float
    """Length in seconds, exact to the sample."""
    clips: tuple[Clip, ...]
    mastering: Mastered


def narrate(
    tracks: tuple[Track, ...],
    engine: Engine,
    speech_cache: SentenceCache,
    work_dir: Path,
) -> Iterator[NarratedTrack]:
    """Synthesize and assemble each track in order, yielding it as soon as it is ready."""
    settings = engine.settings()
    with ThreadPoolExecutor(max_workers=engine.max_workers) as pool:
        for track in tracks:

            def speech_for(utterance: Utterance, track: Track = track) -> Speech:
                key = cache_key(engine.name, engine.voice, settings, utterance.spoken)
                speech = speech_cache.get(key)
                if speech is None:
                    speech = _synthesize(engine, utterance, track)
                    speech_cache.put(key, speech)
                return speech

            speeches = list(pool.map(speech_for, track.utterances))
            yield _assemble(track, speeches, work_dir)


def _synthesize(engine: Engine, utterance: Utterance, track: Track) -> Speech:
    try:
        speech = engine.synthesize(utterance.spoken)
    except EngineError as error:
        raise EngineError(
            f"{engine.name} failed on track {track.number} "
            f"(section \u201c{track.chapter.main.title}\u201d): {error.message}",
            error.hint,
        ) from error
    if not speech.pcm:
        raise EngineError(
            f"{engine.name} returned no audio for {utterance.text[:60]!r} in section "
            f"\u201c{track.chapter.main.title}\u201d."
        )
    return speech


def _assemble(track: Track, speeches: list[Speech], work_dir: Path) -> NarratedTrack:
    rate = speeches[0].sample_rate if speeches else 22050
    pcm = bytearray(room_tone(HEAD_SECONDS, rate))
    clips = []
    for index, (utterance, speech) in enumerate(zip(track.utterances, speeches, strict=True)):
        if speech.sample_rate != rate:
            raise EngineError(
                f"speech for {utterance.text[:40]!r} is at {speech.sample_rate} Hz, "
                f"the rest of track {track.number} at {rate} Hz.",
                "Clear the sentence cache (--cache-dir) and build again.",
            )
        begin = len(pcm) // 2
        pcm += trim_silence(speech.pcm, rate)
        clips.append(Clip(utterance.id, begin / rate, len(pcm) // 2 / rate))
        last = index == len(speeches) - 1
        pcm += room_tone(TAIL_SECONDS if last else utterance.pause_after, rate)
    if not speeches:
        pcm += room_tone(TAIL_SECONDS, rate)
    raw = work_dir / f"{track.number:03d}.pcm"
    raw.write_bytes(pcm)
    level = max(_segment(bytes(pcm), rate).dBFS, -120.0)
    wav = raw.with_suffix(".wav")
    mastering = master(raw, rate, level, wav)
    raw.unlink()
    return NarratedTrack(track, wav, len(pcm) // 2 / rate, tuple(clips), mastering)


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
