"""`icswatch init DIR` and the deployment's own files replacing the shipped ones (ICSWATCH_CONFIG,
ICSWATCH_RELEVANCE, ICSWATCH_TEMPLATES)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from monitor import templating
from monitor.cli import cli
from monitor.errors import ConfigError
from monitor.relevance import load_rules
from monitor.settings import DEFAULT_SOURCES, resolve_settings


def test_init_writes_editable_copies_and_says_how_to_use_them(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "conf")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "conf").iterdir()) == ["ics_sources.yaml", "recipients.yaml",
                                                                    "relevance.yaml", "scorecard.yaml"]
    assert (tmp_path / "conf" / "ics_sources.yaml").read_text() == DEFAULT_SOURCES.read_text()
    assert f"export ICSWATCH_CONFIG={(tmp_path / 'conf').resolve()}" in result.output


def test_init_never_overwrites_a_deployments_files(tmp_path):
    (tmp_path / "relevance.yaml").write_text("# my own rules\n")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "relevance.yaml already exist(s); nothing written" in result.output
    assert (tmp_path / "relevance.yaml").read_text() == "# my own rules\n"
    assert not (tmp_path / "ics_sources.yaml").exists()


def test_the_config_directory_replaces_the_shipped_sources_and_rules(tmp_path, monkeypatch):
    CliRunner().invoke(cli, ["init", str(tmp_path)])
    env = {"ICSWATCH_CONFIG": str(tmp_path)}
    assert resolve_settings(environ=env).sources_path == tmp_path / "ics_sources.yaml"
    assert resolve_settings(sources="mine.yaml", environ=env).sources_path.name == "mine.yaml"  # option first
    (tmp_path / "relevance.yaml").write_text("themes: [not, a, mapping]\n")
    monkeypatch.setenv("ICSWATCH_CONFIG", str(tmp_path))
    with pytest.raises(ConfigError, match=f"{tmp_path}/relevance.yaml: the relevance rules cannot be used"):
        load_rules()
    monkeypatch.setenv("ICSWATCH_RELEVANCE", str(tmp_path / "other.yaml"))
    with pytest.raises(ConfigError, match="other.yaml: the relevance rules cannot be used"):
        load_rules()


def test_a_config_directory_that_is_not_there_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("ICSWATCH_CONFIG", str(tmp_path / "typo"))
    result = CliRunner().invoke(cli, ["sources", "validate"])
    assert result.exit_code == 2
    assert f"ICSWATCH_CONFIG={tmp_path / 'typo'}: no such directory; create it with `icswatch init" in result.output


def test_a_template_of_the_same_name_in_icswatch_templates_is_used(tmp_path, monkeypatch):
    (tmp_path / "diff.html.j2").write_text("<p>our own page for {{ d.title }}</p>")
    monkeypatch.setenv("ICSWATCH_TEMPLATES", str(tmp_path))
    templating.environment.cache_clear()
    try:
        assert templating.render_template("diff.html.j2", d={"title": "<JFP>"}) == "<p>our own page for &lt;JFP&gt;</p>"
        assert templating.environment().get_template("digest.txt.j2")  # the others still the shipped ones
    finally:
        templating.environment.cache_clear()
