"""Batches on a real Dask cluster: a LocalCluster with two daemonic worker processes (Dask's
defaults), shared by the whole module. Outputs match a local build, a bad article fails alone,
a worker killed mid-build does not stop the batch, and Ctrl-C leaves no staging folder."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import dask
import pytest
from conftest import REPO, build, listing, write
from distributed import Client, LocalCluster

from pipeline.config import BuildConfig
from pipeline.publishing.batch import build_all, collect_sources
from pipeline.publishing.build import Status
from pipeline.publishing.cluster.task import first_missing

FORMATS = ("epub", "mp3")
LAMPS = {
    "amber": "The amber lamp was lit at dusk. It burned until the ferry came.",
    "brass": "A brass lamp hung by the door. Nobody knew who had polished it.",
    "cobalt": "The cobalt lamp was the last one. Its keeper slept beside it.",
}


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes started by nannies: daemonic, as in production.
    An article gives up after killing 2 workers (Dask's default: 4), to keep the test short."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as client:
        yield client


@pytest.fixture
def scheduler(cluster, client) -> str:
    """The scheduler's address, once both workers are up (a test may have killed one)."""
    client.wait_for_workers(2, timeout=60)
    return cluster.scheduler_address


@pytest.fixture(scope="module")
def lamps(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lamps")
    for name, text in LAMPS.items():
        write(
            folder, f"{name}.md", f"---\ntitle: The {name} lamp\nauthor: A. Keeper\n---\n\n{text}\n"
        )
    return folder


def cli_build(source: Path, out: Path, cache: Path, *args: str):
    return build(source, out, cache, "--formats", ",".join(FORMATS), *args)


def epub_entries(path: Path) -> dict[str, bytes]:
    """The EPUB's files, with the build time (dcterms:modified) taken out."""
    with zipfile.ZipFile(path) as epub:
        entries = {name: epub.read(name) for name in epub.namelist()}
    for name, data in entries.items():
        if name.endswith(".opf"):
            lines = data.split(b"\n")
            entries[name] = b"\n".join(x for x in lines if b"dcterms:modified" not in x)
    return entries


def staging_folders(out: Path) -> list[Path]:
    return list(out.glob(".*.tmp-*")) if out.exists() else []


def assert_staging_cleaned(out: Path) -> None:
    """A killed worker's runner notices within 0.2 s and removes its staging folder."""
    deadline = time.monotonic() + 15
    while staging_folders(out):
        assert time.monotonic() < deadline, f"left behind: {staging_folders(out)}"
        time.sleep(0.1)


def test_cluster_build_matches_a_local_build(scheduler, lamps, tmp_path) -> None:
    cache = tmp_path / "cache"
    on_cluster = cli_build(lamps, tmp_path / "dask", cache, "--scheduler", scheduler)
    assert on_cluster.exit_code == 0, on_cluster.output
    assert on_cluster.output.rstrip().endswith("3 built")
    assert "0 of" not in on_cluster.output, "the cluster's workers really synthesized"
    # Piper's output varies from run to run, so the local build takes the cluster's speech
    # from the shared cache: the comparison is of everything earmark makes from it.
    local = cli_build(lamps, tmp_path / "local", cache, "-j", "1")
    assert local.exit_code == 0, local.output
    for name in LAMPS:
        dask_dir, local_dir = tmp_path / "dask" / name, tmp_path / "local" / name
        dask_mp3 = sorted(p.relative_to(dask_dir) for p in dask_dir.rglob("*.mp3"))
        assert dask_mp3 and dask_mp3 == sorted(
            p.relative_to(local_dir) for p in local_dir.rglob("*.mp3")
        )
        for track in dask_mp3:
            assert (dask_dir / track).read_bytes() == (local_dir / track).read_bytes()
        assert epub_entries(dask_dir / f"{name}.epub") == epub_entries(local_dir / f"{name}.epub")
    assert not staging_folders(tmp_path / "dask")


def test_a_bad_article_fails_alone(scheduler, lamps, tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for source in lamps.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    write(folder, "broken.md", "---\ntitle: [Unclosed\n---\n\nText.\n")
    out = tmp_path / "out"
    result = cli_build(folder, out, tmp_path / "cache", "--scheduler", scheduler)
    assert result.exit_code == 1, result.output
    assert f"{folder / 'broken.md'}:2: front matter is not valid YAML" in result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().endswith("3 built, 1 failed")
    assert listing(out) == sorted(LAMPS)


def long_lamps(tmp_path: Path) -> Path:
    """Three articles long enough to be mid-build when a signal lands."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in LAMPS:
        text = " ".join(f"Lamp {name} number {n} was lit at dusk." for n in range(1, 9))
        write(folder, f"{name}.md", f"---\ntitle: The {name} lamps\n---\n\n{text}\n")
    return folder


def runners_of(pid: int) -> list[int]:
    """The runner subprocesses a worker process started."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            ppid = int(Path(cmdline.parent, "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid and b"pipeline.publishing.cluster.runner" in args:
            found.append(int(cmdline.parent.name))
    return found


def test_runners_stay_warm_and_a_lost_one_is_replaced(scheduler, client, lamps, tmp_path) -> None:
    cache = tmp_path / "cache"
    assert cli_build(lamps, tmp_path / "first", cache, "--scheduler", scheduler).exit_code == 0
    pids = client.run(os.getpid)
    runners = {worker: runners_of(pid) for worker, pid in pids.items()}
    assert all(len(r) <= 1 for r in runners.values()) and any(runners.values()), runners
    again = cli_build(lamps, tmp_path / "again", cache, "--scheduler", scheduler, "--force")
    assert again.exit_code == 0, again.output
    assert {w: runners_of(pid) for w, pid in pids.items()} == runners, "the same runners"
    for pid in (p for r in runners.values() for p in r):
        os.kill(pid, signal.SIGKILL)
    third = cli_build(lamps, tmp_path / "third", cache, "--scheduler", scheduler)
    assert third.exit_code == 0, third.output
    assert third.output.rstrip().endswith("3 built")


def test_a_worker_killed_mid_build_does_not_stop_the_batch(scheduler, client, tmp_path) -> None:
    folder = long_lamps(tmp_path)
    out = tmp_path / "out"
    config = BuildConfig(
        out_dir=out, formats=FORMATS, cache_dir=tmp_path / "cache", scheduler=scheduler
    )
    pids = client.run(os.getpid)
    narrating = threading.Event()
    killed: list[str] = []

    def kill_a_busy_worker() -> None:
        assert narrating.wait(120), "no progress from the cluster"
        busy = [w for w, keys in client.processing().items() if keys]
        killed.append(busy[0])
        os.kill(pids[busy[0]], signal.SIGKILL)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    progress = lambda slug, done, total: narrating.set()  # noqa: E731
    results = build_all(collect_sources([folder]), config, on_progress=progress)
    killer.join()
    assert killed, "a worker was killed"
    assert [r.status for r in results] == [Status.BUILT] * 3, [str(r.error) for r in results]
    assert listing(out) == sorted(LAMPS)
    assert_staging_cleaned(out)


def test_an_article_that_keeps_killing_workers_fails_alone_with_killed_worker(
    scheduler, client, lamps, tmp_path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for source in lamps.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    deadly = " ".join(f"Lamp number {n} went out at midnight." for n in range(1, 41))
    write(folder, "brass.md", f"---\ntitle: The deadly lamp\n---\n\n{deadly}\n")
    config = BuildConfig(
        out_dir=tmp_path / "out", formats=FORMATS, cache_dir=tmp_path / "cache",
        scheduler=scheduler,
    )  # fmt: skip
    others_done = threading.Event()
    finished = threading.Event()
    kills: list[int] = []

    def on_result(result) -> None:
        done.append(result.slug)
        if {"amber", "cobalt"} <= set(done):
            others_done.set()

    done: list[str] = []

    def kill_whoever_builds_brass() -> None:
        """Like an article that makes its worker run out of memory, every time."""
        assert others_done.wait(120), "the other articles did not finish"
        while not finished.is_set():
            for worker, keys in client.processing().items():
                if any(str(key).startswith("earmark-brass-") for key in keys):
                    with contextlib.suppress(Exception):
                        pid = client.run(os.getpid, workers=[worker])[worker]
                        os.kill(pid, signal.SIGKILL)
                        kills.append(pid)
            time.sleep(0.2)

    killer = threading.Thread(target=kill_whoever_builds_brass)
    killer.start()
    try:
        results = build_all(collect_sources([folder]), config, on_result=on_result)
    finally:
        finished.set()
        killer.join()
    by_slug = {r.slug: r for r in results}
    assert by_slug["brass"].status is Status.FAILED
    assert "(KilledWorker)" in str(by_slug["brass"].error)
    assert len(kills) >= 2
    assert [by_slug[name].status for name in ("amber", "cobalt")] == [Status.BUILT] * 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name[0] != ".") == [
        "amber",
        "cobalt",
    ]
    assert_staging_cleaned(tmp_path / "out")


def wait_for_staging(build: subprocess.Popen, out: Path) -> None:
    """Until ``build`` (still running) has started writing an article in ``out``."""
    deadline = time.monotonic() + 120
    while not staging_folders(out):
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "no build started within two minutes"
        time.sleep(0.05)


def test_ctrl_c_on_the_client_leaves_no_staging_folder(scheduler, lamps, tmp_path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "build", str(lamps), "-o", str(out)]
    command += ["--cache-dir", str(tmp_path / "cache"), "--formats", ",".join(FORMATS)]
    build = subprocess.Popen(
        [*command, "--scheduler", scheduler],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for_staging(build, out)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=90)
    assert build.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not staging_folders(out)


def test_ctrl_c_in_a_terminal_stops_a_local_cluster_cleanly(tmp_path) -> None:
    """A terminal's Ctrl-C reaches the whole process group: the client and the workers of its
    LocalCluster. Only the client acts on it; nobody prints a traceback."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "build", str(long_lamps(tmp_path)), "-o", str(out)]
    command += ["--cache-dir", str(tmp_path / "cache"), "--formats", ",".join(FORMATS)]
    build = subprocess.Popen(
        [*command, "--scheduler", "local", "-j", "2"], start_new_session=True,
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for_staging(build, out)
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=90)
    assert build.returncode == 130, err
    assert err.startswith("interrupted") and "Traceback" not in err, err
    assert not staging_folders(out)
    assert not out.exists() or any(out.iterdir()), "no empty output folder is left"


def test_without_dask_scheduler_exits_2_naming_the_extra(lamps, tmp_path) -> None:
    hide_dask = (
        "import sys; sys.modules['distributed'] = None; from pipeline.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide_dask, "build", str(lamps), "-o", str(tmp_path / "out"),
         "--scheduler", "tcp://127.0.0.1:8786"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "pip install 'earmark[dask]'" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_a_worker_does_not_share_stops_the_build_with_exit_2(lamps, tmp_path) -> None:
    """A plain `dask worker` in a mount namespace of its own, where an empty tmpfs hides the
    cache folder: the build names that folder, exits 2 and leaves nothing behind."""
    namespace = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "true"], capture_output=True, check=False
    )
    if namespace.returncode != 0:
        reason = f"cannot make a mount namespace here: {namespace.stderr.decode().strip()}"
        assert os.environ.get("CI") != "true", reason  # CI runs as root: never skip there
        pytest.skip(reason)
    cache = tmp_path / "cache"
    cache.mkdir()
    with LocalCluster(n_workers=0, dashboard_address=":0", silence_logs=logging.ERROR) as alone:
        hidden = (
            f"mount -t tmpfs none {cache} && exec {sys.executable} -m distributed.cli.dask_worker"
        )
        worker = subprocess.Popen(
            ["unshare", "-m", "--propagation", "private", "sh", "-c",
             f"{hidden} {alone.scheduler_address} --nthreads 1 --no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            result = cli_build(
                lamps, tmp_path / "out", cache, "--scheduler", alone.scheduler_address
            )
        finally:
            worker.terminate()
            worker.wait(30)
    assert result.exit_code == 2, result.output
    assert f"{cache}: not found at the same path on the Dask worker" in result.output
    assert not (tmp_path / "out").exists()
    assert list(cache.iterdir()) == [], "the check's marker file is gone"


def test_a_worker_with_other_earmark_code_stops_the_build_with_exit_2(lamps, tmp_path) -> None:
    """A plain `dask worker` that imports a copy of earmark with one line changed."""
    other = tmp_path / "other"
    shutil.copytree(REPO / "pipeline", other / "pipeline")
    with (other / "pipeline" / "publishing" / "build.py").open("a", encoding="utf-8") as edited:
        edited.write("# a local edit on one worker\n")
    with LocalCluster(n_workers=0, dashboard_address=":0", silence_logs=logging.ERROR) as alone:
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", alone.scheduler_address,
             "--nthreads", "1", "--no-dashboard"],
            env={**os.environ, "PYTHONPATH": str(other)},
            cwd=tmp_path,  # not the repository, whose earmark `python -m` would import first
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            result = cli_build(
                lamps, tmp_path / "out", tmp_path / "cache", "--scheduler", alone.scheduler_address
            )
        finally:
            worker.terminate()
            worker.wait(30)
    assert result.exit_code == 2, result.output
    assert "has earmark 0.1.0 (code " in result.output and "this machine earmark" in result.output
    assert "Install the same earmark on every worker" in result.output
    assert not (tmp_path / "out").exists()


def test_shared_storage_check_names_what_a_worker_does_not_see(tmp_path) -> None:
    there = write(tmp_path, "there.md", "Some text.")
    changed = write(tmp_path, "changed.md", "Other text.")
    expected = [(str(there), 10), (str(changed), 999), (str(tmp_path / "gone"), 0)]
    assert first_missing(expected) == 1
    assert first_missing(expected[:1]) is None
    assert first_missing([expected[0], expected[2]]) == 1


def test_unreachable_scheduler_exits_2(lamps, tmp_path) -> None:
    result = cli_build(
        lamps, tmp_path / "out", tmp_path / "cache", "--scheduler", "tcp://127.0.0.1:9"
    )
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
