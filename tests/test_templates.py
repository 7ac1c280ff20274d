"""Template syntax in Markdown (issue 20, item 4): Liquid tags and outputs, Hugo shortcodes.
Known ones become what they mean, unknown ones are removed with one warning naming file:line;
code keeps template syntax verbatim, and line numbers stay right."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import FIXTURES, outline, write
from model_text import leftovers, model_strings

from pipeline.cli import main
from pipeline.model import (
    BlockQuote,
    Code,
    CodeBlock,
    Embed,
    Emphasis,
    Figure,
    Image,
    Paragraph,
    SpoilerBlock,
    Strong,
    Text,
    plain_text,
)
from pipeline.readers import read_article
from pipeline.readers.notices import Notices
from pipeline.readers.templates import expand_templates

JEKYLL = FIXTURES / "jekyll-post.md"
HUGO = FIXTURES / "hugo-post.md"


def test_liquid_becomes_text_links_embeds_and_code() -> None:
    article = read_article(JEKYLL)
    blocks = article.sections[0].blocks
    # A filtered link target keeps the link text (a site-relative address is not a link).
    assert blocks[0] == Paragraph((Text("Read the docs or the home page first. This is  on ."),), 5)
    # {% raw %} keeps its content as written.
    assert blocks[1] == Paragraph((Text("Write {{ page.title }} to show the title."),), 10)
    assert blocks[2] == Embed(
        "video", "youtube.com", "", "https://www.youtube.com/watch?v=a1b2c3d4e5f", 16
    )
    assert blocks[3] == Figure(Image("/assets/pier.jpg", "The pier"), (), 18)
    assert blocks[4] == Embed(
        "video", "vimeo.com", "The pier at night", "https://player.vimeo.com/video/12345", 20
    )
    # {% highlight %} is a code block; what looks like a tag or a heading inside stays code.
    assert blocks[5] == CodeBlock(
        'puts "{{ not a tag here }}"\n\n# a comment, not a heading', "ruby"
    )
    # Code keeps template syntax verbatim; only the raw markers go.
    assert blocks[6].text == "{{ page.title }}"
    assert blocks[7] == Paragraph((Text("Inline "), Code("{{ kept }}"), Text(" stays code.")), 32)
    assert blocks[8] == Paragraph((Text("The end."),), 36)
    assert len(blocks) == 9
    text = " ".join(model_strings(article))
    assert "myself" not in text and "hero" not in text and "Ada" not in text


def test_unknown_liquid_is_removed_with_one_warning_per_name() -> None:
    warnings = read_article(JEKYLL).warnings
    assert warnings == (
        f"{JEKYLL}:6: Liquid output '{{{{ page.title }}}}' removed: earmark cannot know its value.",
        f"{JEKYLL}:6: Liquid output '{{{{ site.title }}}}' removed: earmark cannot know its value.",
        f"{JEKYLL}:34: Liquid include 'newsletter.html' is not known to earmark; removed.",
    )


def test_unknown_shortcodes_keep_the_text_the_author_meant_to_show(tmp_path) -> None:
    text = (
        'Looking at {{< abbr "Hugo" >}} and {{< abbr \'Zola\' >}} themes{{< icon name="x" >}}.\n\n'
        "{{< aside-box >}}\n> Ship small, ship often.\n{{< /aside-box >}}\n\n"
        '{{< pullquote "Read slowly." >}}\n\nA {{< kbd "Ctrl" "C" >}} key.\n'
    )
    article = read_article(write(tmp_path, "post.md", text))
    intro, quote, pulled, keys = article.sections[0].blocks
    assert intro.inlines == (Text("Looking at Hugo and Zola themes."),)
    assert quote == BlockQuote((Paragraph((Text("Ship small, ship often."),), 4),))
    assert isinstance(pulled, BlockQuote) and plain_text(pulled.blocks[0].inlines) == "Read slowly."
    assert keys.inlines == (Text("A  key."),)  # two arguments: no text to keep
    path = tmp_path / "post.md"
    assert article.warnings == (
        f"{path}:1: Hugo shortcode 'abbr' is not known to earmark; removed, its text kept "
        "(2 times).",
        f"{path}:1: Hugo shortcode 'icon' is not known to earmark; removed.",
        f"{path}:3: Hugo shortcode 'aside-box' is not known to earmark; removed, its content kept.",
        f"{path}:9: Hugo shortcode 'kbd' is not known to earmark; removed.",
    )


def test_hugo_shortcodes_become_figures_embeds_and_code() -> None:
    article = read_article(HUGO)
    figure, youtube, video, tweet, code, tip, column, guide, fence, end = article.sections[0].blocks
    assert figure == Figure(
        Image("castle.jpg", "Osaka Castle"),
        (Text("The castle in "), Emphasis((Text("spring"),))),
        5,
    )
    assert youtube == Embed(
        "video", "youtube.com", "", "https://www.youtube.com/watch?v=w7Ft2ymGmfc", 7
    )
    assert video == Embed("video", "", "", "", 9)
    assert (tweet.kind, tweet.host, tweet.line) == ("post", "twitter.com", 11)
    assert code == CodeBlock("func main() {}", "go")
    # Paired shortcodes keep their inner Markdown.
    assert tip == Paragraph((Text("Take the "), Strong((Text("early"),)), Text(" train.")), 20)
    assert column.inlines == (Text("Left column text."),)
    assert guide.inlines == (Text("See the guide."),)
    assert fence.text == '{{< figure src="x.jpg" >}}'
    assert end.inlines == (Text("The end."),)
    assert read_article(HUGO).warnings == (
        f"{HUGO}:17: Hugo shortcode 'newsletter-signup' is not known to earmark; removed.",
    )


def test_a_spoiler_shortcode_is_a_spoiler_block(tmp_path) -> None:
    source = (
        'Fine film.\n\n{{< spoiler text="The twist" >}}\n\nThe *butler* did it.\n\n'
        "{{< /spoiler >}}\n"
    )
    blocks = read_article(write(tmp_path, "s.md", source)).sections[0].blocks
    assert blocks[1] == SpoilerBlock(
        (Paragraph((Text("The "), Emphasis((Text("butler"),)), Text(" did it.")), 5),),
        "The twist",
        3,
    )


def test_embed_tags_in_their_common_spellings(tmp_path) -> None:
    source = (
        '{% include video id="76979871" provider="vimeo" %}\n\n'
        '{% include video id="XsxDH4HcOWA" provider="youtube" %}\n\n'
        '{% youtube "https://www.youtube.com/watch?v=abcdefghijk" %}\n\n'
        "{{< gist spf13 7896402 >}}\n\n{{< instagram BWNjjyYFxVx >}}\n\n"
        '{% include image.html url="/img/a.png" description="A map" %}\n'
    )
    blocks = read_article(write(tmp_path, "e.md", source)).sections[0].blocks
    assert [(b.kind, b.host, b.href) for b in blocks[:5]] == [
        ("video", "vimeo.com", "https://player.vimeo.com/video/76979871"),
        ("video", "youtube.com", "https://www.youtube.com/watch?v=XsxDH4HcOWA"),
        ("video", "youtube.com", "https://www.youtube.com/watch?v=abcdefghijk"),
        ("code", "gist.github.com", "https://gist.github.com/spf13/7896402"),
        ("post", "instagram.com", "https://www.instagram.com/p/BWNjjyYFxVx/"),
    ]
    assert blocks[5] == Figure(Image("/img/a.png", "A map"), (), 11)


def test_shortcode_arguments_across_lines_with_escaped_quotes_and_html(tmp_path) -> None:
    source = (
        '{{< figure src="tanh.svg" alt="The tanh curve"\n  width="400" >}}\n\n'
        '{{< figure src="a.webp" alt="Notation" caption="<span class=\\"n\\">Figure 1: </span>'
        'Hidden *voices*" />}}\n\nAfter.\n'
    )
    first, second, after = read_article(write(tmp_path, "a.md", source)).sections[0].blocks
    assert first == Figure(Image("tanh.svg", "The tanh curve"), (), 1)
    assert second == Figure(
        Image("a.webp", "Notation"), (Text("Figure 1: Hidden "), Emphasis((Text("voices"),))), 4
    )
    assert after == Paragraph((Text("After."),), 6)


def test_tabs_and_titled_callouts_keep_their_titles(tmp_path) -> None:
    source = (
        '{{< tabs >}}\n{{< tab "First way" >}}\nBy train.\n{{< /tab >}}\n{{< /tabs >}}\n\n'
        '{{< admonition type="tip" title="Pack light" >}}\nOne bag.\n{{< /admonition >}}\n'
    )
    blocks = read_article(write(tmp_path, "t.md", source)).sections[0].blocks
    assert [plain_text(b.inlines) for b in blocks] == [
        "First way",
        "By train.",
        "Pack light",
        "One bag.",
    ]
    assert blocks[0].inlines == (Strong((Text("First way"),)),)


def test_templates_keep_line_numbers(tmp_path) -> None:
    source = (
        "---\ntitle: T\n---\n{% comment %}\none\ntwo\n{% endcomment %}\n{{< unknown\n  a=1 >}}\n"
        "\n## Heading\n\nText.\n\n{% weird %}\n"
    )
    path = write(tmp_path, "lines.md", source)
    article = read_article(path)
    assert [(s.title, s.line) for s in article.sections] == [("Heading", 11)]
    assert article.warnings == (
        f"{path}:8: Hugo shortcode 'unknown' is not known to earmark; removed.",
        f"{path}:15: Liquid tag '{{% weird %}}' is not known to earmark; removed.",
    )


def test_expansion_never_changes_the_line_count() -> None:
    for fixture in (JEKYLL, HUGO):
        text = fixture.read_text()
        assert expand_templates(text, Notices(Path("x"))).count("\n") == text.count("\n")


def test_no_template_syntax_reaches_the_outline_or_the_model() -> None:
    for fixture in (HUGO,):
        assert leftovers(read_article(fixture)) == [
            '{{< figure src="x.jpg" >}}'  # inside a code fence: code, shown as written
        ]
    assert [title for _, title, _ in outline(JEKYLL)] == ["Introduction"]


def test_the_cli_prints_each_warning_with_file_and_line() -> None:
    result = CliRunner().invoke(main, ["outline", str(HUGO)])
    assert result.exit_code == 0
    assert (
        f"warning: {HUGO}:17: Hugo shortcode 'newsletter-signup' is not known to earmark; removed."
        in result.output
    )
    script = CliRunner(mix_stderr=False).invoke(main, ["script", str(JEKYLL)])
    assert script.exit_code == 0, script.output
    assert f"warning: {JEKYLL}:34: Liquid include 'newsletter.html'" in script.stderr
    spoken = script.stdout
    assert "Read the docs or the home page first." in spoken
    # Only the author's {% raw %} text and inline code show template syntax: they are text.
    legit = ("{{ page.title }} to show", "{{ kept }}")
    lines = [line for line in spoken.splitlines() if not any(text in line for text in legit)]
    for bad in ("{{", "{%", "relative_url", "<!--", "iframe"):
        assert not [line for line in lines if bad in line], bad


def test_build_reports_the_reader_warnings_with_its_result(tmp_path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(HUGO), "-o", str(out), "--formats", "epub"])
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {HUGO}:17: Hugo shortcode 'newsletter-signup' is not known to earmark; removed."
        in result.output
    )


def test_quote_tags_are_quotes_with_their_author(tmp_path) -> None:
    text = (
        '{{< quote "Be brave." "Grace" >}}\n\n'
        "{% blockquote Ada Lovelace, Notes https://example.org/notes The Notes %}\n"
        "The engine *weaves* patterns.\n\nSecond paragraph.\n{% endblockquote %}\n\n"
        "Inline {% pullquote %}kept{% endpullquote %} words.\n"
    )
    article = read_article(write(tmp_path, "post.md", text))
    hugo, quote, inline = article.sections[0].blocks
    assert [plain_text(b.inlines) for b in hugo.blocks] == ["Be brave.", "— Grace"]
    assert isinstance(quote, BlockQuote)
    assert [plain_text(b.inlines) for b in quote.blocks] == [
        "The engine weaves patterns.",
        "Second paragraph.",
        "— Ada Lovelace, Notes",
    ]
    assert isinstance(quote.blocks[0].inlines[1], Emphasis)
    assert inline.inlines == (Text("Inline kept words."),)
    assert article.warnings == ()
