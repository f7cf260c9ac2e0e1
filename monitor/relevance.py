"""Does a changed passage touch a commitment to babies, children or young people? Under which themes?

Takes the passage before and after (and its marked words) and the rules in `config/relevance.yaml`,
and returns a `Relevance`: relevant or not, the HPIG themes and topic tags, whether a commitment was
weakened, and the reasons for each decision ("about children: 'young people'", "commitment: 'will'",
"weakened: 'will' became 'aim to'"). The rules are data a maintainer can read and extend.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from .diff import QUOTES, word_diff
from .errors import ConfigError
from .resources import config_file, shipped

ENV_RULES = "ICSWATCH_RELEVANCE"
DEFAULT_RULES = shipped("config") / "relevance.yaml"  # unless ICSWATCH_RELEVANCE or ICSWATCH_CONFIG says
MONTHS = "january february march april may june july august september october november december".split()
_DATE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r")\s+)?(20\d\d)(?:/(\d\d))?\b", re.I)
_AMOUNT = re.compile(r"(£\s?)?(?<!age )(?<!aged )\b(\d[\d,]*(?:\.\d+)?)\s*(million|m\b|k\b)?\s*"
                     r"(?:working |calendar )?(weeks?|days?|months?|hours?)?", re.I)


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    themes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    weakened: bool = False


class Terms:
    """A list of terms from the rules file, matched as whole words (see the file's header)."""

    def __init__(self, terms: list[str]):
        self.patterns = [compile_term(t) for t in terms]

    def find(self, text: str) -> str | None:
        for pattern in self.patterns:
            found = pattern.search(text)
            if found:
                return found.group(0).strip().lower()
        return None


def compile_term(term: str) -> re.Pattern:
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return re.compile(term[1:-1], re.I)
    prefix = term.endswith("*")
    parts = re.split(r"[\s-]+", term.rstrip("*").translate(QUOTES))
    body = r"[\s-]+".join(re.escape(p) for p in parts if p)
    tail = r"\w*" if prefix else r"(?:'?s)?(?!\w)"
    return re.compile(r"(?<!\w)" + body + tail, re.I)


class _Audience(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strong: list[str]
    weak: list[str] = []
    adult_context: list[str] = []


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    audience: _Audience
    commitment: list[str]
    target: list[str] = []
    hedges: list[str] = []
    achieved: list[str] = []
    strong_verbs: list[str] = []
    noise: list[str] = []
    themes: dict[str, list[str]]
    tags: dict[str, list[str]] = {}


class Rules:
    def __init__(self, data: _RulesFile):
        self.strong, self.weak = Terms(data.audience.strong), Terms(data.audience.weak)
        self.adult = Terms(data.audience.adult_context)
        self.commitment, self.target = Terms(data.commitment), Terms(data.target)
        self.hedges, self.strong_verbs, self.noise = Terms(data.hedges), Terms(data.strong_verbs), Terms(data.noise)
        self.achieved = Terms(data.achieved)
        self.themes = {name: Terms(terms) for name, terms in data.themes.items()}
        self.tags = {name: Terms(terms) for name, terms in data.tags.items()}


def load_rules(path: str | Path | None = None) -> Rules:
    """The rules in `path`, else ICSWATCH_RELEVANCE, else the config directory's, else the shipped ones."""
    return _load_rules(Path(path or os.environ.get(ENV_RULES) or config_file("relevance.yaml")))


@lru_cache(maxsize=4)
def _load_rules(path: Path) -> Rules:
    try:
        return Rules(_RulesFile.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8"))))
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise ConfigError(f"{path}: the relevance rules cannot be used: {exc}") from None


def assess(before: str, after: str, words: list[tuple[str, str]] | None = None, rules: Rules | None = None) -> Relevance:
    """Judge one changed passage. `words` are its marked words ("=", "-", "+"), if known."""
    rules = rules or load_rules()
    before, after = _plain_dates(before.translate(QUOTES)), _plain_dates(after.translate(QUOTES))
    text = f"{before} {after}".strip()
    if before and after:
        words = word_diff(before, after)  # again, on the normalised text: "31/03/2026" = "31 March 2026"
    removed = " ".join(t for op, t in words or [] if op == "-") if words else before
    added = " ".join(t for op, t in words or [] if op == "+") if words else after
    noise = rules.noise.find(text)
    if noise:
        return Relevance(False, reasons=[f"page chrome or procedure: {noise!r}"])
    if before and after and not _substantive(removed, added, before, after):
        return Relevance(False, reasons=["only spelling, punctuation or spacing changed"])
    audience, why_not = _audience(text, rules)
    if audience is None:
        return Relevance(False, reasons=[why_not])
    commitment = rules.commitment.find(text)
    if commitment is None:
        return Relevance(False, reasons=[f"about children ({audience!r}) but states no commitment, target or date"])
    reasons = [f"about children: {audience!r}", f"commitment: {commitment!r}"]
    target = rules.target.find(text)
    if target and target != commitment:
        reasons.append(f"target: {target!r}")
    themes = _matches(rules.themes, text, reasons, "theme") or ["population_health"]
    tags = _matches(rules.tags, text, reasons, "tag")
    weakened = _weakened(before, after, removed, added, rules)
    if weakened:
        reasons.append(f"weakened: {weakened}")
    return Relevance(True, themes, tags, reasons, bool(weakened))


def _audience(text: str, rules: Rules) -> tuple[str | None, str]:
    strong = rules.strong.find(text)
    if strong:
        return strong, ""
    weak, adult = rules.weak.find(text), rules.adult.find(text)
    if weak and not adult:
        return weak, ""
    if adult:
        return None, f"about adults ({adult!r}), not children or young people"
    return None, "not about children or young people"


def _matches(groups: dict[str, Terms], text: str, reasons: list[str], label: str) -> list[str]:
    found = []
    for name, terms in groups.items():
        term = terms.find(text)
        if term:
            found.append(name)
            reasons.append(f"{label} {name}: {term!r}")
    return found


_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
_ACRONYM_EXPANDED = re.compile(r"\(([A-Z]{2,6})\)")
_GLUE = {"and", "of", "the", "for", "s", "to", "in"}


def _plain_dates(text: str) -> str:
    """31/03/2026 -> 31 March 2026, so a change of date format is not a change of date."""
    def spelled(m: re.Match) -> str:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        return f"{day} {MONTHS[month - 1].title()} {year}" if 1 <= month <= 12 else m.group(0)
    return _NUMERIC_DATE.sub(spelled, text)


def _normal(text: str) -> str:
    words = re.sub(r"[^\w%£]+", " ", text.casefold()).split()
    return " ".join(_NUMBER_WORDS.get(w, w) for w in words)


def _substantive(removed: str, added: str, before: str, after: str) -> bool:
    old, new = _normal(removed), _normal(added)
    if old.replace(" ", "") == new.replace(" ", ""):
        return False  # spacing, case, punctuation, a line-end hyphen, "twelve" for "12"
    if _only_spelled_out(old.split(), added, before, after):
        return False  # "CYP" spelled out as "children and young people's (CYP)"
    digits_changed = re.sub(r"\D", "", old) != re.sub(r"\D", "", new)
    typo_fix = (old and new and len(old.split()) == len(new.split())
                and SequenceMatcher(None, old, new).ratio() >= 0.8 and len(old) > 3)
    return digits_changed or not typo_fix


def _only_spelled_out(removed_words: list[str], added: str, before: str, after: str) -> bool:
    """True when the edit only spells out an acronym the text already used: the added words' initials
    are the acronym's letters, and nothing was removed but the acronym itself."""
    for acronym in _ACRONYM_EXPANDED.findall(after):
        if not re.search(rf"\b{acronym}\b", before) or not set(removed_words) <= {acronym.lower()}:
            continue
        words = [w for w in re.findall(r"[A-Za-z]+", added) if w.lower() not in _GLUE and w != acronym]
        if words and "".join(w[0] for w in words).lower() == acronym.lower():
            return True
    return False


def _weakened(before: str, after: str, removed: str, added: str, rules: Rules) -> str | None:
    if not before or not after:
        return None
    strong, hedge = rules.strong_verbs.find(before), rules.hedges.find(after)
    if strong and hedge and not rules.hedges.find(before):
        return f"{strong!r} became {hedge!r}"
    return (_later_date(before, after) or _smaller_amount(before, after) or _less_often(before, after)
            or _target_dropped(before, after, rules))


def _target_dropped(before: str, after: str, rules: Rules) -> str | None:
    target = rules.target.find(before)
    if target and not rules.target.find(after) and not rules.achieved.find(after):
        return f"its date or target ({target!r}) was dropped"
    return None


_FREQUENCY = ["daily", "weekly", "fortnightly", "monthly", "quarterly", "six-monthly", "annually", "yearly"]


def _less_often(before: str, after: str) -> str | None:
    was = [f for f in _FREQUENCY if re.search(rf"\b{f}\b", before, re.I)]
    now = [f for f in _FREQUENCY if re.search(rf"\b{f}\b", after, re.I)]
    if len(was) == 1 and len(now) == 1 and _FREQUENCY.index(now[0]) > _FREQUENCY.index(was[0]):
        return f"less often ({was[0]} -> {now[0]})"
    return None


def _dates(text: str) -> set[tuple[int, int]]:
    return {(int(y), MONTHS.index(m.lower()) + 1 if m else 0) for m, y, _ in _DATE.findall(text)}


def _later_date(before: str, after: str) -> str | None:
    old, new = _dates(before), _dates(after)
    gone, came = old - new, new - old
    if gone and came and max(came) > max(gone):
        name = lambda d: f"{MONTHS[d[1] - 1].title() + ' ' if d[1] else ''}{d[0]}"  # noqa: E731
        return f"date moved later ({name(max(gone))} -> {name(max(came))})"
    return None


def _amounts(text: str) -> set[tuple[float, str]]:
    found = set()
    text = " ".join(_NUMBER_WORDS.get(w.lower(), w) for w in text.split(" "))  # "six weeks" -> "6 weeks"
    for money, number, scale, unit in _AMOUNT.findall(text):
        value = float(number.replace(",", ""))
        if 1990 <= value <= 2100 and not money and not unit:
            continue  # a year, handled as a date
        value *= {"million": 1e6, "m": 1e6, "k": 1e3}.get(scale.lower(), 1)
        found.add((value, (unit or "").rstrip("s").lower() or ("money" if money else "count")))
    return found


def _smaller_amount(before: str, after: str) -> str | None:
    old, new = _amounts(before), _amounts(after)
    gone, came = old - new, new - old
    if len(gone) != 1 or len(came) != 1:
        return None
    (was, unit), (now, unit_now) = gone.pop(), came.pop()
    if unit != unit_now:
        return None
    if unit in ("week", "day", "month", "hour") and now > was:
        return f"a longer wait or timescale ({was:g} -> {now:g} {unit}s)"
    if unit in ("count", "money") and now < was:
        return f"a smaller number ({was:g} -> {now:g})"
    return None
