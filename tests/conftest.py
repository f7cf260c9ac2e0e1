"""Shared fixtures. `replica_web` starts the replica ICS websites (tests/sites) for one test:

    web = replica_web("severn", state="v1")          # or replica_web("severn", "eastmarsh"), or replica_web()

It writes the sources YAML in the test's tmp_path and stops every server at teardown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sites import ReplicaWeb


@pytest.fixture
def replica_web(tmp_path: Path) -> Iterator[Callable[..., ReplicaWeb]]:
    started: list[ReplicaWeb] = []

    def start(*systems: str | list[str] | tuple[str, ...], state: str = "v1") -> ReplicaWeb:
        ids = [s for item in systems for s in ([item] if isinstance(item, str) else item)]
        # A second web in the same test gets its own folder, so the sources files do not collide.
        workdir = tmp_path if not started else tmp_path / f"replica-web-{len(started) + 1}"
        web = ReplicaWeb(ids or None, state=state, workdir=workdir)
        started.append(web)
        return web.start()

    yield start
    for web in started:
        web.stop()


pytest_plugins = ["tests.archive_db"]


def pytest_terminal_summary(terminalreporter) -> None:
    """The labelled sets' figures in every run's summary, so they are seen without -s."""
    from tests.monitor.test_classification_cases import FIGURES as CLASSIFICATION
    from tests.monitor.test_relevance_cases import FIGURES
    from tests.monitor.test_scorecard_cases import FIGURES as SCORECARD

    for title, found in (("relevance rules on the labelled sets", FIGURES),
                         ("classification rules on the labelled sets", CLASSIFICATION),
                         ("scorecard rules on the labelled plans", SCORECARD)):
        if found:
            terminalreporter.section(title)
            for name, figures in found.items():
                terminalreporter.write_line(f"{name}: {figures}")
