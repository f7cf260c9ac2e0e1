"""`icswatch init [DIR]`: a deployment's own, editable copies of the configuration.

Takes a directory (default ./config) and writes the shipped sources file, relevance rules and the
recipients example (as recipients.yaml) into it; prints how to point ICS Watch at them. Never overwrites
a file that is already there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from ..resources import ENV_CONFIG, shipped
from . import cli, example
from .output import EXIT_USAGE, fail

# what each file becomes, and why a deployment edits it
FILES = {
    "ics_sources.yaml": ("ics_sources.yaml", "the systems watched and the timetable"),
    "recipients.yaml": ("recipients.example.yaml", "who receives the digest: replace the example addresses"),
    "relevance.yaml": ("relevance.yaml", "the rules for what counts as relevant to children"),
    "scorecard.yaml": ("scorecard.yaml", "the HPIG indicators and the evidence for each rating"),
}


@cli.command("init", epilog=example("icswatch init /etc/icswatch\nexport ICSWATCH_CONFIG=/etc/icswatch"))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("config"),
                required=False)
def init_command(directory: Path) -> None:
    """Write editable copies of the sources, recipients and relevance files into DIRECTORY (default ./config).

    ICS Watch reads them when ICSWATCH_CONFIG names the directory; a file left out there falls back to
    the shipped copy. Existing files are never overwritten."""
    existing = [directory / name for name in FILES if (directory / name).exists()]
    if existing:
        click.echo(f"icswatch init: {', '.join(map(str, existing))} already exist(s); nothing written. "
                   "Move them away, or choose another directory.", err=True)
        fail(EXIT_USAGE)
    directory.mkdir(parents=True, exist_ok=True)
    source = shipped("config")
    for name, (shipped_name, why) in FILES.items():
        shutil.copyfile(source / shipped_name, directory / name)
        click.echo(f"wrote {directory / name}: {why}")
    where = directory.resolve()
    click.echo(f"\nNext:\n  export {ENV_CONFIG}={where}\n  icswatch sources validate\n"
               "  icswatch send --since 7d --dry-run")
