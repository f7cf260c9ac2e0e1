"""Full-text search over the archived text: one row per paragraph (`Passage`), indexed by the database
itself (SQLite FTS5 ranked by bm25; PostgreSQL `websearch_to_tsquery` ranked by `ts_rank_cd`).

Takes a query in one syntax on both engines and returns passages as dicts, best first:
    family hub                both words (AND is optional)
    "open a family hub"       the phrase
    hub OR hubs               either (OR in capitals)
    hub -midwives, hub NOT midwives     without a word or "phrase"
An empty query, an unclosed quote or a query of only exclusions raises ValueError. By default only the
latest readable version of each document is searched (a scanned refresh leaves the text before it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, exists, func, literal, literal_column, or_, select, table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from .db import Archive
from .models import Document, Passage, Version
from .vocabulary import ExtractOutcome

_TOKEN = re.compile(r'\s*(-?)(?:"([^"]*)"|([^\s"]+))')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    negated: bool = False
    phrase: str = ""  # a quoted phrase as written (spaces collapsed)


def parse_query(query: str) -> list[list[Term]]:
    """The query as OR-groups of terms (AND within a group); exclusions are in every group's tail."""
    if query.count('"') % 2:
        raise ValueError(f"unclosed quote in search query {query!r}")
    groups: list[list[Term]] = [[]]
    negate_next = False
    for minus, phrase, word in _TOKEN.findall(query):
        if not phrase and not word:  # an empty phrase ""
            continue
        if not phrase and word in ("AND", "OR", "NOT") and not minus:
            if word == "OR" and groups[-1]:
                groups.append([])
            negate_next = word == "NOT"
            continue
        words = tuple(re.findall(r"\w[\w'’]*", phrase or word))
        if words:
            groups[-1].append(Term(words, negated=bool(minus) or negate_next, phrase=" ".join(phrase.split())))
        negate_next = False
    groups = [g for g in groups if g]
    if not groups:
        raise ValueError(f"nothing to search for in {query!r}")
    if any(all(t.negated for t in g) for g in groups):
        raise ValueError(f"search query {query!r} only excludes words: say what to look for too")
    return groups


def _quoted(term: Term) -> str:
    return '"' + " ".join(term.words).replace('"', '""') + '"'


def fts5_query(groups: list[list[Term]]) -> str:
    """FTS5: ("a" AND "b" NOT "c") OR ("d")."""
    parts = []
    for group in groups:
        expression = " AND ".join(_quoted(t) for t in group if not t.negated)
        for term in (t for t in group if t.negated):
            expression = f"({expression}) NOT {_quoted(term)}"
        parts.append(f"({expression})")
    return " OR ".join(parts)


def websearch_query(groups: list[list[Term]]) -> str:
    """PostgreSQL websearch syntax: "a" "b" -"c" or "d"."""
    return " or ".join(" ".join(("-" if t.negated else "") + _quoted(t) for t in group) for group in groups)


def index_version(session: Session, version: Version, paragraphs: Iterable) -> int:
    """(Re)write the passages of one version from its text's paragraphs; the caller commits."""
    session.execute(delete(Passage).where(Passage.version_id == version.id))
    document = version.document
    rows = [Passage(version_id=version.id, document_id=document.id, system_id=document.system_id,
                    doc_type=document.doc_type, page=p.page, section=p.section, text=p.text)
            for p in paragraphs if p.text and p.text.strip()]
    session.add_all(rows)
    return len(rows)


def _paragraphs(archive: Archive, version: Version) -> list:
    """The stored text's paragraphs, read without `monitor` (store/ must not import it)."""
    data = json.loads(archive.blobs.get(version.text_sha256))
    return [_Paragraph(p.get("text", ""), p.get("page"), p.get("section")) for p in data.get("paragraphs", [])]


@dataclass(frozen=True)
class _Paragraph:
    text: str
    page: int | None
    section: str | None


def reindex_missing(archive: Archive) -> int:
    """Index every version whose text was extracted but has no passages (an archive made before
    migration 0004). Cheap when there is nothing to do. Returns how many versions were indexed."""
    with archive.session() as session:
        missing = session.scalars(select(Version.id).where(
            Version.extract_outcome == "ok", Version.text_sha256.is_not(None),
            ~exists().where(Passage.version_id == Version.id))).all()
    for version_id in missing:
        with archive.session() as session:
            version = session.get(Version, version_id)
            index_version(session, version, _paragraphs(archive, version))
            session.commit()
    return len(missing)


def _tsquery(websearch: str):
    return func.websearch_to_tsquery(literal_column("'english'::regconfig"), literal(websearch))


def _pg_group(tsv, group: list[Term]):
    """PostgreSQL drops English stop words, so "we will open" would match "we aim to open": a phrase must
    also appear as written (case aside)."""
    phrases = [Passage.text.icontains(t.phrase, autoescape=True) for t in group
               if t.phrase and len(t.words) > 1 and not t.negated]
    return and_(tsv.op("@@")(_tsquery(websearch_query([group]))), *phrases)


def search(session: Session, query: str, system_id: str | None = None, doc_type: str | None = None,
           since: datetime | None = None, all_versions: bool = False, limit: int = 20,
           latest_editions: bool = False) -> list[dict]:
    """Passages matching `query`, best first (see the module's docstring for the syntax). With
    `latest_editions`, documents a later edition continues (last year's plan, still online) are left out."""
    groups = parse_query(query)
    if session.get_bind().dialect.name == "postgresql":
        tsv = literal_column("passages.tsv")
        score = func.ts_rank_cd(tsv, _tsquery(websearch_query(groups)))
        statement = select(Passage, Version, Document, score.label("score")).select_from(Passage) \
            .where(or_(*(_pg_group(tsv, group) for group in groups))).order_by(score.desc(), Passage.id)
    else:
        fts = table("passages_fts", literal_column("rowid"))
        score = -func.bm25(literal_column("passages_fts"))
        statement = select(Passage, Version, Document, score.label("score")).select_from(fts) \
            .join(Passage, Passage.id == literal_column("passages_fts.rowid")) \
            .where(literal_column("passages_fts").op("MATCH")(bindparam("match", fts5_query(groups)))) \
            .order_by(func.bm25(literal_column("passages_fts")), Passage.id)
    statement = statement.join(Version, Version.id == Passage.version_id) \
        .join(Document, Document.id == Version.document_id)
    if system_id:
        statement = statement.where(Document.system_id == system_id)
    if doc_type:
        statement = statement.where(Document.doc_type == doc_type)
    if since:
        statement = statement.where(Version.first_seen >= since)
    if not all_versions:
        newer = aliased(Version)  # a newer version that could not be read (scanned) leaves the last readable one current
        statement = statement.where(~exists().where(
            newer.document_id == Version.document_id, newer.extract_outcome == ExtractOutcome.OK,
            (newer.first_seen > Version.first_seen) | ((newer.first_seen == Version.first_seen) & (newer.id > Version.id))))
    if latest_editions:  # not correlated: the engine reads the (short) list of continued documents once
        continued = select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))
        statement = statement.where(Document.id.not_in(continued.scalar_subquery()))
    try:
        rows = session.execute(statement.limit(limit)).all()
    except DBAPIError as exc:  # FTS5 refuses what it cannot parse; say so instead of a traceback
        if "fts5" in str(exc.orig).lower() or "syntax" in str(exc.orig).lower():
            raise ValueError(f"search query {query!r} could not be read: {exc.orig}") from None
        raise
    return [{"version_id": v.id, "document_id": d.id, "system_id": d.system_id, "doc_type": d.doc_type,
             "easy_read": d.easy_read, "title": v.title or d.title, "url": v.url,
             "first_seen": v.first_seen.isoformat(timespec="seconds"), "page": p.page, "section": p.section,
             "text": p.text, "score": round(float(score), 4)} for p, v, d, score in rows]
