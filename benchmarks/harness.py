"""The benchmark's harness: running and timing earmark, process-tree memory, the table, logging.

Every other module of ``benchmarks/`` builds on this one; it imports none of them.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PAIRS = 2
"""Baseline and cold-build samples, run alternately (and the batch's rounds)."""
SAMPLE_SECONDS = 0.02
"""How often the memory sampler reads /proc."""


class BenchmarkError(Exception):
    """The benchmark could not measure what it should (exit status 2)."""


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


def timed_run(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``command`` in the repository, output captured: (wall-clock seconds, its result)."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def run_earmark(*args: str | Path) -> tuple[float, str]:
    """Run ``earmark ARGS`` and return (wall-clock seconds, its stdout and stderr)."""
    command = [*earmark_command(), *map(str, args)]
    seconds, done = timed_run(command, subprocess_env())
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


def cold_build(source: Path, scratch: Path, name: str, *options: str) -> float:
    """Seconds for a build of ``source`` (an article or a folder; default formats unless
    ``options`` say otherwise) with an empty cache, in fresh folders under ``scratch/name``."""
    out, cache = fresh_folders(scratch, name)
    seconds, _ = run_earmark("build", source, "-o", out, "--cache-dir", cache, *options)
    shutil.rmtree(out.parent)
    return seconds


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


def peak_rss(article: Path, scratch: Path, name: str, keep: bool = False) -> PeakRss:
    """Build ``article`` cold while sampling the memory of its process tree; with ``keep``,
    its output and cache stay in ``scratch/name`` for a rebuild."""
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
    if not keep:
        shutil.rmtree(out.parent)
    return PeakRss(tree_peak, main_peak, seconds)


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


def samples_line(values: list[float]) -> str:
    """The samples behind a median, for the table."""
    return "  samples: " + ", ".join(f"{v:.2f}" for v in values)
