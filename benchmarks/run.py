"""earmark's benchmark: speed against raw Piper, incremental rebuilds and peak memory, in one run.

    .venv/bin/python benchmarks/run.py        (or: make bench)

Every earmark build runs as a subprocess of the ``earmark`` command, exactly as a user runs it,
with its own fresh temporary output and cache folders (unless a measurement reuses them on
purpose), and is timed from the outside, wall clock: interpreter start, imports, voice loading,
worker processes, ffmpeg and the final swap into place all count. The baseline is timed the
same way: a subprocess that starts Python, imports Piper, loads the bundled voice with Piper's
defaults and synthesizes every utterance of the seed's narration script, nothing else. So
"earmark / baseline" compares like with like, and only earmark's own overhead (assembly,
mastering, encoding, packaging) or its gains (parallel voices) move the ratio.

Targets are ratios measured in the same run, never absolute times: the machine's speed, and
whatever else it is doing at the moment, cancel out (mostly). The baseline and the cold seed
build alternate (baseline, build, baseline, build) and each is reported as the median of its
samples (with two samples, the mean), raw samples printed beside it.

This module only runs the measurements, in this order, and prints their table. The others:
``harness.py`` (running and timing earmark, process-tree memory, the table, logging),
``baseline.py`` (raw Piper), ``inputs.py`` (the articles the measurements build), and one
module per measurement:

1. raw Piper synthesis of the seed (``source/ballerina.md``): the baseline (``baseline.py``);
2. a cold build of the seed (default formats, empty cache), as a ratio to the baseline
   (``seed.py``);
3. a folder of four articles (the seed and ``benchmarks/articles/*``): a cold build, a warm
   rebuild with nothing changed, and a rebuild after one sentence of the seed was edited,
   the last two as shares of the cold build; the CLI's result lines must say the edited
   article synthesized exactly one utterance and the other three are unchanged
   (``incremental.py``);
4. speech normalization of the seed, as a share of its cold build, and Piper's memory on a
   29,000-character run-on paragraph (``speech.py``);
5. peak RSS of a cold build, sampled from /proc every ~20 ms: the sum of VmRSS over the whole
   process tree (earmark, its Piper voice processes, ffmpeg) and the main process alone, for
   the seed and for an article eight times as long (``ballerina-8x.md``, see
   ``inputs.write_long_article``). MB here means 1024 kB, as in /proc (``memory.py``);
6. a batch of ``BATCH_ARTICLES`` short articles (``inputs.write_short_articles``: every
   paragraph of the four articles above used once) built cold with the default ``-j``, as a
   ratio to raw Piper speaking the batch's distinct utterances (what earmark has to
   synthesize: repeated ones such as "The end." come from the sentence cache) (``batch.py``);
7. the same folder built cold on a Dask ``LocalCluster`` with two workers
   (``--scheduler local -j 2``), as a ratio to ``-j 2`` on this machine (on a 2-core machine
   the default run of 6. is that ``-j 2`` run) (``cluster.py``). 6. and 7. run in ``PAIRS``
   rounds (raw Piper, the local build, the cluster build, then again), each reported as the
   median of its samples;
8. text processing of one paragraph at 1x, 10x and 100x (seconds per 1,000 words) and Piper's
   memory on the worst utterance a voice can be given (``growth.py``);
9. the feeds and the batch index of 200 and 2,000 articles, milliseconds per article
   (``batch_files.py``);
10. a book of 1,000 sections (several hours of audio) against the seed: cold build time per
   audio minute, peak memory, a rebuild with nothing changed, chapter-exact M4B and book MP3
   (``long_book.py``; ``--long-book N`` changes the sections, 0 leaves it out).
11. (run after 5.) ``earmark proof`` of the seed with the test model: its time as a ratio to
   the audio's duration, and its peak RSS (``proof.py``).

``--batch-only`` runs only 6. and 7., ``--articles N`` changes the batch's size (for a quick
check; the target is judged on 40).

The memory builds are not timed: sampling /proc costs CPU that the build would otherwise use.

The modules import each other by plain name (``import harness``): run as a script, Python puts
``benchmarks/`` first on ``sys.path``. None imports ``run``.

Exit status: 0 when every target is met and every check passes, 1 when one is missed, 2 when
the benchmark could not run (a build failed, an input is not what the benchmark expects).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import batch
import batch_files
import cluster
import growth
import incremental
import long_book
import memory
import proof
import seed
import speech
from baseline import narration_texts
from harness import REPO, BenchmarkError, Table, log, machine
from inputs import SEED


def report(
    seed_times: seed.SeedTimes | None,
    folder: incremental.FolderTimes | None,
    peak: memory.PeakMemory | None,
    speech_numbers: speech.SpeechNumbers | None,
    growth_numbers: growth.GrowthNumbers | None,
    batch_file_times: batch_files.BatchFileTimes | None,
    batch_times: batch.BatchTimes,
    book: long_book.LongBook | None = None,
    proof_numbers: proof.ProofNumbers | None = None,
) -> Table:
    """The table of every measurement, judged against the targets."""
    table = Table()
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    table.lines.append(f"earmark benchmark - {stamp}, machine: {machine()}")
    table.row("measurement", "seconds", "ratio", "target")
    if seed_times and folder and peak and speech_numbers:
        seed.rows(table, seed_times)
        speech.rows(speech_numbers, seed_times.build, table)
        incremental.rows(table, folder)
        memory.rows(table, peak)
    if proof_numbers:
        proof.rows(table, proof_numbers)
    if growth_numbers and batch_file_times:
        growth.rows(table, growth_numbers)
        batch_files.rows(table, batch_file_times)
    batch.rows(table, batch_times)
    cluster.rows(table, batch_times.cluster)
    if book:
        long_book.rows(table, book)
    return table


def main(argv: list[str]) -> int:
    """Run every measurement, print the table, and return the exit status."""
    parser = argparse.ArgumentParser(description="earmark's benchmark")
    parser.add_argument("--batch-only", action="store_true", help="only the batch benchmark")
    parser.add_argument("--articles", type=int, default=batch.BATCH_ARTICLES, help="batch size")
    parser.add_argument(
        "--long-book", type=int, default=long_book.SECTIONS, metavar="SECTIONS",
        help="sections of the long book (0: leave it out)",
    )  # fmt: skip
    options = parser.parse_args(argv)
    started = time.perf_counter()
    sys.path.insert(0, str(REPO))  # earmark's modules, even from outside its environment
    seed_times = folder = peak = speech_numbers = growth_numbers = batch_file_times = None
    book = None
    proof_numbers = None
    try:
        with tempfile.TemporaryDirectory(prefix="earmark-bench-") as scratch_name:
            scratch = Path(scratch_name)
            if not options.batch_only:
                texts = narration_texts(SEED)
                seed_times = seed.measure(scratch, texts)
                folder = incremental.measure(scratch, len(texts))
                peak = memory.measure(scratch)
                log("earmark proof of the seed")
                proof_numbers = proof.measure(scratch)
                log("speech normalization and Piper's memory on a run-on")
                speech_numbers = speech.measure()
                log("text processing at 1x, 10x, 100x and the worst utterance")
                growth_numbers = growth.measure(scratch)
                log("the batch files of 200 and 2,000 articles")
                batch_file_times = batch_files.measure(scratch)
            batch_times = batch.measure(scratch, options.articles)
            if not options.batch_only and options.long_book:
                book = long_book.measure(scratch, options.long_book)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    table = report(
        seed_times, folder, peak, speech_numbers, growth_numbers, batch_file_times, batch_times,
        book, proof_numbers,
    )  # fmt: skip
    print("\n".join(table.lines))
    log(f"benchmark took {time.perf_counter() - started:.0f} s")
    if table.missed:
        print(f"missed: {', '.join(table.missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
