"""`icswatch commitments VERSION`: what one archived version commits to for children, read when it was
archived (on every crawl, a system's first included), with page, section, themes and reasons."""

from __future__ import annotations

import click

from store.commitments import commitments_of
from store.queries import find_version

from ..errors import IcsWatchError
from ..settings import Settings
from . import cli, example
from .lookup import open_existing, resolve_version
from .output import echo_json


@cli.command(epilog=example("icswatch commitments v-3f2a9c1b7d4e\nicswatch commitments v-3f2a9c --json"))
@click.argument("version_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def commitments(settings: Settings, version_id: str, as_json: bool) -> None:
    """List the commitments to children one version makes, in reading order."""
    archive = open_existing(settings)
    try:
        with archive.session() as session:
            version = find_version(session, resolve_version(session, version_id))
            if version is None:
                raise IcsWatchError(f"no version {version_id!r} in the archive (see `icswatch history SYSTEM`)")
            found = commitments_of(session, version.id)
            title, vid = version.title or version.document.title or version.url, version.id
    finally:
        archive.close()
    if as_json:
        echo_json([{"page": c.page, "section": c.section, "text": c.after, "themes": list(c.themes),
                    "tags": list(c.tags), "reasons": list(c.reasons)} for c in found])
        return
    click.echo(f"{title}  ({vid}): {len(found)} commitment{'s' if len(found) != 1 else ''} to children")
    for c in found:
        where = ", ".join(x for x in (f"p. {c.page}" if c.page else "", c.section or "") if x)
        click.echo(f"  - {c.after}" + (f"   [{where}]" if where else ""))
        click.echo(f"    themes: {', '.join(c.themes + c.tags)}")
