"""The replica web: small fictional ICS websites served on loopback, in several states over time, so
tests crawl realistic sites without touching the internet.

    with ReplicaWeb(["severn", "eastmarsh"], state="v1", workdir=tmp_path) as web:   # no list: all systems
        web.sources_path                       # sources YAML for monitor.config.load_sources (alias: web.sources)
        web.url("severn", "/publications")     # system id (its ICB host) or host key ("severn-icp")
        web.hosts                              # {"severn": "127.0.0.11:PORT", ...}
        web.switch("v2"); web.states; web.state
        web.expected()                         # [ExpectedDocument] reachable now by a polite crawler
        web.changes("v1", "v2")                # [dict] intended changes between consecutive states
        web.outages()                          # [dict] hosts refused, unavailable or with robots.txt 503
        web.requests; web.clear_requests()     # [RequestRecord], oldest first

In tests use the `replica_web` fixture (tests/conftest.py). What each state contains is in the system
folders (`severn/`, `eastmarsh/`, `northfell/`); the fault paths every host serves are in `faults.py`.
"""

from .server import RequestRecord
from .truth import ExpectedDocument
from .web import ReplicaWeb

__all__ = ["ExpectedDocument", "ReplicaWeb", "RequestRecord"]
