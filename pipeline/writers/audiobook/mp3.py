"""MP3 per track: the mastered CBR 192 kbps encoding (``pipeline.audio.renditions.MP3_RENDITION``),
tagged in ID3v2.4."""

from __future__ import annotations

import shutil
from pathlib import Path

import pycountry
from mutagen.id3 import APIC, COMM, ID3, TALB, TCON, TIT2, TLAN, TPE1, TPE2, TRCK, PictureType

from pipeline.audio.renditions import MP3_RENDITION
from pipeline.audio.tracks import NarratedTrack, Narration
from pipeline.publication import Publication


def write_mp3(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Copy each track's encoding to ``out_dir/audio/NN - Title.mp3`` and tag it."""
    narration = publication.narration
    assert narration is not None, "the build narrates before it runs audio writers"
    (out_dir / "audio").mkdir(exist_ok=True)
    for narrated in narration.tracks:
        path = out_dir / narrated.track.file_name
        shutil.copyfile(narrated.audio(MP3_RENDITION), path)
        tag_track(path, publication, narrated)
    return {}


def tag_track(
    path: Path, publication: Publication, narrated: NarratedTrack | None, title: str = ""
) -> None:
    """Write the ID3v2.4 tags players show: title, album, artist, track n/N, genre, language,
    and the cover (``narrated`` None: the whole book, titled ``title``)."""
    meta = publication.article.metadata
    track = narrated.track if narrated is not None else None
    artist = book_artist(publication)
    comment = (
        "Spoiler: this track reveals the plot. " if track and track.chapter.spoiler else ""
    ) + narrated_by(publication.narration)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=track.title if track else title))
    tags.add(TALB(encoding=3, text=meta.title))
    tags.add(TPE1(encoding=3, text=artist))
    tags.add(TPE2(encoding=3, text=artist))
    if track is not None:
        tags.add(TRCK(encoding=3, text=f"{track.number}/{track.total}"))
    tags.add(TCON(encoding=3, text="Audiobook"))
    tags.add(TLAN(encoding=3, text=iso639_2(meta.lang)))
    tags.add(COMM(encoding=3, lang=iso639_2(meta.lang), desc="", text=comment))
    if publication.cover is not None:
        cover = publication.cover
        tags.add(
            APIC(
                encoding=3,
                mime=cover.media_type,
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=cover.data,
            )
        )
    tags.save(path, v2_version=4)


def book_artist(publication: Publication) -> str:
    """Who players list as the artist: the author, or the narrator when there is none."""
    narration = publication.narration
    assert narration is not None, "only narrated formats have an artist"
    return publication.article.metadata.author or narration.narrator


def narrated_by(narration: Narration) -> str:
    """The credit in comments, e.g. "Narrated by Joe (piper, en_US-joe-medium)"."""
    return f"Narrated by {narration.narrator} ({narration.engine}, {narration.voice})."


def iso639_2(lang: str) -> str:
    """The three-letter (ISO 639-2/B) code ID3 wants for a BCP 47 tag: "en-GB" -> "eng"."""
    primary = lang.split("-")[0].lower()
    language = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    if language is None:
        return "und"
    return getattr(language, "bibliographic", None) or language.alpha_3
