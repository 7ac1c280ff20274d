"""Shared test helpers: fixture paths, outlines, golden files, and the validator fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.readers import read_article
from pipeline.spoilers import mark_spoilers

pytest_plugins = ["validator_fixtures", "gtts_fake"]

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files from the current output (review the diff before committing).",
    )


@pytest.fixture(autouse=True, scope="session")
def _private_sentence_cache(tmp_path_factory) -> None:
    """Tests never read or fill the user's own sentence cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EARMARK_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def speech_cache(tmp_path_factory) -> Path:
    """One sentence cache for the session: the first build of each text synthesizes for real."""
    return tmp_path_factory.mktemp("speech-cache")


def build(source: Path, out: Path, cache: Path, *args: str):
    """Run `earmark build` through click's runner with a given sentence cache."""
    return CliRunner().invoke(
        main, ["build", str(source), "-o", str(out), "--cache-dir", str(cache), *args]
    )


@pytest.fixture(scope="session")
def narrated(tmp_path_factory, speech_cache) -> dict[str, Path]:
    """The short fixture and the seed, built with every default format; name -> folder."""
    out = tmp_path_factory.mktemp("narrated")
    folders = {}
    for source in (FIXTURES / "short.md", REPO / "source" / "ballerina.md"):
        result = build(source, out, speech_cache)
        assert result.exit_code == 0, result.output
        folders[source.stem] = out / source.stem
    return folders


def track_files(folder: Path) -> list[Path]:
    """A built article's MP3 tracks, in track order."""
    return sorted((folder / "audio").glob("*.mp3"))


def outline(path: Path) -> list[tuple[int, str, bool]]:
    """(level, title, spoiler) per section, after the spoiler rules."""
    article = mark_spoilers(read_article(path))
    return [(s.level, s.title, s.spoiler) for s in article.sections]


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """Write a source file into ``tmp_path`` and return its path."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def listing(folder: Path) -> list[str]:
    """The names in an output folder, sorted, without the per-article build locks
    (``.<slug>.lock``), which stay there on purpose
    (``pipeline.publishing.staging.output_lock``)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))
