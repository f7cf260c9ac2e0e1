"""Per-source ignore rules and the removal thresholds in the sources file: checked with file:line, as
every other key (issue 19)."""

from __future__ import annotations

from monitor.config import load_sources
from monitor.extract import Paragraph, Text
from monitor.ignore import apply_ignore
from tests.monitor.test_config import GOOD, problems_of

RULES = """\
    ignore:
      patterns: ['Page generated \\d+ \\w+ \\d{4}', '(unclosed']
      selectors: [p.page-generated, 'div[', main]
"""


def test_bad_ignore_rules_are_reported_with_their_line(tmp_path):
    text = GOOD.replace("    start_urls: [https://severn.example.org/plans]\n",
                        "    start_urls: [https://severn.example.org/plans]\n" + RULES)
    problems = problems_of(tmp_path, text)
    assert len(problems) == 3, problems
    pattern, selector, whole = problems
    assert pattern.startswith("21: system 'severn': ignore.patterns[1]: bad regular expression '(unclosed'")
    assert selector.startswith("22: system 'severn': ignore.selectors[1]: bad CSS selector 'div['")
    assert whole == "22: system 'severn': ignore.selectors[2]: selector 'main' would ignore the whole page; name the element that is noise"


def test_a_selector_for_the_whole_page_is_refused(tmp_path):
    text = GOOD.replace("    start_urls: [https://severn.example.org/plans]\n",
                        "    start_urls: [https://severn.example.org/plans]\n    ignore: {selectors: [main]}\n")
    [problem] = problems_of(tmp_path, text)
    assert problem.startswith("20: ") and "would ignore the whole page" in problem


def test_good_rules_load_and_take_only_the_noise_out(tmp_path):
    text = GOOD.replace("    start_urls: [https://severn.example.org/plans]\n",
                        "    start_urls: [https://severn.example.org/plans]\n"
                        "    ignore: {patterns: ['Page generated \\d+ \\w+ \\d{4} \\d\\d:\\d\\d'], "
                        "selectors: [.page-generated]}\n")
    path = tmp_path / "good.yaml"
    path.write_text(text)
    rules = load_sources(path).get("severn").ignore
    page = Text(outcome="ok", paragraphs=[Paragraph("We will open 4 family hubs by 2026."),
                                          Paragraph("Page generated 1 December 2026 14:02")])
    assert [p.text for p in apply_ignore(page, rules).paragraphs] == ["We will open 4 family hubs by 2026."]
    html = b"<main><p>We will open 4 family hubs.</p><p class='page-generated'>Built at 14:02 today</p></main>"
    built = Text(outcome="ok", paragraphs=[Paragraph("We will open 4 family hubs."), Paragraph("Built at 14:02 today")])
    selectors_only = rules.model_copy(update={"patterns": []})
    assert [p.text for p in apply_ignore(built, selectors_only, [html]).paragraphs] == ["We will open 4 family hubs."]


def test_removal_waits_for_crawls_and_days_by_default_and_both_can_be_set(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    crawl = load_sources(path).crawl
    assert (crawl.removed_after_crawls, crawl.removed_after_days) == (3, 14)
    bad = GOOD.replace("  download_delay_s: 1.5\n", "  download_delay_s: 1.5\n  removed_after_crawls: 0\n")
    [problem] = problems_of(tmp_path, bad)
    assert problem.startswith("3: ") and "removed_after_crawls" in problem, problem
