"""Dates as blogs write them, as W3CDTF (the form the EPUB's ``dc:date`` needs, OPF-053).

Front matter gives a date as YAML or TOML's own date or date-time, or as text in one of many
forms: ``2024-06-04``, ``2019-04-25 9:00:00``, ``2024-06-04T23:21:05+10:00``,
``2019-04-25 09:00:00 +0200``, ``June 4, 2024``, ``Tue, 04 Jun 2024 23:21:05 GMT``. A date
alone stays a date; a time with a zone keeps its zone; a time without one is taken as UTC (as
Hugo does by default). Seconds' fractions are dropped.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:(?:[Tt]|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$"
)
_WRITTEN_FORMATS = (
    "%B %d, %Y",  # June 4, 2024
    "%b %d, %Y",  # Jun 4, 2024
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",  # 4 June 2024
    "%d %b %Y",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y.%m.%d",
)
"""Other common forms (English month names), tried in this order."""


def w3cdtf(value: object) -> str:
    """``value`` (a date, a date-time or text) as W3CDTF; ``ValueError`` when it is none."""
    if isinstance(value, dt.datetime):
        return _datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("is not a date")
    text = " ".join(value.split())
    match = _ISO.match(text)
    if match:
        return _from_iso(match)
    for form in _WRITTEN_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, form)
        except ValueError:
            continue
        return _datetime(parsed) if "%H" in form else parsed.date().isoformat()
    try:
        return _datetime(email.utils.parsedate_to_datetime(text))  # RFC 2822, as in feeds
    except (TypeError, ValueError, IndexError):
        raise ValueError("is not a date earmark can read") from None


def _from_iso(match: re.Match[str]) -> str:
    year, month, day = match["y"], match["m"], match["d"]
    if month is None:
        return year
    if day is None:
        if not 1 <= int(month) <= 12:
            raise ValueError("has no such month")
        return f"{year}-{int(month):02d}"
    date = dt.date(int(year), int(month), int(day))  # ValueError for 2024-02-30
    if match["H"] is None:
        return date.isoformat()
    time = dt.time(int(match["H"]), int(match["M"]), int(match["S"] or 0))
    return _datetime(dt.datetime.combine(date, time, _zone(match["zone"])))


def _zone(zone: str | None) -> dt.tzinfo:
    if zone is None or zone.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    digits = zone[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    if minutes >= 24 * 60:
        raise ValueError("has no such time zone")
    return dt.timezone(dt.timedelta(minutes=-minutes if zone[0] == "-" else minutes))


def _datetime(value: dt.datetime) -> str:
    """A date-time with its zone (UTC when it has none), to the second."""
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=dt.UTC)
    text = value.replace(microsecond=0).isoformat()
    return text.replace("+00:00", "Z")


def utc_timestamp(value: str) -> str:
    """A W3CDTF value as ``CCYY-MM-DDThh:mm:ssZ``, the one form EPUB's ``dcterms:modified``
    takes (a date alone is its midnight in UTC; a year or month its first day)."""
    parts = value.split("T")[0].split("-")
    if "T" not in value:
        year, month, day = [*parts, "01", "01"][:3]
        return f"{year}-{month}-{day}T00:00:00Z"
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
