"""`icswatch status [--json]`: per system, crawl health (last success, failures in a row, last error)
and what is archived (documents by type with their latest version, easy read, missing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
from rich.table import Table

from store.vocabulary import DeliveryStatus, DocType

from ..config import load_sources
from ..settings import Settings
from ..status import (
    BUCKETS,
    EASY_READ_BUCKET,
    SystemStatus,
    Undelivered,
    system_statuses,
    undelivered_digests,
)
from . import cli, example
from .crawl import print_not_seen, print_notes
from .lookup import open_existing
from .output import EXIT_PARTIAL, echo_json, fail, table_console

# A bucket as the table names it: a type by its value, the Joint Forward Plan shortened to fit.
_LABELS = {t: t.value for t in DocType} | {DocType.JOINT_FORWARD_PLAN: "JFP", EASY_READ_BUCKET: "easy read"}


@cli.command(epilog=example("icswatch status\nicswatch status --json\n"
                            "icswatch status --fail-after 3 || echo 'a source keeps failing' | mail ..."))
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.option("--fail-after", type=click.IntRange(min=1), default=None, metavar="N",
              help="Exit 3 when an active system's last N (or more) crawls failed in a row; for monitoring.")
@click.pass_obj
def status(settings: Settings, as_json: bool, fail_after: int | None) -> None:
    """For every system (active first): the last successful crawl, consecutive failed crawls and the last
    error, documents by type with the date of their latest version, whether an easy read version is
    known, and how many documents have gone missing.

    Exits 0; with --fail-after N, 3 when an active system has failed N crawls in a row (named on stderr)."""
    sources = load_sources(settings.sources_path)
    archive = open_existing(settings)
    try:
        statuses = system_statuses(archive, sources)
        owed = undelivered_digests(archive, datetime.now(UTC) - timedelta(days=sources.delivery.retry_days))
    finally:
        archive.close()
    if as_json:
        echo_json([s.to_dict() for s in statuses], ascii_only=True)
    else:
        print_statuses(statuses)
        print_undelivered(owed)
    failing = [s for s in statuses if fail_after and s.status == "active" and s.consecutive_failures >= fail_after]
    if failing:
        names = ", ".join(f"{s.system_id} ({s.consecutive_failures})" for s in failing)
        click.echo(f"icswatch status: failed {fail_after} or more crawls in a row: {names}", err=True)
        fail(EXIT_PARTIAL)


def print_undelivered(owed: list[Undelivered]) -> None:
    if not owed:
        return
    console = table_console()
    console.print("Digests not delivered:")
    for d in owed:
        what = ("refused for good by the mail server, not tried again: check the address"
                if d.status == DeliveryStatus.REFUSED else "failed, retried by the scheduler")
        console.print(f"  {d.recipient}, {d.period_start:%Y-%m-%d} to {d.period_end:%Y-%m-%d}: {what} "
                      f"({d.attempts} tries): {d.error}", soft_wrap=True, markup=False)


def print_statuses(statuses: list[SystemStatus]) -> None:
    table = Table(title=f"ICS Watch status: {len(statuses)} system{'' if len(statuses) == 1 else 's'}", title_justify="left")
    for column in ("system", "status", "last success", "failures", "documents", "easy read", "missing"):
        table.add_column(column)
    for s in statuses:
        documents = "\n".join(
            f"{_LABELS[bucket]} {s.documents[bucket].count} ({s.documents[bucket].latest_version:%Y-%m-%d})"
            for bucket in BUCKETS if bucket in s.documents) or "-"
        table.add_row(s.system_id, s.status, f"{s.last_success:%Y-%m-%d %H:%M}" if s.last_success else "never",
                      str(s.consecutive_failures) if s.consecutive_failures else "-", documents,
                      "yes" if s.easy_read_known else "no", str(s.missing) if s.missing else "-")
    console = table_console()
    console.print(table)
    print_notes(console, [(s.system_id, note) for s in statuses for note in s.notes])
    failing = [s for s in statuses if s.last_error]
    if failing:
        console.print("Sources that need attention:")
        for s in failing:
            crawls = "crawl" if s.consecutive_failures == 1 else "crawls in a row"
            console.print(f"  {s.system_id}: {s.consecutive_failures} failed {crawls}: {s.last_error}",
                          soft_wrap=True, markup=False)
    print_not_seen(console, [(s.system_id, d) for s in statuses for d in s.not_seen])
