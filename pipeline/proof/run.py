"""One article's proof: read its build, hear each track, compare and judge every utterance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import BuildConfig
from pipeline.proof.aligning import compare_track
from pipeline.proof.built import BuiltArticle, BuiltTrack, read_build
from pipeline.proof.flagging import DEFAULT_THRESHOLD, Verdict, judge
from pipeline.proof.hearing import Listener

Progress = Callable[[float, float], None]
"""Called with (seconds heard, seconds to hear) of the article as the recogniser advances."""


@dataclass(frozen=True)
class TrackProof:
    """A track and the verdict on each of its utterances, in order."""

    track: BuiltTrack
    verdicts: tuple[Verdict, ...]


@dataclass(frozen=True)
class ArticleProof:
    """The proof of one article's build."""

    article: BuiltArticle
    model: str
    threshold: float
    tracks: tuple[TrackProof, ...]

    @property
    def verdicts(self) -> list[Verdict]:
        """Every utterance's verdict, in book order."""
        return [verdict for track in self.tracks for verdict in track.verdicts]

    @property
    def flagged(self) -> list[Verdict]:
        """The flagged utterances, in book order."""
        return [verdict for verdict in self.verdicts if verdict.flagged]


def proof_article(
    path: Path,
    config: BuildConfig,
    listener: Listener,
    threshold: float = DEFAULT_THRESHOLD,
    on_progress: Progress = lambda done, total: None,
) -> ArticleProof:
    """Proof the current build of ``path`` in ``config.out_dir`` (``SourceError`` if there is
    none: see ``read_build``)."""
    article = read_build(path, config)
    done = 0.0
    proofs = []
    for track in article.tracks:
        heard = listener.hear(
            article.folder / track.file_name,
            article.lang,
            [(u.start, u.end) for u in track.utterances],
            lambda seconds, before=done: on_progress(before + seconds, article.duration),
        )
        verdicts = tuple(judge(c, threshold) for c in compare_track(track, heard, article.lang))
        proofs.append(TrackProof(track, verdicts))
        done += track.utterances[-1].end if track.utterances else 0.0
    on_progress(article.duration, article.duration)
    return ArticleProof(article, listener.model_name, threshold, tuple(proofs))
