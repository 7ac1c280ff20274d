"""M3U8 playlists: every track, and the spoiler-free ones only."""

from __future__ import annotations

from pathlib import Path

from pipeline.publication import Publication


def write_playlists(publication: Publication, out_dir: Path) -> dict[str, str]:
    """Write ``<slug>.m3u8`` and ``<slug>-spoiler-free.m3u8`` with relative paths."""
    narration = publication.narration
    assert narration is not None, "the build narrates before it runs audio writers"
    names = {
        "playlist": f"{publication.slug}.m3u8",
        "playlist_spoiler_free": f"{publication.slug}-spoiler-free.m3u8",
    }
    for key, name in names.items():
        lines = ["#EXTM3U", f"#PLAYLIST:{publication.article.metadata.title}"]
        for narrated in narration.tracks:
            if key == "playlist_spoiler_free" and narrated.track.chapter.spoiler:
                continue
            lines.append(f"#EXTINF:{round(narrated.duration)},{narrated.track.title}")
            lines.append(narrated.track.file_name)
        (out_dir / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names
