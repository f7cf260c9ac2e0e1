"""`icswatch digest` renders a period's digest (HTML, text or JSON); `icswatch send` emails it to each
recipient once, through the outbox."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from store.vocabulary import DeliveryStatus

from ..digest import digest_json, filter_digest
from ..recipients import load_recipients, recipients_path
from ..render import period_label, render_html, render_text
from ..sending import period_digest, send_period, system_ids
from ..settings import Settings
from . import cli, example, parse_period, whole_day_period
from .lookup import require_archive
from .output import echo_or_write, fail, to_json

_RECIPIENTS_HELP = "The recipients file. [env ICSWATCH_RECIPIENTS; default $ICSWATCH_CONFIG/recipients.yaml]"


@cli.command(epilog=example("icswatch digest --since 7d --format html --out digest.html\n"
                            "icswatch digest --since 2026-11-16 --until 2026-11-23 --format json"))
@click.option("--since", default="7d", show_default=True, help="ISO date or time, or a span: 7d, 12h, 2w.")
@click.option("--until", default=None, help="End of the period, not included (default: now).")
@click.option("--format", "fmt", type=click.Choice(["html", "text", "json"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, help="Write to FILE, not stdout.")
@click.option("--whole-days", is_flag=True, help="Round the period to whole UTC days, as `icswatch send` does.")
@click.option("--for", "for_email", default=None, metavar="EMAIL", help="The digest as this recipient gets it.")
@click.option("--recipients", "recipients_file", type=click.Path(dir_okay=False), default=None, help=_RECIPIENTS_HELP)
@click.pass_obj
def digest(settings: Settings, since: str, until: str | None, fmt: str, out: str | None, whole_days: bool,
           for_email: str | None, recipients_file: str | None) -> None:
    """Render the digest of a period: relevant changes grouped by region and system, new, removed and
    moved documents, other changes counted, sources that need attention.

    Links to archived copies use ICSWATCH_ARCHIVE_URL (the public address of the web archive) when it
    is set; otherwise the digest names the version to open with `icswatch show VERSION --raw`."""
    now = datetime.now(UTC)
    start, end = (whole_day_period if whole_days else parse_period)(since, until, now)
    require_archive(settings)
    archive, sources, found = period_digest(settings, start, end, now)
    archive.close()
    if for_email:
        recipients = load_recipients(recipients_path(recipients_file), system_ids(sources))
        match = [r for r in recipients if r.email.lower() == for_email.lower()]
        if not match:
            raise click.BadParameter(f"{for_email!r} is not in {recipients_path(recipients_file)}", param_hint="--for")
        found = filter_digest(found, match[0])
    rendered = {"html": render_html, "text": render_text,
                "json": lambda d: to_json(digest_json(d)) + "\n"}[fmt](found)
    echo_or_write(rendered, out, f"{period_label(start, end)}, {found.relevant_count} relevant changes")


@cli.command(epilog=example("icswatch send --since 7d --dry-run\nicswatch send --since 7d"))
@click.option("--since", default="7d", show_default=True, help="ISO date, or a span: 7d, 2w (rounded down to midnight UTC).")
@click.option("--until", default=None, help="End of the period, not included (default: today, midnight UTC).")
@click.option("--dry-run", is_flag=True, help="Show what would be sent; touch neither SMTP nor the outbox.")
@click.option("--recipients", "recipients_file", type=click.Path(dir_okay=False), default=None, help=_RECIPIENTS_HELP)
@click.pass_obj
def send(settings: Settings, since: str, until: str | None, dry_run: bool, recipients_file: str | None) -> None:
    """Email the digest of a period to each recipient, once.

    The period is whole UTC days, so every run on the same day names the same period: a digest already
    sent for it is never sent again, and one that failed (SMTP down, recipient refused) is retried.
    SMTP settings come from ICSWATCH_SMTP_HOST, ICSWATCH_SMTP_PORT, ICSWATCH_SMTP_SECURITY,
    ICSWATCH_SMTP_USER, ICSWATCH_SMTP_PASSWORD and ICSWATCH_MAIL_FROM. Exits 1 if any digest failed."""
    now = datetime.now(UTC)
    start, end = whole_day_period(since, until, now)
    require_archive(settings)  # a mistyped --data-dir must not mail everyone an empty digest
    report = send_period(settings, start, end, now, dry_run=dry_run, recipients_file=recipients_file)
    if not report.deliveries:
        click.echo(f"{recipients_path(recipients_file)}: no recipients; nothing to send", err=True)
        return
    click.echo(f"digest {period_label(start, end)} ({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC)"
               + (": dry run, nothing sent" if dry_run else ""))
    for d in report.deliveries:
        click.echo(f"  {d.status:<18} {d.recipient}  {d.relevant} relevant of {d.items} changes  \"{d.subject}\""
                   + (f"  attempt {d.attempts}: {d.error}" if d.error else ""))
        if dry_run:
            click.echo(f"    Message-ID {d.message_id}" + ("" if d.status == "already sent" else "; text part:"))
            if d.status != "already sent":
                click.echo("".join(f"    | {line}\n" for line in d.text.rstrip().splitlines()))
    if not report.ok:
        failed = sum(d.status == DeliveryStatus.FAILED for d in report.deliveries)
        refused = sum(d.status == DeliveryStatus.REFUSED for d in report.deliveries)
        if failed:
            click.echo(f"icswatch: {failed} of {len(report.deliveries)} digests not delivered; run `icswatch send` "
                       "again with the same period to retry them (the scheduler retries them by itself)", err=True)
        if refused:
            click.echo(f"icswatch: {refused} of {len(report.deliveries)} digests refused for good by the mail server "
                       "and not tried again; check those addresses in the recipients file", err=True)
        fail()
