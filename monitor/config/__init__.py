"""The source configuration (`config/ics_sources.yaml`): load it, validate it, report every problem.

`load_sources(path)` returns a `SourcesFile` or raises `ConfigError` listing every problem as
`file:line: message`; `check_sources(path)` returns the file (or None) and all problems, warnings
included, for `icswatch sources validate`.
"""

from __future__ import annotations

import stat
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import ConfigError
from .checks import check_systems
from .models import REGIONS, CrawlSettings, DeliverySettings, Link, ScheduleSettings, Source, SourcesFile
from .problems import Problem, from_validation_error, suggest
from .yamlmap import load_yaml, yaml_error

__all__ = [
    "REGIONS", "ConfigError", "CrawlSettings", "DeliverySettings", "Link", "Problem", "ScheduleSettings", "Source", "SourcesFile",
    "check_sources", "display_name", "load_sources",
]


def check_sources(path: str | Path) -> tuple[SourcesFile | None, list[Problem]]:
    """Validate a sources file; never raises for a bad file, only reports."""
    path = Path(path)
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, 0, "file not found; set --sources or ICSWATCH_SOURCES")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, 0, f"cannot read the file: {exc}")]
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as exc:
        line, message = yaml_error(exc)
        return None, [Problem(name, line, message)]

    problems = [
        Problem(name, line, f"duplicate key {p[-1]!r} (first at line {first}); YAML would keep only the last")
        for p, line, first in doc.duplicates
    ] + _permission_problems(Path(path), name)
    if not isinstance(doc.data, dict):
        return None, problems + [Problem(name, 1, "expected a mapping with 'systems:' at the top level")]
    crawl, found = _validate(CrawlSettings, doc.data.get("crawl") or {}, doc, name, ("crawl",))
    problems += found
    schedule, found = _validate(ScheduleSettings, doc.data.get("schedule") or {}, doc, name, ("schedule",))
    problems += found
    delivery, found = _validate(DeliverySettings, doc.data.get("delivery") or {}, doc, name, ("delivery",))
    problems += found
    problems += [Problem(name, doc.line_of((key,)), f"unknown key {key!r}" + suggest(key, SourcesFile.model_fields))
                 for key in doc.data if key not in SourcesFile.model_fields]
    raw_systems = doc.data.get("systems")
    if not isinstance(raw_systems, list) or not raw_systems:
        problems.append(Problem(name, doc.line_of(("systems",)), "'systems' must be a list with at least one system"))
        raw_systems = []
    systems = []
    for i, raw in enumerate(raw_systems):
        source, found = _validate(Source, raw, doc, name, ("systems", i))
        problems += found
        if source is not None:
            systems.append((i, source))
    problems += check_systems(systems, raw_systems, doc, name, crawl.allow_private_addresses if crawl else [])
    problems.sort(key=lambda p: (p.line, p.message))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return SourcesFile(crawl=crawl, schedule=schedule, delivery=delivery, systems=[s for _, s in systems]), problems


def _permission_problems(path: Path, name: str) -> list[Problem]:
    """A sources file anyone on the machine may change decides what is crawled and who is mailed."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return []
    if mode & stat.S_IWOTH:
        return [Problem(name, 1, f"the file can be changed by anyone on this machine (mode {stat.S_IMODE(mode):04o}): "
                                 f"they could change what is crawled; run `chmod o-w {name}`", "warning")]
    return []


def _validate(model, raw, doc, name, prefix):
    """(instance or None, problems) for one part of the file, so one bad entry hides no other."""
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        return None, from_validation_error(exc, doc, name, SourcesFile, prefix)


def display_name(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_sources(path: str | Path) -> SourcesFile:
    """The validated sources file; raises ConfigError (with every problem) when it has errors."""
    sources, problems = check_sources(path)
    if sources is None:
        errors = [p for p in problems if p.severity == "error"]
        raise ConfigError("\n".join(str(p) for p in errors), errors)
    return sources
