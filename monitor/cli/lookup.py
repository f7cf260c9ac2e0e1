"""What the read-only commands look up before they read: the archive itself, a system id, a version id.

Takes the settings and what the user typed; returns the archive, or the version's full id, or ends the
command with exit 2 and a message saying what was wrong and what to type instead. A read-only command
never creates an archive (a mistyped --data-dir would otherwise report "nothing" with exit 0), an
unknown system id is named with the closest known one, and a version id that is too short, matches
several versions, or is a document's id (`d-...`) says so.
"""

from __future__ import annotations

from pathlib import Path

import click

from store.db import Archive, open_archive
from store.queries import document_version_ids, find_version, system_history, version_ids_starting

from ..config import display_name, load_sources
from ..config.problems import suggest
from ..errors import ConfigError
from ..settings import Settings

MIN_PREFIX = 6  # as store.queries.find_version: a shorter id must be given whole


def sqlite_file(db_url: str) -> Path | None:
    """The database file of a SQLite URL; None for an in-memory database or another server."""
    if not db_url.startswith("sqlite"):
        return None
    path = db_url.split(":///", 1)[-1]
    return Path(path) if path and path != ":memory:" else None


def require_archive(settings: Settings) -> None:
    """Stop with exit 2 when there is no archive where the settings point (SQLite: no database file).
    A PostgreSQL URL names a database that must exist already, so the server says when it does not."""
    path = sqlite_file(settings.db_url)
    if path is not None and not path.is_file():
        raise click.UsageError(
            f"no archive in {display_name(settings.data_dir)} (there is no {path.name} there). Check --data-dir "
            f"or ICSWATCH_DATA (or --db, ICSWATCH_DB), or run `icswatch crawl` to start an archive there.")


def open_existing(settings: Settings) -> Archive:
    """The archive, which must exist already: read-only commands never create one."""
    require_archive(settings)
    return open_archive(settings.db_url, settings.data_dir)


def known_system_ids(settings: Settings) -> set[str] | None:
    """The system ids of the sources file; None when it cannot be read (then ids are not checked here)."""
    try:
        return {s.id for s in load_sources(settings.sources_path).systems}
    except ConfigError:
        return None


def check_system(settings: Settings, system_id: str | None, param_hint: str = "--system",
                 archive: Archive | None = None) -> None:
    """Stop with exit 2 when `system_id` is neither a system of the sources file nor archived."""
    known = known_system_ids(settings) if system_id else None
    if known is not None and system_id not in known:
        if archive is not None:
            with archive.session() as session:
                if system_history(session, system_id):
                    return  # archived under another sources file (the demo's replica, say)
        raise click.BadParameter(f"unknown system {system_id!r}{suggest(system_id, known)}; "
                                 f"see `icswatch sources list` for the ids", param_hint=param_hint)


def resolve_version(session, given: str, param_hint: str = "VERSION") -> str:
    """The full id of the version the user means; exit 2 with what to type instead when it is unclear.
    An id that names nothing is returned as given, for the command to say "no version"."""
    if given.startswith("d-"):
        versions = document_version_ids(session, given)
        which = (f"its versions, oldest first: {', '.join(versions)}" if versions
                 else "see `icswatch history SYSTEM` for version ids")
        raise click.BadParameter(f"{given!r} is a document id; give a version id (v-...) instead: {which}",
                                 param_hint=param_hint)
    found = find_version(session, given)
    if found is not None:
        return found.id
    if len(given) < MIN_PREFIX:
        raise click.BadParameter(f"{given!r} is too short to find a version by: give at least {MIN_PREFIX} "
                                 f"characters of its id (as in v-3f2a9c)", param_hint=param_hint)
    matches = version_ids_starting(session, given)
    if len(matches) > 1:
        more = ", ..." if len(matches) == 5 else ""
        raise click.BadParameter(f"{given!r} matches several versions ({', '.join(matches)}{more}); "
                                 "give more of the id", param_hint=param_hint)
    return given
