"""The podcast feeds: both parsed by two real feed parsers (feedparser, podcastparser) with
every required tag checked, enclosures and durations true to the files, identities stable
across rebuilds, one more article rewrites the feeds and builds nothing else; and the
project config file."""

from __future__ import annotations

import io
import json
import shutil
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

import feedparser
import podcastparser
import pytest
from audio_probe import decode_pcm
from click.testing import CliRunner
from conftest import REPO, build, write
from PIL import Image

from pipeline.cli import main
from pipeline.writers.podcast.feeds import NO_BASE_URL, PODCAST_NS, item_guid, podcast_guid

BASE = "https://example.org/earmark/"
FEEDS = ("feed.xml", "feed-spoiler-free.xml")
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST_GITHUB_NS = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"


@pytest.fixture(scope="module")
def out(narrated) -> Path:
    """The shared narrated folder: the seed's build (source/earmark.toml, a demo base URL)
    wrote feeds covering both articles."""
    return narrated["ballerina"].parent


def manifests(folder: Path) -> dict[str, dict]:
    return {
        path.parent.name: json.loads(path.read_text(encoding="utf-8"))
        for path in folder.glob("*/manifest.json")
    }


def local(folder: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return folder / unquote(url[len(BASE) :])


def with_podcastparser(path: Path) -> dict:
    """podcastparser 0.6 maps only the namespace's older GitHub URI, which the Podcasting 2.0
    spec says clients must treat as the same namespace; give it that spelling."""
    data = path.read_bytes().replace(PODCAST_NS.encode(), PODCAST_GITHUB_NS.encode())
    return podcastparser.parse(BASE + path.name, io.BytesIO(data))


@pytest.mark.parametrize("feed_name", FEEDS)
def test_channel_tags(out, feed_name) -> None:
    spoiler_free = feed_name != "feed.xml"
    parsed = feedparser.parse(out / feed_name)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    channel = parsed.feed
    podcast = with_podcastparser(out / feed_name)
    title = "earmark demo: narrated film recaps" + (" (spoiler-free)" if spoiler_free else "")
    assert channel.title == podcast["title"] == title
    assert channel.subtitle == podcast["description"]
    assert ("spoiler-free" in channel.subtitle) == spoiler_free
    assert channel.language == podcast["language"] == "en"
    assert channel.link == podcast["link"] == BASE
    self_links = [link.href for link in channel.links if link.rel == "self"]
    assert self_links == [BASE + feed_name]
    assert channel.image.href == podcast["cover_url"] == BASE + "feed-image.jpg"
    assert podcast["itunes_categories"] == [["TV & Film", "Film Reviews"]]
    assert [tag.term for tag in channel.tags] == ["TV & Film", "Film Reviews"]
    assert podcast["explicit"] is False
    assert podcast["itunes_author"] == "earmark"
    assert podcast["itunes_owner"] == {"name": "earmark demo", "email": "podcasts@example.org"}
    assert channel.publisher_detail.email == "podcasts@example.org"
    assert channel.podcast_guid == podcast_guid(BASE + feed_name)
    assert channel.podcast_medium == "podcast"
    assert channel.podcast_locked["owner"] == "podcasts@example.org"
    locked = ET.parse(out / feed_name).find(f"channel/{{{PODCAST_NS}}}locked")
    assert locked.text == "no"
    assert ET.parse(out / feed_name).find(f"channel/{ITUNES}explicit").text == "false"


def test_podcast_guid_follows_the_spec_examples() -> None:
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert podcast_guid("http://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_channel_image_is_a_square_podcast_image(out) -> None:
    with Image.open(out / "feed-image.jpg") as image:
        assert image.format == "JPEG"
        assert image.width == image.height and 1400 <= image.width <= 3000


@pytest.mark.parametrize("feed_name", FEEDS)
def test_item_tags_enclosures_and_durations(out, feed_name) -> None:
    spoiler_free = feed_name != "feed.xml"
    parsed = feedparser.parse(out / feed_name)
    episodes = {e["guid"]: e for e in with_podcastparser(out / feed_name)["episodes"]}
    built = manifests(out)
    assert {e.title for e in parsed.entries} == {m["title"] for m in built.values()}
    assert len(parsed.entries) == len(built) == 2
    for entry in parsed.entries:
        slug = next(s for s, m in built.items() if m["title"] == entry.title)
        data, folder = built[slug], out / slug
        suffix = "_spoiler_free" if spoiler_free else ""
        episode = episodes[entry.id]
        assert entry.id == item_guid(slug, spoiler_free) and entry.guidislink is False
        assert episode["title"] == entry.title
        assert entry.summary == episode["description"]
        assert entry.summary.startswith(data.get("description", data["title"]).strip())
        assert ("left out" in entry.summary) == spoiler_free
        assert entry.published_parsed is not None and episode["published"] > 0
        (enclosure,) = entry.enclosures
        path = local(out, enclosure.href)
        assert path == folder / data["outputs"][f"book_mp3{suffix}"]
        assert int(enclosure.length) == path.stat().st_size == episode["enclosures"][0]["file_size"]
        assert enclosure.type == episode["enclosures"][0]["mime_type"] == "audio/mpeg"
        audio = len(decode_pcm(path.read_bytes(), 44100)) / 2 / 44100
        assert entry.itunes_duration.isdigit(), "whole seconds"
        assert abs(int(entry.itunes_duration) - audio) <= 0.55
        assert abs(episode["total_time"] - audio) <= 1  # podcastparser keeps whole seconds
        assert local(out, entry.image.href) == folder / "cover.jpg"
        assert episode["episode_art_url"] == entry.image.href
        assert entry.itunes_episodetype == episode["type"] == "full"
        transcript = entry.podcast_transcript
        assert (transcript["type"], transcript["rel"]) == ("text/vtt", "captions")
        assert local(out, transcript["url"]) == folder / data["outputs"][f"transcript{suffix}"]
        assert episode["transcript_url"] == transcript["url"]
        chapters = entry.podcast_chapters
        assert chapters["type"] == "application/json+chapters"
        assert local(out, chapters["url"]) == folder / data["outputs"][f"chapters{suffix}"]
        assert episode["chapters_json_url"] == chapters["url"]


def items(folder: Path, feed_name: str) -> dict[str, str]:
    """guid -> pubDate."""
    return {item.findtext("guid"): item.findtext("pubDate")
            for item in ET.parse(folder / feed_name).iter("item")}  # fmt: skip


def test_guids_and_dates_survive_a_forced_rebuild(out, speech_cache, tmp_path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = {name: items(copy, name) for name in FEEDS}
    mp3 = copy / "ballerina" / "ballerina.mp3"
    stamp = mp3.stat().st_mtime_ns
    result = build(REPO / "source" / "ballerina.md", copy, speech_cache, "--force")
    assert result.exit_code == 0, result.output
    assert mp3.stat().st_mtime_ns != stamp, "really rebuilt"
    assert {name: items(copy, name) for name in FEEDS} == before


ARTICLE = """---
title: {title}
{extra}---

{body}

## Later

It ends well.
"""


def test_one_more_article_builds_only_it_and_rewrites_the_feeds(tmp_path, speech_cache) -> None:
    source, out = tmp_path / "articles", tmp_path / "out"
    source.mkdir()
    (source / "earmark.toml").write_text('[feed]\ntitle = "Notes & <Queries>"\n')
    write(
        source,
        "one.md",
        ARTICLE.format(
            title="Tom & Jerry <b>live</b>", extra="date: 2024-05-01\n", body="A cat. A mouse."
        ),
    )
    write(source, "two.md", ARTICLE.format(title="Two", extra="", body="Second one."))
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(source), "-o", str(out), "--cache-dir",
                                 str(speech_cache), "-j", "1"])  # fmt: skip
    assert first.exit_code == 0, first.output
    assert first.output.count(NO_BASE_URL) == 1
    assert not (out / "feed.xml").exists()
    again = ["build", str(source), "-o", str(out), "--cache-dir", str(speech_cache), "-j", "1"]
    with_feeds = runner.invoke(main, [*again, "--base-url", BASE])
    assert with_feeds.exit_code == 0, with_feeds.output
    assert "2 built" in with_feeds.output, "the web pages now link the feeds"
    write(source, "three.md", ARTICLE.format(title="Three", extra="", body="Third one."))
    second = runner.invoke(main, ["build", str(source), "-o", str(out), "--cache-dir",
                                  str(speech_cache), "-j", "1", "--base-url", BASE])  # fmt: skip
    assert second.exit_code == 0, second.output
    assert "1 built, 2 unchanged" in second.output
    assert NO_BASE_URL not in second.output
    for name in FEEDS:
        parsed = feedparser.parse(out / name)
        assert not parsed.bozo
        assert parsed.feed.title.startswith("Notes & <Queries>")
        titles = {e.title: e for e in parsed.entries}
        assert set(titles) == {"Tom & Jerry <b>live</b>", "Two", "Three"}
        dated = parsedate_to_datetime(titles["Tom & Jerry <b>live</b>"].published)
        assert dated.date().isoformat() == "2024-05-01"
    raw = (out / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Tom &amp; Jerry &lt;b&gt;live&lt;/b&gt;</title>" in raw


def run(tmp_path: Path, config: str, *args: str):
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    (source / "earmark.toml").write_text(config, encoding="utf-8")
    shutil.copyfile(REPO / "tests" / "fixtures" / "short.md", source / "short.md")
    out = tmp_path / "out"
    return CliRunner().invoke(main, ["build", str(source), "-o", str(out), *args]), out


@pytest.mark.parametrize(
    ("config", "where", "words"),
    [
        ('[feed]\ntitle = "x\n', ":2", "not valid TOML"),
        ('[feed]\ntitle = "x"\nexplicit = "yes"\n', ":3", "'feed.explicit' must be true or false"),
        ("[feed]\ncolour = 1\n", ":2", "'feed.colour' is not a setting"),
        ('[feed]\nbase_url = "example.org"\n', ":2", "'feed.base_url' must be an absolute"),
        ('[feed.owner]\nemail = "nobody"\n', ":2", "'feed.owner.email' is not an e-mail"),
        ('[build]\nformats = ["epub", "vinyl"]\n', ":2", "'build.formats' names unknown formats"),
        ('[build]\nspoilers = "hide"\n', ":2", "'build.spoilers' must be one of"),
        ('[feed]\nimage = "missing.png"\n', ":2", "'feed.image' names 'missing.png'"),
        ('[feed]\n\nimage = "short.md"\n', ":3", "'feed.image' cannot be read as an image"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path, config, where, words) -> None:
    result, out = run(tmp_path, config, "--formats", "epub")
    assert result.exit_code == 2, result.output
    assert f"earmark.toml{where}: " in result.output and words in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_bad_base_url_flag_is_a_usage_error(tmp_path) -> None:
    result, out = run(tmp_path, "", "--formats", "epub", "--base-url", "ftp://x")
    assert result.exit_code == 2 and "absolute http(s) URL" in result.output
    assert not out.exists()


def test_config_sets_build_defaults_and_flags_win(tmp_path) -> None:
    config = '[build]\nformats = ["epub"]\nspoilers = "omit"\n'
    result, out = run(tmp_path, config)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "short" / "manifest.json").read_text())
    assert (list(data["outputs"]), data["edition"]) == (["epub"], "spoiler-free")
    result, out = run(tmp_path, config, "--spoilers", "mark", "--force")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "short" / "manifest.json").read_text())
    assert (list(data["outputs"]), data["edition"]) == (["epub"], "full")


def test_feed_image_must_be_a_podcast_sized_square(tmp_path) -> None:
    (tmp_path / "src").mkdir()
    Image.new("RGB", (1000, 800)).save(tmp_path / "src" / "art.png")
    result, out = run(tmp_path, '[feed]\nimage = "art.png"\n', "--formats", "epub")
    assert result.exit_code == 2, result.output
    assert "earmark.toml:2: 'feed.image' is a 1000x800 PNG" in result.output
    assert not out.exists()
