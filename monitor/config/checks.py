"""Rules that span entries of `config/ics_sources.yaml`, and the advice that is not an error.

Takes the validated entries (and the entries as written) with the `YamlDoc` and returns `Problem`s: duplicate ids, unknown
successors, lifecycle rules (a merged system names its successors), hosts outside `allowed_hosts`.
Warnings point maintainers at what to check next (a system with nowhere to start crawling).
"""

from __future__ import annotations

from ..netguard import BLOCKED_ADVICE, host_problem, networks
from .models import Source
from .problems import Problem, suggest
from .yamlmap import YamlDoc


def check_systems(systems: list[tuple[int, Source]], raw_systems: list, doc: YamlDoc, file: str,
                  allow_private: list[str] = ()) -> list[Problem]:
    """`systems` are the entries that validated, with their index in the file; ids and successors are
    checked on every entry as written, so one mistake in an entry hides no other."""
    problems = _check_ids_and_successors(raw_systems, doc, file)
    problems += _check_internal_hosts(systems, doc, file, networks(allow_private))

    def add(index: int, key: str | None, message: str, severity: str = "error") -> None:
        path = ("systems", index) + ((key,) if key else ())
        problems.append(Problem(file, doc.line_of(path), message, severity))

    for i, source in systems:
        label = f"system {source.id!r}: "
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
        if not source.tls_verify:
            add(i, "tls_verify", f"{label}HTTPS certificates are not verified ({source.tls_reason.strip()}): anyone "
                                 "between us and the site could change what is archived; remove tls_verify: false "
                                 "once the site is fixed", "warning")
        if source.is_active and not source.start_urls and not source.websites:
            add(i, None, f"{label}no website and no start_urls: nothing to crawl yet", "warning")
        elif source.is_active and not source.start_urls:
            add(i, None, f"{label}no start_urls: the crawl will start from the websites' home pages", "warning")
    return problems


def _check_internal_hosts(systems: list[tuple[int, Source]], doc: YamlDoc, file: str, allowed) -> list[Problem]:
    """A host written as an internal address or name (10.x, loopback, 169.254.169.254, localhost...)."""
    problems = []
    for i, source in systems:
        places = [(("start_urls", j), link.host) for j, link in enumerate(source.start_urls)]
        places += [((), link.host) for link in source.websites]  # the system's line: they sit under icb/icp
        places += [(("allowed_hosts", j), host) for j, host in enumerate(source.allowed_hosts or [])]
        for key, host in places:
            problem = host_problem(host, allowed)
            if problem:
                problems.append(Problem(file, doc.line_of(("systems", i, *key)),
                                        f"system {source.id!r}: {problem}: {BLOCKED_ADVICE}"))
    return problems


def _check_ids_and_successors(raw_systems: list, doc: YamlDoc, file: str) -> list[Problem]:
    entries = [(i, raw) for i, raw in enumerate(raw_systems) if isinstance(raw, dict)]
    ids = {raw.get("id") for _, raw in entries if isinstance(raw.get("id"), str)}
    first_line: dict[str, int] = {}
    problems = []
    for i, raw in entries:
        sid = raw.get("id")
        if not isinstance(sid, str):
            continue
        line = doc.line_of(("systems", i, "id"))
        if sid in first_line:
            problems.append(Problem(file, line, f"system {sid!r}: duplicate id (first used at line "
                                                f"{first_line[sid]}); ids must be unique"))
        first_line.setdefault(sid, line)
        successors = raw.get("successors")
        for successor in successors if isinstance(successors, list) else []:
            where = doc.line_of(("systems", i, "successors"))
            if successor == sid:
                problems.append(Problem(file, where, f"system {sid!r}: a system cannot be its own successor"))
            elif successor not in ids:
                problems.append(Problem(file, where, f"system {sid!r}: unknown successor {successor!r}"
                                                     + suggest(str(successor), ids)))
    return problems
