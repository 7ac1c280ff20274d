"""The benchmark's inputs: the seed and its companion articles, and the texts made from them.

The seed is ``source/ballerina.md``; ``benchmarks/articles/*`` are the other three articles of
the folder benchmark. From them this module writes the folder's copy (and its one-sentence
edit), the article eight times as long, the batch's short articles and the run-on paragraph.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from harness import REPO, BenchmarkError

SEED = REPO / "source" / "ballerina.md"
ARTICLES = REPO / "benchmarks" / "articles"

EDIT = ("lives a morose life", "lives a quiet, morose life")
"""The one-sentence edit made to the seed's copy in the folder benchmark."""
COPIES = 8
"""How many times the long article repeats the seed's body."""
SHORT_PARAGRAPH = 60
"""Blocks shorter than this (headings of plain text articles) are not taken as paragraphs."""
RUN_ON_CHARS = 29_000
"""Length of the run-on paragraph (no full stop) of the speech benchmark."""

LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
"""A Markdown list item's marker."""


def sources() -> list[Path]:
    """The seed, then the companion articles in name order."""
    return [SEED, *sorted(p for p in ARTICLES.iterdir() if p.is_file())]


def copy_articles(folder: Path) -> list[str]:
    """Copy the seed and the companion articles into ``folder`` (created); their names, sorted."""
    folder.mkdir(parents=True)
    for source in sources():
        shutil.copy2(source, folder / source.name)
    return sorted(p.name for p in folder.iterdir())


def edit_seed_copy(copy: Path) -> None:
    """Make the one-sentence ``EDIT`` in ``copy``, a copy of the seed."""
    text = copy.read_text(encoding="utf-8")
    if EDIT[0] not in text:
        raise BenchmarkError(f"{SEED} no longer contains {EDIT[0]!r}: update EDIT")
    copy.write_text(text.replace(EDIT[0], EDIT[1], 1), encoding="utf-8")


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


def write_short_articles(folder: Path, count: int) -> list[Path]:
    """``count`` short articles made of the paragraphs of the seed and ``ARTICLES`` (each used
    once, article k taking every count-th one), so no sentence repeats between them."""
    from pipeline.spoilers import is_spoiler_warning

    paragraphs = []
    for source in sources():
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


def run_on_paragraph(chars: int = RUN_ON_CHARS) -> str:
    """A paragraph of ``chars`` characters with commas but no full stop, from the seed's words."""
    words = [w.strip(".,:;!?*") for w in SEED.read_text(encoding="utf-8").split()[40:400]]
    words = [w for w in words if w.isalpha()]
    parts, size, index = [], 0, 0
    while size < chars:
        word = words[index % len(words)] + ("," if index % 17 == 16 else "")
        parts.append(word)
        size += len(word) + 1
        index += 1
    return " ".join(parts)
