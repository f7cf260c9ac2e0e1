"""`icswatch changes --since WHEN`: the changes detected in a period, with themes and reasons."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from store.records import ChangeRecord

from ..changelist import list_changes
from ..config import check_sources
from ..settings import Settings
from . import cli, example, parse_period
from .lookup import open_existing
from .output import echo_json


@cli.command(epilog=example("icswatch changes --since 7d\nicswatch changes --since 2025-03-01 --relevant --json"))
@click.option("--since", default="7d", show_default=True, help="ISO date or time, or a span: 7d, 12h, 2w.")
@click.option("--until", default=None, help="End of the period (default: now).")
@click.option("--relevant", "relevant_only", is_flag=True, help="Only changes that touch children's commitments.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def changes(settings: Settings, since: str, until: str | None, relevant_only: bool, as_json: bool) -> None:
    """List the changes detected in a period: relevant ones first, with themes, reasons and passages."""
    start, end = parse_period(since, until, datetime.now(UTC))
    sources, _ = check_sources(settings.sources_path)  # names only: a broken config must not hide changes
    archive = open_existing(settings)
    try:
        found = list_changes(archive, sources, start, end)
    finally:
        archive.close()
    if relevant_only:
        found = [c for c in found if c.relevant]
    if as_json:
        echo_json([c.to_json() for c in found])
        return
    if not found:
        click.echo(f"No changes between {start:%Y-%m-%d %H:%M} and {end:%Y-%m-%d %H:%M} UTC.")
        return
    for change in found:
        print_change(change)


def print_change(change: ChangeRecord) -> None:
    kind = change.doc_type + (" (easy read)" if change.easy_read else "")
    flags = "RELEVANT" if change.relevant else ("baseline" if change.baseline else "not relevant")
    themes = f"  themes: {', '.join(change.themes + change.tags)}" if change.themes else ""
    click.echo(f"{change.detected_at.isoformat(timespec='seconds')}  {change.system_name}  {change.kind}  {kind}  [{flags}]"
               f"{'  WEAKENED' if change.weakened else ''}{themes}")
    click.echo(f"  {change.title or '(untitled)'}  {change.url}  ({change.version_id or 'no version'})")
    if change.previous_url and change.previous_url != change.url:
        click.echo(f"  previously at {change.previous_url}")
    if change.edition:
        click.echo(f"  {change.edition}")
    if change.note:
        click.echo(f"  note: {change.note}")
    for excerpt in change.excerpts:
        if not excerpt.relevant:
            continue
        where = f"p. {excerpt.page}" if excerpt.page else ""
        click.echo(f"  - {excerpt.before or '(nothing: added)'}")
        click.echo(f"  + {excerpt.after or '(nothing: removed)'}   {where}")
        click.echo(f"    why: {'; '.join(excerpt.reasons)}")
    if change.hidden_count:
        click.echo(f"  ({change.hidden_count} other passages changed, not relevant to children's commitments)")
    click.echo("")
