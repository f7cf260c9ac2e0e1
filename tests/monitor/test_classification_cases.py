"""The labelled classification cases: precision and recall of `monitor.classify` per document type.

Each case is a saved snippet of a real-shaped ICB or ICP page and, for a link case, which link on it is
the candidate (`link:` names its text); a case with no `link:` is the page itself judged as a document
(an HTML plan page, a chapter, an engagement page). Two sets: tests/cases/classification_real (tuning)
and classification_real_holdout, written first and never tuned on. Nothing is crawled.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from monitor.classify import HTML_DOCUMENT_MIN_WORDS, classify, classify_link, is_page_document
from monitor.link_context import link_context, opening_paragraph

CASES = Path(__file__).resolve().parent.parent / "cases" / "classification_real"
HOLDOUT = CASES.parent / "classification_real_holdout"
SETS = [CASES, HOLDOUT]
TYPES = ("strategy", "joint_forward_plan")
FIGURES: dict[str, str] = {}  # set name -> figures, printed in the summary by tests/conftest.py


def load(root: Path) -> list[dict]:
    return yaml.safe_load((root / "cases.yaml").read_text(encoding="utf-8"))


def _anchor(soup, wanted: str):
    for anchor in soup.select("a[href]"):
        if wanted.lower() in anchor.get_text(" ", strip=True).lower():
            return anchor
    raise AssertionError(f"no link saying {wanted!r} in the snippet")


def judge(case: dict):
    """(type, easy_read, reasons) as the crawler would archive the candidate; 'other' when it would not."""
    soup = BeautifulSoup(case["html"], "lxml")
    h1 = soup.h1.get_text(" ", strip=True) if soup.h1 else None
    known = {"publisher": case.get("publisher"), "local_titles": case.get("local_titles")}
    if case.get("link"):
        anchor = _anchor(soup, case["link"])
        url = urljoin(case["page"], anchor["href"])
        text = anchor.get_text(" ", strip=True)
        where = link_context(anchor)
        around = {"heading": where.heading, "paragraph": where.paragraph, **known}
        before, fetch = classify_link(url, text, h1, **around)
        if not fetch:
            return "other", False, before.reasons
        found = classify(url, link_text=text, context=h1, **around)
    else:
        main = soup.body
        words = len(main.get_text(" ", strip=True).split())
        files = any(a["href"].lower().endswith((".pdf", ".docx")) for a in main.select("a[href]"))
        found = classify(case["page"], title=h1, body=opening_paragraph(main), **known)
        if not is_page_document(found, words, files, HTML_DOCUMENT_MIN_WORDS):
            return "other", False, found.reasons
    return str(found.doc_type or "other"), found.easy_read, found.reasons


def score(cases: list[dict]) -> tuple[dict, list[str], float, float]:
    results = [(case, judge(case)) for case in cases]
    figures = {}
    for kind in TYPES:
        tp = sum(c["expect"] == kind and got == kind for c, (got, _, _) in results)
        fp = sum(c["expect"] != kind and got == kind for c, (got, _, _) in results)
        fn = sum(c["expect"] == kind and got != kind for c, (got, _, _) in results)
        figures[kind] = (tp / max(1, tp + fp), tp / max(1, tp + fn))
    missed = sorted(c["id"] for c, (got, easy, _) in results
                    if got != c["expect"] or easy != (c.get("easy_read") is True))
    easy = sum(e == (c.get("easy_read") is True) for c, (_, e, _) in results) / len(results)
    right = [(c, reasons) for c, (got, _, reasons) in results if got == c["expect"]]
    with_reasons = sum(all(any(str(w).lower() in r.lower() for r in reasons) for w in c.get("reasons") or [])
                       for c, reasons in right) / max(1, len(right))
    return figures, missed, easy, with_reasons


@pytest.mark.parametrize("root", SETS, ids=["real", "real-held-out"])
def test_classification_precision_and_recall(root):
    cases = load(root)
    figures, missed, easy, with_reasons = score(cases)
    FIGURES[root.name] = ("; ".join(f"{kind}: precision {p:.2f}, recall {r:.2f}" for kind, (p, r) in figures.items())
                          + f"; easy read flag right {easy:.0%}; expected reasons given in {with_reasons:.0%} of "
                          f"right answers; {len(cases)} cases, misses: {len(missed)}")
    print(f"\nclassification on {root.name}: {FIGURES[root.name]}\nmissed: {missed}")
    known_file = root / "known_misses.txt"
    known = set(known_file.read_text().split()) if known_file.exists() else set()
    assert not [m for m in missed if m not in known], "fix the rules or list them as known misses"
