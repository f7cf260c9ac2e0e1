"""The scorecard end to end on the replica web (Severn), on SQLite and PostgreSQL: crawl v1 and rate it,
crawl v2 (the JFP refreshed in place with its family hubs commitment weakened from "We will" to "We aim
to"; the strategy refreshed, with an easy read version beside it) and the comparison of the two dates
says which ratings fell back and which rose; a reviewer's confirmation is kept across the refresh."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from click.testing import CliRunner

from monitor.cli import cli
from tests.sites.severn import documents as docs


def icswatch(crawl, web, *args: str):
    result = CliRunner().invoke(cli, ["--data-dir", str(crawl.data_dir), "--db", crawl.db_url,
                                      "--sources", str(web.sources_path), *args])
    return result


def scorecard_json(crawl, web, *args: str) -> dict:
    result = icswatch(crawl, web, "scorecard", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def rating(data: dict, doc_type: str, indicator: str) -> dict:
    [plan] = [p for p in data["plans"] if p["doc_type"] == doc_type]
    return next(s for s in plan["scores"] if s["indicator"] == indicator)


def test_a_weakened_commitment_lowers_its_rating_and_the_comparison_says_so(replica_web, crawl):
    web = replica_web("severn", state="v1")
    crawl(web.sources_path)
    v1_time = datetime.now(UTC).isoformat()
    first = scorecard_json(crawl, web, "--as-of", v1_time)
    hubs = rating(first, "joint_forward_plan", "joint_infrastructure")
    assert hubs["rating"] == "yes"
    assert any(docs.JFP_HUBS_V1 in q["text"] for q in hubs["evidence"])  # the passage that earns it, quoted
    assert rating(first, "strategy", "easy_read")["rating"] == "no"
    assert first["summary"]["published"] == {"strategy": 1, "joint_forward_plan": 1}

    confirmed = icswatch(crawl, web, "scorecard", "review", "severn", "jfp", "joint_infrastructure", "--confirm",
                         "--by", "Ann Reviewer", "--note", "family hubs by September 2025, page 2")
    assert confirmed.exit_code == 0, confirmed.output
    assert "Yes (confirmed by Ann Reviewer" in confirmed.output
    reviewed = scorecard_json(crawl, web, "--as-of", v1_time)
    assert rating(reviewed, "joint_forward_plan", "joint_infrastructure")["review"]["reviewer"] == "Ann Reviewer"
    assert reviewed["summary"]["reviewed"] == 1

    web.switch("v2")
    crawl(web.sources_path)
    now = datetime.now(UTC).isoformat()
    second = scorecard_json(crawl, web, "--as-of", now, "--compare", v1_time)
    hubs = rating(second, "joint_forward_plan", "joint_infrastructure")
    assert hubs["rating"] == "to_some_extent"
    assert any("firm, dated commitment" in why for why in hubs["reasons"])  # what is missing for Yes
    # the review was of the version before the refresh: kept and shown, no longer deciding the rating
    assert hubs["review"] is None and hubs["earlier_reviews"][0]["reviewer"] == "Ann Reviewer"
    assert second["summary"]["reviewed"] == 0 and second["summary"]["reviewed_earlier"] == 1
    moves = {(m["doc_type"], m["indicator"]): m for m in second["comparison"]["moves"]}
    fell = moves[("joint_forward_plan", "joint_infrastructure")]
    assert (fell["before"], fell["after"], fell["rose"], fell["refreshed"]) == ("yes", "to_some_extent", False, True)
    rose = moves[("strategy", "easy_read")]
    assert (rose["before"], rose["after"], rose["rose"]) == ("no", "yes", True)

    text = icswatch(crawl, web, "scorecard", "--as-of", now, "--compare", v1_time)
    assert text.exit_code == 0, text.output
    assert ("severn Joint Forward Plan joint_infrastructure: Yes -> To some extent (fell back when the plan was "
            "refreshed") in text.output
    assert "severn Integrated care strategy easy_read: No -> Yes (rose" in text.output
    assert "0 of 39 ratings reviewed; 1 reviewed only on an earlier edition" in text.output

    # the ratings as of v1 are still those of v1: the archive keeps every edition
    again = scorecard_json(crawl, web, "--as-of", v1_time)
    assert rating(again, "joint_forward_plan", "joint_infrastructure")["rating"] == "yes"

    rows = list(csv.DictReader(io.StringIO(icswatch(crawl, web, "scorecard", "--format", "csv").output)))
    assert len(rows) == 39 and {r["rating"] for r in rows} <= {"Yes", "To some extent", "No"}
    easy = next(r for r in rows if r["doc_type"] == "strategy" and r["indicator"] == "easy_read")
    assert easy["rating"] == "Yes" and easy["document"] == docs.STRATEGY_2025_TITLE
