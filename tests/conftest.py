"""Shared fixtures. `replica_web` starts the replica ICS websites (tests/sites) for one test:

    web = replica_web("severn", state="v1")          # or replica_web("severn", "eastmarsh"), or replica_web()

It writes the sources YAML in the test's tmp_path and stops every server at teardown.
"""

from __future__ import annotations

import json
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


def _figures() -> list[tuple[str, dict]]:
    """(title, {set name: its figures}) of the labelled sets this process measured."""
    from tests.monitor.test_classification_cases import FIGURES as CLASSIFICATION
    from tests.monitor.test_relevance_cases import FIGURES
    from tests.monitor.test_scorecard_cases import FIGURES as SCORECARD

    return [("relevance rules on the labelled sets", FIGURES),
            ("classification rules on the labelled sets", CLASSIFICATION),
            ("scorecard rules on the labelled plans", SCORECARD)]


def pytest_configure(config) -> None:
    config.icswatch_figures = {}  # from xdist workers, when the suite runs in several (`make test`)


def pytest_sessionfinish(session) -> None:
    if hasattr(session.config, "workeroutput"):  # an xdist worker: hand its figures to the controller
        session.config.workeroutput["icswatch_figures"] = json.dumps(
            [(title, {name: str(f) for name, f in found.items()}) for title, found in _figures()])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    for title, found in json.loads(node.workeroutput.get("icswatch_figures", "[]")):
        node.config.icswatch_figures.setdefault(title, {}).update(found)


def pytest_terminal_summary(terminalreporter) -> None:
    """The labelled sets' figures in every run's summary, so they are seen without -s."""
    merged = {title: {name: str(f) for name, f in found.items()} for title, found in _figures()}
    for title, found in terminalreporter.config.icswatch_figures.items():
        merged.setdefault(title, {}).update(found)
    for title, found in merged.items():
        if found:
            terminalreporter.section(title)
            for name in sorted(found):
                terminalreporter.write_line(f"{name}: {found[name]}")
