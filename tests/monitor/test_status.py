"""`icswatch status` on the replica web crawled in v1 and v2 (northfell's site is down in v2): crawl
health per system and what is archived, as a table and as JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from monitor.cli import cli
from monitor.status import system_statuses
from tests.monitor.conftest import V1_CRAWLED, V2_CRAWLED


def status_of(week) -> dict:
    archive = week.archive()
    statuses = {s.system_id: s for s in system_statuses(archive, week.sources())}
    archive.close()
    return statuses


def test_a_system_whose_site_went_down_shows_its_failures_and_last_success(week):
    statuses = status_of(week)
    northfell = statuses["northfell"]
    assert (northfell.last_success, northfell.consecutive_failures) == (V1_CRAWLED, 1)
    assert "robots.txt unreachable" in northfell.last_error
    severn = statuses["severn"]
    assert (severn.last_success, severn.consecutive_failures, severn.last_error) == (V2_CRAWLED, 0, None)


def test_documents_are_counted_by_type_with_easy_read_apart(week):
    severn = status_of(week)["severn"]
    assert {kind: c.count for kind, c in severn.documents.items()} == {
        "strategy": 1, "joint_forward_plan": 1, "easy_read": 1}
    assert severn.easy_read_known and severn.missing == 1  # the 2023 strategy, replaced at a new URL
    assert all(c.latest_version is not None for c in severn.documents.values())
    assert not status_of(week)["eastmarsh"].easy_read_known


def test_cli_status_json_and_table(week):
    args = ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "status"]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["system_id"] for r in rows] == ["severn", "eastmarsh", "northfell"]
    assert rows[2]["consecutive_failures"] == 1 and rows[2]["last_success"] == V1_CRAWLED.isoformat()
    assert rows[0]["documents"]["easy_read"]["count"] == 1
    table = CliRunner().invoke(cli, args)
    assert table.exit_code == 0
    assert "northfell" in table.output and "northfell: 1 failed crawl: " in table.output


def test_merged_systems_are_listed_after_the_active_ones(week, tmp_path):
    text = week.sources_path.read_text().replace("id: eastmarsh\n", "id: eastmarsh\n  status: merged\n  valid_to: 2026-03-31\n  successors: [severn]\n", 1)
    sources = tmp_path / "sources.yaml"
    sources.write_text(text)
    result = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "--sources", str(sources), "status", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["system_id"], r["status"]) for r in rows][-1] == ("eastmarsh", "merged")


def test_status_fails_for_monitoring_when_a_system_failed_n_crawls_in_a_row(week):
    base = ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "status"]
    assert CliRunner().invoke(cli, base).exit_code == 0  # without --fail-after, status only reports
    assert CliRunner().invoke(cli, [*base, "--fail-after", "2"]).exit_code == 0  # northfell failed once
    result = CliRunner().invoke(cli, [*base, "--fail-after", "1", "--json"])
    assert result.exit_code == 3
    assert "icswatch status: failed 1 or more crawls in a row: northfell (1)" in result.stderr
    assert json.loads(result.stdout)  # the report is still printed in full
