"""The tool as a user installs it: a wheel built from the project, installed in a fresh venv outside the
checkout, running the demo's crawl, digest and send against the replica web and a real SMTP server.

No network: the wheel is built with the test environment's own setuptools (`--no-build-isolation`,
`--no-index`), and the fresh venv borrows the test environment's installed dependencies through a
`.pth` line instead of downloading them (`pip check` proves the wheel's requirements are met by them).
Only the wheel provides `monitor`, `store` and `crawler` there: the checkout is never on its path.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.monitor.conftest import Inbox, free_port
from tests.sites import ReplicaWeb

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "README.md", "monitor", "store", "crawler", "config", "templates"]


def run(*command, cwd: Path, env: dict | None = None, expect: int = 0) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == expect, f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(tmp: Path) -> Path:
    """The wheel, built from a copy of the project (so build/ and *.egg-info stay out of the checkout);
    the copy also holds a config/recipients.yaml with people's addresses, which must not be packaged."""
    setuptools_major = int(version("setuptools").split(".")[0])
    assert setuptools_major >= 77, "the wheel test needs setuptools>=77: pip install -e '.[test]' (make test does)"
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "recipients.yaml"))
        else:
            shutil.copy2(PROJECT / name, source / name)
    (source / "config" / "recipients.yaml").write_text("recipients:\n  - email: someone@real.example\n")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
        "-w", tmp / "dist", source, cwd=tmp)
    [wheel] = (tmp / "dist").glob("icswatch-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed and this environment's dependencies on its path."""
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).strip()
    # a .pth line adds these folders to sys.path without running their own .pth files, so the
    # editable install of the checkout in the test environment stays invisible
    installed = [p for p in sys.path if Path(p).name == "site-packages"] or site.getsitepackages()
    Path(purelib, "test-deps.pth").write_text("\n".join(installed) + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp)
    run(sys.executable, "-m", "pip", "--python", python, "check", cwd=tmp)
    return env_dir


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ICSWATCH_", "PYTHON"))}
    return env | extra


@pytest.fixture
def inbox():
    handler, port = Inbox(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def test_the_wheel_installed_outside_the_checkout_crawls_digests_and_sends(tmp_path, inbox):
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "monitor/_bundled/templates/digest.html.j2" in names
    assert "monitor/_bundled/config/relevance.yaml" in names
    assert {"monitor/_bundled/config/scorecard.yaml", "monitor/_bundled/templates/scorecard.html.j2"} <= set(names)
    assert not any(n.endswith("/recipients.yaml") for n in names), "people's addresses were packaged"

    env_dir = fresh_venv(tmp_path, wheel)
    home = tmp_path / "home"  # the user's working directory: no checkout, no config/ beside it
    home.mkdir()
    where = run(env_dir / "bin" / "python", "-c", "import monitor; print(monitor.__file__)", cwd=home)
    assert where.startswith(str(env_dir)), where

    handler, port = inbox
    icswatch = env_dir / "bin" / "icswatch"
    env = clean_env(ICSWATCH_SMTP_HOST="127.0.0.1", ICSWATCH_SMTP_PORT=str(port),
                    ICSWATCH_MAIL_FROM="ICS Watch <digest@icswatch.example>")
    run(icswatch, "init", "deployment", cwd=home, env=env)
    (home / "deployment" / "recipients.yaml").write_text("recipients:\n  - email: policy@charity.example\n")
    env["ICSWATCH_CONFIG"] = str(home / "deployment")
    with ReplicaWeb("severn", state="v1", workdir=tmp_path / "web") as web:
        common = ["--sources", web.sources_path, "--data-dir", home / "data"]
        run(icswatch, *common, "sources", "validate", cwd=home, env=env)
        run(icswatch, *common, "crawl", cwd=home, env=env)
        web.switch("v2")
        report = run(icswatch, *common, "crawl", cwd=home, env=env)
        assert "severn" in report
    digest = run(icswatch, *common, "digest", "--since", "1d", "--format", "text", cwd=home, env=env)
    assert "Severn" in digest and "Joint Forward Plan" in digest
    # send names whole UTC days; this period holds the crawls above even when they straddle midnight
    today = datetime.now(UTC).date()
    period = ["--since", str(today - timedelta(days=1)), "--until", str(today + timedelta(days=2))]
    run(icswatch, *common, "send", *period, cwd=home, env=env)
    [message] = handler.messages()
    assert message["To"] == "policy@charity.example"
    assert "Severn" in message.get_body(("plain",)).get_content()
