"""The one Jinja2 environment for everything rendered from `templates/`: the digest (HTML and text)
and the HTML page of `icswatch diff`.

Takes a template name and its context; returns the rendered text. HTML templates (`.html`, `.html.j2`)
are autoescaped, so everything that came from a website is escaped; links are made only through the
`web_url` filter (http and https), which every template sees. The templates are the shipped ones
(package data), each replaceable by a file of the same name in ICSWATCH_TEMPLATES. Undefined names are errors
(StrictUndefined), so a template cannot silently print nothing for a field that went missing.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .resources import template_dirs


@cache
def environment() -> Environment:
    # The filters are the digest's presentation rules, kept in render.py; imported here rather than at
    # the top because render.py renders through this module.
    from . import render

    env = Environment(loader=FileSystemLoader(template_dirs()), undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False))
    env.filters.update(label=render.label, doc_label=render.doc_label, kind_label=render.kind_label,
                       sides=render.sides, marked=render.marked, web_url=render.web_url, url_text=render.url_text,
                       plural=render.plural, hang=render.hang, weakened_reasons=render.weakened_reasons)
    return env


def render_template(name: str, /, **context) -> str:
    return environment().get_template(name).render(context)
