"""Voice processes: a cap that fits the machine (--voice-workers), and voices kept warm from
one article of a batch to the next."""

from __future__ import annotations

import functools
import importlib
from collections import namedtuple

import psutil
import pytest
from conftest import write

from pipeline.config import BuildConfig
from pipeline.publishing import batch, jobs
from pipeline.publishing.batch import build_all, choose_executor
from pipeline.publishing.build import Status
from pipeline.system import processes as workers

Memory = namedtuple("Memory", "available")
piper_engine = importlib.import_module("pipeline.engines.piper_engine")
"""The module (the package's ``piper_engine`` is its factory function)."""


@pytest.mark.parametrize(
    ("cores", "available_gb", "voices"),
    [(64, 8, 18), (64, 64, 64), (2, 0.5, 1), (4, 0.1, 1), (2, 32, 2)],
)
def test_default_voices_fit_cores_and_memory(monkeypatch, cores, available_gb, voices) -> None:
    monkeypatch.setattr(workers, "available_cpus", lambda: cores)
    monkeypatch.setattr(psutil, "virtual_memory", lambda: Memory(int(available_gb * 2**30)))
    assert workers.default_voice_workers() == voices


def test_articles_at_once_and_their_voices_follow_the_cap(monkeypatch) -> None:
    monkeypatch.setattr(jobs, "available_cpus", lambda: 8)
    executor, config = choose_executor(BuildConfig(voice_workers=2), articles=10)
    assert isinstance(executor, functools.partial) and executor.keywords == {"workers": 2}
    assert config.engine_options.workers == 1
    executor, config = choose_executor(BuildConfig(voice_workers=6, jobs=2), articles=10)
    assert executor.keywords == {"workers": 2} and config.engine_options.workers == 3
    executor, config = choose_executor(BuildConfig(voice_workers=1, jobs=4), articles=10)
    assert executor is batch._build_here and config.engine_options.workers == 1


def test_cli_takes_voice_workers(tmp_path, speech_cache) -> None:
    from conftest import build

    result = build(tmp_path / "none.md", tmp_path / "out", speech_cache, "--voice-workers", "0")
    assert result.exit_code == 2 and "--voice-workers" in result.output


def test_a_batch_keeps_its_voice_processes_from_one_article_to_the_next(
    monkeypatch, tmp_path
) -> None:
    for name in ("first", "second"):
        text = f"The {name} lamp was lit at dusk. The ferry came in late. Nobody waited."
        write(tmp_path, f"{name}.md", f"---\ntitle: The {name} lamp\n---\n\n{text}\n")
    pools = []
    start = piper_engine._voice_pool

    def spy(*args):
        pools.append(start(*args))
        return pools[-1]

    monkeypatch.setattr(piper_engine, "_voice_pool", spy)
    config = BuildConfig(
        out_dir=tmp_path / "out", formats=("mp3",), cache_dir=tmp_path / "cache", jobs=1,
        voice_workers=2,
    )  # fmt: skip
    results = build_all([tmp_path / "first.md", tmp_path / "second.md"], config)
    assert [r.status for r in results] == [Status.BUILT, Status.BUILT]
    assert all(r.synthesized > 0 for r in results), "both articles were spoken"
    assert len(pools) == 2 and pools[0] is not None and pools[1] is pools[0]
    assert not piper_engine._pools, "the batch stopped its voices at the end"
    assert all(not p.is_alive() for p in (pools[0]._processes or {}).values())


def test_a_batch_starts_with_its_longest_articles(monkeypatch, tmp_path) -> None:
    """So it does not end with one core on a long article while the others wait; results
    still come back in the order of the sources."""
    sources = [write(tmp_path, f"{name}.md", "Words. " * size) for name, size in
               (("a", 10), ("b", 300), ("c", 40))]  # fmt: skip
    seen = []

    def record(jobs, config, on_progress):
        seen.extend(slug for _, slug in jobs)
        for source, slug in jobs:
            yield batch.BuildResult(source=source, slug=slug)

    monkeypatch.setattr(batch, "choose_executor", lambda config, articles: (record, config))
    results = build_all(sources, BuildConfig(out_dir=tmp_path / "out"))
    assert seen == ["b", "c", "a"]
    assert [r.slug for r in results] == ["a", "b", "c"]
