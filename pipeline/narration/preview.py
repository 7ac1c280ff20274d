"""``earmark script``: what will be said, track by track, before any synthesis.

Every span that is not spoken as written (normalized, or replaced by the lexicon) is shown
with both forms, ``[spoken <- written]``, so a publisher can proofread the narration.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.narration.script import Track, Utterance
from pipeline.speech import NORMALIZATION_VERSION


def marked(utterance: Utterance) -> str:
    """The utterance's written text with each change shown as ``[spoken <- written]``."""
    parts, position = [], 0
    for change in utterance.changes:
        parts.append(utterance.text[position : change.start])
        parts.append(f"[{change.spoken or '(silent)'} <- {change.written}]")
        position = change.end
    parts.append(utterance.text[position:])
    return "".join(parts)


def script_lines(tracks: tuple[Track, ...], engine: str) -> Iterator[str]:
    """The human-readable script."""
    yield f"# narration script for {engine} (speech normalization v{NORMALIZATION_VERSION})"
    for track in tracks:
        yield ""
        yield f"Track {track.number}/{track.total}: {track.title}  ({track.file_name})"
        for utterance in track.utterances:
            yield f"  {utterance.kind.value:>13}  {marked(utterance)}"
            if utterance.changes:
                yield f"  {'says':>13}  {utterance.spoken}"


def script_data(tracks: tuple[Track, ...], engine: str, lang: str) -> dict[str, object]:
    """The script as JSON-ready data."""
    return {
        "engine": engine,
        "lang": lang,
        "normalization_version": NORMALIZATION_VERSION,
        "tracks": [
            {
                "number": track.number,
                "title": track.title,
                "file": track.file_name,
                "utterances": [
                    {
                        "id": u.id,
                        "kind": u.kind.value,
                        "text": u.text,
                        "spoken": u.spoken,
                        "changes": [
                            {
                                "start": c.start,
                                "end": c.end,
                                "written": c.written,
                                "spoken": c.spoken,
                                "rule": c.rule,
                            }
                            for c in u.changes
                        ],
                    }
                    for u in track.utterances
                ],
            }
            for track in tracks
        ],
    }
