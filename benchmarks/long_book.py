"""Measurement: a book a hundred times longer than the seed.

A ``SECTIONS``-section article (``write_many_sections``: each section a numbered heading and
``SENTENCES`` sentences taken from the seed and its companion articles, prefixed with the
section's number so that none repeats and nothing comes from the sentence cache) is built cold
with every format while its process tree's memory is sampled, like the seed:

- time per minute of audio, long book / seed. Target: at most 1.3x (time linear in the audio);
- peak RSS of the process tree, long book / seed. Target: at most 1.5x;
- a rebuild with nothing changed, as a share of the cold build. Target: under 5 %;
- the M4B and the book MP3 have one chapter per section, the last ending where the audio ends.

Both cold builds are sampled (``harness.peak_rss``), so they pay the same small sampling cost.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness import BenchmarkError, PeakRss, Table, log, peak_rss, run_earmark
from inputs import SEED, sources

SECTIONS = 1000
SENTENCES = 2
TIME_TARGET = 1.3
RSS_TARGET = 1.5
WARM_TARGET = 0.05
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class LongBook:
    """What this benchmark measured."""

    seed: PeakRss
    seed_audio_s: float
    long: PeakRss
    long_audio_s: float
    warm_s: float
    chapters: tuple[bool, str]


def write_many_sections(folder: Path, sections: int = SECTIONS) -> Path:
    """The long article: ``sections`` headed sections of ``SENTENCES`` distinct sentences."""
    sentences = []
    for source in sources():
        body = re.sub(r"\A---\n.*?\n---\n", "", source.read_text(encoding="utf-8"), flags=re.S)
        for block in re.split(r"\n\s*\n", body):
            if block.startswith(("#", "-", "*")) or len(block) < 60:
                continue
            sentences += [s for s in _SENTENCE.split(" ".join(block.split())) if len(s) > 30]
    if not sentences:
        raise BenchmarkError("no sentences to build the long book from")
    lines = ["---", f"title: A book of {sections} sections", "author: Benchmark Desk", "---", ""]
    for k in range(sections):
        lines += [f"## Part {k + 1}", ""]
        picked = (sentences[(k * SENTENCES + i) % len(sentences)] for i in range(SENTENCES))
        lines += [" ".join(f"Part {k + 1}. {sentence}" for sentence in picked), ""]
    path = folder / f"book-{sections}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def audio_seconds(out: Path) -> float:
    """The narration's duration from the one article folder's ``manifest.json``."""
    (manifest,) = out.glob("*/manifest.json")
    return float(json.loads(manifest.read_text(encoding="utf-8"))["duration_s"])


def ffmpeg_chapters(path: Path) -> int:
    """How many chapters ffmpeg's demuxer reads from ``path`` (for an M4B, the QuickTime
    chapter track that Apple Books reads; the Nero ``chpl`` atom beside it counts in one byte,
    so players that read only that one see the first 255)."""
    from pipeline.system.ffmpeg import ffmpeg_exe

    command = [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-f", "ffmetadata", "-"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return done.stdout.count("[CHAPTER]")


def check_chapters(out: Path, sections: int) -> tuple[bool, str]:
    """One chapter per section in the M4B and in the book MP3, ending with the audio."""
    from mutagen.id3 import ID3

    (folder,) = (p for p in out.iterdir() if p.is_dir())
    m4b_chapters = ffmpeg_chapters(next(folder.rglob("*.m4b")))
    chap = sorted(ID3(folder / f"{folder.name}.mp3").getall("CHAP"), key=lambda f: f.start_time)
    ends = chap[-1].end_time / 1000 if chap else 0.0
    length = audio_seconds(out)
    ok = m4b_chapters == sections == len(chap) and abs(ends - length) < 0.1
    detail = f"M4B {m4b_chapters}, book MP3 {len(chap)} chapters for {sections} sections; "
    detail += f"last CHAP ends at {ends:.2f} s of {length:.2f} s"
    return ok, detail


def measure(scratch: Path, sections: int = SECTIONS) -> LongBook:
    """Cold builds of the seed and of the long book, a warm rebuild, the chapter check."""
    folder = scratch / "long-book"
    folder.mkdir()
    article = write_many_sections(folder, sections)
    log("long book: cold build of the seed (sampled)")
    seed = peak_rss(SEED, scratch, "long-seed", keep=True)
    seed_audio = audio_seconds(scratch / "long-seed" / "out")
    log(f"long book: cold build of {sections} sections (sampled)")
    long = peak_rss(article, scratch, "long-book-build", keep=True)
    out = scratch / "long-book-build" / "out"
    cache = scratch / "long-book-build" / "cache"
    log("long book: rebuild, nothing changed")
    warm, _ = run_earmark("build", article, "-o", out, "--cache-dir", cache)
    return LongBook(seed, seed_audio, long, audio_seconds(out), warm, check_chapters(out, sections))


def rows(table: Table, book: LongBook) -> None:
    """This module's lines of the table."""
    seed_rate = book.seed.seconds / (book.seed_audio_s / 60)
    long_rate = book.long.seconds / (book.long_audio_s / 60)
    table.row(
        "seed: cold build per audio minute",
        f"{seed_rate:.2f}",
        "",
        f"({book.seed_audio_s / 60:.1f} min of audio)",
    )
    table.judged(
        f"long book: cold build per audio minute ({book.long_audio_s / 3600:.1f} h)",
        f"{long_rate:.2f}",
        long_rate / seed_rate,
        TIME_TARGET,
        False,
    )
    table.judged(
        "  peak RSS of the tree, long / seed",
        f"{book.long.tree_kb / 1024:.0f} MB",
        book.long.tree_kb / book.seed.tree_kb,
        RSS_TARGET,
        False,
    )
    table.judged(
        "  rebuild, nothing changed", f"{book.warm_s:.2f}", book.warm_s / book.long.seconds,
        WARM_TARGET, True,
    )  # fmt: skip
    table.check("  long book chapters", book.chapters)
