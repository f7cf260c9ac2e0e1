"""`icswatch extract FILE [--json]`: the extraction path the crawler uses, for a maintainer checking one file.

Takes a PDF, DOCX or HTML file and prints its outcome and normalised paragraphs (page, section), or
the whole Text as JSON. Exits 0 when the text came out, 1 when extraction failed.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..extract import Limits, Text
from ..extract.guard import POOL
from . import cli, example
from .output import echo_json, fail


@cli.command("extract", epilog=example("icswatch extract jfp-2025.pdf\nicswatch extract --json --timeout 120 plan.docx > plan.json"))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@click.option("--content-type", default=None, help="The Content-Type the server sent, to explain mismatches.")
@click.option("--timeout", "timeout_s", type=float, default=Limits.timeout_s, show_default=True,
              help="Seconds before extraction is stopped.")
@click.option("--memory-mb", type=int, default=Limits.memory_mb, show_default=True,
              help="Memory limit per parsing process.")
@click.option("--workers", type=int, default=Limits.workers, show_default=True,
              help="Processes sharing a PDF's pages.")
@click.option("--ocr", is_flag=True, help="Read scanned PDFs with Tesseract, if it is installed.")
@click.option("--no-fast-path", is_flag=True, help="Read every PDF page with pdfminer.six.")
def extract(file: Path, as_json: bool, content_type: str | None, timeout_s: float, memory_mb: int,
            workers: int, ocr: bool, no_fast_path: bool) -> None:
    """Extract the text of one document as the crawler would, and show it."""
    limits = Limits(timeout_s=timeout_s, memory_mb=memory_mb, workers=workers, ocr=ocr,
                    fast_path=not no_fast_path)
    POOL.warm(limits.memory_mb)  # the first worker starts while this process imports the extraction code
    from ..extract import extract_text

    text = extract_text(file.read_bytes(), content_type=content_type, url=file.name, limits=limits)
    if as_json:
        echo_json(text.to_dict())
    else:
        _print(file, text)
    if not text.is_ok:
        fail()


def _print(file: Path, text: Text) -> None:
    pages = f", {text.page_count} pages" if text.page_count is not None else ""
    click.echo(f"{file}: {text.outcome}{': ' + text.detail if text.detail else ''}")
    click.echo(f"format: {text.format or 'unknown'}{pages}, {len(text.paragraphs)} paragraphs, "
               f"{text.elapsed_s:.2f} s")
    if text.is_ok:
        click.echo(f"title: {text.title or '-'}")
        click.echo(f"extractor: {text.extractor} {text.extractor_version}")
        click.echo(f"fingerprint: {text.fingerprint}")
    for note in text.notes:
        click.echo(f"note: {note}")
    for paragraph in text.paragraphs:
        where = f"p. {paragraph.page}" if paragraph.page is not None else "-"
        click.echo(f"\n[{where}{' ' + paragraph.kind if paragraph.kind != 'text' else ''}] {paragraph.text}")
