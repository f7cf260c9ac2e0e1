"""`icswatch schedule [--print]`: run crawls and digests on the timetable in the sources file, in the
foreground until SIGTERM or SIGINT; `--print` shows the next runs and whether a digest is outstanding."""

from __future__ import annotations

import logging
import os
import signal
from datetime import UTC, datetime

import click
from apscheduler.schedulers.blocking import BlockingScheduler

from ..config import ConfigError, load_sources
from ..mail import smtp_settings
from ..schedule import build_scheduler, catch_up, next_runs, outstanding_period
from ..settings import Settings
from . import cli, example

log = logging.getLogger(__name__)


@cli.command(epilog=example("icswatch schedule --print\nicswatch schedule"))
@click.option("--print", "print_only", is_flag=True, help="Show the next crawl and digest, then exit.")
@click.option("--recipients", "recipients_file", type=click.Path(dir_okay=False), default=None,
              help="The recipients file. [env ICSWATCH_RECIPIENTS; default $ICSWATCH_CONFIG/recipients.yaml]")
@click.pass_obj
def schedule(settings: Settings, print_only: bool, recipients_file: str | None) -> None:
    """Crawl and send the digest on the timetable under `schedule:` in the sources file (default: crawl
    daily at 02:30, digest Mondays at 07:00, Europe/London; cron expressions).

    A digest missed while the service was down is sent when it starts again (the most recent period
    only). A crawl due while another crawl runs is skipped. Logs go to stderr and to
    <data dir>/logs/icswatch.log. Refuses to start (exit 2) without ICSWATCH_SMTP_HOST and
    ICSWATCH_MAIL_FROM: the digest could not be sent."""
    timetable = load_sources(settings.sources_path).schedule
    now = datetime.now(UTC)
    if print_only:
        _print(settings, timetable, now, recipients_file)
        return
    try:
        smtp_settings(os.environ)  # the digest job would fail every week; say so now, as `send` does
    except ConfigError as exc:
        raise ConfigError(f"the scheduled digest cannot be sent: {exc}. Set them (or run only crawls "
                          "from cron with `icswatch crawl`); `icswatch schedule --print` works without") from None
    catch_up(settings, now, recipients_file)
    scheduler, archive = build_scheduler(BlockingScheduler, settings, recipients_file)

    def stop(signum, _frame):
        log.info("signal %s: stopping the scheduler after the running job", signal.Signals(signum).name)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for name, when in next_runs(timetable, now).items():
        log.info("schedule: next %s at %s", name, when.isoformat())
    try:
        scheduler.start()  # blocks until shutdown
    finally:
        archive.close()
    log.info("scheduler stopped")


def _print(settings: Settings, timetable, now: datetime, recipients_file: str | None) -> None:
    runs = next_runs(timetable, now)
    click.echo(f"time zone {timetable.timezone}; digests cover {timetable.digest_period_days} days")
    click.echo(f"next crawl   {runs['crawl']:%Y-%m-%d %H:%M %Z}  (cron '{timetable.crawl}')")
    click.echo(f"next digest  {runs['digest']:%Y-%m-%d %H:%M %Z}  (cron '{timetable.digest}')")
    try:
        outstanding = outstanding_period(settings, timetable, now, recipients_file)
    except ConfigError as exc:
        click.echo(f"last digest period: unknown: {exc}")
        return
    if outstanding is None:
        click.echo("last digest period: none yet")
        return
    (start, end), emails, waiting = outstanding
    period = f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
    if not emails:
        click.echo(f"last digest period {period}: no recipients")
    elif waiting:
        click.echo(f"last digest period {period}: OUTSTANDING for {len(waiting)} of {len(emails)} recipients "
                   "(sent when the scheduler starts)")
    else:
        click.echo(f"last digest period {period}: sent to all {len(emails)} recipients")
