"""`ReplicaWeb`: the replica ICS websites served on loopback, switchable between states.

    with ReplicaWeb(["severn", "eastmarsh"], state="v1", workdir=tmp_path) as web:
        web.url("severn", "/publications")   # http://127.0.0.11:PORT/publications
        web.switch("v2")

Takes system ids (default: all), a starting state and a directory for the generated sources YAML.
Every host gets its own address 127.0.0.x and an ephemeral port kept for the web's life (a host that
is "down" closes its socket and binds the same port again when it comes back). Returns, per state,
what is served, the truth (`expected`, `changes`, `outages`) and the log of requests.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from . import eastmarsh, kestrel, marsden, northfell, severn, wyvern
from .model import STATE_DATES, HostState, Resource, SystemSpec, host_token, quote_path
from .routes import HostContent
from .server import HostServer, RequestLog, RequestRecord
from .truth import ExpectedDocument, change_dict, expected_documents, outage_dicts, write_sources

DEFAULT_SYSTEMS = ("severn", "eastmarsh", "northfell")  # what `ReplicaWeb()` serves; others are started by name
SYSTEMS: dict[str, SystemSpec] = {spec.id: spec for spec in (severn.SPEC, eastmarsh.SPEC, northfell.SPEC,
                                                             wyvern.SPEC, marsden.SPEC, kestrel.SPEC)}
# Fixed per host so a failing test's log reads the same every run; Linux routes all of 127/8 to lo.
HOST_IPS = {"severn": "127.0.0.11", "severn-icp": "127.0.0.12", "eastmarsh": "127.0.0.13",
            "northfell": "127.0.0.14", "northfell-docs": "127.0.0.15", "wyvern": "127.0.0.16",
            "wyvern-icp": "127.0.0.17", "kestrel": "127.0.0.20", "kestrel-icp": "127.0.0.21",
            "marsden": "127.0.0.30"}
SOURCES_NAME = "replica_sources.yaml"


class ReplicaWeb:
    def __init__(self, systems: str | list[str] | tuple[str, ...] | None = None, state: str = "v1",
                 workdir: str | Path | None = None) -> None:
        ids = [systems] if isinstance(systems, str) else list(systems or DEFAULT_SYSTEMS)
        unknown = [i for i in ids if i not in SYSTEMS]
        if unknown:
            raise ValueError(f"unknown replica systems {unknown}; known: {sorted(SYSTEMS)}")
        self.specs = [SYSTEMS[i] for i in dict.fromkeys(ids)]
        own = {spec.states for spec in self.specs}
        if len(own) > 1:
            raise ValueError(f"replica systems {ids} have different states ({sorted(own)}); start them apart")
        self.states = list(own.pop())
        self.dates = {**STATE_DATES, **{k: v for spec in self.specs for k, v in spec.state_dates.items()}}
        self.state = self._checked(state)
        self._log = RequestLog()
        self._servers = {h: HostServer(h, HOST_IPS[h], self._log) for s in self.specs for h in s.hosts}
        self._contents: dict[str, dict[str, tuple[HostState, dict[str, datetime]]]] = {}
        self._workdir = Path(workdir) if workdir is not None else None
        self._own_workdir = False
        self.sources_path: Path | None = None

    # -- life cycle ------------------------------------------------------------------------------
    def __enter__(self) -> ReplicaWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> ReplicaWeb:
        empty = HostContent("", HostState(), {}, self.dates[self.state])
        for server in self._servers.values():  # bind first: pages link to other hosts by port
            server.set_content(empty)
            server.start()
        self._contents = {}
        for state in self.states:  # in order: each state's Last-Modified looks at the one before
            self._contents[state] = self._resolve(state)
        if self._workdir is None:
            self._workdir, self._own_workdir = Path(tempfile.mkdtemp(prefix="replica-web-")), True
        self.sources_path = write_sources(self._workdir / SOURCES_NAME, self.specs, self._url_of)
        self.switch(self.state)
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        if self._own_workdir and self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def switch(self, state: str) -> None:
        """Move every site to `state` at once; hosts down in it refuse connections."""
        self._checked(state)
        for host, server in self._servers.items():
            host_state, modified = self._contents[state][host]
            server.set_content(HostContent(host, host_state, modified, self.dates[state]))
            if host_state.mode == "down":
                server.stop()
            else:
                server.start()
        self.state = state

    # -- addresses -------------------------------------------------------------------------------
    @property
    def sources(self) -> Path | None:
        """Alias of `sources_path` (the name STYLE.md uses)."""
        return self.sources_path

    @property
    def hosts(self) -> dict[str, str]:
        return {host: server.address for host, server in self._servers.items()}

    def url(self, system_or_host: str, path: str = "/") -> str:
        """Absolute URL of `path` on a host key, or on a system's main (ICB) host."""
        if system_or_host not in self._servers:
            raise ValueError(f"unknown replica host {system_or_host!r}; hosts: {sorted(self._servers)}")
        return self._url_of(system_or_host, path)

    def _url_of(self, host: str, path: str) -> str:
        path = path if path.startswith("/") else "/" + path
        return f"http://{self._servers[host].address}{quote_path(path)}"

    # -- truth -----------------------------------------------------------------------------------
    def expected(self) -> list[ExpectedDocument]:
        """Every document a polite crawler reaches from the start URLs in the current state."""
        return [d for s in self.specs for d in expected_documents(s, s.build(self.state), self._url_of)]

    def changes(self, before: str, after: str) -> list[dict]:
        """The intended changes from state `before` to the next state `after` (see truth.change_dict)."""
        i, j = self.states.index(self._checked(before)), self.states.index(self._checked(after))
        if i == j:
            return []
        if j != i + 1:
            steps = ", ".join(f"{a}->{b}" for a, b in zip(self.states, self.states[1:], strict=False))
            raise ValueError(f"changes are described between consecutive states only: {steps}")
        return [change_dict(s, c, self._url_of) for s in self.specs for c in s.build(after).changes]

    def outages(self) -> list[dict]:
        """Hosts a crawler cannot use in the current state: refused, unavailable (503) or robots_503."""
        return [o for s in self.specs for o in outage_dicts(s, s.build(self.state), self._url_of)]

    # -- request log -----------------------------------------------------------------------------
    @property
    def requests(self) -> list[RequestRecord]:
        return self._log.snapshot()

    def clear_requests(self) -> None:
        self._log.clear()

    # -- internals -------------------------------------------------------------------------------
    def _checked(self, state: str) -> str:
        if state not in self.states:
            raise ValueError(f"unknown state {state!r}; states: {', '.join(self.states)}")
        return state

    def _resolve(self, state: str) -> dict[str, tuple[HostState, dict[str, datetime]]]:
        """Each host's content in `state`, host tokens replaced, with Last-Modified per path."""
        tokens = {host_token(h).encode(): s.address.encode() for h, s in self._servers.items()}
        resolved = {}
        for spec in self.specs:
            for host, host_state in spec.build(state).hosts.items():
                resources = {p: _with_hosts(r, tokens) for p, r in host_state.resources.items()}
                resolved[host] = (HostState(resources, host_state.routes, host_state.mode),
                                  self._modified(host, state, resources))
        return resolved

    def _modified(self, host: str, state: str, resources: dict[str, Resource]) -> dict[str, datetime]:
        # Content unchanged since the previous state keeps that state's date: only new bytes move it.
        earlier = self.states[: self.states.index(state)]
        previous = self._contents[earlier[-1]][host] if earlier else None
        modified = {}
        for path, resource in resources.items():
            same = previous is not None and previous[0].resources.get(path) == resource
            modified[path] = previous[1][path] if same else self.dates[state]
        return modified


def _with_hosts(resource: Resource, tokens: dict[bytes, bytes]) -> Resource:
    if not resource.content_type.startswith("text/") or b"@@host:" not in resource.body:
        return resource
    body = resource.body
    for token, address in tokens.items():
        body = body.replace(token, address)
    return Resource(body, resource.content_type, resource.status, resource.headers)
