"""The book stream: one continuous encoding of the whole narration, fed track by track."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pipeline.audio.renditions import MASTER, Rendition
from pipeline.errors import EarmarkError, OutputError
from pipeline.system.ffmpeg import ffmpeg_error, ffmpeg_exe, ffmpeg_process


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
            ffmpeg_process(
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
        return ffmpeg_error(f"ffmpeg could not write {self.path.name}", self._log.read())

    def finish(self) -> Path:
        """Close the stream and wait for the encoder; return the encoded file."""
        self._encoder.stdin.close()
        if self._encoder.wait() != 0:
            self._log.seek(0)
            raise ffmpeg_error(f"ffmpeg could not write {self.path.name}", self._log.read())
        self._log.close()
        return self.path

    def abort(self) -> None:
        """Stop the encoder (the build failed)."""
        self._encoder.kill()
        self._encoder.wait()
        self._log.close()
