"""The scorecard's indicators (`config/scorecard.yaml`): load them, validate them, say where a mistake is.

Takes the file and returns `Indicators` (each `Indicator` with its theme, the document types it applies
to, its question and the evidence that counts for Yes and for To some extent), or raises `ConfigError`
listing every problem as `file:line: message`, with the line numbers and suggestions of the other config
files (`monitor.config.yamlmap`, `monitor.config.problems`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from store.vocabulary import PLAN_TYPES

from ..config.problems import Problem, from_validation_error, suggest
from ..config.yamlmap import load_yaml, yaml_error
from ..errors import ConfigError
from ..resources import config_file
from ..terms import compile_term

ENV_SCORECARD = "ICSWATCH_SCORECARD"
THEMES = ("population_health", "leadership", "co_production", "workforce", "data_sharing", "integration",
          "inequalities")
STRUCTURES = ("easy_read_version", "named_executive_lead", "age_0_to_25")
BOTH = "both"
APPLIES = (*(str(t) for t in PLAN_TYPES), BOTH)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_terms(terms: list[str]) -> list[str]:
    for term in terms:
        try:
            compile_term(term)
        except Exception as exc:  # re.error, with the term named
            raise ValueError(f"term {term!r} is not a valid pattern: {exc}") from None
    return terms


class Clause(_Model):
    """One piece of evidence: passages that mention a term (and, if asked, also one of `with`, about
    children, a firm commitment, dated), at least `count` of them and `distinct` different terms; or a
    fact about the document (`structure`); or any one of several clauses (`any`)."""

    says: str = Field(min_length=3)  # the evidence in words, for the reasons
    mentions: list[str | list[str]] = []  # a list inside the list is one kind of thing, for `distinct`
    with_: list[str] = Field(default=[], alias="with")
    not_: list[str] = Field(default=[], alias="not")
    about_children: bool = False
    firm: bool = False  # a stored commitment of the version, not hedged ("aim to", "explore")
    dated: bool = False  # a date or time limit ("by March 2026", "within 18 weeks")
    count: int = Field(default=1, ge=1)
    distinct: int = Field(default=0, ge=0)
    structure: Literal[STRUCTURES] | None = None  # type: ignore[valid-type]
    any: list[Clause] = []

    _terms = field_validator("with_", "not_")(classmethod(lambda cls, v: _check_terms(v)))
    _kinds = field_validator("mentions")(classmethod(lambda cls, v: [_check_terms(k) if isinstance(k, list) else
                                                                     _check_terms([k])[0] for k in v]))

    @property
    def kinds(self) -> tuple[tuple[str, ...], ...]:
        """The terms of `mentions` by kind: each plain term its own kind, each inner list one."""
        return tuple(tuple(k) if isinstance(k, list) else (k,) for k in self.mentions)

    @model_validator(mode="after")
    def _one_kind(self) -> Clause:
        kinds = [bool(self.mentions), self.structure is not None, bool(self.any)]
        if sum(kinds) != 1:
            raise ValueError("a clause needs exactly one of 'mentions', 'structure' or 'any'")
        if self.distinct > len(self.mentions) and self.mentions:
            raise ValueError(f"distinct: {self.distinct} is more than the {len(self.mentions)} terms of 'mentions'")
        return self


class Indicator(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    theme: Literal[THEMES]  # type: ignore[valid-type]
    applies_to: Literal[APPLIES]  # type: ignore[valid-type]
    question: str = Field(min_length=10)
    yes_when: list[Clause] = Field(min_length=1)
    to_some_extent_when: list[Clause] = Field(min_length=1)

    def applies(self, doc_type: str) -> bool:
        return self.applies_to == BOTH or self.applies_to == doc_type


class _File(_Model):
    indicators: list[Indicator] = Field(min_length=1)


@dataclass(frozen=True)
class Indicators:
    items: tuple[Indicator, ...]

    def for_type(self, doc_type: str) -> list[Indicator]:
        return [i for i in self.items if i.applies(doc_type)]

    def get(self, indicator_id: str) -> Indicator:
        for item in self.items:
            if item.id == indicator_id:
                return item
        raise KeyError(indicator_id)


def check_indicators(path: str | Path) -> tuple[Indicators | None, list[Problem]]:
    """Validate a scorecard file; never raises for a bad file, only reports."""
    path = Path(path)
    name = str(path)
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, 0, f"cannot read the file: {exc}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, *yaml_error(exc))]
    problems = [Problem(name, line, f"duplicate key {p[-1]!r} (first at line {first}); YAML would keep only the last")
                for p, line, first in doc.duplicates]
    problems += _boolean_keys(doc, name)
    if problems:
        return None, problems
    try:
        parsed = _File.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems + [_named(p, doc) for p in from_validation_error(exc, doc, name, _File)]
    seen: dict[str, int] = {}
    for n, item in enumerate(parsed.indicators):
        line = doc.line_of(("indicators", n, "id"))
        if item.id in seen:
            problems.append(Problem(name, line, f"indicator {item.id!r} is defined twice (first at line {seen[item.id]})"))
        seen.setdefault(item.id, line)
    if problems:
        return None, problems
    return Indicators(tuple(parsed.indicators)), []


def _boolean_keys(doc, name: str) -> list[Problem]:
    """`yes:` and `no:` as keys are booleans to YAML, which pydantic would report as a missing key."""
    found = []
    for path, line in doc.lines.items():
        if path and isinstance(path[-1], bool):
            word = "yes" if path[-1] else "no"
            found.append(_named(Problem(name, line, f"{word!r} as a key is read by YAML as {str(path[-1]).lower()}: write "
                                        f"{word}_when (or to_some_extent_when)"), doc))
    return found


def _named(problem: Problem, doc) -> Problem:
    """Say which indicator a problem is in, as sources problems name their system."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("indicators") if isinstance(data.get("indicators"), list) else []
    for n, item in enumerate(items):
        lines = [line for path, line in doc.lines.items() if path[:2] == ("indicators", n)]
        if lines and min(lines) <= problem.line <= max(lines) and isinstance(item, dict) and item.get("id"):
            return Problem(problem.file, problem.line, f"indicator {item['id']!r}: {problem.message}")
    return problem


def load_indicators(path: str | Path | None = None) -> Indicators:
    """The indicators in `path`, else ICSWATCH_SCORECARD, else the config directory's, else the shipped ones."""
    return _load(indicators_path(path))


def indicators_path(path: str | Path | None = None) -> Path:
    """Where the indicators are read from (a page that keeps a scorecard watches its time of change)."""
    return Path(path or os.environ.get(ENV_SCORECARD) or config_file("scorecard.yaml"))


@lru_cache(maxsize=4)
def _load(path: Path) -> Indicators:
    found, problems = check_indicators(path)
    if found is None:
        raise ConfigError("\n".join(str(p) for p in problems), problems)
    return found


def unknown_indicator(indicator_id: str, indicators: Indicators) -> str:
    return f"no indicator {indicator_id!r}" + suggest(indicator_id, [i.id for i in indicators.items])
