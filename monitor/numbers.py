"""Dates, amounts and number words in plan prose, read the same however they are written.

Takes text and returns plain values: `dates` gives (year, month) pairs ("March 2026", "2025/26"),
`amounts` gives (value, unit) pairs ("£2.5 million", "six weeks", "75 per cent", "three days a week"), `plain_dates` writes
31/03/2026 as 31 March 2026, and `normal` folds case, punctuation, number words and synonyms a
reader would not call a change ("per cent" for "%", "make sure" for "ensure", "&" for "and").
"""

from __future__ import annotations

import re

MONTHS = "january february march april may june july august september october november december".split()
_DATE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r")\s+)?(20\d\d)(?:/(\d\d))?\b", re.I)
_AMOUNT = re.compile(r"(£\s?)?(?<!age )(?<!aged )(?<![/\d])\b(\d[\d,]*(?:\.\d+)?)\s*(million|m\b|k\b|%)?\s*"
                     r"(?:working |calendar )?(weeks?|days?|months?|hours?|sessions?|visits?|contacts?)?"
                     r"(\s+(?:a|per|each|every)\s+(?:week|month|year|term))?", re.I)
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100"}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
_SYNONYMS = [(re.compile(r"\s*\bper\s?cent\b", re.I), "%"), (re.compile(r"\bmake sure\b", re.I), "ensure"),
             (re.compile(r"\s&\s"), " and "), (re.compile(r"\bprogramme\b", re.I), "program")]


def plain_dates(text: str) -> str:
    """31/03/2026 -> 31 March 2026, so a change of date format is not a change of date."""
    def spelled(m: re.Match) -> str:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        return f"{day} {MONTHS[month - 1].title()} {year}" if 1 <= month <= 12 else m.group(0)
    return _NUMERIC_DATE.sub(spelled, text)


def synonyms_folded(text: str) -> str:
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


def normal(text: str) -> str:
    """Lower case, words only, number words as digits, and synonyms folded."""
    words = re.sub(r"[^\w%£]+", " ", synonyms_folded(text).casefold()).split()
    return " ".join(NUMBER_WORDS.get(w, w) for w in words)


def dates(text: str) -> set[tuple[int, int]]:
    return {(int(y), MONTHS.index(m.lower()) + 1 if m else 0) for m, y, _ in _DATE.findall(text)}


def amounts(text: str) -> set[tuple[float, str]]:
    """(value, unit) of every amount: a wait (week, day, month, hour), money, a percentage or a count."""
    found = set()
    text = " ".join(NUMBER_WORDS.get(w.lower(), w) for w in synonyms_folded(text).split(" "))
    for money, number, scale, unit, per in _AMOUNT.findall(text):
        value = float(number.replace(",", ""))
        if 1990 <= value <= 2100 and not money and not unit and scale != "%":
            continue  # a year, handled as a date
        if scale == "%":
            found.add((value, "percent"))
            continue
        value *= {"million": 1e6, "m": 1e6, "k": 1e3}.get(scale.lower(), 1)
        if per and not money:  # "five days a week": how much of a service there is, a count
            found.add((value, "count"))
            continue
        found.add((value, (unit or "").rstrip("s").lower() or ("money" if money else "count")))
    return found
