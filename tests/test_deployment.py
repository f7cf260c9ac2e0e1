"""The deployment files, checked with what runs here (no Docker engine on these machines)."""

import tomllib
from pathlib import Path

import yaml
from click.testing import CliRunner

from monitor.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_compose_builds_the_image_and_wires_postgres():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app = compose["services"]["icswatch"]
    assert app["build"] == "." and (ROOT / "Dockerfile").is_file()
    assert app["environment"]["ICSWATCH_DB"].startswith("postgresql+psycopg://")
    assert "@postgres:5432/" in app["environment"]["ICSWATCH_DB"]
    assert "postgres" in compose["services"] and app["depends_on"]["postgres"]["condition"] == "service_healthy"
    for volume in app["volumes"]:
        source = volume.split(":")[0]
        assert source in compose["volumes"] or (ROOT / source).exists(), source


def test_compose_runs_the_scheduler_with_mailpit_catching_the_mail():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"icswatch", "postgres", "mailpit"} <= set(services)
    app = services["icswatch"]
    assert CliRunner().invoke(cli, [*app["command"], "--help"]).exit_code == 0
    assert app["command"] == ["schedule"]
    env = app["environment"]
    assert env["ICSWATCH_SMTP_HOST"].endswith("mailpit}") and env["ICSWATCH_SMTP_PORT"].endswith("1025}")
    assert env["ICSWATCH_MAIL_FROM"] and env["ICSWATCH_DATA"] == "/data"
    # the mounted ./config is what is read (relevance.yaml included): an edit needs no rebuild
    assert env["ICSWATCH_CONFIG"] == "/config" and "ICSWATCH_SOURCES" not in env
    assert "icswatch-data:/data" in app["volumes"] and "./config:/config:ro" in app["volumes"]
    # Mailpit's web UI shows every digest: published on this machine's loopback only
    assert services["mailpit"]["image"].startswith("axllent/mailpit")
    assert services["mailpit"]["ports"] == ["127.0.0.1:8025:8025"]
    assert app["depends_on"]["mailpit"]["condition"] == "service_started"


def test_compose_runs_the_web_archive_beside_the_scheduler_on_loopback():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    web, scheduler = services["web"], services["icswatch"]
    assert web["image"] == scheduler["image"] and web["command"][0] == "serve"
    assert CliRunner().invoke(cli, [*web["command"], "--help"]).exit_code == 0
    assert web["environment"]["ICSWATCH_DB"] == scheduler["environment"]["ICSWATCH_DB"]  # the same archive
    assert "icswatch-data:/data" in web["volumes"] and web["environment"]["ICSWATCH_DATA"] == "/data"
    assert web["ports"] == ["127.0.0.1:8000:8000"]  # published on this machine's loopback only
    assert web["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_dockerfile_copies_what_exists_and_runs_a_real_command():
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    for line in lines:
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), f"Dockerfile copies missing {source}"
    install = next(line for line in " ".join(lines).split("RUN ") if "pip install" in line)
    assert install.index("gcc") < install.index("pip install"), "the image must compile the PDF fast path"
    cmd = next(line for line in lines if line.startswith("CMD "))
    args = yaml.safe_load(cmd.removeprefix("CMD "))
    assert CliRunner().invoke(cli, [*args, "--help"]).exit_code == 0


def test_every_package_with_code_is_in_the_wheel():
    """pyproject.toml lists its packages (so templates/ and config/ can ship inside `monitor`): a new
    folder of code must be listed too, or the installed tool cannot import it."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    with_code = {".".join(p.parent.relative_to(ROOT).parts) for top in ("monitor", "store", "crawler")
                 for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts}
    assert with_code <= listed, sorted(with_code - listed)


def test_the_image_never_holds_peoples_addresses_and_reads_the_mounted_config():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {"config/recipients.yaml", ".env", "data", ".venv", ".git"} <= ignored
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "ICSWATCH_CONFIG=/config" in dockerfile
    assert "COPY config /config" not in dockerfile  # a build-time copy would shadow the mounted one
    assert "pip install --no-cache-dir '.[postgres]'" in dockerfile  # a real install, not -e in place


def test_ci_runs_the_readmes_test_command_with_its_own_database_role():
    script = (ROOT / ".ci" / "run").read_text()
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.startswith((" ", "#"))]
    assert "make test" in commands and "make test" in (ROOT / "README.md").read_text()
    assert "apt-get install" in script and "pg_ctlcluster" in script  # it installs and starts PostgreSQL
    assert "ALTER USER" not in script and "ALTER ROLE" not in script  # never resets an existing role
    assert "ICSWATCH_TEST_PG_URL=\"postgresql+psycopg://icswatch_ci:" in script


def test_the_demo_ends_with_the_exact_commands_to_explore_its_archive():
    from tests.sites.demo import explore_commands

    text = explore_commands(Path("data/demo"), "v-3f2a9c1b7d4e")
    assert "source .venv/bin/activate" in text
    assert "icswatch --data-dir data/demo --sources data/demo/replica_sources.yaml history severn" in text
    assert "show v-3f2a9c1b7d4e --text" in text
