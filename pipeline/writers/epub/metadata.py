"""The EPUB's package metadata: identity, and the EPUB Accessibility 1.1 properties."""

from __future__ import annotations

from ebooklib import epub

from pipeline.publication import Publication
from pipeline.readers.dates import utc_timestamp
from pipeline.writers.sections import count
from pipeline.xml_chars import xml_safe

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def set_metadata(book: epub.EpubBook, publication: Publication) -> None:
    """The OPF metadata; every value passes ``xml_safe`` (a guard: the readers clean text)."""
    meta = publication.article.metadata
    book.set_identifier(publication.identifier)
    book.set_title(xml_safe(meta.title))
    book.set_language(meta.lang)
    for number, author in enumerate(meta.creators, 1):
        book.add_author(xml_safe(author), uid=f"creator{number}")
    if meta.description:
        book.add_metadata("DC", "description", xml_safe(meta.description))
    if meta.date:  # W3CDTF (pipeline.readers.dates), as EPUBCheck wants (OPF-053)
        book.add_metadata("DC", "date", xml_safe(meta.date))
    if meta.modified:  # the source article's last update (the package's is written apart)
        book.add_metadata("DC", "source", xml_safe(publication.article.source.name), {"id": "src"})
        modified = {"property": "dcterms:modified", "refines": "#src"}
        book.add_metadata(None, "meta", utc_timestamp(meta.modified), modified)
    for subject in meta.subjects:
        book.add_metadata("DC", "subject", xml_safe(subject))
    for name, value in accessibility_metadata(publication):
        book.add_metadata(None, "meta", xml_safe(value), {"property": name})


def accessibility_metadata(publication: Publication) -> list[tuple[str, str]]:
    """EPUB Accessibility 1.1 properties (schema.org vocabulary) for this edition; a narrated
    book is also auditory and has synchronised audio and text."""
    narrated = publication.narration is not None
    modes = ["textual", "auditory"] if narrated else ["textual"]
    features = ["tableOfContents", "readingOrder", "structuralNavigation"]
    if narrated:
        features.append("synchronizedAudioText")
    if publication.images:  # every image has its alt text (or is marked decorative)
        features.append("alternativeText")
    visual = ["visual"] if publication.images else []
    return [
        *(("schema:accessMode", mode) for mode in [*modes, *visual]),
        *(("schema:accessModeSufficient", mode) for mode in modes),
        *(("schema:accessibilityFeature", feature) for feature in features),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", accessibility_summary(publication)),
        ("dcterms:conformsTo", CONFORMANCE),
        ("a11y:certifiedBy", "earmark (automated checks: EPUBCheck and Ace by DAISY)"),
    ]


def accessibility_summary(publication: Publication) -> str:
    """The human-readable accessibility summary, which also explains the spoiler marking."""
    narrated = publication.narration is not None
    images = bool(publication.images)
    parts = [
        "This publication meets EPUB Accessibility 1.1 at WCAG 2.2 Level AA. All content is "
        + ("text or images with a text alternative" if images else "text")
        + ", in a logical reading order, with headings for every section and a table of "
        "contents that lists them.",
        "It reads aloud with highlighting: every heading and sentence is narrated, and "
        "reading systems that support Media Overlays highlight each sentence as it is spoken."
        if narrated
        else "",
        spoiler_sentence(publication),
        "The narration has no background music or sound effects." if narrated else "",
        _other_content(narrated, images),
    ]
    return " ".join(part for part in parts if part)


def _other_content(narrated: bool, images: bool) -> str:
    if images:
        media = "video" if narrated else "sound or video"
        return (
            "Every image of the article has a text alternative (decorative ones are marked as "
            f"such); there is no {media} and there are no hazards."
        )
    if narrated:
        return "Apart from the cover, there are no images, video or other hazards."
    return "Apart from the cover, there are no images, sound, video or other hazards."


def spoiler_sentence(publication: Publication) -> str:
    """One sentence on how this edition handles spoilers."""
    if publication.spoiler_free_edition:
        left_out = len(publication.article.spoilers_omitted)
        if left_out:
            return (
                f"This is a spoiler-free edition: {count(left_out, 'section')} that "
                "reveal the plot were left out."
            )
        return "This is a spoiler-free edition; the article had no spoiler sections."
    spoilers = sum(chapter.spoiler for chapter in publication.chapters)
    if not spoilers:
        return "No chapter contains spoilers."
    return (
        f"{count(spoilers, 'chapter')} reveal the plot. Each is labelled "
        "\u201cSpoiler:\u201d in the table of contents and opens with a warning whose first "
        "item is a \u201cSkip this spoiler\u201d link to the next spoiler-free part."
    )


def narration_sentence(publication: Publication) -> str:
    """What the About page says about the audio made alongside this EPUB."""
    narration = publication.narration
    if narration is None:
        return "This edition has no narration."
    text = (
        f"The audiobook of this edition is narrated by {narration.narrator} (engine "
        f"{narration.engine}, voice {narration.voice})."
    )
    if not publication.spoiler_free_edition and any(c.spoiler for c in publication.chapters):
        text += (
            " Each spoiler track opens with a spoken warning, and the spoiler-free playlist "
            "leaves those tracks out."
        )
    return text
