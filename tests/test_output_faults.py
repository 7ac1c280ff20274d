"""Output faults are clear ``OutputError``s (exit 1), nothing half-written, the previous output
intact: a really full file system (a small tmpfs), a read-only mount, permission denied, a name
too long, a file in the way (issue 9, category 5). The tests run as root, as CI does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES

SOURCE = FIXTURES / "short.md"
PREVIOUS_INTACT = "Nothing was published; the previous output, if any, is unchanged."


def earmark(out: Path, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """A real ``earmark build`` process (EPUB only: these tests are about writing files)."""
    command = [*prefix, sys.executable, "-m", "pipeline", "build", str(SOURCE), "-o", str(out)]
    return subprocess.run(
        [*command, "--formats", "epub", *args], capture_output=True, text=True, timeout=120
    )


def _cannot(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this must run)")
    pytest.skip(reason)


@contextmanager
def tmpfs(mount_point: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at ``mount_point`` for the duration."""
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        _cannot(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _assert_clean_failure(done: subprocess.CompletedProcess, out: Path, cause: str) -> None:
    assert done.returncode == 1, done.stderr
    assert f"cannot write the output ({cause})" in done.stderr
    assert PREVIOUS_INTACT in done.stderr
    assert "Traceback" not in done.stderr and "bug in earmark" not in done.stderr
    if os.path.isdir(out):  # no OSError for a name too long
        assert not list(out.glob(".short.tmp-*")), "a staging folder was left behind"


@pytest.fixture
def published(tmp_path: Path) -> Iterator[tuple[Path, dict[str, bytes]]]:
    """An output folder on a 1 MB tmpfs, with a first build published in it."""
    with tmpfs(tmp_path / "fs", "1m") as fs:
        out = fs / "out"
        first = earmark(out)
        assert first.returncode == 0, first.stderr
        yield out, _snapshot(out / "short")


def _fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system of ``folder`` until only about ``leave`` bytes are free."""
    with (folder / "filler").open("wb") as filler:
        try:
            while shutil.disk_usage(folder).free > leave:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError as error:  # the file system is now really full
            assert error.errno == 28


def test_disk_full(published) -> None:
    out, before = published
    _fill(out.parent)
    done = earmark(out, "--force")
    _assert_clean_failure(done, out, "the disk is full")
    assert f"{out / 'short'}:" in done.stderr
    assert _snapshot(out / "short") == before
    (out.parent / "filler").unlink()
    assert earmark(out, "--force").returncode == 0  # and with space again, it builds


def test_disk_full_while_narrating(tmp_path: Path, speech_cache: Path) -> None:
    """Room for the EPUB but not the audio: the tracks (PCM, ffmpeg's encodings) hit the full
    disk, and that too is an OutputError."""
    with tmpfs(tmp_path / "fs", "2m") as fs:
        _fill(fs, leave=300_000)
        out = fs / "out"
        done = earmark(out, "--formats", "epub,mp3,m4b", "--cache-dir", str(speech_cache))
        _assert_clean_failure(done, out, "the disk is full")
        assert sorted(p.name for p in fs.iterdir()) == ["filler"]


def test_read_only_file_system(published) -> None:
    out, before = published
    subprocess.run(["mount", "-o", "remount,ro", str(out.parent)], check=True)
    current = earmark(out)
    assert current.returncode == 0, current.stderr
    assert "unchanged" in current.stdout, "a current output needs no writing"
    done = earmark(out, "--force")
    _assert_clean_failure(done, out, "the file system is read-only")
    assert _snapshot(out / "short") == before


def test_permission_denied(tmp_path: Path) -> None:
    """Root ignores mode bits, so the build runs without CAP_DAC_OVERRIDE (util-linux setpriv)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        _cannot("setpriv (util-linux) is not installed")
    out = tmp_path / "out"
    assert earmark(out).returncode == 0
    before = _snapshot(out / "short")
    os.chown(out, 65534, 65534)  # nobody's folder, mode 755: others may not write in it
    out.chmod(0o755)
    without = (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")
    done = earmark(out, "--force", prefix=without)
    _assert_clean_failure(done, out, "permission denied")
    assert _snapshot(out / "short") == before


@pytest.mark.parametrize("parents", ["", "new/folders/"])
def test_name_too_long(tmp_path: Path, parents: str) -> None:
    out = tmp_path / f"{parents}{'x' * 300}"
    done = earmark(out)
    _assert_clean_failure(done, out, "a name is too long for the file system")
    assert list(tmp_path.iterdir()) == [], "not even the new parent folders are left"


@pytest.mark.parametrize("where", ["output folder", "article folder"])
def test_a_file_in_the_way(tmp_path: Path, where: str) -> None:
    in_the_way = tmp_path / "out" if where == "output folder" else tmp_path / "out" / "short"
    in_the_way.parent.mkdir(exist_ok=True)
    in_the_way.write_text("keep me")
    done = earmark(tmp_path / "out")
    _assert_clean_failure(done, tmp_path / "out", "a file is in the way of a folder")
    assert in_the_way.read_text() == "keep me"
