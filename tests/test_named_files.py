"""Files named in front matter are read only when they are regular files of at most 20 MB:
devices, FIFOs, sockets, folders and huge files fail at once (issue 9, category 2)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write

from pipeline.readers.named_files import MAX_NAMED_FILE_BYTES


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe")
    return "pipe"


def _socket(folder: Path) -> str:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock"))
    return "sock"


def _folder(folder: Path) -> str:
    (folder / "images").mkdir()
    return "images"


def _huge(folder: Path) -> str:
    with (folder / "huge.png").open("wb") as file:
        file.truncate(MAX_NAMED_FILE_BYTES + 1)  # sparse: no disk used
    return "huge.png"


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: "/dev/zero", "is a character device, not a regular file"),
        (lambda folder: "/dev/null", "is a character device, not a regular file"),
        (_fifo, "is a named pipe (FIFO), not a regular file"),
        (_socket, "is a socket, not a regular file"),
        (_folder, "is a folder, not a regular file"),
        (_huge, "is 20.0 MB, more than the 20.0 MB earmark reads"),
        (lambda folder: "missing.png", "was not found"),
    ],
    ids=["dev-zero", "dev-null", "fifo", "socket", "folder", "oversized", "missing"],
)
def test_cover_must_be_a_bounded_regular_file(tmp_path: Path, make, problem: str) -> None:
    name = make(tmp_path)
    source = write(tmp_path, "covered.md", f"---\ntitle: T\ncover: {name}\n---\n\nSome text.\n")
    out = tmp_path / "out"
    # A real process with a timeout: the old behaviour read /dev/zero (or waited on the FIFO)
    # forever, which a subprocess turns into a failure instead of a hung test run.
    command = [sys.executable, "-m", "pipeline", "build", str(source), "-o", str(out)]
    done = subprocess.run(
        [*command, "--formats", "epub"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert f"{source}:3: the cover image '{name}' {problem}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
