"""The outbox's key is the period: `icswatch send --since 7d` and the scheduled digest must name the
same whole UTC days for the same moment, or a recipient gets the digest twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
import pytest

from monitor.cli.digest import whole_day_period
from monitor.config import ScheduleSettings
from monitor.periods import EmptyPeriod, scheduled_period, whole_days
from monitor.schedule import due_digest_period

MOMENTS = [datetime(2026, 11, 23, 7, 0, tzinfo=UTC), datetime(2026, 11, 23, 0, 0, tzinfo=UTC),
           datetime(2026, 11, 22, 23, 59, 59, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
           datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2027, 1, 1, 6, 15, tzinfo=UTC)]


@pytest.mark.parametrize("now", MOMENTS)
@pytest.mark.parametrize("days", [1, 7, 14])
def test_send_and_the_scheduler_name_the_same_period(now, days):
    assert whole_day_period(f"{days}d", None, now) == scheduled_period(now, days)


@pytest.mark.parametrize("now", MOMENTS)
def test_the_scheduled_digest_at_its_fire_time_is_the_period_send_names_then(now):
    schedule = ScheduleSettings(digest=f"{now.minute} {now.hour} * * *", digest_period_days=7, timezone="UTC")
    assert due_digest_period(schedule, now) == whole_day_period("7d", None, now)


def test_a_period_shorter_than_a_day_is_empty_and_a_usage_error_on_the_command_line():
    now = datetime(2026, 11, 23, 7, 5, tzinfo=UTC)
    with pytest.raises(EmptyPeriod):
        whole_days(now - timedelta(hours=6), now)
    with pytest.raises(click.BadParameter) as raised:
        whole_day_period("6h", None, now)
    assert raised.value.param_hint == "--since"
    with pytest.raises(click.BadParameter, match="is not a date"):
        whole_day_period("last week", None, now)
