"""`icswatch sources validate|list|check`: the maintainers' view of `config/ics_sources.yaml`.

Takes the sources file named by the settings and prints problems (validate), a table or JSON (list),
or what each start URL answers right now (check).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

import click
from rich.table import Table

from store.db import DatabaseError, open_archive
from store.health import archived_systems

from ..check import check_source
from ..config import REGIONS, check_sources, display_name, load_sources
from ..config.problems import Problem, suggest
from ..settings import Settings
from . import cli, example
from .lookup import sqlite_file
from .output import EXIT_USAGE, echo_json, fail, table_console


@cli.group(epilog=example("icswatch sources validate\nicswatch sources list --status active"))
def sources() -> None:
    """Validate, list and check the ICS sources (for maintainers)."""


@sources.command(epilog=example("icswatch --sources my_sources.yaml sources validate"))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def validate(settings: Settings, strict: bool) -> None:
    """Check the sources file and report every problem as file:line: message."""
    loaded, problems = check_sources(settings.sources_path)
    name = display_name(settings.sources_path)
    if loaded is not None:
        problems += _dropped_systems(settings, loaded, name)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if loaded is not None:
        click.echo(f"{name}: {_summary(loaded.systems)}; "
                   f"{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    else:
        click.echo(f"{name}: invalid; {_count(errors, 'error')}, {_count(warnings, 'warning')}", err=True)
    if not errors and strict and warnings:
        which = [str(p) for p in problems if p.severity != "error"]
        click.echo(f"{name}: --strict: failing on {_count(warnings, 'warning')}, as errors:\n  "
                   + "\n  ".join(which), err=True)
    if errors or (strict and warnings):
        fail(EXIT_USAGE)


def _dropped_systems(settings: Settings, loaded, name: str) -> list[Problem]:
    """A system that has an archive but is no longer in the file: its history would lose its name and
    region. Only when the archive the settings point to exists (validate never creates one)."""
    path = sqlite_file(settings.db_url)
    if path is not None and not path.is_file():
        return []
    try:
        archive = open_archive(settings.db_url, settings.data_dir)
    except (DatabaseError, OSError):
        return []  # no archive reachable from here: nothing to compare with
    try:
        with archive.session() as session:
            archived = archived_systems(session)
    finally:
        archive.close()
    listed = {s.id for s in loaded.systems}
    return [Problem(name, 1, f"system {system_id!r} has {_count(count, 'archived document')} but is no longer in this "
                             "file: keep its entry, with status merged or abolished and valid_to, so its history "
                             "keeps its name and region" + suggest(system_id, listed), "warning")
            for system_id, count in sorted(archived.items()) if system_id not in listed]


def _summary(systems) -> str:
    """'48 systems (36 active, 9 merged, 3 abolished; 42 since 2022-07-01, 6 since 2026-04-01)'."""
    by_status = Counter(s.status for s in systems)
    statuses = ", ".join(f"{by_status[k]} {k}" for k in ("active", "merged", "abolished") if by_status[k])
    by_start = Counter(str(s.valid_from) for s in systems if s.valid_from)
    starts = ", ".join(f"{n} since {day}" for day, n in sorted(by_start.items()))
    details = "; ".join(part for part in (statuses, starts) if part)
    return _count(len(systems), "system") + (f" ({details})" if details else "")


def _count(n: int, noun: str) -> str:
    """'1 system', '2 systems', '0 systems'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


@sources.command("list", epilog=example("icswatch sources list --region London\nicswatch sources list --json"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--status", type=click.Choice(["active", "merged", "abolished", "all"]), default="all",
              show_default=True, help="Only systems with this status.")
@click.option("--region", type=click.Choice(REGIONS, case_sensitive=False), default=None,
              help="Only systems in this NHS region.")
@click.pass_obj
def list_sources(settings: Settings, as_json: bool, status: str, region: str | None) -> None:
    """List the systems watched: id, name, region, status, hosts and whether every URL is verified."""
    loaded = load_sources(settings.sources_path)
    chosen = [s for s in loaded.systems
              if (status == "all" or s.status == status) and (not region or s.region == region)]
    if as_json:
        rows = [s.model_dump(mode="json", exclude_none=True) | {"hosts": s.hosts, "verified": s.is_verified}
                for s in chosen]
        echo_json(rows, ascii_only=True)
        return
    table = Table(title=f"ICS sources: {_summary(chosen)}", title_justify="left")
    for column in ("id", "name", "region", "status", "hosts", "verified"):
        table.add_column(column, overflow="fold")
    for s in chosen:
        status_text = s.status if s.is_active else f"{s.status} {s.valid_to} -> {', '.join(s.successors) or '-'}"
        table.add_row(s.id, s.name, s.region, status_text, "\n".join(s.hosts), "yes" if s.is_verified else "NO")
    table_console(piped_width=200).print(table)


@sources.command(epilog=example("icswatch sources check west-yorkshire\nicswatch sources check --all"))
@click.argument("system_ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "check_all", is_flag=True, help="Check every active system (slow: it is polite).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@click.pass_obj
def check(settings: Settings, system_ids: tuple[str, ...], check_all: bool, as_json: bool) -> None:
    """Fetch robots.txt and the start URLs of systems now, and say what a maintainer should fix.

    Exits 1 when any URL failed."""
    loaded = load_sources(settings.sources_path)
    if not system_ids and not check_all:
        raise click.UsageError("name at least one system id, or --all")
    known = {s.id: s for s in loaded.systems}
    unknown = [i for i in system_ids if i not in known]
    if unknown:
        hint = suggest(unknown[0], known)
        raise click.UsageError(f"unknown system {unknown[0]!r}{hint}; see `icswatch sources list`")
    chosen = [known[i] for i in system_ids] if system_ids else [s for s in loaded.systems if s.is_active]
    failed = 0
    report = []
    for source in chosen:
        results = check_source(source, loaded.crawl)
        failed += sum(not r.ok for r in results)
        report.append({"system_id": source.id, "urls": [asdict(r) for r in results]})
        if not as_json:
            click.echo(f"{source.id}: {sum(r.ok for r in results)}/{len(results)} ok")
            for r in results:
                status = r.status if r.status is not None else "-"
                click.echo(f"  {'ok  ' if r.ok else 'FAIL'} {status} {r.url}  {'' if r.verdict == 'ok' else r.verdict}")
    if as_json:
        echo_json(report, ascii_only=True)
    if failed:
        fail()
