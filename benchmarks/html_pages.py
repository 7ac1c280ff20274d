"""Web pages against Markdown of the same text: read time and peak memory of the reader alone.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/html_pages.py [--megabytes 20]

Generates, in a temporary folder, a page of about N MB (site chrome around an <article> of
sections and paragraphs with emphasis and links), the same text as Markdown, and a page of
100,000 nested <div>s; each is read by ``read_article`` in a fresh subprocess, which reports
its wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SENTENCE = (
    "the night train leaves oslo at eleven and the conductor hands out wool blankets while "
    "snow begins to fall on the valley"
)
WORDS = SENTENCE.split(" ")
READ = """
import sys, time, resource
from pathlib import Path
from pipeline.readers import read_article
start = time.perf_counter()
article = read_article(Path(sys.argv[1]))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.2f} {peak:.0f} {len(article.sections)}")
"""


def generate(folder: Path, megabytes: float) -> dict[str, Path]:
    """The three inputs; name -> path."""
    rng = random.Random(1)
    html = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big | Site</title>'
        '</head><body><nav><a href="/">Home</a></nav><div class="cookie-banner">We use cookies'
        "</div><main><article><h1>Big page</h1>"
    ]
    markdown = ["# Big page\n\n"]
    size, index = 0, 0
    while size < megabytes * 1_000_000:
        if index % 40 == 0:
            html.append(f"<h2>Section {index // 40}</h2>\n")
            markdown.append(f"## Section {index // 40}\n\n")
        else:
            words = " ".join(rng.choice(WORDS) for _ in range(60))
            link = "<a href='https://example.com/x'>link</a>"
            html.append(f"<p>{words} <em>emphasis</em> {link}.</p>\n")
            markdown.append(f"{words} *emphasis* [link](https://example.com/x).\n\n")
        size += len(html[-1])
        index += 1
    html.append('</article><div class="comments">Comment</div></main><footer>F</footer>')
    paths = {
        "page.html": folder / "page.html",
        "page.md": folder / "page.md",
        "deep.html": folder / "deep.html",
    }
    paths["page.html"].write_text("".join(html), encoding="utf-8")
    paths["page.md"].write_text("".join(markdown), encoding="utf-8")
    depth = 100_000
    deep = "<main>" + "<div>" * depth + "<p>" + "Deep words. " * 20 + "</p>" + "</div>" * depth
    paths["deep.html"].write_text(deep + "</main>", encoding="utf-8")
    return paths


def measure(path: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, sections) of reading ``path`` in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True
    )
    seconds, peak, sections = result.stdout.split()
    return float(seconds), float(peak), int(sections)


def main() -> None:
    """Generate the inputs, read each, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = generate(Path(folder), options.megabytes)
        print(f"{'input':<10} {'MB':>6} {'seconds':>8} {'peak MB':>8} {'sections':>9}")
        for name, path in paths.items():
            seconds, peak, sections = measure(path)
            megabytes = path.stat().st_size / 1_000_000
            print(f"{name:<10} {megabytes:>6.1f} {seconds:>8.2f} {peak:>8.0f} {sections:>9}")


if __name__ == "__main__":
    main()
