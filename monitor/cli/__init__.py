"""The `icswatch` command line: one entry point, a command per job.

Takes arguments and returns an exit code: 0 on success, 1 when the work failed, 2 for bad usage or a bad
config. Results go to stdout, logs to stderr. Each command lives in its own module; this one holds the
group, the settings options shared by all commands, and the error boundary.
"""

from __future__ import annotations

import importlib
import logging
import sys
from datetime import datetime

import click

from .. import periods
from ..errors import ConfigError, IcsWatchError
from ..logs import configure_logging
from ..settings import resolve_settings
from .output import EXIT_FAILED, EXIT_USAGE

log = logging.getLogger("monitor.cli")
WRITING_COMMANDS = {"crawl", "schedule"}  # the others need an archive already there
# Each command's module, imported only when that command runs (or `--help` lists them all): `icswatch
# --version` or `icswatch extract` need not import the crawler, the archive and the web app first.
COMMANDS = {"changes": "changes", "commitments": "commitments", "crawl": "crawl", "diff": "research",
            "digest": "digest", "export": "export", "extract": "extract", "history": "archive", "init": "init",
            "schedule": "schedule", "scorecard": "scorecard", "search": "search", "send": "digest",
            "serve": "serve", "show": "archive", "sources": "sources", "status": "status", "verify": "research"}


class _Group(click.Group):
    """Loads a command's module when it is asked for, and turns our errors into a message and an exit
    code instead of a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS.keys() | self.commands.keys())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            importlib.import_module(f"{__package__}.{COMMANDS[name]}")  # its decorators add it to `cli`
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        # the subcommand's own arguments, still unparsed: `crawl --help` must not create a data folder
        ctx.meta["icswatch.asks_help"] = any(arg in ("-h", "--help") for arg in ctx.args)
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            click.echo(f"icswatch: configuration error:\n{exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except IcsWatchError as exc:
            click.echo(f"icswatch: {exc}", err=True)
            ctx.exit(EXIT_FAILED)


def parse_period(since: str, until: str | None, now: datetime) -> tuple[datetime, datetime]:
    """--since/--until as given (ISO date or time, or a span like 7d); a bad value is a usage error."""
    try:
        return periods.parse_period(since, until, now)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def whole_day_period(since: str, until: str | None, now: datetime) -> tuple[datetime, datetime]:
    """--since/--until rounded to whole UTC days, as `icswatch send` and the scheduler name a digest's
    period (see `monitor.periods`); a bad value or an empty period is a usage error."""
    try:
        return periods.whole_day_period(since, until, now)
    except periods.EmptyPeriod as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def parse_since(since: str | None, now: datetime) -> datetime | None:
    """An optional --since WHEN; a bad value is a usage error about --since."""
    try:
        return periods.parse_when(since, now) if since else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None


def example(text: str) -> str:
    """An epilog that click prints as written (`\\b` stops it re-wrapping the lines)."""
    return "\b\nExample:\n" + "\n".join(f"  {line}" for line in text.strip().splitlines())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=example("icswatch --data-dir /srv/icswatch sources validate"))
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="Database, blobs and logs. [env ICSWATCH_DATA; default ./data]")
@click.option("--sources", type=click.Path(dir_okay=False), default=None,
              help="The sources file. [env ICSWATCH_SOURCES; default $ICSWATCH_CONFIG/ics_sources.yaml, "
                   "else the shipped one]")
@click.option("--db", default=None, metavar="URL",
              help="SQLAlchemy database URL. [env ICSWATCH_DB; default SQLite in the data directory]")
@click.option("-v", "--verbose", is_flag=True, help="Debug log lines on stderr.")
@click.version_option(package_name="icswatch")
@click.pass_context
def cli(ctx: click.Context, data_dir, sources, db, verbose) -> None:
    """ICS Watch: what England's Integrated Care Systems promise for babies, children and young people."""
    ctx.obj = resolve_settings(data_dir=data_dir, sources=sources, db=db)
    # only the commands that write the archive may create the data directory (and its logs/ folder)
    asks_help = ctx.meta.get("icswatch.asks_help", False)
    writes = (ctx.invoked_subcommand in WRITING_COMMANDS and not asks_help) or ctx.obj.data_dir.is_dir()
    configure_logging(ctx.obj, verbose, to_file=writes)


def main() -> None:
    try:
        cli(prog_name="icswatch")
    except SystemExit:
        raise
    except Exception:  # the last boundary: log it, exit 1, never a bare traceback on stdout
        log.exception("icswatch failed unexpectedly")
        sys.exit(EXIT_FAILED)
