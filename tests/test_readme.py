"""The README's console examples are run and their output compared, so they cannot drift (as
sqlite-utils tests its documentation).

Every `$ icswatch ...` line of a ```console block is run: `sources` commands on the project's own
config, the `broken.yaml` example on the file the README shows, and the archive commands on the
replica web (crawled in v1 first, then the commands run in v2, as `make demo` does). The output shown
under a command must match what it prints, after ids, addresses, times and hashes are normalised; a
line `...` stands for any number of lines left out.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from tests.sites import ReplicaWeb

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHIVE_COMMANDS = {"crawl", "history", "changes", "show", "search", "status", "diff", "scorecard"}
NORMALISE = [
    (re.compile(r"\b[rvd]-[0-9a-f]{6,12}\b"), "<id>"),
    (re.compile(r"127\.0\.0\.\d+:\d+"), "<host>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"), "<time> UTC"),
    (re.compile(r"completed in \d+\.\d s"), "completed in <s> s"),
    (re.compile(r"sha256 [0-9a-f]{12}"), "sha256 <hash>"),
]


def examples() -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) for every `$ icswatch` line in a console block."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            found.append((command, [line for line in shown if line.strip()]))
    return found


def shown_file(name: str) -> str:
    """The text of a ```yaml block whose first line is `# NAME`."""
    return next(b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if b.startswith(f"# {name}\n"))


def normalise(line: str) -> str:
    for pattern, replacement in NORMALISE:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def matches(shown: list[str], printed: list[str]) -> bool:
    """Every shown line, in order, with `...` standing for any number of printed lines."""
    if not shown:
        return not printed
    if shown[0].strip() == "...":
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    """The replica web crawled in v1 and moved on to v2: the state the README's crawl example shows."""
    workdir = tmp_path_factory.mktemp("readme")
    with ReplicaWeb(state="v1", workdir=workdir) as web:
        base = ["--data-dir", str(workdir / "data"), "--sources", str(web.sources_path)]
        assert CliRunner().invoke(cli, [*base, "crawl"]).exit_code == 0
        web.switch("v2")
        yield {"base": base, "crawled": False}  # the crawl in v2 is the README's own `icswatch crawl`


def run_example(command: str, replica, tmp_path, monkeypatch) -> list[str]:
    args = shlex.split(command)
    assert args[0] == "icswatch", command
    for name in ("ICSWATCH_CONFIG", "ICSWATCH_SOURCES", "ICSWATCH_DB", "ICSWATCH_RELEVANCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ICSWATCH_DATA", str(tmp_path / "data"))  # never the checkout's ./data
    if "broken.yaml" in args:
        (tmp_path / "broken.yaml").write_text(shown_file("broken.yaml"))
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(ROOT)  # files named as the README names them: config/ics_sources.yaml
    if ARCHIVE_COMMANDS & set(args[1:2]):
        if args[1] != "crawl" and not replica["crawled"]:  # an example run on its own (pytest -k)
            CliRunner().invoke(cli, [*replica["base"], "crawl"])
        replica["crawled"] = True
        args = [args[0], *replica["base"], *args[1:]]
    result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code in (0, 2, 3), result.output  # shown output, whatever the exit status
    return [normalise(line) for line in result.output.splitlines() if line.strip()]


def test_the_readme_has_console_examples():
    commands = [command for command, _ in examples()]
    assert len(commands) >= 5 and "icswatch crawl" in commands


@pytest.mark.parametrize("command,shown", examples(), ids=[c for c, _ in examples()])
def test_a_readme_console_example_prints_what_it_shows(command, shown, replica, tmp_path, monkeypatch):
    printed = run_example(command, replica, tmp_path, monkeypatch)
    expected = [normalise(line) for line in shown]
    assert matches(expected, printed), "\n".join(["README shows:", *expected, "", "it prints:", *printed])
