"""Build a period's digest and send it to every recipient: the one path `icswatch send` and the
scheduler share.

Takes the settings, a period (start, end) and `now`, and returns a `SendReport` (no deliveries when the
recipients file lists nobody). SMTP settings and the recipients file come from the environment
(`ICSWATCH_SMTP_*`, `ICSWATCH_MAIL_FROM`, `ICSWATCH_RECIPIENTS`) unless given.
"""

from __future__ import annotations

import os
from datetime import datetime

from store.db import open_archive

from .config import DeliverySettings, check_sources
from .digest import ENV_ARCHIVE_URL, build_digest
from .mail import smtp_settings
from .outbox import SendReport, send_digests
from .recipients import load_recipients, recipients_path
from .settings import Settings


def period_digest(settings: Settings, start: datetime, end: datetime, now: datetime):
    """(archive, sources, digest) for the period; the caller closes the archive."""
    sources, _ = check_sources(settings.sources_path)  # names only: a broken config must not hide changes
    archive = open_archive(settings.db_url, settings.data_dir)
    digest = build_digest(archive, sources, start, end, now, archive_url=os.environ.get(ENV_ARCHIVE_URL) or None)
    return archive, sources, digest


def system_ids(sources) -> set[str] | None:
    return {s.id for s in sources.systems} if sources else None


def send_period(settings: Settings, start: datetime, end: datetime, now: datetime, dry_run: bool = False,
                recipients_file: str | None = None, environ: dict[str, str] | None = None,
                only: set[str] | None = None) -> SendReport:
    """Send the digest of [start, end) once to each recipient (see `outbox.send_digests`), or to those of
    them in `only` (the scheduler's retries). Size cap and refusal limit: `delivery:` in the sources file."""
    env = dict(os.environ if environ is None else environ)
    smtp = None if dry_run else smtp_settings(env)  # a config error before any work
    archive, sources, digest = period_digest(settings, start, end, now)
    delivery = sources.delivery if sources else DeliverySettings()
    try:
        recipients = load_recipients(recipients_path(recipients_file, env), system_ids(sources))
        if only is not None:
            recipients = [r for r in recipients if r.email in only]
        if not recipients:
            return SendReport(start, end)
        return send_digests(archive, digest, recipients, now, smtp, dry_run=dry_run,
                            mail_from=env.get("ICSWATCH_MAIL_FROM"), max_refusals=delivery.max_refusals,
                            max_items=delivery.max_items)
    finally:
        archive.close()

