"""Turn a script into mastered tracks: speech per utterance (sentence cache or engine), laid end
to end with room tone, then mastered and encoded into every rendition the writers need, each
track while the engine speaks the next. A track whose speech and pauses are unchanged comes
whole from the track cache: not synthesized, mastered or encoded again. A book rendition (the
M4B's AAC) is encoded as one stream that takes each track as soon as it is mastered."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.audio import assemble, mastering
from pipeline.audio.assemble import AssembledTrack, TrackAssembler
from pipeline.audio.book_stream import BookEncoder
from pipeline.audio.cache import SentenceCache, TrackAudio, TrackCache, cache_key
from pipeline.audio.mastering import encode, master
from pipeline.audio.renditions import MASTER, Rendition
from pipeline.audio.tracks import Clip, NarratedTrack, Narration
from pipeline.engines.base import Engine, Speech
from pipeline.errors import EngineError
from pipeline.narration.chunks import spoken_pieces
from pipeline.narration.script import HEAD_SECONDS, TAIL_SECONDS, Track, Utterance

ENCODERS = 2
"""Tracks mastered at once (ffmpeg processes), beside the engine's own workers."""
MASTERING_IDENTITY = (
    2, HEAD_SECONDS, TAIL_SECONDS, assemble.ROOM_TONE_DBFS, assemble.SILENCE_DBFS,
    mastering.TARGET_RMS_DBFS, mastering.RMS_TOLERANCE_DB,
    mastering.PEAK_CEILING_DBFS, mastering.LIMITER_ALLOWANCE_DB,
)  # fmt: skip
"""Everything besides speech and pauses that shapes a mastered track; part of its cache key
(bump the first number when the assembly or mastering code changes what it makes)."""

Progress = Callable[[int, int], None]
"""Called with (utterances done, utterances in the book) as narration advances."""


@dataclass(frozen=True)
class _Plan:
    index: int
    track: Track
    speech_keys: tuple[str, ...]
    key: str


def narrate(
    tracks: tuple[Track, ...],
    engine: Engine,
    caches: tuple[SentenceCache, TrackCache],
    work_dir: Path,
    renditions: Sequence[Rendition],
    books: Sequence[Rendition] = (),
    on_progress: Progress = lambda done, total: None,
) -> Narration:
    """Narrate every track into ``renditions`` (the master always included) and the whole
    book into each of the ``books`` renditions, fed track by track while the next is spoken."""
    sentence_cache, track_cache = caches
    renditions = tuple(dict.fromkeys((MASTER, *renditions)))
    settings = engine.settings()
    plans = [_plan(index, track, engine, settings) for index, track in enumerate(tracks)]
    total = sum(len(track.utterances) for track in tracks)
    done = synthesized = 0
    book_encoders = [BookEncoder(b, work_dir / f"book-{b.name}{b.suffix}") for b in books]
    try:
        with _pools(engine) as (speakers, encoders, binder):
            bind = (lambda r: binder.submit(_feed, book_encoders, r)) if book_encoders else None
            results = _Results(len(tracks), bind)
            to_speak = []
            for plan in plans:
                cached = track_cache.get(plan.key, renditions)
                if cached is None:
                    to_speak.append(plan)
                    continue
                audio, files, missing = cached
                if missing:
                    job = (plan, audio, files, missing, track_cache, work_dir)
                    results.set(plan.index, encoders.submit(_complete, *job))
                else:
                    results.set(plan.index, _narrated(plan.track, audio, files))
                done += len(plan.track.utterances)
                on_progress(done, total)
            unheard = sum(not sentence_cache.has(k) for plan in to_speak for k in plan.speech_keys)
            if unheard:
                engine.prepare(unheard)
            feeds = tuple(encoder.feed for encoder in book_encoders)
            for plan, assembled, spoken in _speak(
                to_speak, engine, sentence_cache, speakers, work_dir
            ):
                job = (plan, assembled, renditions, feeds, track_cache, work_dir)
                results.set(plan.index, encoders.submit(_master_track, *job))
                synthesized += spoken
                done += len(plan.track.utterances)
                on_progress(done, total)
            narrated = results.collect()
        book_audio = {b.name: e.finish() for b, e in zip(books, book_encoders, strict=True)}
    except BaseException:
        for encoder in book_encoders:
            encoder.abort()
        raise
    return Narration(engine.name, engine.voice, engine.narrator, narrated, synthesized, book_audio)


def _plan(index: int, track: Track, engine: Engine, settings: dict[str, object]) -> _Plan:
    keys = tuple(cache_key(engine.name, engine.voice, settings, u.spoken) for u in track.utterances)
    pauses = [utterance.pause_after for utterance in track.utterances]
    return _Plan(index, track, keys, cache_key("track", MASTERING_IDENTITY, keys, pauses))


class _Results:
    """Each track's result (a NarratedTrack, or the future of one), set in any order and
    handed to ``bind`` in track order."""

    def __init__(self, count: int, bind: Callable[[object], Future[None]] | None) -> None:
        self.items: list[NarratedTrack | Future[NarratedTrack] | None] = [None] * count
        self.bind = bind
        self.bound: list[Future[None]] = []
        self.next = 0

    def set(self, index: int, result: NarratedTrack | Future[NarratedTrack]) -> None:
        self.items[index] = result
        while self.next < len(self.items) and self.items[self.next] is not None:
            if self.bind is not None:
                self.bound.append(self.bind(self.items[self.next]))
            self.next += 1

    def collect(self) -> tuple[NarratedTrack, ...]:
        """Wait for every track (and its binding); raise the first failure."""
        narrated = tuple(r.result() if isinstance(r, Future) else r for r in self.items)
        for binding in self.bound:
            binding.result()
        return narrated


@contextmanager
def _pools(engine: Engine) -> Iterator[tuple[ThreadPoolExecutor, ...]]:
    """Threads that speak, master and bind tracks into the book; on failure, queued work is
    dropped rather than done."""
    pools = (
        ThreadPoolExecutor(engine.max_workers, thread_name_prefix="earmark-speak"),
        ThreadPoolExecutor(ENCODERS, thread_name_prefix="earmark-master"),
        ThreadPoolExecutor(1, thread_name_prefix="earmark-book"),
    )
    try:
        yield pools
    finally:
        for pool in pools:
            pool.shutdown(cancel_futures=True)


def _feed(books: list[BookEncoder], result: NarratedTrack | Future[NarratedTrack]) -> None:
    track = result.result() if isinstance(result, Future) else result
    for book in books:
        book.add(track.files)


def _speak(
    plans: list[_Plan],
    engine: Engine,
    sentence_cache: SentenceCache,
    speakers: ThreadPoolExecutor,
    work_dir: Path,
) -> Iterator[tuple[_Plan, AssembledTrack, int]]:
    """Assemble each planned track as its speech arrives, keeping a few utterances in flight
    across track boundaries so the engine never waits for assembly; yield each track with
    how many of its utterances the engine spoke."""

    def speech_for(plan: _Plan, utterance: Utterance, key: str) -> tuple[Speech, bool]:
        speech = sentence_cache.get(key)
        if speech is not None:
            return speech, False
        speech = _synthesize(engine, utterance, plan.track)
        sentence_cache.put(key, speech)
        return speech, True

    feed = (
        (plan, utterance, key)
        for plan in plans
        for utterance, key in zip(plan.track.utterances, plan.speech_keys, strict=True)
    )
    in_flight: deque[Future[tuple[Speech, bool]]] = deque()
    window = 2 * engine.max_workers + 2
    for plan in plans:
        track = plan.track
        assembler = TrackAssembler(work_dir / f"{track.number:03d}.pcm", f"track {track.number}")
        spoken = 0
        try:
            for position, utterance in enumerate(track.utterances):
                while len(in_flight) < window and (job := next(feed, None)) is not None:
                    in_flight.append(speakers.submit(speech_for, *job))
                speech, synthesized = in_flight.popleft().result()
                assembler.add(utterance, speech, last=position == len(track.utterances) - 1)
                spoken += synthesized
            assembled = assembler.finish()
        except BaseException:
            assembler.close()
            raise
        yield plan, assembled, spoken


def _synthesize(engine: Engine, utterance: Utterance, track: Track) -> Speech:
    """The utterance's speech: its spoken text in bounded pieces (``spoken_pieces``), joined."""
    try:
        pieces = [engine.synthesize(piece) for piece in spoken_pieces(utterance.spoken)]
        speech = Speech(b"".join(p.pcm for p in pieces), pieces[0].sample_rate if pieces else 0)
    except EngineError as error:
        raise EngineError(
            f"{engine.name} failed on track {track.number} "
            f"(section \u201c{track.chapter.main.title}\u201d): {error.message}",
            error.hint,
        ) from error
    if not speech.pcm:
        raise EngineError(
            f"{engine.name} returned no audio for {utterance.text[:60]!r} in section "
            f"\u201c{track.chapter.main.title}\u201d."
        )
    return speech


def _master_track(
    plan: _Plan,
    assembled: AssembledTrack,
    renditions: tuple[Rendition, ...],
    feeds: tuple[Rendition, ...],
    track_cache: TrackCache,
    work_dir: Path,
) -> NarratedTrack:
    """Master one assembled track into every rendition and keep them in the track cache;
    the book encoders' ``feeds`` (raw PCM, read once) stay in the work folder."""
    outputs = {r: work_dir / f"{plan.track.number:03d}-{r.file_name}" for r in renditions}
    fed = {r: work_dir / f"{plan.track.number:03d}-{r.file_name}" for r in feeds}
    mastering = master(
        assembled.path, assembled.sample_rate, assembled.level_dbfs, {**outputs, **fed}
    )
    assembled.path.unlink()
    audio = TrackAudio(assembled.duration, assembled.times, mastering)
    files = track_cache.put(plan.key, audio, outputs)
    return _narrated(plan.track, audio, {**files, **{r.name: path for r, path in fed.items()}})


def _complete(
    plan: _Plan,
    audio: TrackAudio,
    files: dict[str, Path],
    missing: list[Rendition],
    track_cache: TrackCache,
    work_dir: Path,
) -> NarratedTrack:
    """A cached track lacks some renditions: encode them from its master."""
    made = {}
    for rendition in missing:
        made[rendition] = work_dir / f"{plan.track.number:03d}-{rendition.file_name}"
        encode(files[MASTER.name], rendition, made[rendition])
    files = {**files, **track_cache.put(plan.key, audio, made)}
    return _narrated(plan.track, audio, files)


def _narrated(track: Track, audio: TrackAudio, files: dict[str, Path]) -> NarratedTrack:
    clips = tuple(
        Clip(utterance.id, begin, end)
        for utterance, (begin, end) in zip(track.utterances, audio.times, strict=True)
    )
    return NarratedTrack(track, files, audio.duration, clips, audio.mastering)
