"""`icswatch diff A B` and `icswatch verify`: comparing any two versions, and proving the archive intact."""

from __future__ import annotations

import click

from ..compare import compare_versions
from ..settings import Settings
from ..templating import render_template
from ..verify import verify_archive
from . import cli, example
from .lookup import open_existing, resolve_version
from .output import echo_json, fail


@cli.command("diff", epilog=example("icswatch diff v-3f2a9c1b7d4e v-8b1e0c2d9a77\n"
                                    "icswatch diff v-3f2a9c v-8b1e0c --format html > diff.html"))
@click.argument("version_a")
@click.argument("version_b")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text", show_default=True)
@click.pass_obj
def diff_command(settings: Settings, version_a: str, version_b: str, fmt: str) -> None:
    """Compare any two versions of one document: the passages that differ, judged as in the digest."""
    archive = open_existing(settings)
    try:
        with archive.session() as session:
            version_a = resolve_version(session, version_a, "VERSION_A")
            version_b = resolve_version(session, version_b, "VERSION_B")
        result = compare_versions(archive, version_a, version_b)
    finally:
        archive.close()
    if fmt == "json":
        echo_json(result)
    elif fmt == "html":
        click.echo(render_template("diff.html.j2", d=result), nl=False)
    else:
        _print_text(result)


def _print_text(result: dict) -> None:
    a, b = result["from"], result["to"]
    click.echo(f"{result['title']}  ({result['system_id']}, {result['doc_type']})")
    click.echo(f"from {a['version_id']}  {a['first_seen']}  {a['url']}")
    click.echo(f"to   {b['version_id']}  {b['first_seen']}  {b['url']}")
    if result["note"]:
        click.echo(f"note: {result['note']}")
    if not result["excerpts"]:
        click.echo("No difference in the text.")
    for e in result["excerpts"]:
        where = f"p. {e['page']}" if e["page"] else ""
        label = "RELEVANT" + (" WEAKENED" if e["weakened"] else "") if e["relevant"] else "not relevant"
        click.echo(f"\n[{label}] {where} {e['section'] or ''}".rstrip())
        click.echo(f"  - {e['before'] or '(nothing: added)'}")
        click.echo(f"  + {e['after'] or '(nothing: removed)'}")
        click.echo(f"    why: {'; '.join(e['reasons'])}")


@cli.command(epilog=example("icswatch verify\nicswatch --data-dir /srv/icswatch verify --json"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def verify(settings: Settings, as_json: bool) -> None:
    """Re-hash every stored blob against the database; report anything missing or corrupt (exit 1)."""
    archive = open_existing(settings)
    try:
        report = verify_archive(archive)
    finally:
        archive.close()
    if as_json:
        echo_json({"checked": report.checked, "ok": report.ok, "problems": report.problems}, ascii_only=True)
    else:
        for problem in report.problems:
            click.echo(f"{problem['state'].upper()} {problem['sha256']}: {'; '.join(problem['used_by'])}")
        bad = len(report.problems)
        click.echo(f"checked {report.checked} blobs: {report.checked - bad} ok, {bad} missing or corrupt")
    if not report.ok:
        fail()
