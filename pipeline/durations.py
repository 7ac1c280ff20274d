"""Every way earmark writes a length of time, in one place: clock values for SMIL and WebVTT
(to the millisecond), the player's clock, a spoken duration, ISO 8601, and the CLI's minutes."""

from __future__ import annotations


def _millis(seconds: float) -> tuple[int, int, int, int]:
    """Hours, minutes, seconds and milliseconds of ``seconds``, rounded to the millisecond."""
    hours, rest = divmod(round(seconds * 1000), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return hours, minutes, rest // 1000, rest % 1000


def _whole(seconds: float) -> tuple[int, int, int]:
    """Hours, minutes and whole seconds of ``seconds`` (the fraction dropped)."""
    hours, rest = divmod(int(seconds), 3600)
    return (hours, *divmod(rest, 60))


def smil_clock(seconds: float) -> str:
    """A SMIL clock value with millisecond precision, e.g. ``"0:01:18.669"``."""
    hours, minutes, secs, millis = _millis(seconds)
    return f"{hours}:{minutes:02d}:{secs:02d}.{millis:03d}"


def vtt_timestamp(seconds: float) -> str:
    """``HH:MM:SS.mmm`` (WebVTT), rounded to the millisecond like the SMIL clock values."""
    hours, minutes, secs, millis = _millis(seconds)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def player_clock(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour), as the web player and chapter lists show times."""
    hours, minutes, secs = _whole(seconds)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float) -> str:
    """``4 minutes 3 seconds``: a time as the seek slider's ``aria-valuetext`` says it (the
    web page's script words it the same way)."""
    units = zip(_whole(seconds), ("hour", "minute", "second"), strict=True)
    parts = [f"{value} {unit}{'' if value == 1 else 's'}" for value, unit in units if value]
    return " ".join(parts) or "0 seconds"


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration (``PT6M22S``) for ``<time datetime>``."""
    minutes, secs = divmod(int(seconds), 60)
    return f"PT{minutes}M{secs}S"


def table_minutes(seconds: float) -> str:
    """``m:ss``, rounded to the second, for the batch summary (``-`` for no audio)."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}" if seconds else "-"
