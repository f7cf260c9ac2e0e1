"""The crawl summary is checked where the monitor reads it: a key renamed, missing or added, or a system
left out, is a clear error (the run then fails), never a silent "no documents seen"."""

from __future__ import annotations

import json

import pytest

from monitor.crawl_summary import SystemSummary, read_summary, write_summary
from monitor.errors import FetchError

GOOD = {"seen_documents": ["https://a.example/plan.pdf"], "robots": {}, "limited": False, "finish_reason": "finished"}


def test_what_the_crawler_writes_reads_back_the_same(tmp_path):
    path = tmp_path / "summary.json"
    write_summary(path, {"severn": SystemSummary(**GOOD)})
    [(system_id, summary)] = read_summary(path, ["severn"]).items()
    assert system_id == "severn" and summary.seen_documents == GOOD["seen_documents"] and summary.is_complete


@pytest.mark.parametrize(("entry", "where"), [
    ({**{k: v for k, v in GOOD.items() if k != "seen_documents"}, "documents_seen": []}, "seen_documents"),
    ({k: v for k, v in GOOD.items() if k != "limited"}, "limited"),
    ({**GOOD, "limited": "maybe"}, "limited"),
])
def test_a_renamed_missing_or_wrong_key_is_an_error_naming_it(tmp_path, entry, where):
    path = tmp_path / "summary.json"
    path.write_text(json.dumps({"severn": entry}))
    with pytest.raises(FetchError, match=f"system 'severn'.*{where}"):
        read_summary(path, ["severn"])


def test_a_system_left_out_or_a_broken_file_is_an_error(tmp_path):
    path = tmp_path / "summary.json"
    path.write_text(json.dumps({"severn": GOOD}))
    with pytest.raises(FetchError, match="no entry for system 'eastmarsh'"):
        read_summary(path, ["severn", "eastmarsh"])
    path.write_text("{not json")
    with pytest.raises(FetchError, match="cannot be read"):
        read_summary(path, ["severn"])
