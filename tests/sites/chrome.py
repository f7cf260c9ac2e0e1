"""The page furniture every replica site shares, as real ICS sites have it: skip link, cookie banner,
header with navigation, breadcrumbs, a news sidebar, and a footer with "Page last reviewed".

Takes a site's `Chrome` (what changes between sites and states) and a page's main HTML; returns the
page as a `Resource`. Also small helpers that write links and document listings with the paths quoted
the way a CMS writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .model import CSS, Resource, html, quote_path

FOOTER_LINKS = (
    ("/accessibility", "Accessibility statement"),
    ("/privacy-notice", "Privacy notice"),
    ("/cookies", "Cookies"),
    ("/freedom-of-information", "Freedom of information"),
    ("/contact-us", "Contact us"),
)


@dataclass(frozen=True)
class Chrome:
    site_name: str
    theme: str  # class prefix, so each site's markup differs a little
    nav: tuple[tuple[str, str], ...]  # (path, label)
    cookie_text: str
    news: tuple[tuple[str, str], ...]  # (path, headline) in the sidebar
    reviewed: str  # e.g. "12 March 2024"
    strapline: str = ""
    partners: tuple[tuple[str, str], ...] = ()  # off-site links in the footer


def link(target: str, label: str, cls: str = "") -> str:
    href = quote_path(target) if target.startswith("/") else target
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(href)}"{attr}>{escape(label)}</a>'


def paragraphs(texts: list[str] | tuple[str, ...]) -> str:
    return "".join(f"<p>{escape(t)}</p>" for t in texts)


def size_label(body: bytes) -> str:
    kb = len(body) / 1024
    return f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{max(kb, 1):.0f} KB"


def document_item(path: str, label: str, body: bytes, kind: str, note: str = "") -> str:
    """One entry of a publications list: the link, then type and size as GOV.UK-style sites show."""
    extra = f'<p class="doc-note">{escape(note)}</p>' if note else ""
    return (f'<li class="document">{link(path, label)} <span class="file-meta">({kind}, '
            f"{size_label(body)})</span>{extra}</li>")


def page(chrome: Chrome, title: str, main_html: str, crumbs: tuple[tuple[str, str], ...] = ()) -> Resource:
    t = chrome.theme
    return html(
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - {escape(chrome.site_name)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="/assets/css/{t}.css"></head>\n'
        f'<body class="{t}-site"><a class="skip-link" href="#main-content">Skip to main content</a>\n'
        f"{_cookie_banner(chrome)}\n{_header(chrome)}\n"
        f'<div class="{t}-container">{_crumbs(crumbs)}\n'
        f'<main id="main-content" class="{t}-main"><h1>{escape(title)}</h1>\n{main_html}\n</main>\n'
        f"{_sidebar(chrome)}\n</div>\n{_footer(chrome)}\n</body></html>\n"
    )


def stylesheet(theme: str) -> Resource:
    css = (f".{theme}-site{{font-family:Arial,sans-serif;margin:0}}.{theme}-header{{background:#005eb8;color:#fff}}"
           f".{theme}-nav a{{color:#fff;margin-right:1em}}.cookie-banner{{background:#e8edee;padding:1em}}"
           ".file-meta{color:#4c6272}.news-sidebar{float:right;width:30%}\n")
    return Resource(css.encode(), CSS)


def _cookie_banner(chrome: Chrome) -> str:
    return (f'<div class="cookie-banner" id="cookiebanner" role="region" aria-label="Cookies on {escape(chrome.site_name)}">'
            f"<h2>Cookies on this website</h2><p>{escape(chrome.cookie_text)}</p>"
            '<button type="button" data-cookie="accept">Accept analytics cookies</button> '
            '<button type="button" data-cookie="reject">Reject analytics cookies</button> '
            f'{link("/cookies", "Read more about our cookies")}</div>')


def _header(chrome: Chrome) -> str:
    t = chrome.theme
    items = "".join(f"<li>{link(path, label)}</li>" for path, label in chrome.nav)
    strap = f'<p class="{t}-strapline">{escape(chrome.strapline)}</p>' if chrome.strapline else ""
    return (f'<header class="{t}-header"><a class="{t}-logo" href="/">{escape(chrome.site_name)}</a>{strap}'
            '<form class="site-search" action="/search" method="get"><label for="q">Search</label>'
            '<input id="q" name="q" type="search"><button type="submit">Search</button></form>'
            f'<nav class="{t}-nav" aria-label="Main menu"><ul>{items}</ul></nav></header>')


def _crumbs(crumbs: tuple[tuple[str, str], ...]) -> str:
    if not crumbs:
        return ""
    items = "".join(f"<li>{link(path, label)}</li>" for path, label in (("/", "Home"), *crumbs))
    return f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{items}</ol></nav>'


def _sidebar(chrome: Chrome) -> str:
    items = "".join(f"<li>{link(path, headline)}</li>" for path, headline in chrome.news)
    return (f'<aside class="news-sidebar"><h2>Latest news</h2><ul>{items}</ul>'
            f'{link("/news", "All news", "more-link")}</aside>')


def _footer(chrome: Chrome) -> str:
    links = "".join(f"<li>{link(path, label)}</li>" for path, label in FOOTER_LINKS)
    partners = "".join(f"<li>{link(url, label)}</li>" for url, label in chrome.partners)
    partner_list = f'<h2>Our partners</h2><ul class="partners">{partners}</ul>' if partners else ""
    return (f'<footer class="{chrome.theme}-footer">{partner_list}<ul class="footer-links">{links}</ul>'
            f'<p class="last-reviewed">Page last reviewed: {escape(chrome.reviewed)}</p>'
            f"<p>&copy; {escape(chrome.site_name)}</p></footer>")
