"""The digest as an email: HTML and plain text from the Jinja2 templates in `templates/`, and its subject.

Takes a `Digest` (see `monitor.digest`) and returns text. The HTML template is autoescaped, so
everything that came from a website (titles, passages, URLs, errors) is escaped; links are only made
for http(s) URLs. Changed words are marked from each passage's `words` ("=" kept, "-" removed, "+"
added): struck through in red-ish before, bold in green-ish after; the text part writes them
[-like this-] and {+like this+}.
"""

from __future__ import annotations

import textwrap
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit

from store.records import ChangeRecord, ExcerptRecord
from store.vocabulary import DocType

from .digest import Digest, archive_link, compare_link
from .templating import render_template

DOC_TYPES = {DocType.STRATEGY: "Integrated care strategy", DocType.JOINT_FORWARD_PLAN: "Joint Forward Plan",
             DocType.OTHER: "Other document"}
LABELS = {"co_production": "Co-production", "data_sharing": "Data and information sharing", "send": "SEND",
          "looked_after_children": "Looked-after children", "early_years_maternity": "Early years and maternity",
          "core20plus5": "Core20PLUS5", "long_term_conditions": "Long-term conditions"}


def label(name: str) -> str:
    """A theme or tag as a reader would write it: 'early_years_maternity' -> 'Early years and maternity'."""
    return LABELS.get(name, name.replace("_", " ").capitalize())


def doc_label(change: ChangeRecord) -> str:
    return DOC_TYPES.get(change.doc_type, change.doc_type) + (", easy read" if change.easy_read else "")


def kind_label(change: ChangeRecord) -> str:
    if change.edition:
        return change.edition
    if change.is_refresh_at_new_url:
        return "refreshed at a new address"
    if change.is_unreadable:
        return "published, could not be read"
    return str(change.kind).replace("_", " ")  # "new document", "new version", "moved", "removed"


def sides(words: list) -> tuple[list, list]:
    """The passage before (kept and removed words) and after (kept and added words), as (op, text) runs.

    Changed runs separated only by spaces are joined, so "We will work towards" is one struck run.
    """
    return _joined([(op, t) for op, t in words if op in ("=", "-")]), _joined([(op, t) for op, t in words if op in ("=", "+")])


def _joined(runs: list) -> list:
    out: list[list] = []
    for op, text in _spaces_apart(runs):
        if out and out[-1][0] == op:
            out[-1][1] += text
        elif (op != "=" and len(out) >= 2 and out[-1][0] == "=" and not out[-1][1].strip()
              and out[-2][0] == op):
            space = out.pop()[1]
            out[-1][1] += space + text
        else:
            out.append([op, text])
    return [(op, text) for op, text in out]


def _spaces_apart(runs: list):
    """Changed runs without their outer spaces (which are kept), so a highlight covers only words."""
    for op, text in runs:
        core = text.strip()
        if op == "=" or not core or core == text:
            yield (op if core else "=", text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        yield from ((o, t) for o, t in (("=", lead), (op, core), ("=", trail)) if t)


def marked(runs: list, removed: str = "[-{}-]", added: str = "{{+{}+}}") -> str:
    """A passage for the text part, its changed words written [-removed-] and {+added+}."""
    return "".join(text if op == "=" else (removed if op == "-" else added).format(text) for op, text in runs)


def hang(text: str, first: str = "", rest: str | None = None, width: int = 78) -> str:
    """Wrap a paragraph for the text part, its later lines indented under the first's text."""
    rest = " " * len(first) if rest is None else rest
    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False,
                         break_on_hyphens=False) or first.rstrip()


def weakened_reasons(excerpt: ExcerptRecord) -> list[str]:
    """'date moved later (March 2026 -> March 2027)' from the reasons of a weakened passage."""
    return excerpt.weakened_reasons


def url_text(url: str, limit: int | None = 64) -> str:
    """A URL as a reader reads it: no scheme, spaces not %20, and the middle of a long path left out."""
    parts = urlsplit(url)
    path = unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
    text = parts.netloc + path
    if limit is None or len(text) <= limit:
        return text
    return f"{parts.netloc}/…/{unquote(parts.path).rstrip('/').rsplit('/', 1)[-1]}"


def web_url(url: str | None) -> str | None:
    """The URL when it is safe to make a link of it (http or https), else None."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


def period_label(since: datetime, until: datetime) -> str:
    """'17–23 Nov 2026' for 17 Nov 00:00 to 24 Nov 00:00 (the end is not included)."""
    first, last = since.date(), (until - timedelta(microseconds=1)).date()
    if last <= first:
        return f"{first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def subject(digest: Digest) -> str:
    count = digest.relevant_count
    what = (f"{plural(count, 'change')} to children's commitments" if count
            else "no relevant changes")
    return f"ICS Watch: {what}, {period_label(digest.since, digest.until)}"


def summary(digest: Digest) -> str:
    """One line: what is in this digest (also the email's preview text)."""
    systems = {s.system_id for r in digest.relevant for s in r.systems}
    parts = []
    if digest.relevant_count:
        weakened = f" ({digest.weakened_count} weakened)" if digest.weakened_count else ""
        parts.append(f"{plural(digest.relevant_count, 'relevant change')} in {plural(len(systems), 'system')}{weakened}")
    else:
        parts.append(f"No relevant changes to children's commitments in {period_label(digest.since, digest.until)}")
    if digest.new_documents:
        parts.append(plural(len(digest.new_documents), "new document"))
    moved = sum(c.is_moved for c in digest.removed_or_moved)
    removed = len(digest.removed_or_moved) - moved
    parts += ([f"{removed} removed"] if removed else []) + ([f"{moved} moved"] if moved else [])
    if digest.unreadable:
        parts.append(f"{len(digest.unreadable)} could not be read")
    if digest.baseline:
        parts.append(f"{plural(len(digest.baseline), 'system')} watched for the first time")
    if digest.failures:
        count = len({f.system_id for f in digest.failures})
        parts.append(f"{plural(count, 'source')} {'needs' if count == 1 else 'need'} attention")
    return " · ".join(parts)


def overflow(digest: Digest) -> tuple[str, str | None]:
    """(what the size cap left out of this email and where the whole digest is, link to all the period's
    changes in the web archive when ICSWATCH_ARCHIVE_URL is set); ('', None) when nothing was left out."""
    if not digest.omitted:
        return "", None
    since, until = f"{digest.since:%Y-%m-%d}", f"{digest.until:%Y-%m-%d}"
    relevant = f", {digest.omitted_relevant} of them relevant" if digest.omitted_relevant else ""
    left = (f"This email is shortened: {plural(digest.omitted, 'more change')}{relevant} in this period "
            f"{'is' if digest.omitted == 1 else 'are'} not listed here.")
    if digest.archive_url:
        return f"{left} Read them all in the web archive:", f"{digest.archive_url}/changes?since={since}&until={until}"
    return (f"{left} The full digest is made where ICS Watch runs: "
            f"icswatch digest --since {since} --until {until} --format html"), None


def scope(digest: Digest) -> str:
    """'relevant changes only; regions: London; themes: SEND' for the footer ('' when unfiltered)."""
    parts = ["relevant changes only"] if digest.include == "relevant" else []
    for key, values in digest.filters.items():
        parts.append(f"{key}: " + ", ".join(label(v) if key == "themes" else v for v in values))
    return "; ".join(parts)


def _context(digest: Digest) -> dict:
    return {"digest": digest, "period": period_label(digest.since, digest.until), "summary": summary(digest),
            "overflow": overflow(digest), "subject": subject(digest), "scope": scope(digest),
            "archived": lambda change: archive_link(digest, change), "compared": lambda change: compare_link(digest, change)}


def render_html(digest: Digest) -> str:
    return render_template("digest.html.j2", **_context(digest))


def render_text(digest: Digest) -> str:
    return render_template("digest.txt.j2", **_context(digest))
