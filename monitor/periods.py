"""Periods of time as the command line and the scheduler name them.

Takes WHEN text (an ISO date or time, or a span back from now: "7d", "12h", "2w") and the current time;
returns aware UTC datetimes, or raises ValueError saying what is accepted (`EmptyPeriod` when a period
rounded to whole days has nothing left). A digest's period is whole UTC days, and it is the outbox's
uniqueness key (one row per recipient and period): `icswatch send --since 7d` and the scheduled digest
must name the same days for the same moment, or a digest goes out twice. So both round here, with
`whole_days`, and nowhere else.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

_SPAN = re.compile(r"^(\d+)\s*([hdw])$")


class EmptyPeriod(ValueError):
    """Rounded to whole days, the period is empty (its start is not before its end)."""


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


def parse_as_of(text: str, now: datetime) -> datetime:
    """An "as of" moment (the scorecard's): a date means the end of that day (what was published on it
    counts); a time or a span is taken as given."""
    when = parse_when(text, now)
    if len(text.strip()) == 10 and when.time() == time(0):
        when += timedelta(days=1) - timedelta(microseconds=1)
    return when


def parse_period(since: str, until: str | None, now: datetime) -> tuple[datetime, datetime]:
    """--since/--until as given; the end defaults to `now`."""
    return parse_when(since, now), (parse_when(until, now) if until else now)


def whole_days(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """Both ends rounded down to midnight UTC, so that every run on the same day, and every retry,
    names the same period."""
    start, end = (datetime.combine(t.astimezone(UTC).date(), time(), UTC) for t in (start, end))
    if start >= end:
        raise EmptyPeriod(f"the period {start:%Y-%m-%d} to {end:%Y-%m-%d} is empty: digests cover "
                          "whole days, up to midnight (UTC) before --until")
    return start, end


def whole_day_period(since: str, until: str | None, now: datetime) -> tuple[datetime, datetime]:
    """`icswatch send`'s period: `--since 7d` on Monday is last Monday 00:00 to this Monday 00:00."""
    return whole_days(*parse_period(since, until, now))


def scheduled_period(fired_at: datetime, days: int) -> tuple[datetime, datetime]:
    """The period of a digest sent at `fired_at` that covers `days` days: the whole UTC days up to the
    midnight before it, as `icswatch send --since {days}d` names them at that moment."""
    return whole_days(fired_at - timedelta(days=days), fired_at)
