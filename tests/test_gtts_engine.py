"""The gTTS engine against a faked Google endpoint: success, retries, and every failure class."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import responses
from gtts_fake import URL, batchexecute

from pipeline.config import EngineOptions
from pipeline.engines.gtts_engine import GttsEngine, gtts_engine
from pipeline.errors import EngineError


@pytest.fixture
def google() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def engine(slept: list[float]) -> GttsEngine:
    return GttsEngine("en", sleep=slept.append)


def test_speaks_a_sentence(google: responses.RequestsMock, engine: GttsEngine, mp3: bytes) -> None:
    google.post(URL, body=batchexecute(mp3))
    speech = engine.synthesize("Hello there.")
    assert speech.sample_rate == 24000
    assert speech.seconds == pytest.approx(0.3, abs=0.1)
    call = google.calls[0]
    assert call.request.req_kwargs["timeout"] == (5.0, 20.0)
    assert "Hello there" in requests.utils.unquote(call.request.body)
    assert engine.retries == 0


def test_retries_429_honouring_retry_after(
    google: responses.RequestsMock, engine: GttsEngine, slept: list[float], mp3: bytes
) -> None:
    google.post(URL, status=429, headers={"Retry-After": "3"})
    google.post(URL, status=429, headers={"Retry-After": "120"})
    google.post(URL, status=429)
    google.post(URL, body=batchexecute(mp3))
    assert engine.synthesize("Hello.").seconds > 0.2
    assert len(google.calls) == 4
    assert slept[:2] == [3.0, 10.0]
    assert 2.0 <= slept[2] <= 2.2
    assert engine.retries == 3


def test_repeated_5xx_gives_up_after_four_attempts(
    google: responses.RequestsMock, engine: GttsEngine, slept: list[float]
) -> None:
    google.post(URL, status=503)
    with pytest.raises(EngineError, match="HTTP 503") as caught:
        engine.synthesize("Hello.")
    assert "4 attempts" in str(caught.value)
    assert len(google.calls) == 4
    assert all(b * 1.0 <= s <= b * 1.1 for b, s in zip((0.5, 1.0, 2.0), slept, strict=True))


@pytest.mark.parametrize(
    ("error", "wording"),
    [(requests.exceptions.ConnectTimeout, "no connection within 5 s"),
     (requests.exceptions.ReadTimeout, "no answer within 20 s")],
)  # fmt: skip
def test_timeouts_are_retried_then_reported(
    google: responses.RequestsMock,
    engine: GttsEngine,
    slept: list[float],
    error: type[Exception],
    wording: str,
) -> None:
    google.post(URL, body=error("timed out"))
    with pytest.raises(EngineError, match=wording) as caught:
        engine.synthesize("Hello.")
    assert "--engine piper" in str(caught.value)
    assert len(google.calls) == 4 and len(slept) == 3


def test_offline_fails_fast_with_a_hint(
    google: responses.RequestsMock, engine: GttsEngine, slept: list[float]
) -> None:
    refused = requests.exceptions.ConnectionError("[Errno 111] Connection refused")
    google.post(URL, body=refused)
    started = time.monotonic()
    with pytest.raises(EngineError) as caught:
        engine.synthesize("Hello.")
    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert "connection refused" in message and "translate.google.com" in message
    assert "internet" in message and "--engine piper" in message
    assert len(google.calls) == 4 and len(slept) == 3


@pytest.mark.parametrize(
    "body",
    [
        "<html><body>Our systems have detected unusual traffic</body></html>",
        batchexecute(b"this is not audio at all"),
        batchexecute(b""),
        ')]}\'\n\n30\n[["wrb.fr","jQ1olc",null,null]]\n',
        ')]}\'\n\n30\n[["wrb.fr","jQ1olc","[\\"abcde\\"]"]]\n',
    ],
    ids=["html", "not-mp3", "empty-audio", "no-audio-field", "bad-base64"],
)
def test_a_body_that_is_not_audio_fails_at_once(
    google: responses.RequestsMock, engine: GttsEngine, slept: list[float], body: str
) -> None:
    google.post(URL, body=body)
    with pytest.raises(EngineError, match="not audio"):
        engine.synthesize("Hello.")
    assert len(google.calls) == 1 and slept == []


def test_403_fails_at_once(
    google: responses.RequestsMock, engine: GttsEngine, slept: list[float]
) -> None:
    google.post(URL, status=403)
    with pytest.raises(EngineError, match="HTTP 403"):
        engine.synthesize("Hello.")
    assert len(google.calls) == 1 and slept == []


def test_unsupported_language_is_refused_before_any_request() -> None:
    with responses.RequestsMock() as google, pytest.raises(EngineError) as caught:
        gtts_engine(EngineOptions(), "tlh")
    assert "'tlh'" in str(caught.value) and "earmark voices" in str(caught.value)
    assert len(google.calls) == 0
    with pytest.raises(EngineError, match="'xx'"):
        gtts_engine(EngineOptions(lang="xx"), "en")


@pytest.mark.parametrize(
    ("lang", "article", "expected"),
    [(None, "en-GB", "en"), (None, "fr-CA", "fr-CA"), (None, "pt_BR", "pt"), ("de", "en", "de")],
)
def test_language_choice(lang: str | None, article: str, expected: str) -> None:
    engine = gtts_engine(EngineOptions(lang=lang, tld="co.uk"), article)
    assert engine.voice == f"gtts-{expected}-co.uk"
    assert engine.settings() == {"lang": expected, "tld": "co.uk", "slow": False}
    assert engine.narrator == "Google Text-to-Speech"


def test_punctuation_alone_needs_no_request(google: responses.RequestsMock) -> None:
    assert GttsEngine("en").synthesize("… — …").pcm == b""


def test_concurrent_sentences(google: responses.RequestsMock, mp3: bytes) -> None:
    engine = GttsEngine("en", sleep=lambda _: pytest.fail("no retry expected"))
    together = threading.Barrier(engine.max_workers, timeout=10)
    lock, in_flight, peak = threading.Lock(), [0], [0]

    def answer(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        together.wait()
        with lock:
            in_flight[0] -= 1
        return 200, {}, batchexecute(mp3)

    google.add_callback(responses.POST, URL, callback=answer)
    sentences = [f"Sentence number {n}." for n in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        spoken = list(pool.map(engine.synthesize, sentences))
    assert all(s.seconds > 0.2 for s in spoken)
    assert len(google.calls) == 8
    assert peak[0] == engine.max_workers
