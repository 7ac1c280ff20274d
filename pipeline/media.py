"""The only module that runs ffmpeg (the binary shipped by imageio-ffmpeg; no system install)."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

import imageio_ffmpeg
from mutagen.mp3 import MP3

with warnings.catch_warnings():
    # pydub looks for ffmpeg on PATH when imported (earmark hands it imageio-ffmpeg's binary)
    # and imports audioop, deprecated since Python 3.11.
    warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from pipeline.errors import EarmarkError, OutputError

__all__ = [
    "MASTER",
    "MP3_RENDITION",
    "AudioChapter",
    "AudioSegment",
    "BookEncoder",
    "Mastered",
    "Rendition",
    "concat_mp3",
    "detect_leading_silence",
    "encode",
    "ffmpeg_exe",
    "master",
    "mp3_span",
    "package_m4b",
]


@cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary inside the imageio-ffmpeg package (pydub uses it too)."""
    AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
    return AudioSegment.converter


def run_ffmpeg(args: list[str], stdin: bytes | None = None, timeout: float = 600) -> bytes:
    """Run ffmpeg quietly with ``args``; return its stdout or raise with its last error lines."""
    return _ffmpeg(args, failure="ffmpeg failed", stdin=stdin, timeout=timeout).stdout


def _ffmpeg(
    args: list[str],
    *,
    failure: str,
    stdin: bytes | None = None,
    stdout: int | IO[bytes] = subprocess.PIPE,
    loglevel: str = "error",
    timeout: float = 600,
) -> subprocess.CompletedProcess[bytes]:
    """The one way earmark runs ffmpeg to completion: a failure or a hang becomes an
    ``EarmarkError`` that starts with ``failure`` and ends with ffmpeg's last words."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", loglevel,
               "-y", *args]  # fmt: skip
    try:
        done = subprocess.run(
            command, input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise EarmarkError(f"ffmpeg took longer than {timeout:.0f} s and was stopped.") from None
    if done.returncode != 0:
        raise _ffmpeg_error(failure, done.stderr, f"exit {done.returncode}")
    return done


def _ffmpeg_error(failure: str, stderr: bytes, fallback: str = "") -> EarmarkError:
    """ffmpeg's failure with its last words; a full disk (which ffmpeg reports only by the
    errno's text, somewhere in its log) is an output fault."""
    text = stderr.decode("utf-8", "replace").strip()
    detail = " / ".join(text.splitlines()[-3:]) or fallback
    if os.strerror(errno.ENOSPC) in text:
        return OutputError.from_os_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), failure)
    return EarmarkError(f"{failure}: {detail}")


def decode_to_pcm(data: bytes, sample_rate: int) -> bytes:
    """Decode compressed audio (e.g. MP3 bytes) to mono 16-bit PCM at ``sample_rate``."""
    return run_ffmpeg(
        ["-i", "pipe:0", "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1",
         "-ar", str(sample_rate), "pipe:1"],
        stdin=data,
    )  # fmt: skip


@dataclass(frozen=True)
class Rendition:
    """One encoding of a track's mastered audio (mono), made in the mastering pass."""

    name: str
    suffix: str
    ffmpeg_args: tuple[str, ...]
    """ffmpeg output options: codec, bitrate, sample rate."""

    @property
    def file_name(self) -> str:
        """A name that changes with the settings, so a cached encoding is never mistaken for
        one made with other settings."""
        digest = hashlib.sha256("\0".join(self.ffmpeg_args).encode()).hexdigest()[:10]
        return f"{self.name}-{digest}{self.suffix}"

    @property
    def sample_rate(self) -> int | None:
        """The rate it is encoded at (its ``-ar``), or None for the master's own rate."""
        args = self.ffmpeg_args
        return int(args[args.index("-ar") + 1]) if "-ar" in args else None


MASTER = Rendition("master", ".flac", ("-c:a", "flac", "-sample_fmt", "s16"))
"""The lossless master: what chaptered books (M4B) and any later rendition are encoded from.
At the voice's own rate (Piper: 22.05 kHz; the renditions that need 44.1 kHz resample on
their own branch, so the limiter and the master only process what the voice made), and 16
bits like the speech it comes from (the filters work in floating point, which FLAC would
otherwise keep as 24 bits, three times the size)."""

MP3_RENDITION = Rendition(
    "mp3",
    ".mp3",
    ("-c:a", "libmp3lame", "-b:a", "192k", "-compression_level", "7", "-ar", "44100", "-ac", "1"),
)
"""The ACX delivery format: CBR 192 kbps, 44.1 kHz, mono. LAME's quality 7 halves the encoding
time; at 192 kbps for one channel of speech the difference is far below audibility. LAME
writes the gapless header, so decoders trim its padding and durations stay exact."""
MP3_FRAME_SAMPLES = 1152
"""Samples per MPEG-1 Layer III frame (44.1 kHz)."""

TARGET_RMS_DBFS = -20.0
"""ACX: RMS between -23 and -18 dB; aim for the middle."""
RMS_TOLERANCE_DB = 0.75
"""A track this close to the target is accepted; further off, it is mastered again."""
PEAK_CEILING_DBFS = -4.0
"""ACX allows -3 dBFS peaks; the limiter aims 1 dB lower so lossy encoding cannot overshoot."""
MASTERING_ATTEMPTS = 4
LIMITER_ALLOWANCE_DB = 1.2
"""First guess of the RMS the limiter takes back from peak-normalised speech (measured on
Piper's voice); the measurement after each attempt corrects it."""


@dataclass(frozen=True)
class Mastered:
    """What the mastering pass measured on the audio it wrote."""

    gain_db: float
    rms_dbfs: float
    peak_dbfs: float
    attempts: int


def master(
    pcm_path: Path, sample_rate: int, rms_dbfs: float, outputs: Mapping[Rendition, Path]
) -> Mastered:
    """Master mono PCM to the audiobook numbers and encode every rendition in one ffmpeg pass.

    A gain brings the RMS to the target and a look-ahead limiter (delay compensated, so
    timings measured on the PCM hold) keeps peaks under the ceiling; ``asplit`` feeds the
    mastered signal to each encoder and to ``astats``, which measures the master.
    When the limiter took back too much (short tracks are mostly room tone, so their speech
    must be pushed hard), the gain is corrected and the pass repeated.
    """
    gain = TARGET_RMS_DBFS - rms_dbfs + LIMITER_ALLOWANCE_DB
    best: Mastered | None = None
    for attempt in range(1, MASTERING_ATTEMPTS + 1):
        rms, peak = _master_pass(pcm_path, sample_rate, gain, outputs)
        result = Mastered(gain, rms, peak, attempt)
        if best is None or abs(rms - TARGET_RMS_DBFS) < abs(best.rms_dbfs - TARGET_RMS_DBFS):
            best = result
        if abs(rms - TARGET_RMS_DBFS) <= RMS_TOLERANCE_DB:
            return result
        gain += TARGET_RMS_DBFS - rms
    if best.attempts != MASTERING_ATTEMPTS:
        _master_pass(pcm_path, sample_rate, best.gain_db, outputs)
    return best


def _master_pass(
    pcm_path: Path, sample_rate: int, gain_db: float, outputs: Mapping[Rendition, Path]
) -> tuple[float, float]:
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    labels = [f"[r{index}]" for index in range(len(outputs))]
    graph = (
        f"[0:a]volume={gain_db:.2f}dB,"
        f"alimiter=limit={ceiling:.4f}:level=disabled:attack=3:release=60:latency=1,"
        f"asplit={len(outputs) + 1}[probe]{''.join(labels)};"
        "[probe]astats=measure_perchannel=none:measure_overall=RMS_level+Peak_level,anullsink"
    )
    args = ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(pcm_path),
            "-filter_complex", graph]  # fmt: skip
    for label, (rendition, path) in zip(labels, outputs.items(), strict=True):
        args += ["-map", label, *rendition.ffmpeg_args, str(path)]
    log = _ffmpeg_log(args, next(iter(outputs.values())))
    rms = re.search(r"RMS level dB: (-?[\d.]+|-inf)", log)
    peak = re.search(r"Peak level dB: (-?[\d.]+|-inf)", log)
    if rms is None or peak is None:
        raise EarmarkError(f"ffmpeg did not measure {pcm_path.name} while mastering it.")
    return float(rms.group(1)), float(peak.group(1))


def encode(master_path: Path, rendition: Rendition, path: Path) -> None:
    """Encode one more rendition from a lossless master (for a track mastered earlier)."""
    _ffmpeg_log(["-i", str(master_path), *rendition.ffmpeg_args, str(path)], path)


class BookEncoder:
    """Encodes a whole book as one continuous stream while its tracks are still being made,
    so the encoding overlaps synthesis and the book is never in memory: a track mastered in
    this build arrives as raw PCM the mastering pass wrote at the encoder's rate (its
    ``feed``), a cached one as its lossless master, decoded straight into the encoder."""

    def __init__(self, rendition: Rendition, path: Path) -> None:
        assert rendition.sample_rate, "a book rendition sets its sample rate"
        self.rendition = rendition
        self.path = path
        self.sample_rate = rendition.sample_rate
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the encoder)
        self._encoder = subprocess.Popen(
            [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
             "-f", "s16le", "-ar", str(self.sample_rate), "-ac", "1", "-i", "pipe:0",
             *rendition.ffmpeg_args, str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._log,
        )  # fmt: skip

    @property
    def feed(self) -> Rendition:
        """Raw PCM at the encoder's input rate: when the mastering pass writes it beside the
        track's renditions, ``add`` streams it in as it is, with nothing to decode."""
        return Rendition(
            f"{self.rendition.name}-feed",
            ".pcm",
            ("-f", "s16le", "-c:a", "pcm_s16le", "-ar", str(self.sample_rate), "-ac", "1"),
        )

    def add(self, files: Mapping[str, Path]) -> None:
        """Append one track to the stream: its feed (then deleted) when the mastering pass
        wrote one, else its lossless master, decoded."""
        feed = files.get(self.feed.name)
        try:
            if feed is not None:
                with feed.open("rb") as pcm:
                    shutil.copyfileobj(pcm, self._encoder.stdin, 1 << 20)
                feed.unlink()
                return
            master_path = files[MASTER.name]
            _ffmpeg(
                ["-i", str(master_path), "-f", "s16le", "-ar", str(self.sample_rate),
                 "-ac", "1", "pipe:1"],
                failure=f"ffmpeg could not read {master_path.name}",
                stdout=self._encoder.stdin,
            )  # fmt: skip
        except (EarmarkError, OSError) as error:
            encoder_error = self._encoder_error()
            self.abort()
            if encoder_error is not None:
                raise encoder_error from None
            if isinstance(error, OSError):
                raise OutputError.from_os_error(error, self.path) from None
            raise

    def _encoder_error(self) -> EarmarkError | None:
        """The encoder's own failure, when it is why the decoder could not write: a full disk
        stops the encoder, and the decoder then only sees a broken pipe."""
        try:
            returncode = self._encoder.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return None
        if returncode == 0:
            return None
        self._log.seek(0)
        return _ffmpeg_error(f"ffmpeg could not write {self.path.name}", self._log.read())

    def finish(self) -> Path:
        """Close the stream and wait for the encoder; return the encoded file."""
        self._encoder.stdin.close()
        if self._encoder.wait() != 0:
            self._log.seek(0)
            raise _ffmpeg_error(f"ffmpeg could not write {self.path.name}", self._log.read())
        self._log.close()
        return self.path

    def abort(self) -> None:
        """Stop the encoder (the build failed)."""
        self._encoder.kill()
        self._encoder.wait()
        self._log.close()


def mp3_span(path: Path) -> float:
    """Seconds an MP3 file takes inside a concatenation of MP3 files: all its frames, the
    encoder's delay and padding included (decoders trim those only at the start and end of
    a file, by its gapless header). So in ``concat_mp3``'s output, part k starts exactly
    ``sum(mp3_span(part) for part in parts[:k])`` seconds in."""
    info = MP3(path).info
    frames = info.length * info.sample_rate / MP3_FRAME_SAMPLES
    if abs(frames - round(frames)) > 1e-6:  # mutagen trimmed delay and padding after all
        raise EarmarkError(f"{path.name}: its length ({info.length} s) is not whole MP3 frames.")
    return info.length


def concat_mp3(parts: Sequence[Path], path: Path) -> None:
    """Join MP3 files (same encoder settings) into one, frames copied, nothing re-encoded;
    the result's gapless header trims the first part's delay and the last part's padding.
    Between parts, a few milliseconds of the encoders' padding and delay remain (under 52 ms
    at 44.1 kHz), in the room tone around track boundaries."""
    if len(parts) == 1:
        shutil.copyfile(parts[0], path)
        return
    with tempfile.TemporaryDirectory(prefix="earmark-concat-") as work:
        listing = Path(work, "parts.txt")
        # ``duration`` is each part's whole span, so the copied timestamps never overlap.
        listing.write_text(
            "".join(
                f"file '{_concat_quote(part.resolve())}'\nduration {mp3_span(part):.6f}\n"
                for part in parts
            ),
            encoding="utf-8",
        )
        _ffmpeg_log(["-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0:a",
                     "-c", "copy", str(path)], path)  # fmt: skip


def _concat_quote(path: Path) -> str:
    return str(path).replace("'", "'\\''")


@dataclass(frozen=True)
class AudioChapter:
    """One chapter of a chaptered audiobook: its mark's title and its exact length."""

    title: str
    duration: float
    """Seconds; chapter marks are placed by the running sum of these."""


def package_m4b(
    audio: Path,
    chapters: Sequence[AudioChapter],
    tags: Mapping[str, str],
    cover: bytes | None,
    m4b_path: Path,
    language: str = "und",
) -> None:
    """Put an encoded book (AAC) into an M4B with chapter marks, book tags and a cover,
    without re-encoding it.

    The mov muxer stores the chapters twice: as a QuickTime chapter text track (the audio
    track's ``tref/chap``; Apple Books and iTunes read it) and as a Nero ``chpl`` atom (most
    other players).
    """
    with tempfile.TemporaryDirectory(prefix="earmark-m4b-") as work:
        metadata = Path(work, "metadata.txt")
        metadata.write_text(ffmetadata(chapters, tags), encoding="utf-8")
        inputs = ["-i", str(audio), "-i", str(metadata)]
        maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        if cover is not None:
            picture = Path(work, "cover")  # ffmpeg tells JPEG from PNG by content
            picture.write_bytes(cover)
            inputs += ["-i", str(picture)]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
        _ffmpeg_log([
            *inputs, *maps, "-c:a", "copy", "-metadata:s:a:0", f"language={language}",
            "-movflags", "+faststart", "-brand", "M4B ", "-f", "ipod", str(m4b_path),
        ], m4b_path)  # fmt: skip


def ffmetadata(chapters: Sequence[AudioChapter], tags: Mapping[str, str]) -> str:
    """An FFMETADATA1 file: global ``tags``, then one ``[CHAPTER]`` per chapter, in
    milliseconds from the running sum of exact durations (so marks never drift)."""
    lines = [";FFMETADATA1", *(f"{key}={_ffmeta_escape(value)}" for key, value in tags.items())]
    start = 0.0
    for chapter in chapters:
        end = start + chapter.duration
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(start * 1000)}",
            f"END={round(end * 1000)}",
            f"title={_ffmeta_escape(chapter.title)}",
        ]
        start = end
    return "\n".join(lines) + "\n"


def _ffmeta_escape(text: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", text)


def _ffmpeg_log(args: list[str], output: Path) -> str:
    """Run ffmpeg at info level (filters report there) and return its log."""
    done = _ffmpeg(args, failure=f"ffmpeg could not write {output.name}", loglevel="info")
    return done.stderr.decode("utf-8", "replace")
