"""Spoiler units in the web edition, in a real browser: a section split by a warning, an end
marker and an inline spoiler gives collapsed spoiler chapters that axe finds clean and that
Skip spoilers plays around; an article that is all spoiler has a clean page too."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, write
from test_spoiler_builds import ALL_SPOILER, SPLIT
from test_web import (  # noqa: F401  (fixtures used by name)
    assert_spoilers_skipped,
    axe,
    browser,
    file_url,
    inside,
    open_page,
    play,
    ready,
    timeline,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, speech_cache) -> Path:
    sources = tmp_path_factory.mktemp("web-unit-sources")
    out = tmp_path_factory.mktemp("web-units")
    paths = [str(write(sources, "split.md", SPLIT)), str(write(sources, "all.md", ALL_SPOILER))]
    result = build(Path(paths[0]), out, speech_cache, paths[1])
    assert result.exit_code == 0, result.output
    return out


def test_axe_finds_no_violations_on_split_and_all_spoiler_pages(open_page, site) -> None:  # noqa: F811
    for slug in ("split", "all"):
        page = open_page(file_url(site, slug))
        ready(page)
        assert page.locator("details.spoiler").count() == {"split": 2, "all": 1}[slug]
        assert page.locator("details.spoiler[open]").count() == 0  # collapsed
        assert axe(page) == [], slug
        page.evaluate("document.querySelectorAll('details.spoiler').forEach(d => d.open = true)")
        assert axe(page) == [], slug
        assert page.errors == []


def test_skip_spoilers_plays_around_every_spoiler_unit(open_page, site) -> None:  # noqa: F811
    page = open_page(file_url(site, "split"))
    ready(page)
    data = timeline(page)
    assert [c["spoiler"] for c in data["chapters"]] == [False, True, False] * 2
    run = play(page, 0)
    assert run["ended"], run["samples"][-5:]
    assert_spoilers_skipped(data, run)
    after = data["chapters"][2]  # "Review (part 3)": after the end marker
    assert any(inside(t, after) for t in run["samples"])
