"""The digest of the replica web's week (crawled in v1, then v2): its sections, and the reviewed golden
HTML, text and JSON in tests/golden/. Rewrite the golden files with ICSWATCH_UPDATE_GOLDEN=1, then read
the diff before committing it."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.cli.digest import whole_day_period
from monitor.digest import build_digest, digest_json
from monitor.render import render_html, render_text, subject
from tests.monitor.conftest import NOW, SINCE, UNTIL, V1_CRAWLED, V2_CRAWLED

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
_ID = re.compile(r"\b([cdv])-[0-9a-f]{12}\b")
_PLACEHOLDER = {"c": "CHANGE", "d": "DOCUMENT", "v": "VERSION"}


def normalise(text: str, hosts: dict[str, str]) -> str:
    """What varies between runs, made fixed: the replica's ports, and ids (numbered as they first appear)."""
    for key, address in sorted(hosts.items(), key=lambda h: -len(h[1])):
        text = text.replace(address, f"{key}.replica")  # in links, and in URLs shown without http://
    names: dict[str, str] = {}

    def placeholder(match: re.Match) -> str:
        prefix = match.group(1)
        if match.group(0) not in names:
            count = sum(name.startswith(prefix + "-") for name in names.values()) + 1
            names[match.group(0)] = f"{prefix}-{_PLACEHOLDER[prefix]}{count}"
        return names[match.group(0)]

    return _ID.sub(placeholder, text)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ICSWATCH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {path}; review the diff before committing it")
    assert path.exists(), f"{path} is missing; run with ICSWATCH_UPDATE_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden file (ICSWATCH_UPDATE_GOLDEN=1 rewrites it)"


@pytest.fixture
def digest(week):
    archive = week.archive()
    yield build_digest(archive, week.sources(), SINCE, UNTIL, NOW)
    archive.close()


@pytest.mark.parametrize("fmt", ["html", "txt", "json"])
def test_golden_digest_of_the_replica_week(digest, week, fmt):
    rendered = {"html": render_html, "txt": render_text,
                "json": lambda d: json.dumps(digest_json(d), indent=2, ensure_ascii=False) + "\n"}[fmt](digest)
    check_golden(f"digest.{fmt}", normalise(rendered, week.hosts))


def test_the_week_is_sorted_into_the_digest_sections(digest):
    assert [r.region for r in digest.relevant] == ["East of England", "Midlands"]
    [[eastmarsh], [severn]] = [r.systems for r in digest.relevant]
    assert eastmarsh.system_id == "eastmarsh" and [c["doc_type"] for c in eastmarsh.changes] == ["joint_forward_plan"]
    assert sorted((c["doc_type"], c["easy_read"]) for c in severn.changes) == [
        ("joint_forward_plan", False), ("strategy", False), ("strategy", True)]
    assert digest.relevant_count == 4 and digest.weakened_count == 2
    # the new easy read version, and the strategy refreshed at a new URL
    assert sorted(c["title"] for c in digest.new_documents) == [
        "Severn Integrated Care Strategy 2025 refresh", "Severn Integrated Care Strategy 2025: easy read version"]
    [moved] = digest.removed_or_moved
    assert moved["change"] == "moved" and moved["system_id"] == "eastmarsh" and not moved["relevant"]
    assert digest.other_count == 0
    assert {b.system_id: len(b.documents) for b in digest.baseline} == {"eastmarsh": 2, "northfell": 2, "severn": 2}
    [failure] = digest.failures  # Northfell's site is down in v2
    assert failure.system_id == "northfell" and failure.since == V2_CRAWLED and "connection refused" in failure.error
    assert subject(digest) == "ICS Watch: 4 changes to children's commitments, 16–22 Nov 2026"


def test_the_passages_show_the_changed_words(digest):
    text, html = render_text(digest), render_html(digest)
    assert "Before:  We will reduce waits for children and young people's mental" in text
    assert "health services to 18 weeks by March {+2027+}." in text
    assert "WEAKENED: date moved later (March 2026 -> March 2027)" in text
    assert re.search(r'text-decoration:line-through;">2026</span>', html)
    assert re.search(r'font-weight:700;">2027</span>', html)
    assert "We will work towards" in html and "<script" not in html


def test_a_week_without_relevant_changes_says_so_in_one_line(week):
    archive = week.archive()
    quiet = build_digest(archive, week.sources(), SINCE, V2_CRAWLED, NOW)  # only the first (baseline) crawl
    archive.close()
    assert quiet.relevant == [] and len(quiet.baseline) == 3
    text = render_text(quiet)
    assert text.splitlines()[1] == ("No relevant changes to children's commitments in 16–19 Nov 2026 · 3 systems")
    assert "RELEVANT CHANGES" not in text and "NOW WATCHING" in text
    assert "No relevant changes to children's commitments in 16–19 Nov 2026 · 3 systems watched" in unescape(render_html(quiet))
    assert subject(quiet) == "ICS Watch: no relevant changes, 16–19 Nov 2026"


def test_archived_copies_link_to_the_web_archive_when_its_address_is_set(week):
    archive = week.archive()
    linked = build_digest(archive, week.sources(), SINCE, UNTIL, NOW, archive_url="https://archive.icswatch.example/")
    archive.close()
    version = linked.relevant[0].systems[0].changes[0]["version_id"]
    assert f'href="https://archive.icswatch.example/versions/{version}"' in render_html(linked)
    assert f"Archived copy: https://archive.icswatch.example/versions/{version}" in render_text(linked)
    assert "icswatch show" not in render_text(linked)
    change = linked.relevant[0].systems[0].changes[0]
    comparison = f"https://archive.icswatch.example/compare/{change.previous_version_id}/{change.version_id}"
    assert change.previous_version_id and f'href="{comparison}"' in render_html(linked)
    assert f"What changed: {comparison}" in render_text(linked)


def test_cli_digest_writes_each_format(week, tmp_path):
    base = ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "digest",
            "--since", SINCE.date().isoformat(), "--until", UNTIL.date().isoformat()]
    out = tmp_path / "digest.json"
    result = CliRunner().invoke(cli, [*base, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["since"] == "2026-11-16T00:00:00+00:00" and written["until"] == "2026-11-23T00:00:00+00:00"
    assert len(written["items"]) == 11 and written["items"][0]["relevant"]
    assert set(written["items"][0]) >= {"system_id", "change", "themes", "excerpts", "version_id", "url"}
    assert written["failures"] == [{"system_id": "northfell", "url": written["failures"][0]["url"],
                                    "error": written["failures"][0]["error"], "since": "2026-11-19T06:00:00+00:00"}]
    html = CliRunner().invoke(cli, [*base, "--format", "html"])
    assert html.exit_code == 0 and html.output.startswith("<!DOCTYPE html>")
    text = CliRunner().invoke(cli, [*base])
    assert text.exit_code == 0 and "RELEVANT CHANGES" in text.output
    assert V1_CRAWLED < UNTIL  # the baseline crawl is inside the period too


def test_cli_digest_for_one_recipient(week, tmp_path):
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("recipients:\n  - email: east@charity.example\n    regions: [East of England]\n")
    result = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "digest",
                                      "--since", "2026-11-16", "--until", "2026-11-23", "--for", "east@charity.example",
                                      "--recipients", str(recipients)])
    assert result.exit_code == 0, result.output
    assert "Eastmarsh" in result.output and "Severn" not in result.output
    assert "regions: East of England" in result.output


def test_send_rounds_the_period_to_whole_days_so_every_run_that_day_names_the_same_one():
    monday_morning, monday_evening = datetime(2026, 11, 23, 7, 5, tzinfo=UTC), datetime(2026, 11, 23, 21, tzinfo=UTC)
    expected = (datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC))
    assert whole_day_period("7d", None, monday_morning) == expected == whole_day_period("7d", None, monday_evening)
    assert whole_day_period("2026-11-16T09:30", "2026-11-23T08:00", monday_evening) == expected
    with pytest.raises(click.BadParameter, match="is empty"):
        whole_day_period("6h", None, monday_morning)


def test_every_help_ends_with_an_example():
    for command in ("digest", "send"):
        result = CliRunner().invoke(cli, [command, "--help"])
        tail = [line.strip() for line in result.output.rstrip().splitlines()[-3:]]
        assert result.exit_code == 0 and tail[0] == "Example:", result.output
        assert all(line.startswith(f"icswatch {command} ") for line in tail[1:])


def test_cli_digest_rejects_a_bad_date(week):
    result = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "digest", "--since", "last tuesday"])
    assert result.exit_code == 2 and "is not a date" in result.output
