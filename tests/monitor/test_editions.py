"""The series rules on plain values: which new document is a later edition of which, and why."""

from __future__ import annotations

from datetime import UTC, datetime

from monitor.editions import EditionFacts, choose_edition, judge_edition

Y2023, Y2024, Y2025 = (datetime(year, 3, 1, tzinfo=UTC) for year in (2023, 2024, 2025))


def doc(did: str, title: str | None, when: datetime, url: str = "https://icp.example/plan.pdf", **extra) -> EditionFacts:
    return EditionFacts(document_id=did, title=title, url=url, first_seen=when, **extra)


def test_a_refresh_listed_beside_its_previous_version_joins_it():
    old = doc("d-2023", "Integrated Care Strategy 2023-2028", Y2023,
              link_text="Previous version: Integrated Care Strategy 2023-2028 (PDF)")
    new = doc("d-2025", "Integrated Care Strategy 2023-2028: 2025 refresh", Y2025)
    edition = judge_edition(new, old, shared_text=0.6)
    assert edition.joins and edition.label == "2025 refresh"
    assert any("Previous version" in r for r in edition.reasons) and any("sentences shared" in r for r in edition.reasons)


def test_a_later_edition_that_rewrote_most_of_its_text_joins_when_its_title_says_so():
    edition = judge_edition(doc("d-2024", "Joint Forward Plan 2024/25", Y2024, url="https://icb.example/jfp-2024/"),
                            doc("d-2023", "Joint Forward Plan 2023/24", Y2023, url="https://icb.example/jfp-2023/"),
                            shared_text=0.04)
    assert edition.joins and edition.label == "2024 edition"
    assert edition.reasons == ("the titles differ only by the year or edition ('Joint Forward Plan 2023/24' -> "
                               "'Joint Forward Plan 2024/25')",)


def test_file_names_stand_in_for_missing_titles():
    edition = judge_edition(doc("d-b", None, Y2025, url="https://icb.example/media/JFP-2025-26-refresh.pdf"),
                            doc("d-a", None, Y2024, url="https://icb.example/media/JFP-2024-25.pdf"), shared_text=0.1)
    assert edition.joins and edition.label == "2025 refresh"


def test_the_final_follows_its_draft():
    edition = judge_edition(doc("d-final", "Joint Forward Plan 2025/26 (final)", Y2025),
                            doc("d-draft", "Joint Forward Plan 2025/26 (draft for engagement)", Y2024), 0.8)
    assert edition.joins and edition.label == "final"


def test_two_unrelated_strategies_of_one_system_never_join():
    edition = judge_edition(doc("d-dig", "Digital and data strategy 2023-2026", Y2024),
                            doc("d-ics", "Integrated care strategy 2023-2028", Y2023), shared_text=0.25)
    assert not edition.joins


def test_a_summary_beside_the_full_plan_is_not_an_edition_of_it():
    edition = judge_edition(doc("d-sum", "Joint Forward Plan 2024-2029: summary", Y2024),
                            doc("d-full", "Joint Forward Plan 2024-2029", Y2023), shared_text=0.5)
    assert not edition.joins and edition.reasons == ("a summary is not an edition of the full plan",)


def test_an_older_year_never_continues_a_newer_one():
    assert not judge_edition(doc("d-old", "Joint Forward Plan 2023", Y2025),
                             doc("d-new", "Joint Forward Plan 2024", Y2024), 0.9).joins


def test_nothing_in_common_and_nothing_said_is_no_edition():
    assert not judge_edition(doc("d-b", "Start well plan", Y2025), doc("d-a", "Our local NHS plan", Y2023), 0.05).joins


def test_each_edition_continues_the_latest_one_before_it():
    y2023 = doc("d-2023", "Joint Forward Plan 2023", Y2023, url="https://icb.example/jfp-2023/")
    y2024 = doc("d-2024", "Joint Forward Plan 2024", Y2024, url="https://icb.example/jfp-2024/")
    y2025 = doc("d-2025", "Joint Forward Plan 2025", Y2025, url="https://icb.example/jfp-2025/")
    chosen, edition = choose_edition(y2025, [(y2023, 0.3), (y2024, 0.3)])
    assert chosen is y2024 and edition.label == "2025 edition"
    assert choose_edition(y2023, [(y2024, 0.9)]) is None  # a later document is never the one before
