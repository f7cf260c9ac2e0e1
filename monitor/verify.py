"""Prove the archive intact: re-hash every blob the database names, and say what is missing or corrupt.

Takes the archive; returns a `VerifyReport` listing, for each blob that fails, what names it (a version's
original bytes, its text, an HTML chapter, a stored page) so a researcher knows what is affected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store.db import Archive
from store.health import all_versions, stored_pages


@dataclass
class VerifyReport:
    checked: int = 0
    problems: list[dict] = field(default_factory=list)  # {sha256, state: missing|corrupt, used_by: [...]}

    @property
    def ok(self) -> bool:
        return not self.problems


def _named_blobs(archive: Archive) -> dict[str, list[str]]:
    """Every sha256 the database names, with what names it."""
    named: dict[str, list[str]] = {}
    with archive.session() as session:
        for version in all_versions(session):
            named.setdefault(version.sha256, []).append(f"{version.id} original ({version.url})")
            if version.text_sha256:
                named.setdefault(version.text_sha256, []).append(f"{version.id} text")
            for part in version.parts or []:
                named.setdefault(part["sha256"], []).append(f"{version.id} chapter {part['url']}")
        for url, sha in stored_pages(session):
            named.setdefault(sha, []).append(f"stored page {url}")
    return named


def verify_archive(archive: Archive) -> VerifyReport:
    report = VerifyReport()
    for sha256, used_by in sorted(_named_blobs(archive).items()):
        report.checked += 1
        state = archive.blobs.verify(sha256)
        if state != "ok":
            report.problems.append({"sha256": sha256, "state": state, "used_by": used_by})
    return report
