"""WHEN on the command line: an ISO date or time, or a span back from now ("7d", "12h", "2w").

Takes the text and the current time; returns an aware UTC datetime, or raises ValueError saying what
is accepted.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_SPAN = re.compile(r"^(\d+)\s*([hdw])$")


def parse_when(text: str, now: datetime) -> datetime:
    text = text.strip()
    span = _SPAN.match(text)
    if span:
        hours = {"h": 1, "d": 24, "w": 24 * 7}[span.group(2)] * int(span.group(1))
        return now - timedelta(hours=hours)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use 2025-03-01, 2025-03-01T09:00 or a span like 7d, 12h, 2w") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
