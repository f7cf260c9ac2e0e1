"""What every command prints the same way: JSON on stdout, rich tables at a terminal's width (or a fixed
one when piped), and the exit codes.

Takes values and prints them; `fail` ends the command with an exit code. Exit codes follow the house
rule: 0 on success, 1 when the work failed, 2 for bad usage or a bad config; and, for the commands a
cron job or a monitor runs (`crawl`, `status`), 3 when the run completed but some sources failed.
"""

from __future__ import annotations

import json
from typing import NoReturn

import click
from rich.console import Console

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # the work was done, but some of it (a source, a system) failed: see what was printed

PIPED_WIDTH = 160  # piped or redirected: do not squeeze a table into 80 columns


def to_json(data, ascii_only: bool = False) -> str:
    """Indented JSON. `ascii_only` escapes non-ASCII characters, as some commands always have (their
    output is kept byte for byte); new commands should leave it off."""
    return json.dumps(data, indent=2, ensure_ascii=ascii_only)


def echo_json(data, ascii_only: bool = False) -> None:
    click.echo(to_json(data, ascii_only))


def echo_or_write(rendered: str, out: str | None, what: str) -> None:
    """`rendered` on stdout, or written to `out` with "wrote OUT (what)" on stderr (`--out FILE`)."""
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(rendered)
        click.echo(f"wrote {out} ({what})", err=True)
    else:
        click.echo(rendered, nl=False)


def table_console(piped_width: int = PIPED_WIDTH) -> Console:
    """A console for tables: the terminal's width, or `piped_width` when stdout is not a terminal."""
    return Console() if Console().is_terminal else Console(width=piped_width)


def fail(code: int = EXIT_FAILED) -> NoReturn:
    """End the command with `code`, once what went wrong has been printed."""
    raise SystemExit(code)
