"""Mastering: one ffmpeg pass per track to the ACX numbers, writing every rendition."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.audio.renditions import Rendition
from pipeline.errors import EarmarkError
from pipeline.system.ffmpeg import ffmpeg_log

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
    log = ffmpeg_log(args, next(iter(outputs.values())))
    rms = re.search(r"RMS level dB: (-?[\d.]+|-inf)", log)
    peak = re.search(r"Peak level dB: (-?[\d.]+|-inf)", log)
    if rms is None or peak is None:
        raise EarmarkError(f"ffmpeg did not measure {pcm_path.name} while mastering it.")
    return float(rms.group(1)), float(peak.group(1))


def encode(master_path: Path, rendition: Rendition, path: Path) -> None:
    """Encode one more rendition from a lossless master (for a track mastered earlier)."""
    ffmpeg_log(["-i", str(master_path), *rendition.ffmpeg_args, str(path)], path)
