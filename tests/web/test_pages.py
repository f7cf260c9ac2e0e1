"""Every page of `icswatch serve` on an archive of the replica web (v1 then v2), on SQLite and PostgreSQL,
read as a reader reads it: the words in <main>, and the links followed."""

from __future__ import annotations

import csv
import io

from store.vocabulary import DocType

from .pages import link, main_text, soup

JFP = DocType.JOINT_FORWARD_PLAN
STRATEGY = DocType.STRATEGY


def test_coverage_lists_each_system_by_region_with_its_current_documents(client):
    page = client.get("/")
    assert page.status_code == 200
    text = main_text(page.text)
    assert "3 systems watched: 3 with a current integrated care strategy, 3 with a Joint Forward Plan, " \
           "1 with an easy read version. 1 system needs attention." in text
    rows = {row.th.get_text(" ", strip=True).split(" 1 document")[0]: row
            for row in soup(page.text).select("table.coverage tbody tr")}
    assert set(rows) == {"Eastmarsh", "Severn", "Northfell"}
    severn = rows["Severn"].get_text(" ", strip=True)
    # the 2023 strategy was replaced by its 2025 refresh: the refresh is current, the old one counted as gone
    assert "Severn Integrated Care Strategy 2025 refresh" in severn and "Strategy 2023" not in severn
    assert "Severn Integrated Care Strategy 2025: easy read version" in severn
    assert "1 document no longer online" in severn
    assert "None found" in rows["Eastmarsh"].get_text()  # no easy read version there
    northfell = rows["Northfell"].get_text(" ", strip=True)
    assert "Needs attention" in northfell and "robots.txt unreachable" in northfell
    headings = [h.get_text() for h in soup(page.text).select("main h2")]
    assert headings == ["East of England", "Midlands", "North West"]


def test_coverage_as_csv(client):
    download = client.get("/coverage.csv")
    assert download.headers["content-type"].startswith("text/csv")
    assert download.headers["content-disposition"].startswith("attachment")
    rows = {r["system_id"]: r for r in csv.DictReader(io.StringIO(download.text))}
    assert rows["severn"]["strategy_title"] == "Severn Integrated Care Strategy 2025 refresh"
    assert rows["severn"]["easy_read_versions"] == "1" and rows["severn"]["missing_documents"] == "1"
    assert rows["northfell"]["needs_attention"] == "yes" and rows["eastmarsh"]["needs_attention"] == "no"
    assert rows["eastmarsh"]["last_successful_crawl"].startswith("2026-11-19")


def test_from_coverage_to_a_system_to_a_document_to_a_version(client, archived):
    system_page = client.get(link(client.get("/").text, "Severn"))
    text = main_text(system_page.text)
    assert system_page.status_code == 200 and "Midlands · 5 documents archived" in text
    assert "Severn Integrated Care Strategy 2023" in text and "Superseded by a later edition" in text
    assert "2025 refresh of an earlier edition" in text
    document = client.get(link(system_page.text, "Joint Forward Plan 2024-2029"))
    text = main_text(document.text)
    assert "Joint Forward Plan of Severn" in text and "Compare with the version before" in text
    assert "new version" in text and "Weakened" in text  # the change detected in it
    [old, new] = archived.history("severn")[(JFP, False, "Joint%20Forward%20Plan%202024-2029%20(final).pdf")]
    assert link(document.text, "Compare with the version before") == f"/compare/{old}/{new}"
    version = client.get(f"/versions/{new}")
    text = main_text(version.text)
    assert "version 2 of 2" in text and f"version {new}" in text and "Cite this version: Severn" in text
    assert "Page 2" in text and "We aim to open a family hub" in text  # the text, with its page numbers
    assert link(version.text, "Download the original file") == f"/versions/{new}/original"


def test_a_superseded_document_names_its_later_edition_and_the_easy_read_its_full_document(client, archived):
    history = archived.history("severn")
    easy = client.get(f"/api/versions/{history[(STRATEGY, True, 'Severn-Integrated-Care-Strategy-2025-easy-read.pdf')][0]}")
    old = client.get(f"/api/versions/{history[(STRATEGY, False, 'Severn-Integrated-Care-Strategy-2023.pdf')][0]}")
    page = client.get(f"/documents/{old.json()['document_id']}")
    text = main_text(page.text)
    assert "Superseded by a later edition" in text and "no longer online since" in text
    assert "Later edition: Severn Integrated Care Strategy 2025 refresh (2025 refresh)" in text
    easy_page = main_text(client.get(f"/documents/{easy.json()['document_id']}").text)
    assert "Integrated care strategy, easy read of Severn" in easy_page


def test_compare_puts_the_weakened_passages_first_and_names_the_weakening(client, archived):
    [old, new] = archived.history("severn")[(JFP, False, "Joint%20Forward%20Plan%202024-2029%20(final).pdf")]
    page = client.get(f"/compare/{old}/{new}")
    assert page.status_code == 200
    passages = soup(page.text).select("article.passage")
    heads = [p.h2.get_text(" ", strip=True) for p in passages]
    assert heads[:2] == ["Weakened commitment · page 2 · Children and young people"] * 2
    assert all(h.startswith("Other change") for h in heads[2:]) and len(heads) == 4
    first = passages[0]
    assert "Weakened: 'will' became 'aim'" in first.get_text(" ", strip=True)
    assert [d.get_text() for d in first.select("del")] == ["will"] and [i.get_text() for i in first.select("ins")] == ["aim to"]
    second = passages[1].get_text(" ", strip=True)
    assert "date moved later (March 2026 -> March 2027)" in second
    assert "4 passages changed: 2 relevant to children's commitments, 2 weakened." in main_text(page.text)


def test_compare_follows_a_refresh_at_a_new_url_and_refuses_unrelated_versions(client, archived):
    history = archived.history("severn")
    [v2023] = history[(STRATEGY, False, "Severn-Integrated-Care-Strategy-2023.pdf")]
    [v2025] = history[(STRATEGY, False, "Severn-Integrated-Care-Strategy-2025-refresh.pdf")]
    text = main_text(client.get(f"/compare/{v2023}/{v2025}").text)
    assert "We will work towards every school in Severn having access to a Mental Health Support Team." in text
    [jfp, _] = history[(JFP, False, "Joint%20Forward%20Plan%202024-2029%20(final).pdf")]
    refused = client.get(f"/compare/{jfp}/{v2025}")
    assert refused.status_code == 400 and "versions of different documents" in main_text(refused.text)


def test_changes_filtered_by_relevance_region_system_theme_and_period(client):
    everything = soup(client.get("/changes").text).select("li.change")
    relevant = soup(client.get("/changes?relevant=true").text).select("li.change")
    assert len(relevant) == 4 and len(everything) > len(relevant)
    texts = [li.get_text(" ", strip=True) for li in relevant]
    assert sum("Weakened" in t for t in texts) == 2
    london = main_text(client.get("/changes?region=London").text)
    assert "No changes match." in london
    midlands = [li.get_text(" ", strip=True) for li in soup(client.get("/changes?region=Midlands").text).select("li.change")]
    assert midlands and all("Severn" in t for t in midlands)
    workforce = soup(client.get("/changes?relevant=true&theme=co_production").text).select("li.change")
    assert [li.get_text(" ", strip=True).count("Co-production") for li in workforce] == [1]
    second_crawl = soup(client.get("/changes?since=2026-11-18&system=severn").text).select("li.change")
    first_crawl = soup(client.get("/changes?until=2026-11-18&system=severn").text).select("li.change")
    assert len(second_crawl) == 3 and len(first_crawl) == 2
    assert all("(first crawl)" in li.get_text() for li in first_crawl)
    # each change links to its comparison (or, for a first capture, to the version)
    jfp_change = next(li for li in relevant if "Joint Forward Plan 2024-2029" in li.get_text())
    title = next(a for a in jfp_change.find_all("a") if "Joint Forward Plan" in a.get_text())
    assert title["href"].startswith("/compare/v-")


def test_search_marks_the_words_found_and_keeps_to_the_latest_editions(client):
    page = client.get("/search", params={"q": "mental health support team"})
    hits = soup(page.text).select("li.hit")
    assert hits and all(h.select("mark") for h in hits)
    marked = {m.get_text().lower() for h in hits for m in h.select("mark")}
    assert {"mental", "health", "support", "team"} <= marked
    # the phrase is only in the 2023 strategy, which the 2025 refresh replaced
    old_phrase = {"q": '"work towards every school"'}
    assert "No passages match" in main_text(client.get("/search", params=old_phrase).text)
    every = soup(client.get("/search", params=old_phrase | {"every": "true"}).text).select("li.hit")
    assert len(every) == 1 and "Severn Integrated Care Strategy 2023" in every[0].get_text()


def test_search_filters_and_bad_queries(client):
    plans = soup(client.get("/search", params={"q": "family hub", "type": JFP.value}).text).select("li.hit")
    assert plans and all("Joint Forward Plan" in h.select_one(".meta").get_text() for h in plans)
    empty = client.get("/search")
    assert empty.status_code == 200 and "Search the archive" in main_text(empty.text)
    unclosed = client.get("/search", params={"q": '"family hub'})
    assert unclosed.status_code == 400 and "unclosed quote" in main_text(unclosed.text)
    assert client.get("/search", params={"q": "hub", "type": "leaflet"}).status_code == 400
