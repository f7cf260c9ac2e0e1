"""Who receives the digest: the recipients file (`config/recipients.yaml`, not committed; see
`config/recipients.example.yaml`).

Takes the file's path and returns the validated `Recipient`s, or raises `ConfigError` listing every
problem as `file:line: message`. Each recipient has an email address, an optional name, `include`
("relevant": relevant changes in full and a count of the rest, the default; or "everything") and
optional filters: regions (the seven NHS regions), systems (ids in the sources file) and themes (the
theme and tag names of `config/relevance.yaml`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .config import REGIONS, display_name
from .config.problems import Problem, from_validation_error, suggest
from .config.yamlmap import load_yaml, yaml_error
from .errors import ConfigError
from .relevance import load_rules
from .resources import config_file

ENV_RECIPIENTS = "ICSWATCH_RECIPIENTS"
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def theme_names() -> list[str]:
    """Every theme and tag a recipient may filter on, from the relevance rules."""
    rules = load_rules()
    return [*rules.themes, *rules.tags]


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    email: str
    name: str | None = None
    include: Literal["relevant", "everything"] = "relevant"
    regions: list[str] | None = None
    systems: list[str] | None = None
    themes: list[str] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError(f"{value!r} is not an email address")
        return value

    @field_validator("regions")
    @classmethod
    def _regions(cls, values: list[str] | None) -> list[str] | None:
        return _known(values, REGIONS, "region")

    @field_validator("themes")
    @classmethod
    def _themes(cls, values: list[str] | None) -> list[str] | None:
        return _known(values, theme_names(), "theme")


def _known(values: list[str] | None, choices, what: str) -> list[str] | None:
    for value in values or []:
        if value not in choices:
            raise ValueError(f"unknown {what} {value!r}{suggest(value, choices)}; one of: {', '.join(choices)}")
    return values


class RecipientsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    recipients: list[Recipient]


def recipients_path(option: str | os.PathLike | None, environ: dict[str, str] | None = None) -> Path:
    """--recipients, then ICSWATCH_RECIPIENTS, then the config directory's recipients.yaml (ICSWATCH_CONFIG),
    then config/recipients.yaml in a checkout."""
    env = os.environ if environ is None else environ
    return Path(option or env.get(ENV_RECIPIENTS) or config_file("recipients.yaml", env))


def load_recipients(path: str | Path, system_ids: set[str] | None = None) -> list[Recipient]:
    """The validated recipients; `system_ids` (from the sources file) checks the systems filters."""
    path = Path(path)
    name = display_name(path)
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{name}: file not found; write one with `icswatch init DIR` and set ICSWATCH_CONFIG=DIR, "
                          "or set --recipients or ICSWATCH_RECIPIENTS") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read the file: {exc}") from None
    except yaml.YAMLError as exc:
        line, message = yaml_error(exc)
        raise ConfigError(f"{name}:{line}: {message}") from None
    try:
        parsed = RecipientsFile.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        _fail(from_validation_error(exc, doc, name, RecipientsFile))
    problems = []
    seen: set[str] = set()
    for i, recipient in enumerate(parsed.recipients):
        if recipient.email.lower() in seen:
            problems.append(Problem(name, doc.line_of(("recipients", i, "email")),
                                    f"recipient {recipient.email!r} is listed twice"))
        seen.add(recipient.email.lower())
        for j, system in enumerate(recipient.systems or []):
            if system_ids is not None and system not in system_ids:
                problems.append(Problem(name, doc.line_of(("recipients", i, "systems", j)),
                                        f"recipient {recipient.email!r}: unknown system {system!r}"
                                        f"{suggest(system, system_ids)}; see `icswatch sources list`"))
    if problems:
        _fail(problems)
    return list(parsed.recipients)


def _fail(problems: list[Problem]):
    raise ConfigError("\n".join(str(p) for p in sorted(problems)), problems)
