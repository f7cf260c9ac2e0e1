"""The HPIG scorecard in the archive browser, on SQLite and PostgreSQL: a system's plans rated on every
indicator with the reasons and the evidence, the national summary in the report's form, the JSON equal
to `icswatch scorecard --format json`, and a national scorecard computed once per state of the archive.

The replica archive (tests/web/conftest.py) holds three systems; Severn's 2025 strategy refresh and its
easy read version arrived with the second crawl (19 Nov 2026), after the 2023 strategy (17 Nov)."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import delete

from monitor.cli import cli
from monitor.scorecard.indicators import indicators_path, load_indicators
from store.models import ScorecardReview
from store.vocabulary import PLAN_TYPES, Rating

from .pages import link, main_text, soup
from .test_api import cli_json

SEVERN_JFP = "NHS Severn Integrated Care Board Joint Forward Plan 2024-2029"
STRATEGY_2023 = "Severn Integrated Care Strategy 2023"
STRATEGY_2025 = "Severn Integrated Care Strategy 2025 refresh"
SYSTEMS = {"eastmarsh": "Eastmarsh", "northfell": "Northfell", "severn": "Severn"}


def score(html: str, doc_type: str, indicator: str):
    """The block a reader sees for one question of one plan: (its rating, its whole text, its quotes)."""
    block = soup(html).find(id=f"q-{doc_type}-{indicator}").find_parent("article")
    quotes = [" ".join(q.get_text(" ").split()) for q in block.find_all("blockquote")]
    return block.find(class_="rating").get_text(), " ".join(block.get_text(" ").split()), quotes


def share_cell(html: str, question: str, column: int) -> str:
    row = next(tr for tr in soup(html).find_all("tr") if tr.th and tr.th.get_text() == question)
    return " ".join(row.find_all("td")[column].get_text(" ").split())


def computations(client) -> int:
    return client.app.app.state.site.scorecards.computations


def test_severn_jfp_is_rated_on_joint_delivery_with_the_passage_that_shows_it(client):
    system = client.get("/systems/severn")
    href = link(system.text, "scorecard")
    assert href == "/systems/severn/scorecard"
    page = client.get(href)
    assert page.status_code == 200
    text = main_text(page.text)
    assert "Scorecard of Severn" in text and SEVERN_JFP in text and STRATEGY_2025 in text
    assert "1 integrated care strategy and 1 Joint Forward Plan published" in text
    rating, block, quotes = score(page.text, "joint_forward_plan", "joint_infrastructure")
    # The JFP describes joint working for children (networks, a single point of access) but with no date.
    assert rating == "To some extent"
    assert "joint working for children described" in block
    assert "not Yes: a firm, dated commitment to joint services or teams for children" in block
    assert any(q.startswith("Page 2") and "A single point of access will triage referrals with schools" in q
               for q in quotes)
    # The strategy refresh dates its Family Hubs: Yes, with that passage.
    rating, _, quotes = score(page.text, "strategy", "joint_infrastructure")
    assert rating == "Yes"
    assert any("By March 2026 every one of our 14 Family Hubs" in q for q in quotes)
    # Every indicator that applies to a plan type is on the page, once.
    indicators = load_indicators()
    for doc_type in PLAN_TYPES:
        asked = [i.id for i in indicators.for_type(doc_type)]
        shown = [a["id"][len(f"q-{doc_type}-"):] for a in soup(page.text).select(f"[id^='q-{doc_type}-']")]
        assert shown == asked


def test_an_earlier_date_rates_the_edition_current_then(client):
    now = client.get("/systems/severn/scorecard")
    then = client.get("/systems/severn/scorecard", params={"as_of": "2026-11-17"})
    assert STRATEGY_2025 in main_text(now.text) and STRATEGY_2023 not in main_text(now.text)
    assert STRATEGY_2023 in main_text(then.text) and STRATEGY_2025 not in main_text(then.text)
    assert "Rated as of 17 Nov 2026, 23:59 UTC" in main_text(then.text)
    # The easy read version was published with the 2025 refresh, after 17 November.
    assert score(now.text, "strategy", "easy_read")[0] == "Yes"
    assert score(then.text, "strategy", "easy_read")[0] == "No"
    # The date asked is kept in the links to the national page and in the form.
    assert link(then.text, "national summary") == "/scorecard?as_of=2026-11-17"
    assert soup(then.text).find("input", id="as_of")["value"] == "2026-11-17"


def test_the_national_summary_gives_the_share_of_plans_per_answer(client):
    page = client.get("/scorecard")
    assert page.status_code == 200
    text = main_text(page.text)
    indicators = load_indicators()
    ratings = 3 * sum(len(indicators.for_type(t)) for t in PLAN_TYPES)
    assert "3 strategies and 3 JFPs published" in text
    assert f"0 of {ratings} ratings reviewed by a person" in text
    # Only Severn published an easy read version beside its strategy: 1 of 3; JFPs are not asked.
    easy = indicators.get("easy_read").question
    assert share_cell(page.text, easy, 0) == "Yes 33% To some extent 0% No 67% of 3 published"
    assert share_cell(page.text, easy, 1) == "Not asked of JFPs"
    # Every share is what the three systems' own pages say, counted.
    plans = {s: client.get(f"/api/systems/{s}/scorecard").json()["plans"] for s in SYSTEMS}
    for indicator in indicators.items:
        for column, doc_type in enumerate(PLAN_TYPES):
            if not indicator.applies(doc_type):
                continue
            got = [next(x["rating"] for x in p["scores"] if x["indicator"] == indicator.id)
                   for found in plans.values() for p in found if p["doc_type"] == doc_type]
            yes, some, no = (round(100 * got.count(r) / len(got)) for r in (Rating.YES, Rating.SOME, Rating.NO))
            assert share_cell(page.text, indicator.question, column) == \
                f"Yes {yes}% To some extent {some}% No {no}% of {len(got)} published", indicator.id
    # Each system is linked to its own scorecard.
    for system_id, name in SYSTEMS.items():
        assert link(page.text, name) == f"/systems/{system_id}/scorecard"
    assert 'aria-current="page"' in str(soup(page.text).find("a", href="/scorecard"))


def test_the_api_is_what_the_command_line_prints(client, archived):
    ours = client.get("/api/scorecard", params={"as_of": "2026-11-23"})
    assert ours.status_code == 200
    assert ours.json() == cli_json(archived, "scorecard", "--as-of", "2026-11-23", "--format", "json")
    severn = client.get("/api/systems/severn/scorecard", params={"as_of": "2026-11-18"}).json()
    assert severn == cli_json(archived, "scorecard", "--as-of", "2026-11-18", "--system", "severn", "--format", "json")
    assert {p["title"] for p in severn["plans"]} == {STRATEGY_2023, SEVERN_JFP}
    described = client.get("/openapi.json").json()["paths"]
    assert {"/api/scorecard", "/api/systems/{system_id}/scorecard"} <= set(described)
    assert "as_of" in {p["name"] for p in described["/api/scorecard"]["get"]["parameters"]}


@pytest.mark.parametrize("path", ["/scorecard", "/systems/severn/scorecard", "/api/scorecard",
                                  "/api/systems/severn/scorecard"])
def test_a_bad_date_is_a_400_that_says_so(client, path):
    for bad in ("last+tuesday", "2026-13-01", "9" * 41):
        answer = client.get(f"{path}?as_of={bad}")
        assert answer.status_code == 400, bad
        said = answer.json()["error"] if path.startswith("/api") else main_text(answer.text)
        assert "as_of" in said and "Traceback" not in answer.text, bad
    assert "default-src 'none'" in client.get(path).headers["content-security-policy"]


def test_an_unknown_system_is_a_404(client):
    for path in ("/systems/atlantis/scorecard", "/systems/Severn/scorecard", "/systems/..%2F..%2Fetc/scorecard",
                 "/api/systems/atlantis/scorecard"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        if path.startswith("/api"):
            assert answer.json() == {"error": "There is no system 'atlantis' in the archive.", "status": 404}
        else:
            assert "Page not found" in main_text(answer.text) and "Traceback" not in answer.text, path


def test_the_national_scorecard_is_computed_once_until_the_archive_changes(client, archived, tmp_path,
                                                                           monkeypatch):
    config = tmp_path / "scorecard.yaml"
    shutil.copy(indicators_path(), config)
    monkeypatch.setenv("ICSWATCH_SCORECARD", str(config))
    first = client.get("/scorecard")
    assert computations(client) == 1
    computed_line = soup(first.text).find(class_="computed").get_text()
    assert computed_line.startswith("Computed 23 Nov 2026, 07:30 UTC")
    again = client.get("/scorecard")
    client.get("/api/scorecard")
    system = client.get("/systems/severn/scorecard")  # taken from the nation's
    assert computations(client) == 1 and again.text == first.text
    assert soup(system.text).find(class_="computed").get_text() == computed_line
    client.get("/scorecard", params={"as_of": "2026-11-17"})
    assert computations(client) == 2
    # A maintainer edits the indicators: computed again.
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    client.get("/scorecard")
    assert computations(client) == 3
    # A reviewer overrides a rating: computed again, and the page shows the reviewer's word.
    archive = archived.open()
    try:
        cli_review = ["scorecard", "review", "severn", "jfp", "joint_infrastructure", "--rating", "yes",
                      "--by", "Ann Reviewer", "--note", "the single point of access opened in <b>2025</b>"]
        _run_cli(archived, *cli_review)
        page = client.get("/systems/severn/scorecard")
        assert computations(client) == 4
        rating, block, _ = score(page.text, "joint_forward_plan", "joint_infrastructure")
        assert rating == "Yes"
        assert "Reviewed: Changed to Yes by Ann Reviewer" in block and "(the rules said To some extent)" in block
        assert "the single point of access opened in <b>2025</b>" in block  # a note is text, never markup
        assert soup(page.text).find("b") is None
        ratings = 3 * sum(len(load_indicators().for_type(t)) for t in PLAN_TYPES)
        assert f"1 of {ratings} ratings reviewed by a person (1 changed)" in main_text(client.get("/scorecard").text)
        assert computations(client) == 5
    finally:
        with archive.session() as session:  # the archive is shared by the other web tests: leave it as it was
            session.execute(delete(ScorecardReview).where(ScorecardReview.reviewer == "Ann Reviewer"))
            session.commit()
        archive.close()


def test_a_broken_indicators_file_is_a_503_and_the_rest_still_works(client, tmp_path, monkeypatch, caplog):
    broken = tmp_path / "scorecard.yaml"
    broken.write_text(indicators_path().read_text(encoding="utf-8").replace("applies_to: both", "applies_to: all", 1))
    monkeypatch.setenv("ICSWATCH_SCORECARD", str(broken))
    page = client.get("/scorecard")
    assert page.status_code == 503
    assert "Its indicators file has errors" in main_text(page.text) and "Traceback" not in page.text
    assert str(broken) not in page.text  # where the file is stays with the maintainer...
    assert any(str(broken) in r.getMessage() for r in caplog.records)  # ...in the log, with its line
    assert client.get("/api/systems/severn/scorecard").json()["status"] == 503
    assert client.get("/systems/severn").status_code == 200


def _run_cli(archived, *args):
    s = archived.settings
    result = CliRunner().invoke(cli, ["--data-dir", str(s.data_dir), "--db", s.db_url, "--sources",
                                      str(s.sources_path), *args])
    assert result.exit_code == 0, result.output
    return result.output
