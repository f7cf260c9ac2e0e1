"""The files ICS Watch ships with, and the deployment's own copies that replace them.

Takes a file name (`ics_sources.yaml`, `relevance.yaml`, `recipients.yaml`, a template) and returns the
path to read. The shipped copies are package data, read with `importlib.resources`: in a wheel they are
`monitor/_bundled/config/` and `monitor/_bundled/templates/` (see pyproject.toml); in a checkout they
are the project's own `config/` and `templates/`. A deployment overrides them with a config directory
(`ICSWATCH_CONFIG`, written by `icswatch init`): each file found there is used instead of the shipped
one. Options and the per-file variables (`--sources`, `ICSWATCH_RELEVANCE`, ...) still come first.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from .errors import ConfigError

ENV_CONFIG = "ICSWATCH_CONFIG"
ENV_TEMPLATES = "ICSWATCH_TEMPLATES"
CHECKOUT = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = ("ics_sources.yaml", "recipients.example.yaml", "relevance.yaml", "scorecard.yaml")


def shipped(folder: str) -> Path:
    """The shipped `config` or `templates` folder: the package's copy, else (a checkout) the project's."""
    packaged = resources.files("monitor") / "_bundled" / folder
    if packaged.is_dir():
        return Path(str(packaged))  # a wheel installed on disk; a zipped install is not supported
    return CHECKOUT / folder


def config_dir(environ: dict[str, str] | None = None) -> Path | None:
    """The deployment's config directory, if one is set; a directory that is not there is a config error."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_CONFIG)
    if not value:
        return None
    path = Path(value)
    if not path.is_dir():
        raise ConfigError(f"{ENV_CONFIG}={value}: no such directory; create it with `icswatch init {value}` "
                          f"or unset {ENV_CONFIG} to use the shipped configuration")
    return path


def config_file(name: str, environ: dict[str, str] | None = None) -> Path:
    """`name` from the deployment's config directory when it is there, else the shipped copy.
    `recipients.yaml` is never shipped: without a config directory it is looked for in the shipped
    folder, which holds one only in a checkout (where it is the maintainer's own, not in git)."""
    own = config_dir(environ)
    if own is not None and (own / name).is_file():
        return own / name
    return shipped("config") / name


def template_dirs(environ: dict[str, str] | None = None) -> list[Path]:
    """Where templates are looked up, first match wins: ICSWATCH_TEMPLATES, then the shipped ones."""
    env = os.environ if environ is None else environ
    own = env.get(ENV_TEMPLATES)
    if own and not Path(own).is_dir():
        raise ConfigError(f"{ENV_TEMPLATES}={own}: no such directory; unset it to use the shipped templates")
    return [*([Path(own)] if own else []), shipped("templates")]
