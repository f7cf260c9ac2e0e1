"""`icswatch serve`: the archive in a browser (and as a JSON API and an Atom feed), read-only, with uvicorn.
Binds to 127.0.0.1 unless told otherwise; says which address to give ICSWATCH_ARCHIVE_URL so that the
digest links to these pages."""

from __future__ import annotations

import os

import click

from ..digest import ENV_ARCHIVE_URL
from ..settings import Settings
from . import cli, example
from .lookup import open_existing


@cli.command("serve", epilog=example("icswatch serve\nicswatch serve --host 0.0.0.0 --port 8080   "
                                     "# behind a proxy, on a trusted network"))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default is this machine only; give 0.0.0.0 to listen on every "
                   "interface (put a proxy with TLS in front).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Browse the archive: coverage of every system, documents and their versions, comparisons, changes,
    search; a JSON API (/openapi.json) and an Atom feed (/feed.atom). Never writes to the archive."""
    import uvicorn

    from ..web import Site, create_app

    archive = open_existing(settings)
    app = create_app(Site.open(settings, archive))
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'localhost' if host in ('127.0.0.1', '::1') else shown}:{port}"
    public = os.environ.get(ENV_ARCHIVE_URL)
    click.echo(f"ICS Watch archive on {address} (Ctrl+C stops it)", err=True)
    if public:
        click.echo(f"The digest links to {public} ({ENV_ARCHIVE_URL}).", err=True)
    else:
        click.echo(f"For links from the digest, set {ENV_ARCHIVE_URL} to the address readers use "
                   f"(here: {address}).", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                    timeout_keep_alive=5, limit_concurrency=200)
    finally:
        archive.close()
