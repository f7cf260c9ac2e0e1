"""Does a changed passage touch a commitment to babies, children or young people? Under which themes?

Takes the passage before and after (its marked words, and the heading it sits under, when known) and
the rules in `config/relevance.yaml`, and returns a `Relevance`: relevant or not, the HPIG themes and
topic tags, whether a commitment was weakened (every way it was: `monitor.weakening`), and the reasons
for each decision ("about children: 'young people'", "commitment: 'will'", "weakened: 'will' became
'aim to'"). The rules are data a maintainer can read and extend.

How a passage is read, in order: noise and cosmetic edits are never relevant; the audience is that of
the clause that changed (a sentence about adults that mentions children elsewhere is about adults), else
of the whole passage, else of the heading it sits under ("Start well"); a commitment is a commitment
word, or a list item or headed priority that starts with an action ("Develop family hubs"), an outcome
("Young people can get help within four weeks"), a priority list ("our priority groups include"), or a
dated target ("within 4 weeks", "by March 2026").
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
from .numbers import normal, plain_dates
from .resources import config_file, shipped
from .terms import Terms
from .weakening import weakenings

ENV_RULES = "ICSWATCH_RELEVANCE"
DEFAULT_RULES = shipped("config") / "relevance.yaml"  # unless ICSWATCH_RELEVANCE or ICSWATCH_CONFIG says


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    themes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    weakened: bool = False


class _Audience(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strong: list[str]
    weak: list[str] = []
    adult_context: list[str] = []
    sections: list[str] = []
    adult_sections: list[str] = []


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    audience: _Audience
    commitment: list[str]
    actions: list[str] = []
    outcomes: list[str] = []
    priority_lists: list[str] = []
    target: list[str] = []
    dated_target: list[str] = []
    qualifiers: list[str] = []
    soft_verbs: list[str] = []
    scope: list[str] = []
    hedges: list[str] = []
    achieved: list[str] = []
    strong_verbs: list[str] = []
    noise: list[str] = []
    noise_sections: list[str] = []
    themes: dict[str, list[str]]
    tags: dict[str, list[str]] = {}
    tag_themes: dict[str, list[str]] = {}


class Rules:
    def __init__(self, data: _RulesFile):
        self.strong, self.weak = Terms(data.audience.strong), Terms(data.audience.weak)
        self.adult = Terms(data.audience.adult_context)
        self.sections, self.adult_sections = Terms(data.audience.sections), Terms(data.audience.adult_sections)
        self.commitment, self.target = Terms(data.commitment), Terms(data.target)
        self.actions = Terms([f"/^\\W*{_verb(v)}/" for v in data.actions])  # the first word of a list item
        self.outcomes, self.priority_lists = Terms(data.outcomes), Terms(data.priority_lists)
        self.dated_target, self.qualifiers = Terms(data.dated_target), Terms(data.qualifiers)
        self.soft_verbs, self.scope = Terms(data.soft_verbs), Terms(data.scope)
        self.hedges, self.strong_verbs, self.noise = Terms(data.hedges), Terms(data.strong_verbs), Terms(data.noise)
        self.achieved, self.noise_sections = Terms(data.achieved), Terms(data.noise_sections)
        self.themes = {name: Terms(terms) for name, terms in data.themes.items()}
        self.tags = {name: Terms(terms) for name, terms in data.tags.items()}
        unknown = {t for themes in data.tag_themes.values() for t in themes} - set(data.themes)
        if unknown or set(data.tag_themes) - set(data.tags):
            raise ValueError(f"tag_themes names unknown tags or themes: {sorted(unknown | (set(data.tag_themes) - set(data.tags)))}")
        self.tag_themes = data.tag_themes


def load_rules(path: str | Path | None = None) -> Rules:
    """The rules in `path`, else ICSWATCH_RELEVANCE, else the config directory's, else the shipped ones."""
    return _load_rules(Path(path or os.environ.get(ENV_RULES) or config_file("relevance.yaml")))


@lru_cache(maxsize=4)
def _load_rules(path: Path) -> Rules:
    try:
        return Rules(_RulesFile.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8"))))
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise ConfigError(f"{path}: the relevance rules cannot be used: {exc}") from None


def _verb(term: str) -> str:
    """An action verb of the rules file as a regular expression for the first word of a passage."""
    return re.escape(term.rstrip("*")).replace(r"\ ", r"[\s-]+") + (r"\w*" if term.endswith("*") else r"\b")


# Footnote markers ("[12]", a leading "12 See page 4", "waits.12") and list markers ("•", "2.") carry no
# meaning of their own: renumbering or re-bulleting a list is not a change.
_FOOTNOTE = re.compile(r"\[\d{1,3}\]|^\s*\d{1,3}\s+(?=[A-Z])|(?<=[a-z.,;:)])\d{1,2}(?=\s|$)")
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(?:\d{1,2}[.)]|[•·▪◦‣])\s+(?=\S)")
_CLAUSE = re.compile(r"\s*(?:;|:|\s[-–—]\s|,\s*(?:and|but|while|whilst|alongside|building on|as well as|"
                     r"including|with|so that|which)\b|,?\s+(?:while|whilst|alongside|building on|as well as)\b|"
                     r",\s+(?=(?:we|our|the|this|these|partners|each|every|all)\b))\s*", re.I)
# An opening clause like "Learning from our young people's service, ..." names who the plan learnt from,
# not who the commitment is for.
_CONTEXT_CLAUSE = re.compile(r"^\s*(learning from|as we have done for|as we did for|as with|like|alongside|"
                             r"building on|following|after|in addition to|similar to|as an?)\b", re.I)


def assess(before: str, after: str, words: list[tuple[str, str]] | None = None, rules: Rules | None = None,
           section: str | None = None) -> Relevance:
    """Judge one changed passage. `words` are its marked words ("=", "-", "+"), if known; `section` is
    the heading it sits under."""
    rules = rules or load_rules()
    before, after = (_plain(t) for t in (before, after))
    text = f"{before} {after}".strip()
    if before and after:
        words = word_diff(before, after)  # again, on the normalised text: "31/03/2026" = "31 March 2026"
    removed = " ".join(t for op, t in words or [] if op == "-") if words else before
    added = " ".join(t for op, t in words or [] if op == "+") if words else after
    noise = rules.noise.find(text)
    if noise:
        return Relevance(False, reasons=[f"page chrome or procedure: {noise!r}"])
    glossary = rules.noise_sections.find(section) if section else None
    if glossary:
        return Relevance(False, reasons=[f"under {section!r}: explains words, commits to nothing"])
    if before and after and not _substantive(removed, added, before, after):
        return Relevance(False, reasons=["only spelling, punctuation or spacing changed"])
    changed = _changed_clauses(before, after) if before and after else text
    audience, why_not = _audience(changed, [before, after], section, rules)
    if audience is None:
        return Relevance(False, reasons=[why_not])
    commitment = _commitment(before, after, section, rules)
    if commitment is None:
        return Relevance(False, reasons=[f"about children ({audience}) but states no commitment, target or date"])
    reasons = [f"about children: {audience}", f"commitment: {commitment}"]
    target = rules.target.find(text)
    if target and repr(target) != commitment:
        reasons.append(f"target: {target!r}")
    themes = _matches(rules.themes, text, reasons, "theme")
    tags = _matches(rules.tags, f"{text} {section or ''}", reasons, "tag")
    implied = [t for tag in tags for t in rules.tag_themes.get(tag, []) if t not in themes]
    for theme in dict.fromkeys(implied):
        themes.append(theme)
        reasons.append(f"theme {theme}: from the topic")
    themes = themes or ["population_health"]
    weakened = weakenings(before, after, removed, added, rules)
    reasons += [f"weakened: {reason}" for reason in weakened]
    return Relevance(True, themes, tags, reasons, bool(weakened))


def _plain(text: str) -> str:
    text = _LIST_MARKER.sub("", _FOOTNOTE.sub(" ", text.translate(QUOTES)))
    return re.sub(r"\s+", " ", plain_dates(text)).strip()


def _changed_clauses(before: str, after: str) -> str:
    """The clauses of either side that the other side does not have, as one text."""
    old = {normal(c): c for c in _CLAUSE.split(before) if c.strip()}
    new = {normal(c): c for c in _CLAUSE.split(after) if c.strip()}
    return " ".join([c for k, c in old.items() if k not in new] + [c for k, c in new.items() if k not in old])


def _audience(changed: str, sides: list[str], section: str | None, rules: Rules) -> tuple[str | None, str]:
    """Who the passage is about: the clause that changed decides when it names anyone; then the whole
    passage (opening context clauses aside); then the heading it sits under. Returns (a reason, None)
    or (None, why not)."""
    meant = " ".join(c for side in sides for c in _CLAUSE.split(side) if c.strip() and not _CONTEXT_CLAUSE.match(c))
    for scope in (changed, meant):
        strong = rules.strong.find(scope)
        if strong:
            return f"{strong!r}", ""
        weak, adult = rules.weak.find(scope), rules.adult.find(scope)
        if adult:
            return None, f"about adults ({adult!r}), not children or young people"
        if weak:
            return f"{weak!r}", ""
    if section:
        heading, adults = rules.strong.find(section) or rules.sections.find(section), rules.adult_sections.find(section)
        if heading and not adults:
            return f"{heading!r} (the section heading)", ""
        if adults or rules.adult.find(section):
            return None, f"under an adults' heading ({section!r}), not about children or young people"
    return None, "not about children or young people"


def _commitment(before: str, after: str, section: str | None, rules: Rules) -> str | None:
    """What makes the passage a commitment, as a reason, or None. A heading that states a commitment
    ("Measures we will track", "Who we will focus on") makes each item under it one."""
    if section and not rules.adult_sections.find(section):
        found = rules.commitment.find(section) or rules.priority_lists.find(section)
        if found:
            return f"{found!r} (the section heading)"
    found = rules.commitment.find(f"{before} {after}")
    if found:
        return repr(found)
    for side in (after, before):
        for terms, kind in ((rules.actions, "an action"), (rules.outcomes, "an outcome"),
                            (rules.priority_lists, "a priority list"), (rules.dated_target, "a dated target")):
            found = terms.find(side) if side else None
            if found:
                return f"{kind}: {found.strip(' -•*')!r}"
    return None


def _matches(groups: dict[str, Terms], text: str, reasons: list[str], label: str) -> list[str]:
    found = []
    for name, terms in groups.items():
        term = terms.find(text)
        if term:
            found.append(name)
            reasons.append(f"{label} {name}: {term!r}")
    return found


_ACRONYM_EXPANDED = re.compile(r"\(([A-Z]{2,6})\)")
_GLUE = {"and", "of", "the", "for", "s", "to", "in"}


def _substantive(removed: str, added: str, before: str, after: str) -> bool:
    old, new = normal(removed), normal(added)
    if old.replace(" ", "") == new.replace(" ", ""):
        return False  # spacing, case, punctuation, a line-end hyphen, "twelve" for "12", "per cent" for "%"
    if _only_spelled_out(old.split(), added, before, after) or _acronyms_folded(removed, added):
        return False  # "CYP" spelled out as "children and young people's (CYP)", "ICB" as "Integrated Care Board"
    if sorted(normal(before).split()) == sorted(normal(after).split()):
        return False  # the same words in another order: a reordered list
    digits_changed = re.sub(r"\D", "", old) != re.sub(r"\D", "", new)
    typo_fix = (old and new and len(old.split()) == len(new.split())
                and SequenceMatcher(None, old, new).ratio() >= 0.8 and len(old) > 3)
    return digits_changed or not typo_fix


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _acronyms_folded(removed: str, added: str) -> bool:
    """True when every acronym removed was written out in full in its place (initials of the added words,
    glue words aside) and nothing else changed but number words."""
    acronyms = _ACRONYM.findall(removed)
    if not acronyms:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", added) if w.lower() not in _GLUE]
    initials = "".join(w[0] for w in words).upper()
    rest_old = normal(_ACRONYM.sub(" ", removed)).split()
    spelled = all(a in initials for a in acronyms)
    leftover = [w for w in normal(added).split() if not w.isalpha() or w in rest_old]
    return spelled and sorted(rest_old) == sorted(leftover)


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
