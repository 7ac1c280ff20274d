"""MP3 per track: mastered to audiobook numbers (see ``pipeline.media``), tagged in ID3v2.4."""

from __future__ import annotations

from pathlib import Path

import pycountry
from mutagen.id3 import COMM, ID3, TALB, TCON, TIT2, TLAN, TPE1, TPE2, TRCK

from pipeline.media import encode_mp3
from pipeline.narration.narrate import NarratedTrack
from pipeline.publication import Publication

MP3_BITRATE = "192k"
MP3_SAMPLE_RATE = 44100


def write_mp3(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Encode and tag one MP3 per narrated track under ``out_dir/audio/`` (CBR 192 kbps,
    44.1 kHz mono: the ACX delivery format)."""
    narration = publication.narration
    assert narration is not None, "the build narrates before it runs audio writers"
    (out_dir / "audio").mkdir(exist_ok=True)
    for narrated in narration.tracks:
        path = out_dir / narrated.track.file_name
        encode_mp3(narrated.audio, path, MP3_BITRATE, MP3_SAMPLE_RATE)
        tag_track(path, publication, narrated)
    return {}


def tag_track(path: Path, publication: Publication, narrated: NarratedTrack) -> None:
    """Write the ID3v2.4 tags players show: title, album, artist, track n/N, genre, language."""
    meta = publication.article.metadata
    narration = publication.narration
    track = narrated.track
    artist = meta.author or narration.narrator
    comment = (
        "Spoiler: this track reveals the plot. " if track.chapter.spoiler else ""
    ) + f"Narrated by {narration.narrator} ({narration.engine}, {narration.voice})."
    tags = ID3()
    tags.add(TIT2(encoding=3, text=track.title))
    tags.add(TALB(encoding=3, text=meta.title))
    tags.add(TPE1(encoding=3, text=artist))
    tags.add(TPE2(encoding=3, text=artist))
    tags.add(TRCK(encoding=3, text=f"{track.number}/{track.total}"))
    tags.add(TCON(encoding=3, text="Audiobook"))
    tags.add(TLAN(encoding=3, text=iso639_2(meta.lang)))
    tags.add(COMM(encoding=3, lang=iso639_2(meta.lang), desc="", text=comment))
    tags.save(path, v2_version=4)


def iso639_2(lang: str) -> str:
    """The three-letter (ISO 639-2/B) code ID3 wants for a BCP 47 tag: "en-GB" -> "eng"."""
    primary = lang.split("-")[0].lower()
    language = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    if language is None:
        return "und"
    return getattr(language, "bibliographic", None) or language.alpha_3
