"""`icswatch export --format csv|jsonl|warc --out PATH`: the archive for spreadsheets, scripts and web-archive
tools (see store/export.py for what each format holds)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import click

from store.export import FORMATS, export_archive

from ..settings import Settings
from . import cli, example, parse_since
from .lookup import check_system, open_existing


@cli.command("export", epilog=example(
    "icswatch export --format csv --out severn.csv --system severn\n"
    "icswatch export --format jsonl --since 2025-01-01 --out archive.jsonl\n"
    "icswatch export --format warc --out icswatch.warc.gz"))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="csv: versions (+ NAME.changes.csv); jsonl: version and change lines; warc: WARC 1.1, gzip.")
@click.option("--system", "system_id", default=None, metavar="ID", help="Only this system.")
@click.option("--since", default=None, metavar="WHEN", help="Only versions (and changes) since: ISO date or 7d, 2w.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), required=True, help="File to write.")
@click.pass_obj
def export_command(settings: Settings, fmt: str, system_id: str | None, since: str | None, out: str) -> None:
    """Write documents, versions and changes as CSV or JSON Lines, or the original responses as a WARC."""
    start = parse_since(since, datetime.now(UTC))
    folder = Path(out).parent
    if not folder.is_dir():
        raise click.BadParameter(f"the folder {str(folder)!r} does not exist; create it first, or write elsewhere",
                                 param_hint="--out")
    archive = open_existing(settings)
    check_system(settings, system_id, archive=archive)
    began = time.monotonic()
    try:
        done = export_archive(archive, fmt, out, system_id=system_id, since=start)
    finally:
        archive.close()
    took = time.monotonic() - began
    if fmt == "warc":
        click.echo(f"{done.path}: {done.responses} response and {done.revisits} revisit records "
                   f"from {done.versions} versions ({took:.1f}s)")
    else:
        extra = "".join(f", changes in {p}" for p in done.extra_paths)
        click.echo(f"{done.path}: {done.versions} versions and {done.changes} changes{extra} ({took:.1f}s)")
