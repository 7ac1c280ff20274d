"""Known damage for the proof tests: one sentence's audio silenced, one played backwards, one
replaced by another sentence's audio, in a built track MP3; the build's stamp is updated to the
damaged file, as if the build had made it so."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from pydub import AudioSegment

from pipeline.proof.built import read_cue_times
from pipeline.publishing.incremental import STAMP_NAME
from pipeline.system.ffmpeg import ffmpeg_exe
from pipeline.writers.names import transcript_name


def damage(folder: Path, track: str, silence: str, reverse: str, splice: tuple[str, str]) -> None:
    """Damage ``track`` (``audio/NN - Title.mp3``) in place: ``silence`` and ``reverse`` are
    utterance ids; ``splice`` is (target, source): the target's time gets the source's audio,
    cut or padded with silence to the target's length."""
    times = read_cue_times(folder / transcript_name(track))
    path = folder / track
    wav = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "wav", "-"],
        capture_output=True,
        check=True,
    ).stdout
    audio = AudioSegment.from_wav(io.BytesIO(wav))

    def span(utterance: str) -> tuple[int, int]:
        start, end = times[utterance]
        return round(start * 1000), round(end * 1000)

    def replaced(audio: AudioSegment, utterance: str, new: AudioSegment) -> AudioSegment:
        start, end = span(utterance)
        fitted = (new + AudioSegment.silent(end - start, audio.frame_rate))[: end - start]
        return audio[:start] + fitted + audio[end:]

    start, end = span(silence)
    audio = replaced(audio, silence, AudioSegment.silent(end - start, audio.frame_rate))
    start, end = span(reverse)
    audio = replaced(audio, reverse, audio[start:end].reverse())
    start, end = span(splice[1])
    audio = replaced(audio, splice[0], audio[start:end])
    audio.export(path, format="mp3", bitrate="192k")
    stamp_path = folder / STAMP_NAME
    stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    stamp["files"][track] = path.stat().st_size
    stamp_path.write_text(json.dumps(stamp, indent=1), encoding="utf-8")
