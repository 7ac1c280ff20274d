"""A build stopped half-way (Ctrl-C, SIGTERM, kill -9) leaves the previous output as it was and
the cache whole; the next run resumes from the speech already made."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, listing

from pipeline.audio.cache import SentenceCache


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def earmark(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options,
    )  # fmt: skip


def speech_entries(cache: Path) -> list[Path]:
    return list(cache.glob("speech/*/*.pcm"))


def wait_for_speech(build: subprocess.Popen, cache: Path, entries: int = 6) -> None:
    """Wait until the running build has cached some speech: it is mid-narration."""
    deadline = time.monotonic() + 120
    while len(speech_entries(cache)) < entries:
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "no speech within two minutes"
        time.sleep(0.05)


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Piper voice processes, ffmpeg)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if re.search(rf"^PPid:\s+{pid}$", status.read_text(), re.M):
                found.append(int(status.parent.name))
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return not re.search(r"^State:\s+Z", state, re.M)


@pytest.fixture
def previous(tmp_path, narrated) -> tuple[Path, Path]:
    """An edited copy of the seed, and an output folder holding the seed's earlier build."""
    source = tmp_path / "ballerina.md"
    text = (REPO / "source" / "ballerina.md").read_text(encoding="utf-8")
    source.write_text(text.replace("morose life", "quiet, morose life"), encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(narrated["ballerina"], out / "ballerina")
    return source, out


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc; kill -9 semantics")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_stopped_build_keeps_previous_output_and_a_whole_cache(previous, tmp_path, signum):
    source, out = previous
    before = files(out / "ballerina")
    cache = tmp_path / "cache"
    build = earmark(str(source), "-o", str(out), "--cache-dir", str(cache))
    wait_for_speech(build, cache)
    workers = children(build.pid)
    build.send_signal(signum)
    _, err = build.communicate(timeout=60)

    if signum == signal.SIGKILL:
        assert build.returncode == -signal.SIGKILL
    else:
        assert build.returncode == 128 + signum, err
        assert "interrupted" in err and "Traceback" not in err
        assert listing(out) == ["ballerina"], "nothing left behind"
    assert files(out / "ballerina") == before, "the previous output is untouched"
    for pid in workers:  # Piper's voice processes and ffmpeg stop with the build
        for _ in range(100):
            if not alive(pid):
                break
            time.sleep(0.1)
        assert not alive(pid), f"process {pid} outlived the build"
    speech = SentenceCache(cache)
    entries = speech_entries(cache)
    for entry in entries:
        assert speech.get(entry.stem) is not None, f"{entry} is damaged"

    resumed = earmark(str(source), "-o", str(out), "--cache-dir", str(cache))
    output, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    spoken, total = map(int, re.search(r"(\d+) of (\d+) utterances synthesized", output).groups())
    assert spoken <= total - len(entries), "speech made before the stop is reused"
    assert listing(out) == ["ballerina", "index.html"]
    assert files(out / "ballerina") != before
    assert os.path.exists(out / "ballerina" / "ballerina.m4b")


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_stopped_parallel_batch_stops_its_workers_and_keeps_outputs(previous, tmp_path):
    source, out = previous
    shutil.copy(REPO / "tests" / "fixtures" / "short.md", source.parent / "lantern.md")
    before = files(out / "ballerina")
    cache = tmp_path / "cache"
    build = earmark(str(source.parent), "-o", str(out), "--cache-dir", str(cache), "-j", "2")
    wait_for_speech(build, cache)
    workers = children(build.pid)
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 128 + signal.SIGTERM, err
    assert "interrupted" in err and "Traceback" not in err
    assert files(out / "ballerina") == before
    assert set(listing(out)) <= {"ballerina", "lantern"}, "no temporary folders"
    assert not any(alive(pid) for pid in workers)
