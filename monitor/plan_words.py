"""The words that say what a document is: the patterns `monitor.classify` reads each signal with.

Takes nothing; holds compiled patterns and the one judgement that needs more than a pattern: what a
"five year plan" is. Before the Health and Care Act 2022 (systems statutory from 1 July 2022) a
partnership's five year plan (the STP's answer to the NHS Long Term Plan) was its strategy; since then
an ICB's five year plan is its Joint Forward Plan. `five_year_plan` weighs the dates, the words around
it and who publishes it, and says why.
"""

from __future__ import annotations

import re

from store.vocabulary import DocType

STRATEGY, JFP, OTHER = DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN, DocType.OTHER

_compile = lambda patterns: [re.compile(p, re.I) for p in patterns]  # noqa: E731

# What a page or file is *for*, whatever plan it is about: a board paper, a news story, a consultation.
# Found in a candidate's own words (link text, title, URL) they win over a plan named anywhere else.
KIND_OF_PAGE = _compile([
    r"board (meeting )?papers?", r"\bpapers? for\b", r"\bminutes\b", r"\bagenda\b", r"\bitem \d+",
    r"\bnews\b", r"press release", r"\bpublish(es|ed)? (its|our|their|the)\b", r"\blaunch(es|ed)?\b",
    # about a plan, not the plan: "JFP engagement", "strategy consultation feedback"; a "draft for
    # engagement" or "for consultation" is the plan itself
    r"\b(plan|strategy|jfp|\d) (engagement|consultation)\b", r"\bconsultations\b",
    r"\b(engagement|consultation) (report|survey|questionnaire|response|feedback|events?|sessions?|page)s?\b",
    r"have your say", r"\bsurveys?\b", r"questionnaire", r"you said,? we did", r"what you told us",
])
_PAPERS = [
    r"board (meeting )?papers?", r"\bpapers? for\b", r"\bminutes\b", r"\bagenda\b", r"\bnews\b", r"press release",
    r"annual report", r"\baccounts\b", r"\bjobs?\b", r"vacanc", r"recruit", r"job description",
    r"\bnewsletter\b", r"recovery plan", r"operational plan", r"financial plan", r"green plan",
    r"(digital|estates|workforce|people|research|communications|engagement|quality|medicines|"
    r"procurement|infrastructure|data) strategy", r"\bpolicy\b", r"\bprocedure\b", r"freedom of information",
    r"terms of reference", r"\bregister of interests?\b", r"\bevents?\b", r"\bcalendar\b",
]
OTHER_RE = KIND_OF_PAGE + _compile(_PAPERS)
# A document's or page's own body: it may well say "engagement"; only a call to take part marks it.
BODY_OTHER_RE = _compile(_PAPERS + [r"have your say", r"take part in (our|the) survey", r"survey closes",
                                    r"tell us what you think"])
FIVE_YEAR = re.compile(r"\b(five|5)[- ]year (joint )?(forward )?plan", re.I)
JFP_RE = _compile([r"joint forward plan", r"\bjfp\b", r"\bforward plan\b"]) + [FIVE_YEAR]
STRATEGY_RE = _compile([
    r"integrated care (partnership )?strategy", r"\bicp strategy\b", r"\bpartnership strategy\b",
    r"health and (wellbeing|care) strategy", r"\bics strategy\b", r"integrated care system strategy",
    r"\binterim (integrated care )?strategy\b",
])
EASY_RE = _compile([r"easy[- ]?read", r"accessible version", r"\beasyread\b"])
# Other formats of a plan: the same plan for other readers, never easy read.
ALTERNATIVE_RE = _compile([r"\baudio\b", r"\bbsl\b", r"british sign language", r"large[- ]print", r"\bbraille\b",
                           r"\bsigned video\b"])
# Link texts that say nothing about what they link to.
GENERIC = re.compile(r"^(download|read more|read|view|open|here|click here|pdf|docx?|word|link|more|"
                     r"download (the )?(pdf|document|file)|\(?pdf.*\)?|find out more)\W*$", re.I)

_YEAR = re.compile(r"(?<!\d)(20[01]\d|202\d|203\d)(?!\d)")
_BEFORE_THE_ACT = re.compile(r"sustainability and transformation|\bstp\b|clinical commissioning group|\bccgs?\b|"
                             r"long term plan", re.I)
ACT_YEAR = 2022


def five_year_plan(words: list[tuple[str, str]], publisher: str | None) -> tuple[str, list[str]]:
    """What a "five year plan" is, from `words` ((label, text) of the candidate and the link's
    surroundings) and `publisher` ('icb', 'icp' or None): the type and the reasons, one per signal."""
    votes, reasons = {STRATEGY: 0, JFP: 0}, []
    years = [(int(y), label) for label, text in words if text for y in _YEAR.findall(text)]
    if years:
        year, label = min(years)
        kind = STRATEGY if year < ACT_YEAR else JFP
        votes[kind] += 2
        reasons.append(f"{label} dates it {year}, " + ("before integrated care systems (July 2022): a "
                       "partnership's five year plan then was its strategy" if kind == STRATEGY
                       else "after the Health and Care Act 2022, when ICBs publish five-year Joint Forward Plans"))
    before = next(((label, m.group(0)) for label, text in words if text for m in [_BEFORE_THE_ACT.search(text)] if m),
                  None)
    if before:
        votes[STRATEGY] += 2
        reasons.append(f"{before[0]} says {before[1].lower()!r}, words from before integrated care systems")
    if publisher == "icb":
        votes[JFP] += 1
        reasons.append("published on the ICB's site: an ICB's five year plan is its Joint Forward Plan")
    elif publisher == "icp":
        votes[STRATEGY] += 1
        reasons.append("published on the partnership's site")
    kind = STRATEGY if votes[STRATEGY] > votes[JFP] else JFP
    if not reasons:
        reasons.append("no date or publisher to go by: taken as the Joint Forward Plan, as since 2022")
    return kind, reasons
