"""`icswatch search "QUERY"`: passages of the archived text that match, with system, document, version,
date and page, best first. Searches the latest version of each document unless `--all-versions`."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from store.search import reindex_missing, search
from store.vocabulary import DocType

from ..settings import Settings
from . import cli, example, parse_since
from .lookup import check_system, open_existing
from .output import echo_json

DOC_TYPES = [t.value for t in DocType]


@cli.command("search", epilog=example(
    'icswatch search \'"family hub" OR "family hubs"\' --type joint_forward_plan\n'
    'icswatch search "health visitor -adult" --system severn --all-versions --json'))
@click.argument("query")
@click.option("--system", "system_id", default=None, metavar="ID", help="Only this system.")
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), default=None, help="Only this document type.")
@click.option("--since", default=None, metavar="WHEN", help="Only versions first seen since: ISO date or 7d, 2w.")
@click.option("--all-versions", is_flag=True, help="Search every version, not only each document's latest.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="At most this many passages.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def search_command(settings: Settings, query: str, system_id: str | None, doc_type: str | None, since: str | None,
                   all_versions: bool, limit: int, as_json: bool) -> None:
    """Full-text search of the archived text. Words must all appear (stemmed: "hub" finds "hubs");
    "quoted phrases" match exactly; OR between alternatives; -word or NOT word excludes."""
    start = parse_since(since, datetime.now(UTC))
    archive = open_existing(settings)
    check_system(settings, system_id, archive=archive)
    reindex_missing(archive)  # versions extracted before the search index existed
    try:
        with archive.session() as session:
            found = search(session, query, system_id=system_id, doc_type=doc_type, since=start,
                           all_versions=all_versions, limit=limit)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    finally:
        archive.close()
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No passages match {query!r}.")
        return
    for hit in found:
        kind = hit["doc_type"] + (" (easy read)" if hit["easy_read"] else "")
        page = f"  p. {hit['page']}" if hit["page"] else ""
        click.echo(f"{hit['version_id']}  {hit['system_id']}  {kind}{page}  {hit['first_seen']}")
        click.echo(f"  {hit['title'] or '(untitled)'}  {hit['url']}")
        click.echo(f"  {hit['text']}\n")
