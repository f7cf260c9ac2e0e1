"""HTTPS certificates are verified, in the crawl and in `sources check`: a self-signed site's "plan" is
not archived, the failure says it is the certificate (not robots.txt), and a source can opt out only with
a reason, which is warned on every run."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl

import pytest
import yaml
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from monitor.check import check_source
from monitor.cli import cli
from monitor.config import load_sources
from tests.docgen import make_pdf, plan_doc
from tests.loopback import loopback_site

ADDRESS = "127.0.0.60"  # a loopback address of its own, opted in below


def self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Replica ICB (self-signed)")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ADDRESS))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


PDF = make_pdf(plan_doc(sections=2, paragraphs=2, title="Joint Forward Plan 2025 to 2030"))
PAGES = {"/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain"),
         "/plans": (b"<html><body><main><h1>Our plans</h1><ul><li><a href='/jfp.pdf'>Joint Forward Plan "
                    b"2025 to 2030 (PDF)</a></li></ul></main></body></html>", "text/html"),
         "/jfp.pdf": (PDF, "application/pdf")}


@pytest.fixture
def https_site(tmp_path):
    cert, key = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with loopback_site(ADDRESS, PAGES, tls=context) as site:
        yield f"https://{ADDRESS}:{site.port}", site


def sources_for(tmp_path, site: str, **system) -> str:
    data = {"crawl": {"download_delay_s": 0, "request_timeout_s": 10, "allow_private_addresses": [ADDRESS]},
            "systems": [{"id": "selfsigned", "name": "Self Signed", "region": "London",
                         "icb": {"name": "NHS Self Signed ICB", "website": f"{site}/"},
                         "start_urls": [f"{site}/plans"], **system}]}
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(data))
    return str(path)


def test_a_self_signed_site_is_not_archived_and_the_certificate_is_named(https_site, crawl, tmp_path):
    url, site = https_site
    report = crawl(sources_for(tmp_path, url))
    [system] = report.systems
    assert crawl.documents() == []
    assert site.seen == []  # the handshake failed: not even robots.txt was asked for
    assert system.failures and all(f["error"].startswith("TLS error: the site's certificate is not trusted")
                                   for f in system.failures), system.failures


def test_a_source_can_opt_out_only_with_a_reason_and_is_warned_on_every_run(https_site, crawl, tmp_path, capfd):
    url, _ = https_site
    no_reason = sources_for(tmp_path, url, tls_verify=False)
    result = CliRunner().invoke(cli, ["--sources", no_reason, "sources", "validate"])
    assert result.exit_code == 2 and "tls_verify: false needs tls_reason" in result.output

    reason = "self-signed on the partnership's staging host; reported to the web team on 2026-11-30"
    sources = sources_for(tmp_path, url, tls_verify=False, tls_reason=reason)
    result = CliRunner().invoke(cli, ["--sources", sources, "sources", "validate"])
    assert result.exit_code == 0 and f"warning: system 'selfsigned': HTTPS certificates are not verified ({reason})" \
        in " ".join(result.output.split())
    for _ in range(2):
        report = crawl(sources)
        assert f"selfsigned: HTTPS certificates are NOT verified for this system ({reason})" in capfd.readouterr().err
    assert [d.doc_type for d in crawl.documents()] == ["joint_forward_plan"]
    assert report.systems[0].ok


def test_sources_check_names_the_certificate_not_robots_txt(https_site, tmp_path):
    url, _ = https_site
    sources = load_sources(sources_for(tmp_path, url))
    [result] = check_source(sources.get("selfsigned"), sources.crawl, timeout_s=5)
    assert not result.ok and result.verdict.startswith("TLS error: the site's certificate is not trusted"), result.verdict
    assert "robots" not in result.verdict
