"""`icswatch crawl [ID...]`: fetch the sources, archive new versions, and print the run report."""

from __future__ import annotations

import click
from rich.table import Table

from store.lock import LockedError
from store.vocabulary import RunStatus

from ..crawl import RunReport, run_crawl
from ..errors import IcsWatchError
from ..settings import Settings
from . import cli, example
from .output import EXIT_PARTIAL, echo_json, fail, table_console


@cli.command(epilog=example("icswatch crawl\nicswatch crawl west-yorkshire severn --json"))
@click.argument("system_ids", nargs=-1, metavar="[ID]...")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@click.pass_obj
def crawl(settings: Settings, system_ids: tuple[str, ...], as_json: bool) -> None:
    """Fetch every active source (or the ones named), archive new versions, and report per system.

    Exit status, for cron: 0 the run completed and every source was read; 3 the run completed but some
    sources failed (they are listed under "Sources that need attention"; the rest were archived); 1 the
    run itself failed (another crawl holds the lock, the archive cannot be opened, the crawler died);
    2 bad usage or config."""
    try:
        report = run_crawl(settings, list(system_ids) or None)
    except LockedError as exc:
        raise IcsWatchError(str(exc)) from None
    if as_json:
        echo_json(report.to_dict(), ascii_only=True)
    else:
        print_report(report)
    if report.status != RunStatus.COMPLETED:
        why = report.error or "the crawler process did not finish (see the log above)"
        raise IcsWatchError(f"run {report.run_id} failed: {why}")
    if any(s.failures for s in report.systems):
        fail(EXIT_PARTIAL)


def print_report(report: RunReport) -> None:
    if report.error:
        table_console().print(f"run {report.run_id}: {report.status}: {report.error}", soft_wrap=True, markup=False)
        return
    seconds = (report.finished_at - report.started_at).total_seconds()
    table = Table(title=f"run {report.run_id}: {report.status} in {seconds:.1f} s", title_justify="left")
    for column in ("system", "pages", "documents", "new versions", "not modified", "missing", "failures"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for s in report.systems:
        table.add_row(s.system_id, str(s.pages), str(s.documents), str(s.new_versions), str(s.not_modified),
                      str(s.missing), str(len(s.failures)) if s.failures else "-")
    console = table_console()
    console.print(table)
    failing = [(s.system_id, f) for s in report.systems for f in s.failures]
    if failing:
        console.print("Sources that need attention:")
        for system_id, failure in failing:
            console.print(f"  {system_id}: {failure['url']}: {failure['error']}", soft_wrap=True, markup=False)
    print_not_seen(console, [(s.system_id, d) for s in report.systems for d in s.not_seen])
    print_notes(console, [(s.system_id, note) for s in report.systems for note in s.notes])


def print_not_seen(console, missing: list[tuple[str, dict]]) -> None:
    """Documents missing but not (yet) reported removed: for maintainers, never in the policy digest."""
    if missing:
        console.print("Not seen since (reported removed only after several crawls and days):")
    for system_id, document in missing:
        crawls = f"{document['crawls']} complete crawl{'' if document['crawls'] == 1 else 's'}"
        cause = ", with most of its site" if document["site_changed"] else ""
        console.print(f"  {system_id}: {document['url']}: not seen since {document['since'][:10]} ({crawls}{cause})",
                      soft_wrap=True, markup=False)


def print_notes(console, notes: list[tuple[str, str]]) -> None:
    """Robots-disallowed documents and budgets that stopped a site: for maintainers, not failures."""
    if notes:
        console.print("Notes for maintainers:")
        for system_id, note in notes:
            console.print(f"  {system_id}: {note}", soft_wrap=True, markup=False)
