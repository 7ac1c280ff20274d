"""Raw HTML and comments in Markdown (issue 20, item 3): read with an HTML5 parser into the
model's structure; nothing of the markup is kept as text."""

from __future__ import annotations

import re
import time

from click.testing import CliRunner
from conftest import FIXTURES, outline, write
from model_text import leftovers, model_strings

from pipeline.cli import main
from pipeline.model import (
    BlockQuote,
    CodeBlock,
    DefinitionList,
    Embed,
    Emphasis,
    Figure,
    Image,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    SpoilerBlock,
    Strikethrough,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
    plain_text,
)
from pipeline.readers import read_article
from pipeline.readers.embeds import embed_from_src
from pipeline.readers.html_parse import MAX_HTML_DEPTH, MAX_HTML_TAGS

RAW = FIXTURES / "raw-html.md"


def test_inline_html_becomes_inlines_inside_its_paragraph() -> None:
    first = read_article(RAW).sections[0].blocks[0]
    assert first == Paragraph(
        (
            Text("A "),
            Emphasis((Text("first"),)),
            Text(" look: water is H"),
            Subscript((Text("2"),)),
            Text("O, E = mc"),
            Superscript((Text("2"),)),
            Text(", ASAP, a red "),
            Strong((Text("word"),)),
            Text(", "),
            Strikethrough((Text("old"),)),
            Text(" new and \u201cquoted\u201d."),
            LineBreak(),
            Text(" After the break no link, "),
            Link("https://example.org/guide", (Text("a guide"),)),
            Text("."),
        ),
        5,
    )


def test_html_blocks_become_structure() -> None:
    intro, prices = read_article(RAW).sections
    assert intro.blocks[1] == Paragraph(
        (Text("The harbour at dawn & the market \u2014 both worth the early start."),), 13
    )
    assert intro.blocks[2] == Figure(
        Image("harbour.jpg", "Fishing boats in the harbour"),
        (Text("The harbour at "), Emphasis((Text("six"),)), Text(".")),
        20,
    )
    assert intro.blocks[3] == Embed(
        "video", "youtube.com", "Harbour walk", "https://www.youtube.com/watch?v=a1b2c3d4e5f", 25
    )
    assert len(intro.blocks) == 4  # script, style and the form are gone with their content
    # An <h2> at block level is a section heading.
    assert (prices.title, prices.line) == ("Prices", 27)
    table, definitions, spoiler, hours, open_text, quote, numbers, code, small = prices.blocks
    assert table == Table(
        head=((TableCell((Text("Route"),), True), TableCell((Text("Fare"),), True)),),
        body=(
            (
                TableCell((Text("Harbour to island"),)),
                TableCell((Text("4 euros"),), False, "right"),
            ),
        ),
        caption=(Text("Ferry fares"),),
        line=29,
    )
    assert isinstance(definitions, DefinitionList)
    assert definitions.items[0][0] == (Text("Ferry"),)
    assert spoiler == SpoilerBlock(
        (Paragraph((Text("The island is "), Strong((Text("empty"),)), Text(".")), 40),),
        "Click for spoilers.",
        37,
    )
    # Details that are not about spoilers are shown open, the summary a strong paragraph.
    assert hours == Paragraph((Strong((Text("Opening hours"),)),), 44)
    assert open_text.inlines == (Text("Every day from nine."),)
    assert isinstance(quote, BlockQuote) and quote.blocks[0].inlines == (Text("Go early."),)
    assert isinstance(numbers, ListBlock) and (numbers.ordered, numbers.start) == (True, 3)
    assert code == CodeBlock('print("ahoy")', "python")
    assert small.inlines == (Text("Small print, unwrapped."),)


def test_comments_leave_nothing_and_an_excerpt_marker_makes_no_chapter() -> None:
    article = read_article(RAW)
    assert [s.title for s in article.sections] == ["Introduction", "Prices"]
    assert leftovers(article) == []
    text = " ".join(model_strings(article))
    for gone in ("more", "excerpt", "tracking", "color", "Subscribe", "steal", "track()"):
        assert gone not in text, gone


def test_outline_and_script_show_no_markup() -> None:
    # The <details> spoiler is a spoiler unit of its own (issue 20), the text around it stays.
    assert outline(RAW) == [
        (1, "Introduction", False),
        (1, "Prices", False),
        (1, "Prices (part 2)", True),
        (1, "Prices (part 3)", False),
    ]
    result = CliRunner().invoke(main, ["script", str(RAW), "--engine", "piper"])
    assert result.exit_code == 0, result.output
    for bad in ("<iframe", "<img", "<!--", "-->", "<script", "javascript", "width=", "nocookie"):
        assert bad not in result.output, bad
    assert "The harbour at dawn" in result.output


def test_an_html_details_spoiler_holds_its_markdown(tmp_path) -> None:
    source = (
        "Before.\n\n<details>\n<summary>Spoilers below</summary>\n\n- He *lies*.\n- She "
        "knows.\n\n</details>\n\nAfter.\n"
    )
    blocks = read_article(write(tmp_path, "d.md", source)).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "SpoilerBlock", "Paragraph"]
    spoiler = blocks[1]
    assert spoiler.summary == "Spoilers below" and spoiler.line == 3
    (items,) = spoiler.blocks
    assert isinstance(items, ListBlock) and len(items.items) == 2


def test_a_details_spoiler_on_one_line_inside_text_is_still_a_spoiler(tmp_path) -> None:
    source = "A fine film. <details><summary>Spoiler</summary>The hero *dies*.</details> Go.\n"
    blocks = read_article(write(tmp_path, "d1.md", source)).sections[0].blocks
    assert blocks == (
        Paragraph((Text("A fine film."),), 1),
        SpoilerBlock(
            (Paragraph((Text("The hero "), Emphasis((Text("dies"),)), Text(".")), 1),),
            "Spoiler",
            1,
        ),
        Paragraph((Text("Go."),), 1),
    )


def test_a_spoiler_span_is_an_inline_spoiler_like_reddits(tmp_path) -> None:
    # <span class="spoiler"> (or data-spoiler) in Markdown splits its paragraph as >!text!<
    # does; the same markup in a heading stays text, and other classes are only text.
    source = (
        'The twist: <span class="spoiler">the dog is *a ghost*</span> and it works.\n\n'
        "Also <span data-spoiler>the bird</span>, <span class='spoiler-text'>the cat</span>.\n\n"
        '<p>Block: <span class="spoilers">the fish</span> too.</p>\n\n'
        'A <span class="notes">plain</span> span.\n'
    )
    blocks = read_article(write(tmp_path, "s.md", source)).sections[0].blocks
    spoilers = [plain_text(b.blocks[0].inlines) for b in blocks if isinstance(b, SpoilerBlock)]
    assert spoilers == ["the dog is a ghost", "the bird", "the cat", "the fish"]
    first = next(b for b in blocks if isinstance(b, SpoilerBlock))
    assert first.blocks == (Paragraph((Text("the dog is "), Emphasis((Text("a ghost"),))), 1),)
    texts = [plain_text(b.inlines) for b in blocks if isinstance(b, Paragraph)]
    assert texts[:2] == ["The twist:", "and it works."]
    assert "A plain span." in texts
    reddit = read_article(write(tmp_path, "r.md", "The twist: >!the dog!< and it works.\n"))
    assert [type(b) for b in reddit.sections[0].blocks] == [Paragraph, SpoilerBlock, Paragraph]


def test_unclosed_and_stray_tags_are_repaired_as_a_browser_would(tmp_path) -> None:
    source = "<div><p>One <b>bold <i>both</b> after</p>\n\n</span></div></div>\n\nNext.\n"
    article = read_article(write(tmp_path, "broken.md", source))
    assert leftovers(article) == []
    texts = [b.inlines for b in article.sections[0].blocks]
    assert texts[-1] == (Text("Next."),)
    assert plain_text(texts[0]) == "One bold both after"


def test_markdown_headings_inside_html_stay_sections_and_html_headings_become_sections(
    tmp_path,
) -> None:
    source = (
        '<div class="post">\n\n## Markdown heading {#mine}\n\nText.\n\n</div>\n\n'
        "<section><h3>HTML heading</h3><p>More.</p></section>\n\n"
        "<blockquote><h2>Quoted heading</h2></blockquote>\n"
    )
    article = read_article(write(tmp_path, "h.md", source))
    assert [(s.id, s.title, s.level) for s in article.sections] == [
        ("mine", "Markdown heading", 1),
        ("html-heading", "HTML heading", 2),
    ]
    more, quote = article.sections[1].blocks
    assert more.inlines == (Text("More."),)
    assert quote == BlockQuote((Paragraph((Strong((Text("Quoted heading"),)),), 11),))


def test_a_figure_around_a_player_names_it_by_its_caption(tmp_path) -> None:
    source = (
        '<figure><iframe src="https://www.youtube.com/embed/abcdefgh"></iframe>'
        "<figcaption>The trailer</figcaption></figure>\n"
    )
    (embed,) = read_article(write(tmp_path, "f.md", source)).sections[0].blocks
    assert embed == Embed(
        "video", "youtube.com", "The trailer", "https://www.youtube.com/watch?v=abcdefgh", 1
    )


def test_an_unclosed_comment_hides_the_rest_of_its_paragraph_only(tmp_path) -> None:
    source = "Shown <!-- not closed\nstill comment\n\nNext paragraph.\n"
    blocks = read_article(write(tmp_path, "c.md", source)).sections[0].blocks
    assert [b.inlines for b in blocks] == [(Text("Shown"),), (Text("Next paragraph."),)]


def test_images_inside_a_paragraph_are_figures_of_their_own(tmp_path) -> None:
    source = (
        'See <img src="a.jpg" alt="A"> and <img src="javascript:x" alt="B"> here.\n\n'
        '<img src="data:image/gif;base64,R0lGOD" data-src="lazy.jpg" alt="C">'
        '<noscript><img src="lazy.jpg" alt="C"></noscript>\n'
    )
    blocks = read_article(write(tmp_path, "img.md", source)).sections[0].blocks
    assert blocks == (
        Paragraph((Text("See"),), 1),
        Figure(Image("a.jpg", "A"), (), 1),
        Paragraph((Text("and"),), 1),
        Figure(Image("", "B"), (), 1),  # a script address is never kept
        Paragraph((Text("here."),), 1),
        Figure(Image("lazy.jpg", "C"), (), 3),  # the real address of a lazy image, once
    )


def test_embed_hosts_and_kinds() -> None:
    assert embed_from_src("//www.youtube.com/embed/abcdefg") == Embed(
        "video", "youtube.com", "", "https://www.youtube.com/watch?v=abcdefg"
    )
    assert embed_from_src("https://open.spotify.com/embed/track/1").host == "spotify.com"
    assert embed_from_src("https://www.google.com/maps/embed?pb=1").kind == "map"
    assert embed_from_src("javascript:alert(1)") == Embed("content", "", "", "")
    assert embed_from_src("clip.mp4", "video") == Embed("video", "", "", "")


def test_html_bounds_cut_with_a_warning(tmp_path) -> None:
    deep = "<div>" * (MAX_HTML_DEPTH + 40) + "deep text" + "</div>" * (MAX_HTML_DEPTH + 40)
    many = "<p>" + "<b>x</b>" * (MAX_HTML_TAGS // 2 + 10) + "</p>"
    path = write(tmp_path, "big.md", f"{deep}\n\n{many}\n")
    article = read_article(path)
    assert "deep text" in " ".join(model_strings(article))
    depth, tags = article.warnings
    assert re.fullmatch(rf"{re.escape(str(path))}:1: raw HTML nested deeper than \d+ .*", depth)
    assert re.fullmatch(rf"{re.escape(str(path))}:3: raw HTML with more than \d+ tags.*", tags)


def test_deep_nesting_is_read_in_bounded_time(tmp_path) -> None:
    source = "Intro.\n\n" + "<div><span>" * 10_000 + "x" + "</span></div>" * 10_000 + "\n"
    started = time.perf_counter()
    article = read_article(write(tmp_path, "deep.md", source))
    assert time.perf_counter() - started < 10
    assert article.warnings


def test_a_box_of_text_after_other_text_is_a_paragraph_of_its_own(tmp_path) -> None:
    text = (
        '<div><a href="https://example.org/setup">See the setup guide.</a>'
        '<div class="kg-callout-card"><div class="kg-callout-emoji">💡</div>'
        '<div class="kg-callout-text">TIP: Give apps fake permissions.</div></div>'
        "Loose <span>tail</span> text.</div>\n"
    )
    blocks = read_article(write(tmp_path, "post.md", text)).sections[0].blocks
    assert [plain_text(b.inlines) for b in blocks] == [
        "See the setup guide.",
        "💡 TIP: Give apps fake permissions.",  # the icon opens its callout's paragraph
        "Loose tail text.",
    ]
    assert isinstance(blocks[0].inlines[0], Link)
