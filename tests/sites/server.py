"""One HTTP server per replica host, on its own loopback address, and the log of what was asked.

`HostServer(key, ip, log)` serves the `routes.HostContent` it is given (`set_content`, swapped at once
on a state switch) from a `ThreadingHTTPServer` in a daemon thread. `stop()` closes the listening
socket and every open connection, so the host refuses connections ("down"); `start()` binds the same
port again. Every request becomes a `RequestRecord` in the shared `RequestLog`; nothing is written to
stderr.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from requests.structures import CaseInsensitiveDict

from .routes import HostContent, Reply, answer

POLL_INTERVAL_S = 0.05  # how fast a stopped server notices; a switch waits for it


@dataclass(frozen=True)
class RequestRecord:
    host: str  # host key, e.g. "severn-icp"
    method: str
    path: str  # path and query exactly as requested
    headers: CaseInsensitiveDict
    status: int
    body_bytes: int  # body bytes actually sent (0 for HEAD and 304)
    time_s: float  # time.time() when the request arrived

    @property
    def user_agent(self) -> str | None:
        return self.headers.get("User-Agent")

    @property
    def if_none_match(self) -> str | None:
        return self.headers.get("If-None-Match")

    @property
    def if_modified_since(self) -> str | None:
        return self.headers.get("If-Modified-Since")


class RequestLog:
    """Thread-safe list of records, oldest first."""

    def __init__(self) -> None:
        self._records: list[RequestRecord] = []
        self._lock = threading.Lock()

    def add(self, record: RequestRecord) -> int:
        with self._lock:
            self._records.append(record)
            return len(self._records) - 1

    def replace(self, index: int, record: RequestRecord) -> None:
        with self._lock:
            if index < len(self._records):
                self._records[index] = record

    def snapshot(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, a kept-alive client waits 40 ms each.
    disable_nagle_algorithm = True
    server: _HttpServer

    def version_string(self) -> str:
        return "Apache"  # what many ICS sites show; not Python's own banner

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the RequestLog is the record; tests stay quiet

    def _serve(self, send_body: bool) -> None:
        arrived_s = time.time()
        reply = answer(self.server.content, self.command, self.path, self.headers)
        if reply.delay_s:
            time.sleep(reply.delay_s)
        planned = (reply.length or 0) if send_body else 0
        record = RequestRecord(self.server.content.key, self.command, self.path,
                               CaseInsensitiveDict(self.headers.items()), reply.status, planned, arrived_s)
        # Logged before the body goes out, so a client that has the full answer sees the record.
        index = self.server.log.add(record)
        sent = self._send(reply, send_body)
        if sent != planned:
            self.server.log.replace(index, _with_bytes(record, sent))

    def _send(self, reply: Reply, send_body: bool) -> int:
        sent = 0
        try:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.length is not None:
                self.send_header("Content-Length", str(reply.length))
            self.end_headers()
            if send_body:
                for chunk in [reply.body] if isinstance(reply.body, bytes) else reply.body:
                    self.wfile.write(chunk)
                    sent += len(chunk)
        except OSError:
            self.close_connection = True  # the client went away mid-answer
        return sent


def _with_bytes(record: RequestRecord, body_bytes: int) -> RequestRecord:
    return RequestRecord(record.host, record.method, record.path, record.headers, record.status,
                         body_bytes, record.time_s)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], content: HostContent, log: RequestLog) -> None:
        self.content = content
        self.log = log
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the address's name; there is no DNS here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address) -> None:  # type: ignore[override]
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:  # type: ignore[override]
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        # Kept-alive connections would otherwise go on answering after the host is "down".
        with self.connections_lock:
            open_now = list(self.connections)
        for conn in open_now:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class HostServer:
    def __init__(self, key: str, ip: str, log: RequestLog) -> None:
        self.key = key
        self.ip = ip
        self.port = 0  # chosen by the OS at the first start, then kept
        self.log = log
        self.content: HostContent | None = None
        self._httpd: _HttpServer | None = None

    @property
    def address(self) -> str:
        return f"{self.ip}:{self.port}"

    @property
    def is_running(self) -> bool:
        return self._httpd is not None

    def set_content(self, content: HostContent) -> None:
        self.content = content
        if self._httpd is not None:
            self._httpd.content = content

    def start(self) -> None:
        if self._httpd is not None:
            return
        assert self.content is not None, "set_content before start"
        self._httpd = _HttpServer((self.ip, self.port), self.content, self.log)
        self.port = self._httpd.server_address[1]
        thread = threading.Thread(target=self._httpd.serve_forever, args=(POLL_INTERVAL_S,),
                                  name=f"replica-{self.key}", daemon=True)
        thread.start()

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        httpd.drop_connections()
