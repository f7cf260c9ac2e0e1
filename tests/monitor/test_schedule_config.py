"""The `schedule:` part of the sources file: defaults when absent, and bad cron or time zone values
reported as file:line: message."""

from __future__ import annotations

from monitor.config import load_sources
from tests.monitor.test_config import GOOD, problems_of


def test_without_a_schedule_the_defaults_apply(tmp_path):
    path = tmp_path / "ics_sources.yaml"
    path.write_text(GOOD)
    schedule = load_sources(path).schedule
    assert (schedule.crawl, schedule.digest, schedule.timezone, schedule.digest_period_days) == (
        "30 2 * * *", "0 7 * * 1", "Europe/London", 7)


def test_a_schedule_is_read_from_the_sources_file(tmp_path):
    path = tmp_path / "ics_sources.yaml"
    path.write_text("schedule:\n  crawl: '0 3 * * *'\n  digest: '0 8 * * 5'\n  timezone: UTC\n" + GOOD)
    schedule = load_sources(path).schedule
    assert (schedule.crawl, schedule.digest, schedule.timezone) == ("0 3 * * *", "0 8 * * 5", "UTC")


def test_a_bad_cron_expression_is_reported_with_its_line(tmp_path):
    problems = problems_of(tmp_path, "schedule:\n  timezone: UTC\n  digest: 'every monday'\n" + GOOD)
    assert len(problems) == 1
    assert problems[0].startswith("3: schedule.digest: 'every monday' is not a cron expression")


def test_a_bad_time_zone_and_an_unknown_key_are_reported(tmp_path):
    problems = problems_of(tmp_path, "schedule:\n  timezone: Europe/Londn\n  crawll: '0 3 * * *'\n" + GOOD)
    assert problems == ["2: schedule.timezone: unknown time zone 'Europe/Londn' (use a name such as 'Europe/London')",
                        "3: unknown key 'crawll' (did you mean crawl?)"]
