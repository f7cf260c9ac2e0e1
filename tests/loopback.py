"""A small web server on a loopback address for tests that need one outside the replica web (a server
reached through an internal name, a self-signed HTTPS site): fixed pages, a 404 for anything else, and
the paths it was asked for."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class LoopbackSite:
    port: int
    seen: list[str] = field(default_factory=list)  # the paths asked for, in order


@contextmanager
def loopback_site(address: str, pages: dict[str, tuple[bytes, str]],
                  tls: ssl.SSLContext | None = None) -> Iterator[LoopbackSite]:
    """Serve `pages` ({path: (body, content type)}) on `address`, port 0, over TLS when given a context."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            seen.append(self.path)
            body, kind = pages.get(self.path, (b"not found", "text/plain"))
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((address, 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield LoopbackSite(server.server_address[1], seen)
    finally:
        server.shutdown()
        server.server_close()
