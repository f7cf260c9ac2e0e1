"""The digest's parts on plain values: periods, marked words, URLs, recipient filters, failures grouped,
and the recipients file with its `file:line` errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.config import load_sources
from monitor.digest import assemble, filter_digest, list_failures
from monitor.errors import ConfigError
from monitor.recipients import Recipient, load_recipients
from monitor.render import marked, period_label, render_html, render_text, sides, subject, url_text
from monitor.settings import DEFAULT_SOURCES, PROJECT_ROOT
from store.db import open_archive
from store.models import Fetch
from store.records import ChangeRecord

T = datetime(2026, 11, 16, tzinfo=UTC)


def day(n: int, hour: int = 0) -> datetime:
    return T + timedelta(days=n, hours=hour)


@pytest.mark.parametrize(("since", "until", "label"), [
    (datetime(2026, 11, 17, tzinfo=UTC), datetime(2026, 11, 24, tzinfo=UTC), "17–23 Nov 2026"),
    (datetime(2026, 11, 28, tzinfo=UTC), datetime(2026, 12, 5, tzinfo=UTC), "28 Nov – 4 Dec 2026"),
    (datetime(2026, 12, 28, tzinfo=UTC), datetime(2027, 1, 4, tzinfo=UTC), "28 Dec 2026 – 3 Jan 2027"),
    (datetime(2026, 11, 23, 9, tzinfo=UTC), datetime(2026, 11, 23, 17, tzinfo=UTC), "23 Nov 2026"),
])
def test_period_label_names_the_days_covered(since, until, label):
    assert period_label(since, until) == label


def test_changed_words_are_marked_without_their_spaces_and_joined_across_spaces():
    words = [["-", "We"], ["+", "By"], ["=", " "], ["-", "will "], ["+", "September "], ["=", "every "],
             ["+", "state-funded "], ["=", "school."]]
    before, after = sides(words)
    assert before == [("-", "We will"), ("=", " every school.")]
    assert marked(after) == "{+By September+} every {+state-funded+} school."
    assert marked(before) == "[-We will-] every school."


def test_urls_are_shown_readably():
    url = "http://icb.example/media/2417/Joint%20Forward%20Plan%202024-2029%20(final).pdf"
    assert url_text(url, None) == "icb.example/media/2417/Joint Forward Plan 2024-2029 (final).pdf"
    assert url_text(url, 40) == "icb.example/…/Joint Forward Plan 2024-2029 (final).pdf"


def change(system_id: str, region: str, relevant: bool = True, kind: str = "new_version", themes=(), tags=(),
           baseline: bool = False, **extra) -> ChangeRecord:
    return ChangeRecord.from_json({"change_id": f"c-{system_id}-{kind}", "system_id": system_id, "system_name": system_id.title(),
            "region": region, "document_id": "d-1", "doc_type": "joint_forward_plan", "easy_read": False,
            "title": f"{system_id} plan", "url": f"https://{system_id}.example/plan.pdf", "previous_url": None,
            "change": kind, "detected_at": day(1).isoformat(), "relevant": relevant, "weakened": False,
            "themes": list(themes), "tags": list(tags), "baseline": baseline, "version_id": "v-1",
            "previous_version_id": None, "note": None, "excerpts": [], **extra})


ITEMS = [change("severn", "Midlands", themes=["workforce"], tags=["send"]),
         change("eastmarsh", "East of England", themes=["inequalities"]),
         change("eastmarsh", "East of England", relevant=False, kind="removed"),
         change("severn", "Midlands", relevant=False),
         change("northfell", "North West", relevant=False, kind="new_document", baseline=True)]


def test_sections_and_counts():
    digest = assemble(day(0), day(7), day(7, 9), ITEMS, [])
    assert [r.region for r in digest.relevant] == ["East of England", "Midlands"]
    assert [c["change"] for c in digest.removed_or_moved] == ["removed"]
    assert digest.other_count == 1 and [b.system_id for b in digest.baseline] == ["northfell"]
    assert subject(digest) == "ICS Watch: 2 changes to children's commitments, 16–22 Nov 2026"


@pytest.mark.parametrize(("filters", "relevant", "others"), [
    ({"regions": ["Midlands"]}, ["severn"], ["severn"]),
    ({"systems": ["eastmarsh"]}, ["eastmarsh"], ["eastmarsh"]),
    ({"themes": ["send"]}, ["severn"], ["eastmarsh", "severn", "northfell"]),  # a tag counts as a theme
    ({"themes": ["leadership"]}, [], ["eastmarsh", "severn", "northfell"]),
    ({"regions": ["Midlands"], "themes": ["inequalities"]}, [], ["severn"]),
])
def test_recipient_filters(filters, relevant, others):
    digest = filter_digest(assemble(day(0), day(7), day(7, 9), ITEMS, []), Recipient(email="a@b.example", **filters))
    assert [c["system_id"] for r in digest.relevant for s in r.systems for c in s.changes] == relevant
    assert [c["system_id"] for c in digest.items if not c["relevant"]] == others
    assert digest.filters == filters and digest.include == "relevant"


def test_a_theme_filter_never_hides_a_new_document_or_a_refresh_at_a_new_address():
    """The example recipients file promises it: "New, removed and moved documents are always shown"."""
    easy_read = change("severn", "Midlands", kind="new_document", themes=["co_production"], easy_read=True,
                       url="https://severn.example/easy-read.pdf")
    refresh = change("severn", "Midlands", themes=["population_health"], url="https://severn.example/2025.pdf",
                     previous_url="https://severn.example/2023.pdf")
    elsewhere = change("eastmarsh", "East of England", kind="new_document", themes=["co_production"])
    send_lead = Recipient(email="send-lead@council.example", regions=["Midlands"], themes=["send", "inequalities"])
    digest = filter_digest(assemble(day(0), day(7), day(7, 9), [easy_read, refresh, elsewhere], []), send_lead)
    assert [c.url for c in digest.new_documents] == [easy_read.url, refresh.url]
    assert digest.relevant == [] and digest.relevant_count == 0  # quoted only under the recipient's themes
    text = render_text(digest)
    assert "severn plan" in text and "relevant: see above" not in text and "eastmarsh plan" not in text


def test_a_relevant_only_digest_counts_other_changes_and_everything_lists_them():
    full = assemble(day(0), day(7), day(7, 9), ITEMS, [])
    relevant_only = filter_digest(full, Recipient(email="a@b.example"))
    everything = filter_digest(full, Recipient(email="a@b.example", include="everything"))
    assert "1 other change in this period was not relevant" in render_text(relevant_only)
    assert "severn plan · Severn · new version · 0 passages" not in render_text(relevant_only)
    assert "severn plan · Severn · new version · 0 passages" in render_text(everything)
    assert "This digest shows relevant changes only." in render_text(relevant_only)
    assert "0 passages" in render_html(everything)


def test_failures_are_grouped_by_source_with_the_latest_error_and_the_first_time(tmp_path):
    archive = open_archive(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    url = "https://severn.example/publications"
    with archive.session() as session:
        session.add_all([
            Fetch(system_id="severn", url=url, fetched_at=day(-1), outcome="failed", error="before the period"),
            Fetch(system_id="severn", url=url, fetched_at=day(1), outcome="failed", error="HTTP 503"),
            Fetch(system_id="severn", url=url, fetched_at=day(3), outcome="failed", error="connection refused"),
            Fetch(system_id="severn", url=url, fetched_at=day(4), outcome="not_modified"),
            Fetch(system_id="severn", url="https://severn.example/", fetched_at=day(2), outcome="limit",
                  error="max_pages_per_site (500) reached"),
            Fetch(system_id="ghost", url="https://ghost.example/", fetched_at=day(9), outcome="failed", error="after"),
        ])
        session.commit()
    sources = load_sources(DEFAULT_SOURCES)
    failures = list_failures(archive, sources, day(0), day(7))
    archive.close()
    assert [(f.url, f.error, f.since, f.count) for f in failures] == [
        ("https://severn.example/", "max_pages_per_site (500) reached", day(2), 1),
        (url, "connection refused", day(1), 2)]


def test_the_example_recipients_file_is_valid():
    systems = {s.id for s in load_sources(DEFAULT_SOURCES).systems}
    recipients = load_recipients(PROJECT_ROOT / "config" / "recipients.example.yaml", systems)
    assert recipients and all(r.include in ("relevant", "everything") for r in recipients)


def test_a_bad_recipients_file_names_each_problem_with_its_line(tmp_path):
    path = tmp_path / "recipients.yaml"
    path.write_text("recipients:\n"
                    "  - email: a@b.example\n"
                    "    regoins: [London]\n"
                    "  - email: not-an-email\n"
                    "    include: all\n"
                    "  - email: c@d.example\n"
                    "    regions: [Londn]\n"
                    "    themes: [sendd]\n")
    with pytest.raises(ConfigError) as caught:
        load_recipients(path, {"severn"})
    lines = str(caught.value).splitlines()
    assert lines[0].endswith("recipients.yaml:3: unknown key 'regoins' (did you mean regions?)")
    assert ":4: recipients[1].email: 'not-an-email' is not an email address" in lines[1]
    assert ":5: recipients[1].include: 'all' is not one of 'relevant' or 'everything'" in lines[2]
    assert ":7: recipients[2].regions: unknown region 'Londn' (did you mean London?)" in lines[3]
    assert ":8: recipients[2].themes: unknown theme 'sendd' (did you mean send?)" in lines[4]


def test_recipients_naming_an_unknown_system_or_listed_twice(tmp_path):
    path = tmp_path / "recipients.yaml"
    path.write_text("recipients:\n  - email: a@b.example\n    systems: [sevrn]\n  - email: A@b.example\n")
    with pytest.raises(ConfigError, match=r":3: recipient 'a@b.example': unknown system 'sevrn' \(did you mean "
                                          r"severn\?\)[^\n]*\n[^\n]*:4: recipient 'A@b.example' is listed twice"):
        load_recipients(path, {"severn"})
    with pytest.raises(ConfigError, match="file not found; write one with `icswatch init DIR`"):
        load_recipients(tmp_path / "missing.yaml")
