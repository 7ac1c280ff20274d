"""The web edition in a real browser: Debian's Chromium driven by Playwright, checked by
axe-core, used with the keyboard, played (muted, at a raised rate) with and without Skip
spoilers, and read without JavaScript.

One build (module scope) makes both pages: the seed (axe, screenshots, the keyboard) and
``night-train.md``, whose two spoiler chapters sit between spoiler-free ones (playback)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, build

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RATE = 16.0
"""Chromium's highest playback rate: a minute of narration plays in four seconds."""


def _require_browser() -> None:
    """Skip (or, with CI=true, fail) when Playwright, Chromium or axe-core is missing."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (make system-deps)")
    if not AXE.is_file():
        missing.append(f"{AXE} (make tools)")
    if not missing:
        return
    message = "browser tests need " + ", ".join(missing)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: required)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory, speech_cache) -> Path:
    """The seed and the night-train fixture, built with the default formats (web included)."""
    out = tmp_path_factory.mktemp("web")
    result = build(
        REPO / "source" / "ballerina.md", out, speech_cache, str(FIXTURES / "night-train.md")
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module", autouse=True)
def _artifacts() -> None:
    ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture(scope="module")
def server(site) -> Iterator[str]:
    """The output folder on a local static web server (any static host must do)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # Chromium drops the MP3 download once it has the metadata it preloads.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a URL in a fresh context; the page records console errors and every request."""
    contexts = []

    def opener(url: str, **options):
        context = browser.new_context(viewport={"width": 900, "height": 1000}, **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


def file_url(site: Path, slug: str) -> str:
    return (site / slug / "index.html").as_uri()


def ready(page) -> None:
    """Wait until the script has enhanced the player and the audio's duration is known."""
    wait(
        page,
        "!document.getElementById('earmark-player').hidden"
        " && document.getElementById('earmark-audio').readyState >= 1",
    )


def wait(page, expression: str) -> None:
    """Wait until ``expression`` is true, polling every 50 ms (animation-frame polling
    stalls while the page scrolls smoothly)."""
    page.wait_for_function(expression, polling=50)


def timeline(page) -> dict:
    return page.evaluate("JSON.parse(document.getElementById('earmark-timeline').textContent)")


def axe(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "targets": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


PLAY = """async ({start, rate, stop}) => {
  // Play from `start` (muted, at `rate`); sample currentTime every 5 ms until `stop`
  // seconds of media time, the end, or 15 s; return the samples and the ranges played.
  const audio = document.getElementById('earmark-audio');
  audio.muted = true;
  if (start !== null) audio.currentTime = start;
  audio.playbackRate = rate;
  const samples = [];
  const began = performance.now();
  await audio.play();
  await new Promise(resolve => {
    const id = setInterval(() => {
      samples.push(audio.currentTime);
      if (audio.ended || audio.paused || audio.currentTime >= stop
          || performance.now() - began > 15000) {
        clearInterval(id);
        resolve();
      }
    }, 5);
  });
  audio.pause();
  const played = [];
  for (let i = 0; i < audio.played.length; i++) {
    played.push([audio.played.start(i), audio.played.end(i)]);
  }
  return {samples, played, ended: audio.ended || audio.currentTime >= audio.duration - 0.05};
}"""


def play(page, start: float | None, stop: float = 1e9) -> dict:
    return page.evaluate(PLAY, {"start": start, "rate": RATE, "stop": stop})


def spoiler_chapters(data: dict) -> list[dict]:
    return [chapter for chapter in data["chapters"] if chapter["spoiler"]]


def inside(t: float, chapter: dict) -> bool:
    return chapter["start"] <= t < chapter["end"]


def assert_spoilers_skipped(data: dict, run: dict) -> None:
    """No sample inside a spoiler chapter, and nothing of one played (its warning first)."""
    spoilers = spoiler_chapters(data)
    for t in run["samples"]:
        assert not any(inside(t, chapter) for chapter in spoilers), (t, spoilers)
    for begin, end in run["played"]:
        for chapter in spoilers:
            overlap = min(end, chapter["end"]) - max(begin, chapter["start"])
            # Less than the 0.75 s of room tone that opens every track: no word was heard.
            assert overlap < 0.3, (begin, end, chapter)


# --- the page without a browser -------------------------------------------------------------


def test_manifest_lists_the_page_and_its_small_assets(site) -> None:
    manifest = json.loads((site / "ballerina" / "manifest.json").read_text())
    assert manifest["outputs"]["web"] == "index.html"
    page = site / "ballerina" / "index.html"
    assets = [site / "ballerina" / "web" / name for name in ("earmark.js", "earmark.css")]
    assert page.is_file() and all(a.is_file() for a in assets)
    assert sum(a.stat().st_size for a in assets) < 60_000


def test_article_text_is_escaped(site) -> None:
    html = (site / "night-train" / "index.html").read_text()
    assert "<title>The Night &lt;Train&gt; &amp; Co</title>" in html
    assert "says &lt;script&gt;alert(" in html
    assert html.count("<script") == 2  # earmark.js and the timeline data, nothing from the text


def test_batch_index_lists_every_article(site) -> None:
    html = (site / "index.html").read_text()
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)"[^>]*>([^<]+)</a>.*?</tr>', html)
    assert rows == [
        ("ballerina/index.html", "Ballerina summary and ending explained"),
        ("night-train/index.html", "The Night &lt;Train&gt; &amp; Co"),
    ]
    # Duration and spoiler chapters, from the manifests: the seed has 4, the fixture 2.
    assert re.search(r'ballerina/index.html.*?<time datetime="PT6M\d+S">6:\d\d</time>.*?>4<', html)
    assert re.search(r"night-train/index.html.*?</time></td><td [^>]*>2<", html)
    # The seed's earmark.toml sets a base URL, so the feeds exist and the index links them.
    assert (site / "feed.xml").is_file() and (site / "feed-spoiler-free.xml").is_file()
    assert '<a href="feed.xml">Podcast feed</a>' in html
    assert '<a href="feed-spoiler-free.xml">Spoiler-free podcast feed</a>' in html
    # The article pages link the feeds too, beside the other downloads.
    page = (site / "ballerina" / "index.html").read_text()
    assert '<a href="../feed.xml">Podcast feed</a>' in page
    assert '<a href="../feed-spoiler-free.xml">Spoiler-free podcast feed</a>' in page


# --- in the browser -------------------------------------------------------------------------


def test_axe_finds_no_violations_with_spoilers_collapsed_and_expanded(open_page, server) -> None:
    for scheme in ("light", "dark"):
        page = open_page(f"{server}/ballerina/index.html", color_scheme=scheme)
        ready(page)
        assert page.locator("details.spoiler[open]").count() == 0
        assert axe(page) == [], scheme
        page.evaluate("document.querySelectorAll('details.spoiler').forEach(d => d.open = true)")
        assert page.locator("details.spoiler:not([open])").count() == 0
        assert axe(page) == [], scheme
        assert page.errors == []


def test_axe_finds_no_violations_on_the_batch_index(open_page, server) -> None:
    for scheme in ("light", "dark"):
        page = open_page(f"{server}/index.html", color_scheme=scheme)
        assert axe(page) == [], scheme


def test_screenshots_of_the_seed_in_light_and_dark(open_page, site) -> None:
    for scheme in ("light", "dark"):
        page = open_page(file_url(site, "ballerina"), color_scheme=scheme)
        ready(page)
        path = ARTIFACTS / f"ballerina-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(18, 18, 18)")


def test_it_works_from_file_without_any_other_request(open_page, site, server) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    assert page.evaluate("document.getElementById('earmark-audio').controls") is False
    assert page.errors == []
    assert page.requests and all(url.startswith("file://") for url in page.requests)
    served = open_page(f"{server}/night-train/index.html")
    ready(served)
    assert all(url.startswith(server) for url in served.requests), served.requests


def test_keyboard_reaches_the_controls_in_order_and_drives_the_slider(open_page, site) -> None:
    page = open_page(file_url(site, "ballerina"))
    ready(page)
    order = []
    for _ in range(20):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "(e => e.id || (e.dataset.chapter ? 'chapter:' + e.dataset.chapter : e.tagName))"
                "(document.activeElement)"
            )
        )
    play_at = order.index("earmark-play")
    seek_at = order.index("earmark-seek")
    chapter_at = order.index("chapter:introduction")
    switch_at = order.index("earmark-skip")
    assert play_at < seek_at < chapter_at < switch_at, order
    assert order[chapter_at : chapter_at + 5] == [
        f"chapter:{c['id']}" for c in timeline(page)["chapters"]
    ]
    focus_ring = page.evaluate(
        "(() => { const s = document.getElementById('earmark-seek'); s.focus();"
        " return getComputedStyle(s).outlineStyle; })()"
    )
    assert focus_ring == "solid"

    slider = page.locator("#earmark-seek")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.getElementById('earmark-audio').currentTime") == 5
    assert slider.get_attribute("aria-valuenow") == "5"
    total = timeline(page)["duration"]
    minutes, seconds = divmod(int(total), 60)
    assert slider.get_attribute("aria-valuetext") == (
        f"5 seconds of {minutes} minutes {seconds} second{'s' if seconds != 1 else ''}"
    )
    page.keyboard.press("Space")
    wait(page, "document.querySelector('#earmark-play .label').textContent === 'Pause'")
    assert not page.evaluate("document.getElementById('earmark-audio').paused")
    page.keyboard.press("Space")
    wait(page, "document.querySelector('#earmark-play .label').textContent === 'Play'")
    assert page.evaluate("document.getElementById('earmark-audio').paused")
    page.keyboard.press("Home")
    assert page.evaluate("document.getElementById('earmark-audio').currentTime") == 0


def test_skip_spoilers_from_the_start(open_page, site) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    assert page.locator("#earmark-skip").is_checked()
    data = timeline(page)
    run = play(page, 0)
    assert run["ended"], run["samples"][-5:]
    assert_spoilers_skipped(data, run)
    verdict = data["chapters"][-1]
    assert not verdict["spoiler"] and any(inside(t, verdict) for t in run["samples"])
    assert "Skipped" in page.locator("#earmark-status").inner_text()


def test_skip_spoilers_after_a_seek_into_one(open_page, site) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    data = timeline(page)
    twist = spoiler_chapters(data)[0]
    run = play(page, (twist["start"] + twist["end"]) / 2, stop=data["chapters"][-1]["start"] + 2)
    assert_spoilers_skipped(data, run)
    # The seek slider too: a step into a spoiler range never rests there.
    page.locator("#earmark-seek").focus()
    page.evaluate(f"document.getElementById('earmark-audio').currentTime = {twist['start']}")
    page.keyboard.press("ArrowRight")
    now = page.evaluate("document.getElementById('earmark-audio').currentTime")
    assert not any(inside(now, chapter) for chapter in spoiler_chapters(data)), now
    # Going back into spoilers lands before them (on the last sentence), not after them.
    verdict = data["chapters"][-1]
    page.evaluate(f"document.getElementById('earmark-audio').currentTime = {verdict['start'] + 1}")
    page.locator("#earmark-back").click()
    now = page.evaluate("document.getElementById('earmark-audio').currentTime")
    assert now < twist["start"] and now in [cue[1] for cue in data["cues"]], now


def test_skip_spoilers_after_a_click_on_the_sentence_before_one(open_page, site) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    data = timeline(page)
    twist = spoiler_chapters(data)[0]
    before = [cue for cue in data["cues"] if cue[2] <= twist["start"] and "__s" in cue[0]][-1]
    page.evaluate("document.getElementById('earmark-audio').muted = true")
    page.evaluate(f"document.getElementById('earmark-audio').playbackRate = {RATE}")
    page.locator(f"#{before[0]}").click()
    wait(page, "!document.getElementById('earmark-audio').paused")
    assert page.evaluate("document.getElementById('earmark-audio').currentTime") >= before[1]
    run = play(page, None, stop=data["chapters"][-1]["start"] + 2)
    assert_spoilers_skipped(data, run)
    assert run["samples"][-1] >= data["chapters"][-1]["start"]


def test_with_skip_spoilers_off_spoilers_play_and_the_choice_is_remembered(open_page, site) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    switch = page.locator("#earmark-skip")
    switch.focus()
    page.keyboard.press("Space")
    assert not switch.is_checked()
    wait(page, "document.getElementById('earmark-status').textContent !== ''")
    assert page.locator("#earmark-status").inner_text().startswith("Skip spoilers off")
    assert page.locator("#earmark-status").get_attribute("role") == "status"
    page.reload()
    ready(page)
    assert not page.locator("#earmark-skip").is_checked()
    data = timeline(page)
    twist, ending = spoiler_chapters(data)
    run = play(page, twist["start"] - 1, stop=ending["end"] + 0.5)
    assert any(inside(t, twist) for t in run["samples"])
    assert any(inside(t, ending) for t in run["samples"])
    # Read-along opened the disclosure it was reading in.
    assert page.locator(f"details[data-chapter='{twist['id']}']").get_attribute("open") is not None
    page.locator("#earmark-skip").check()
    assert page.locator("details.spoiler[open]").count() == 0


def test_the_current_sentence_follows_seeks_unless_the_reader_scrolled_away(
    open_page, site
) -> None:
    # Reduced motion: scrolling is instant, so where the page rests can be checked at once.
    page = open_page(file_url(site, "ballerina"), reduced_motion="reduce")
    ready(page)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.locator("#earmark-skip").uncheck()
    sentences = [cue for cue in timeline(page)["cues"] if "__s" in cue[0]]

    def seek_to(cue: list) -> None:
        _, start, end = cue
        page.evaluate(f"document.getElementById('earmark-audio').currentTime = {(start + end) / 2}")
        page.wait_for_function(
            f"document.querySelector('.earmark-current')?.id === {json.dumps(cue[0])}",
            polling=50,
        )
        assert page.locator(".earmark-current").count() == 1

    for index in (0, len(sentences) // 2, len(sentences) - 1):
        seek_to(sentences[index])
        page.wait_for_function(
            "(r => r.top >= 0 && r.bottom <= innerHeight)"
            f"(document.getElementById({json.dumps(sentences[index][0])}).getBoundingClientRect())",
            polling=50,
        )
    page.screenshot(path=str(ARTIFACTS / "ballerina-reading.png"))
    page.evaluate("window.scrollTo(0, 0)")
    seek_to(sentences[len(sentences) // 3])
    assert page.evaluate("window.scrollY") == 0


def test_enter_on_a_sentence_plays_from_it(open_page, site) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    cue_id, start, _ = [cue for cue in timeline(page)["cues"] if "__s" in cue[0]][2]
    page.evaluate("document.getElementById('earmark-audio').muted = true")
    sentence = page.locator(f"#{cue_id}")
    sentence.focus()
    page.keyboard.press("Enter")
    wait(page, "!document.getElementById('earmark-audio').paused")
    assert page.evaluate("document.getElementById('earmark-audio').currentTime") >= start
    assert sentence.get_attribute("class").split() == ["earmark-sentence", "earmark-current"]


def test_without_javascript_the_article_audio_and_chapter_links_work(open_page, site) -> None:
    page = open_page(file_url(site, "ballerina"), java_script_enabled=False)
    audio = page.locator("audio#earmark-audio")
    assert audio.get_attribute("controls") is not None and audio.is_visible()
    assert audio.locator("track").get_attribute("kind") == "captions"
    assert not page.locator("#earmark-player").is_visible()
    assert not page.locator("#earmark-skip").is_visible()
    links = page.locator("nav.chapters a")
    assert links.count() == 5
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target).count() == 1, target
    links.nth(0).click()
    assert page.evaluate("location.hash") == "#section-introduction"
    assert page.locator("#earmark-text p").first.inner_text().startswith("Ballerina follows")
    data = json.loads(page.locator("#earmark-timeline").text_content())
    spoken = [cue[0] for cue in data["cues"] if "__s" in cue[0]]
    assert len(spoken) > 40
    spans = page.locator("#earmark-text span[id*='__s']").evaluate_all("l => l.map(e => e.id)")
    assert spans == spoken


def test_chapter_links_move_the_audio_and_the_text(open_page, site) -> None:
    page = open_page(file_url(site, "night-train"))
    ready(page)
    data = timeline(page)
    setup, twist, verdict = data["chapters"][1], data["chapters"][2], data["chapters"][-1]
    page.locator(f"nav.chapters a[data-chapter='{setup['id']}']").click()
    assert page.evaluate("document.getElementById('earmark-audio').currentTime") == setup["start"]
    assert page.evaluate("location.hash") == f"#section-{setup['id']}"
    assert page.locator("#earmark-chapter").inner_text() == setup["title"]
    link = page.locator(f"nav.chapters a[data-chapter='{setup['id']}']")
    assert link.get_attribute("aria-current") == "true"
    # A spoiler chapter's link, with Skip spoilers on: the text shows its closed disclosure,
    # the audio goes past the spoilers, and the listener is told why.
    page.locator(f"nav.chapters a[data-chapter='{twist['id']}']").click()
    assert page.evaluate("document.getElementById('earmark-audio').currentTime") == verdict["start"]
    assert page.evaluate("location.hash") == f"#spoiler-{twist['id']}"
    assert page.locator(f"#spoiler-{twist['id']}").get_attribute("open") is None
    wait(page, "document.getElementById('earmark-status').textContent.includes('Turn it off')")
