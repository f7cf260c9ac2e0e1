"""`icswatch history ID` and `icswatch show VERSION`: the archive as researchers read it."""

from __future__ import annotations

import sys

import click

from store.queries import find_version, system_history
from store.records import document_dict, version_dict
from store.vocabulary import ExtractOutcome

from ..errors import IcsWatchError
from ..settings import Settings
from ..texts import text_of
from . import cli, example
from .lookup import check_system, open_existing, resolve_version
from .output import echo_json


def _series_lines(d: dict, labels: dict[str, str | None]) -> tuple[str, list[str]]:
    """What `history` says of a document's place in its series: after its title, and on lines below."""
    after, below = "", []
    if d["replaced_by"]:
        label = labels.get(d["replaced_by"]) or "a later edition"
        after = (f"  REPLACED by {d['replaced_by']} ({label})" if d["missing_since"]
                 else f"  SUPERSEDED by {d['replaced_by']} ({label}); still online")
    elif d["missing_since"]:
        after = f"  MISSING since {d['missing_since']}"
    if d["predecessor_id"]:
        below.append(f"    {d['edition_label'] or 'later edition'} of {d['predecessor_id']}: "
                     + "; ".join(d["edition_reasons"] or ["continues it"]))
    if d["format_of_id"]:
        below.append(f"    web edition of {d['format_of_id']}: its changes are reported with it")
    return after, below


@cli.command(epilog=example("icswatch history west-yorkshire\nicswatch history west-yorkshire --json > wy.json"))
@click.argument("system_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def history(settings: Settings, system_id: str, as_json: bool) -> None:
    """Every document and version archived for one system, oldest first."""
    archive = open_existing(settings)
    with archive.session() as session:
        found = system_history(session, system_id)
        successors = {d.predecessor_id: d.id for d in found if d.predecessor_id}
        documents = [document_dict(d, successors.get(d.id)) for d in found]
    if not documents:
        check_system(settings, system_id, param_hint="SYSTEM_ID")
    if as_json:
        echo_json({"system_id": system_id, "documents": documents}, ascii_only=True)
        return
    if not documents:
        click.echo(f"{system_id}: nothing archived yet (run `icswatch crawl {system_id}`)")
        return
    labels = {d["document_id"]: d["edition_label"] for d in documents}
    for d in documents:
        kind = d["doc_type"] + (" (easy read)" if d["easy_read"] else "")
        after, below = _series_lines(d, labels)
        click.echo(f"{d['document_id']}  {kind}  {d['format']}  {d['title'] or '(untitled)'}{after}")
        click.echo(f"    {d['url']}")
        if d["reasons"]:
            click.echo(f"    why: {'; '.join(d['reasons'])}")
        for line in below:
            click.echo(line)
        for v in d["versions"]:
            pages = f"{v['page_count']} pages" if v["page_count"] else ""
            text = "" if v["extract_outcome"] == ExtractOutcome.OK else f"  text: {v['extract_outcome']}"
            click.echo(f"    {v['version_id']}  first seen {v['first_seen']}  last seen {v['last_seen']}  "
                       f"{v['size']:,} bytes  {pages}  sha256 {v['sha256'][:12]}{text}")


@cli.command(epilog=example("icswatch show v-3f2a9c1b7d4e\nicswatch show v-3f2a9c1b7d4e --text\n"
                            "icswatch show v-3f2a9c1b7d4e --raw > plan.pdf"))
@click.argument("version_id")
@click.option("--text", "show_text", is_flag=True, help="Print the extracted text, with page numbers.")
@click.option("--raw", is_flag=True, help="Write the original bytes to stdout.")
@click.pass_obj
def show(settings: Settings, version_id: str, show_text: bool, raw: bool) -> None:
    """One archived version: its metadata (JSON), its text, or its original bytes."""
    archive = open_existing(settings)
    with archive.session() as session:
        version = find_version(session, resolve_version(session, version_id))
        if version is None:
            raise IcsWatchError(f"no version {version_id!r} in the archive (see `icswatch history SYSTEM`)")
        if raw:
            sys.stdout.buffer.write(archive.blobs.get(version.sha256))
            return
        if not show_text:
            data = version_dict(version) | {"system_id": version.document.system_id,
                                            "doc_type": version.document.doc_type,
                                            "easy_read": version.document.easy_read}
            echo_json(data, ascii_only=True)
            return
        text = text_of(archive.blobs, version)
    if text is None or not text.is_ok:
        raise IcsWatchError(f"version {version.id} has no text: {text.outcome if text else 'not extracted'}"
                            f"{' (' + text.detail + ')' if text and text.detail else ''}")
    page = None
    for paragraph in text.paragraphs:
        if paragraph.page != page:
            page = paragraph.page
            click.echo(f"--- page {page} ---")
        click.echo(paragraph.text + "\n")
