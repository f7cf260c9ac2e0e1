"""Mistakes a user makes at the command line say so, with exit 2, instead of succeeding with nothing:
a mistyped --data-dir, an unknown system id, a version id too short, ambiguous or a document's, an
--out folder that is not there. Read-only commands never create an archive."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from monitor.cli import cli


def run(*args, data_dir, sources=None):
    base = ["--data-dir", str(data_dir), *(["--sources", str(sources)] if sources else [])]
    return CliRunner().invoke(cli, [*base, *args])


@pytest.mark.parametrize("command", [["history", "severn"], ["search", "family hubs"], ["verify"],
                                     ["changes"], ["status"], ["show", "v-3f2a9c1b7d4e"], ["digest"],
                                     ["commitments", "v-3f2a9c1b7d4e"], ["scorecard"],
                                     ["scorecard", "review", "severn", "strategy", "easy_read", "--confirm", "--by", "A",
                                      "--note", "n"],
                                     ["export", "--format", "csv", "--out", "x.csv"], ["send", "--dry-run"]])
def test_a_mistyped_data_dir_is_exit_2_and_creates_nothing(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)  # export's x.csv, had it been written
    result = run(*command, data_dir=tmp_path / "dmeo")
    assert result.exit_code == 2, result.output
    assert "no archive in dmeo (there is no icswatch.sqlite3 there)" in result.output
    assert "Check --data-dir or ICSWATCH_DATA" in result.output
    assert not (tmp_path / "dmeo").exists()


def test_sources_validate_leaves_no_data_folder_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["sources", "validate"])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_system_is_exit_2_with_did_you_mean(week):
    for command in (["history", "sevrn"], ["search", "plan", "--system", "sevrn"],
                    ["export", "--format", "csv", "--out", str(week.data_dir / "x.csv"), "--system", "sevrn"]):
        result = run(*command, data_dir=week.data_dir, sources=week.sources_path)
        assert result.exit_code == 2, (command, result.output)
        assert "unknown system 'sevrn' (did you mean severn?)" in result.output
    known = run("history", "severn", data_dir=week.data_dir, sources=week.sources_path)
    assert known.exit_code == 0 and "nothing archived" not in known.output


def versions(week) -> list[str]:
    history = json.loads(run("history", "severn", "--json", data_dir=week.data_dir, sources=week.sources_path).output)
    return [v["version_id"] for d in history["documents"] for v in d["versions"]]


def test_a_version_prefix_too_short_is_exit_2_and_says_so(week):
    result = run("show", versions(week)[0][:4], data_dir=week.data_dir)
    assert result.exit_code == 2
    assert "is too short to find a version by: give at least 6 characters" in result.output


def test_an_ambiguous_version_prefix_is_exit_2_and_lists_the_matches(week):
    first, second = versions(week)[:2]
    with sqlite3.connect(week.data_dir / "icswatch.sqlite3") as db:  # two ids with a common prefix
        for old, new in ((first, "v-abcdef000001"), (second, "v-abcdef000002")):
            db.execute("UPDATE versions SET id = ? WHERE id = ?", (new, old))
    result = run("show", "v-abcdef", data_dir=week.data_dir)
    assert result.exit_code == 2
    assert "'v-abcdef' matches several versions (v-abcdef000001, v-abcdef000002); give more of the id" in result.output
    assert run("show", "v-abcdef000002", data_dir=week.data_dir).exit_code == 0


def test_a_document_id_where_a_version_is_expected_names_its_versions(week):
    history = json.loads(run("history", "severn", "--json", data_dir=week.data_dir, sources=week.sources_path).output)
    document = history["documents"][0]
    ids = [v["version_id"] for v in document["versions"]]
    for command in (["show", document["document_id"]], ["diff", document["document_id"], ids[0]]):
        result = run(*command, data_dir=week.data_dir)
        assert result.exit_code == 2, result.output
        assert f"'{document['document_id']}' is a document id; give a version id (v-...) instead" in result.output
        assert f"its versions, oldest first: {', '.join(ids)}" in result.output


def test_export_into_a_folder_that_is_not_there_is_exit_2_and_creates_nothing(week, tmp_path):
    out = tmp_path / "nonexistent" / "dir" / "x.csv"
    result = run("export", "--format", "csv", "--out", str(out), data_dir=week.data_dir)
    assert result.exit_code == 2
    assert f"the folder '{out.parent}' does not exist; create it first" in result.output
    assert not (tmp_path / "nonexistent").exists()


def test_help_of_a_command_that_writes_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in ("crawl", "schedule"):
        assert CliRunner().invoke(cli, [command, "--help"]).exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_a_system_archived_under_another_sources_file_is_known(week, monkeypatch):
    for name in ("ICSWATCH_SOURCES", "ICSWATCH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    result = run("search", "family hubs", "--system", "severn", data_dir=week.data_dir)  # the shipped sources
    assert result.exit_code == 0, result.output
    assert "severn" in result.output
