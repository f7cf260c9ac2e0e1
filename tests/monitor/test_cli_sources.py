"""`icswatch sources validate|list` as a maintainer uses them, and the promises every command keeps."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from monitor.cli import cli

from .test_config import GOOD


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env or {}, catch_exceptions=False)


def test_validate_the_real_config_exits_0_and_summarises():
    result = run("sources", "validate")
    assert result.exit_code == 0, result.output
    assert "48 systems (36 active, 9 merged, 3 abolished; 42 since 2022-07-01, 6 since 2026-04-01)" in result.output
    assert "0 errors" in result.output


def test_validate_a_broken_file_exits_2_with_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("region: Midlands", "region: Midland"))
    result = run("--sources", str(path), "sources", "validate")
    assert result.exit_code == 2
    assert f"{path}:14: system 'severn': region: 'Midland' is not one of" in result.output


def test_sources_file_from_the_environment(tmp_path):
    path = tmp_path / "env.yaml"
    path.write_text(GOOD)
    result = run("sources", "list", "--json", env={"ICSWATCH_SOURCES": str(path)})
    assert [row["id"] for row in json.loads(result.output)] == ["west-yorkshire", "severn"]


def test_strict_makes_warnings_fail(tmp_path):
    path = tmp_path / "warn.yaml"
    path.write_text(GOOD.replace("    start_urls: [https://severn.example.org/plans]\n", "")
                    .replace("status: merged", "status: active").replace("    valid_to: 2026-03-31\n", ""))
    assert run("--sources", str(path), "sources", "validate").exit_code == 0
    strict = run("--sources", str(path), "sources", "validate", "--strict")
    assert strict.exit_code == 2 and "warning: system 'severn': no start_urls" in strict.output


def test_list_json_has_hosts_status_and_verified():
    rows = json.loads(run("sources", "list", "--json").output)
    assert len(rows) == 48
    wy = next(r for r in rows if r["id"] == "west-yorkshire")
    assert wy["status"] == "active" and wy["region"] == "North East and Yorkshire"
    assert "www.wypartnership.co.uk" in wy["hosts"] and wy["verified"] is True
    assert sum(r["status"] == "merged" for r in rows) == 9


def test_list_table_filters_by_status():
    result = run("sources", "list", "--status", "abolished")
    assert result.exit_code == 0
    for system_id in ("frimley", "hertfordshire-west-essex", "suffolk-north-east-essex"):
        assert system_id in result.output
    assert "west-yorkshire" not in result.output


def test_list_with_a_broken_config_exits_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("systems: []\n")
    result = CliRunner().invoke(cli, ["--sources", str(path), "sources", "list"])
    assert result.exit_code == 2 and "bad.yaml:1:" in result.output


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def test_every_help_ends_with_an_example():
    assert run("--help").output.rstrip().splitlines()[-2].strip() == "Example:"
    for path, _ in _commands(cli):
        output = run(*path, "--help").output
        tail = output[output.rindex("Example:"):]
        assert "icswatch " in tail, f"icswatch {' '.join(path)} --help has no example"


def test_strict_names_the_warnings_it_fails_on_and_counts_read_well(tmp_path):
    sources = tmp_path / "one.yaml"
    sources.write_text("systems:\n  - id: severn\n    name: Severn\n    region: South West\n"
                       "    icb: {name: NHS Severn ICB, website: 'https://severn.example/'}\n")
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "--sources", str(sources),
                                      "sources", "validate", "--strict"])
    assert result.exit_code == 2
    assert "1 system (1 active); 0 errors, 1 warning" in result.stdout
    assert "--strict: failing on 1 warning, as errors:" in result.stderr
    assert "system 'severn': no start_urls" in result.stderr.split("as errors:")[1]


def test_validate_warns_when_anyone_on_the_machine_can_change_the_file(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD)
    path.chmod(0o666)
    result = run("--sources", str(path), "sources", "validate")
    assert result.exit_code == 0, result.output
    assert (f"{path}:1: warning: the file can be changed by anyone on this machine (mode 0666): they could change "
            f"what is crawled; run `chmod o-w {path}`") in result.output
    assert run("--sources", str(path), "sources", "validate", "--strict").exit_code == 2
    path.chmod(0o644)
    assert "anyone on this machine" not in run("--sources", str(path), "sources", "validate").output


def test_validate_says_when_an_edit_drops_a_system_that_has_an_archive(week, tmp_path):
    import yaml

    data = yaml.safe_load(week.sources_path.read_text())
    data["systems"] = [s for s in data["systems"] if s["id"] != "eastmarsh"]
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data))
    result = run("--data-dir", str(week.data_dir), "--sources", str(edited), "sources", "validate")
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "no longer in this file" in line]
    assert line.startswith(f"{edited}:1: warning: system 'eastmarsh' has ")
    assert "archived documents but is no longer in this file: keep its entry, with status merged or abolished" in line
    # the file as it was: nothing to say; and with no archive there, nothing to compare with
    assert "no longer" not in run("--data-dir", str(week.data_dir), "--sources", str(week.sources_path),
                                  "sources", "validate").output
    assert "no longer" not in run("--data-dir", str(tmp_path / "none"), "--sources", str(edited),
                                  "sources", "validate").output
    assert not (tmp_path / "none").exists()
