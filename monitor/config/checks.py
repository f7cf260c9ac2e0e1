"""Rules that span entries of `config/ics_sources.yaml`, and the advice that is not an error.

Takes the validated `SourcesFile` with its `YamlDoc` and returns `Problem`s: duplicate ids, unknown
successors, lifecycle rules (a merged system names its successors), hosts outside `allowed_hosts`.
Warnings point maintainers at what to check next (a system with nowhere to start crawling).
"""

from __future__ import annotations

from .models import SourcesFile
from .problems import Problem, suggest
from .yamlmap import YamlDoc


def check_systems(sources: SourcesFile, doc: YamlDoc, file: str) -> list[Problem]:
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    ids = {s.id for s in sources.systems}

    def add(index: int, key: str | None, message: str, severity: str = "error") -> None:
        path = ("systems", index) + ((key,) if key else ())
        problems.append(Problem(file, doc.line_of(path), message, severity))

    for i, source in enumerate(sources.systems):
        label = f"system {source.id!r}: "
        if source.id in first_line:
            add(i, "id", f"{label}duplicate id (first used at line {first_line[source.id]}); ids must be unique")
        first_line.setdefault(source.id, doc.line_of(("systems", i, "id")))

        for successor in source.successors:
            if successor == source.id:
                add(i, "successors", f"{label}a system cannot be its own successor")
            elif successor not in ids:
                add(i, "successors", f"{label}unknown successor {successor!r}" + suggest(successor, ids))
        if source.status != "active" and not source.valid_to:
            add(i, "status", f"{label}status {source.status!r} needs valid_to (the last day it existed)")
        if source.status == "merged" and not source.successors:
            add(i, "status", f"{label}a merged system must name its successors")
        if source.status == "active" and source.valid_to:
            add(i, "valid_to", f"{label}an active system has no valid_to; set status to merged or abolished")

        if source.allowed_hosts is not None:
            allowed = set(source.allowed_hosts)
            for j, link in enumerate(source.start_urls):
                if link.host not in allowed:
                    problems.append(Problem(file, doc.line_of(("systems", i, "start_urls", j)),
                                            f"{label}start URL host {link.host!r} is not in allowed_hosts"))
        if source.is_active and not source.start_urls and not source.websites:
            add(i, None, f"{label}no website and no start_urls: nothing to crawl yet", "warning")
        elif source.is_active and not source.start_urls:
            add(i, None, f"{label}no start_urls: the crawl will start from the websites' home pages", "warning")
    return problems
