"""`icswatch extract FILE [--json]`: the same path as the crawler's, for a maintainer at a terminal."""

from __future__ import annotations

import json

from click.testing import CliRunner

from monitor.cli import cli
from tests.docgen import make_encrypted_pdf, make_pdf, plan_doc

DOC = plan_doc(sections=2, paragraphs=2, seed=41)


def run(*args: str):
    return CliRunner().invoke(cli, ["extract", *args], catch_exceptions=False)


def test_extract_prints_the_outcome_and_each_paragraph_with_its_page(tmp_path):
    path = tmp_path / "jfp 2025.pdf"
    path.write_bytes(make_pdf(DOC, columns=2, header="Example ICB"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"{path}: ok"
    assert f"[p. 1 heading] {DOC.title}" in result.output
    assert f"[p. 1] {DOC.paragraphs[0]}" in result.output
    assert "fingerprint: pdfminer.six/" in result.output


def test_extract_json_is_the_stored_form(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(DOC))
    result = run("--json", "--no-fast-path", str(path))
    data = json.loads(result.output)
    assert (result.exit_code, data["outcome"], data["format"]) == (0, "ok", "pdf")
    assert [p["text"] for p in data["paragraphs"] if p["kind"] == "text"] == DOC.paragraphs
    assert data["settings"]["fast_path"] is None


def test_extract_exits_1_with_the_reason_when_extraction_fails(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_encrypted_pdf(DOC))
    result = run(str(path))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{path}: encrypted: the PDF needs a password to open"
    html_as_pdf = tmp_path / "error.pdf"
    html_as_pdf.write_bytes(b"<html><title>Not found</title></html>")
    result = run("--content-type", "application/pdf", "--json", str(html_as_pdf))
    assert result.exit_code == 1 and json.loads(result.output)["outcome"] == "corrupt"


def test_extract_help_ends_with_an_example():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert result.output.rstrip().splitlines()[-1].strip().startswith("icswatch extract")
