"""The JSON API and the Atom feed, on SQLite and PostgreSQL: the same fields and ids as the CLI's --json
(the CLI's own output, run on the same archive, is the reference), bounded, and described at /openapi.json."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from click.testing import CliRunner

from monitor.cli import cli
from store.vocabulary import DocType

JFP_FILE = (DocType.JOINT_FORWARD_PLAN, False, "Joint%20Forward%20Plan%202024-2029%20(final).pdf")
ATOM = "{http://www.w3.org/2005/Atom}"


def cli_json(archived, *args):
    s = archived.settings
    result = CliRunner().invoke(cli, ["--data-dir", str(s.data_dir), "--db", s.db_url, "--sources",
                                      str(s.sources_path), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_system_and_a_version_are_what_history_and_show_print(client, archived):
    assert client.get("/api/systems/severn").json() == cli_json(archived, "history", "severn", "--json")
    [old, new] = archived.history("severn")[JFP_FILE]
    assert client.get(f"/api/versions/{new}").json() == cli_json(archived, "show", new)
    document = client.get(f"/api/documents/{client.get(f'/api/versions/{new}').json()['document_id']}").json()
    assert [v["version_id"] for v in document["versions"]] == [old, new]
    history = cli_json(archived, "history", "severn", "--json")["documents"]
    assert document == next(d for d in history if d["document_id"] == document["document_id"])


def test_changes_are_the_records_of_changes_json(client, archived):
    ours = client.get("/api/changes", params={"since": "2026-11-01", "until": "2026-12-01", "limit": 200}).json()
    theirs = cli_json(archived, "changes", "--since", "2026-11-01", "--until", "2026-12-01", "--json")
    assert sorted(ours, key=lambda c: c["change_id"]) == sorted(theirs, key=lambda c: c["change_id"])
    assert [c["detected_at"] for c in ours] == sorted((c["detected_at"] for c in ours), reverse=True)
    relevant = client.get("/api/changes", params={"relevant": "true", "region": "Midlands"}).json()
    assert relevant and {c["system_id"] for c in relevant} == {"severn"} and all(c["relevant"] for c in relevant)
    page = client.get("/api/changes", params={"limit": 2, "offset": 1}).json()
    assert [c["change_id"] for c in page] == [c["change_id"] for c in client.get("/api/changes").json()[1:3]]


def test_search_and_compare_are_what_search_and_diff_print(client, archived):
    ours = client.get("/api/search", params={"q": "health visitor", "every": "true", "limit": 50}).json()
    assert ours == cli_json(archived, "search", "health visitor", "--all-versions", "--limit", "50", "--json")
    latest = client.get("/api/search", params={"q": '"work towards every school"'}).json()
    assert latest == []  # only in the 2023 strategy, replaced by its 2025 refresh
    [old, new] = archived.history("severn")[JFP_FILE]
    assert client.get(f"/api/compare/{old}/{new}").json() == cli_json(archived, "diff", old, new, "--format", "json")


def test_systems_lists_coverage(client):
    systems = {s["system_id"]: s for s in client.get("/api/systems").json()}
    assert set(systems) == {"eastmarsh", "northfell", "severn"}
    severn = systems["severn"]
    assert severn["strategy"]["title"] == "Severn Integrated Care Strategy 2025 refresh"
    assert [e["title"] for e in severn["easy_read"]] == ["Severn Integrated Care Strategy 2025: easy read version"]
    assert systems["northfell"]["consecutive_failures"] == 1 and "robots.txt" in systems["northfell"]["last_error"]


def test_bad_ids_and_parameters_are_404_and_400_in_json(client):
    for path in ("/api/versions/v-000000000000", "/api/versions/v-1", "/api/documents/d-000000000000",
                 "/api/systems/atlantis", "/api/versions/..%2F..%2Fetc%2Fpasswd", "/api/nothing"):
        answer = client.get(path)
        assert answer.status_code == 404 and "error" in answer.json(), path
    for params in ({"limit": 0}, {"limit": 201}, {"since": "yesterday-ish"}, {"region": "Atlantis"},
                   {"theme": "astrology"}, {"system": "../etc"}, {"since": "2026-11-20", "until": "2026-11-10"}):
        answer = client.get("/api/changes", params=params)
        assert answer.status_code == 400 and answer.json()["error"], params
    assert client.get("/api/search", params={"q": "-adult"}).status_code == 400  # only exclusions
    assert client.get("/api/search").status_code == 400  # q is required
    assert client.post("/api/changes").status_code == 405  # read-only


def test_openapi_describes_the_api_routes(client):
    described = client.get("/openapi.json").json()
    assert {"/api/systems", "/api/systems/{system_id}", "/api/documents/{document_id}", "/api/versions/{version_id}",
            "/api/changes", "/api/search", "/api/compare/{version_a}/{version_b}", "/api/scorecard",
            "/api/systems/{system_id}/scorecard"} == set(described["paths"])


def test_the_feed_has_the_relevant_changes_each_linking_to_its_comparison(client):
    answer = client.get("/feed.atom")
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert len(entries) == 4 and sum("(weakened)" in t for t in titles) == 2
    jfp = next(e for e in entries if "Severn: NHS Severn Integrated Care Board Joint Forward Plan" in e.findtext(f"{ATOM}title"))
    assert "/compare/v-" in jfp.find(f"{ATOM}link").get("href")
    assert "Weakened: date moved later (March 2026 -> March 2027)." in jfp.findtext(f"{ATOM}summary")
    midlands = ET.fromstring(client.get("/feed.atom", params={"region": "Midlands"}).content)
    assert {e.findtext(f"{ATOM}title").split(":")[0] for e in midlands.findall(f"{ATOM}entry")} == {"Severn"}
    co_production = ET.fromstring(client.get("/feed.atom", params={"theme": "co_production"}).content)
    assert len(co_production.findall(f"{ATOM}entry")) == 1
    assert client.get("/feed.atom", params={"theme": "astrology"}).status_code == 400
