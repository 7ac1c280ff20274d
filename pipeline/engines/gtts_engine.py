"""gTTS: Google Translate's online speech, with timeouts, retries and plain-language errors."""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import requests
from gtts import gTTS, gTTSError
from gtts.lang import tts_langs

from pipeline.config import EngineOptions
from pipeline.engines.base import Speech
from pipeline.errors import EarmarkError, EngineError
from pipeline.system.ffmpeg import decode_to_pcm

SAMPLE_RATE = 24000
ATTEMPTS = 4
BACKOFF = 0.5
MAX_RETRY_AFTER = 10.0
TIMEOUT = (5.0, 20.0)
OFFLINE_HINT = "gTTS needs internet access; use --engine piper, which works offline."
_CONNECTION_DETAILS = (
    ("refused", "connection refused"),
    ("resolve", "name lookup failed"),
    ("name or service", "name lookup failed"),
    ("unreachable", "network unreachable"),
    ("reset", "connection reset"),
)


@dataclass(frozen=True)
class _Failure:
    error: EngineError
    retry: bool = False
    wait: float | None = None


class GttsEngine:
    """Speaks through Google Translate (online); thread-safe, retries transient failures."""

    name = "gtts"
    wants_normalized = False
    """Google's own front end reads numbers, dates, money and abbreviations in context and in
    every language; ours is English only (see ARCHITECTURE.md, "Speech normalization")."""
    takes_phonemes = False
    narrator = "Google Text-to-Speech"
    max_workers = 4

    def __init__(
        self,
        lang: str,
        tld: str = "com",
        *,
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = ATTEMPTS,
        timeout: tuple[float, float] = TIMEOUT,
    ) -> None:
        self.lang = _supported_lang(lang)
        self.tld = tld.strip().lower()
        if not re.fullmatch(r"[a-z]{2,3}(\.[a-z]{2,3})?", self.tld):
            raise EngineError(
                f"'{tld}' is not a Google domain suffix.",
                "Give --tld a suffix such as com, co.uk, com.au, ca or co.in.",
            )
        self.voice = f"gtts-{self.lang}-{self.tld}"
        self.host = f"translate.google.{self.tld}"
        self.attempts = attempts
        self.timeout = timeout
        self.retries = 0
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.max_workers)

    def settings(self) -> dict[str, object]:
        """Every setting that changes the audio."""
        return {"lang": self.lang, "tld": self.tld, "slow": False}

    def prepare(self, sentences: int) -> None:
        """Nothing to start: requests go out as sentences come."""

    def close(self) -> None:
        """Nothing to stop."""

    def synthesize(self, text: str) -> Speech:
        """Fetch ``text`` as MP3 from Google and decode it to 24 kHz mono PCM."""
        try:
            tts = gTTS(text, tld=self.tld, lang=self.lang, lang_check=False, timeout=self.timeout)
            speakable = bool(tts.get_bodies())
        except AssertionError:  # gTTS asserts when nothing but punctuation is left
            speakable = False
        if not speakable:
            return Speech(b"", SAMPLE_RATE)
        with self._slots:
            mp3 = self._fetch(tts)
        try:
            pcm = decode_to_pcm(mp3, SAMPLE_RATE) if mp3 else b""
        except EarmarkError:
            pcm = b""
        if not pcm:
            raise _not_audio()
        return Speech(pcm, SAMPLE_RATE)

    def _fetch(self, tts: gTTS) -> bytes:
        for attempt in range(1, self.attempts + 1):
            try:
                return b"".join(tts.stream())
            except gTTSError as exc:
                failure = self._classify(exc)
            except ValueError:  # undecodable base64 or UTF-8 in a 200 answer
                raise _not_audio() from None
            if not failure.retry or attempt == self.attempts:
                raise failure.error
            with self._lock:
                self.retries += 1
            delay = BACKOFF * 2 ** (attempt - 1) * (1 + random.uniform(0, 0.1))
            self._sleep(delay if failure.wait is None else failure.wait)
        raise AssertionError("unreachable")

    def _classify(self, exc: gTTSError) -> _Failure:
        rsp: requests.Response | None = exc.rsp
        tries = f"{self.attempts} attempts"
        if rsp is None:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, requests.Timeout):
                if isinstance(cause, requests.ConnectTimeout):
                    limit = f"no connection within {self.timeout[0]:g} s"
                else:
                    limit = f"no answer within {self.timeout[1]:g} s"
                message = f"gTTS got no answer from {self.host} ({limit}; {tries})."
                why = "Probable cause: a slow network, or a firewall that drops Google's traffic."
                return _Failure(EngineError(f"{message} {why}", OFFLINE_HINT), retry=True)
            if isinstance(cause, requests.ConnectionError):
                message = (
                    f"gTTS could not reach {self.host} ({_connection_detail(cause)}; {tries})."
                )
                why = "Probable cause: no internet access, or a firewall or proxy blocks Google."
                return _Failure(EngineError(f"{message} {why}", OFFLINE_HINT), retry=True)
            return _Failure(
                EngineError(
                    f"gTTS's request to {self.host} failed ({cause}). "
                    "Probable cause: an unusual network or proxy setup.",
                    OFFLINE_HINT,
                )
            )
        status, reason = rsp.status_code, rsp.reason
        if status == 429:
            return _Failure(
                EngineError(
                    f"Google refused gTTS's requests as too many (HTTP 429; {tries}). "
                    "Probable cause: Google rate-limits this network address.",
                    "Wait a few minutes and try again, or use --engine piper, which has no limits.",
                ),
                retry=True,
                wait=_retry_after(rsp),
            )
        if status >= 500:
            return _Failure(
                EngineError(
                    f"Google answered gTTS with HTTP {status} ({reason}; {tries}). "
                    "Probable cause: a temporary fault on Google's side.",
                    "Try again later, or use --engine piper, which works offline.",
                ),
                retry=True,
                wait=_retry_after(rsp),
            )
        if status < 400:
            return _Failure(_not_audio())
        cause = {
            403: "Google blocks this client, or changed the API gTTS relies on",
            404: f"{self.host} does not serve speech (check --tld)",
        }.get(status, "Google changed the API gTTS relies on")
        return _Failure(
            EngineError(
                f"Google refused gTTS's request with HTTP {status} ({reason}). "
                f"Probable cause: {cause}.",
                "Update gTTS (pip install -U gTTS), or use --engine piper, which works offline.",
            )
        )


def gtts_engine(options: EngineOptions, article_lang: str) -> GttsEngine:
    """Build the gTTS engine for ``--lang`` (default: the article's language) and ``--tld``."""
    return GttsEngine(options.lang or article_lang, options.tld)


def _supported_lang(tag: str) -> str:
    codes = {code.lower(): code for code in tts_langs()}
    wanted = tag.strip().replace("_", "-").lower()
    code = codes.get(wanted) or codes.get(wanted.split("-")[0])
    if code is None:
        raise EngineError(
            f"gTTS has no voice for the language '{tag}'. "
            "Probable cause: Google Translate does not speak it, or the code is misspelt.",
            "Run `earmark voices` to list the languages gTTS speaks, and choose one with --lang.",
        )
    return code


def _retry_after(rsp: requests.Response) -> float | None:
    value = rsp.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _connection_detail(exc: BaseException) -> str:
    if isinstance(exc, requests.exceptions.ProxyError):
        return "proxy error"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error"
    text = str(exc).lower()
    return next(
        (detail for needle, detail in _CONNECTION_DETAILS if needle in text), "no connection"
    )


def _not_audio() -> EngineError:
    return EngineError(
        "Google answered gTTS with something that is not audio. Probable cause: Google changed "
        "its API, or is showing a 'verify you are human' page to automated requests.",
        "Try again later, update gTTS (pip install -U gTTS), or use --engine piper.",
    )
