"""The archive on the web (`icswatch serve`): a read-only ASGI app over the archive, with pages for
coverage, systems, documents, versions, comparisons, changes and search, a JSON API and an Atom feed.

`create_app(Site.open(settings, archive))` returns the app; `monitor.cli.serve` runs it with uvicorn.
Archived HTML is never served as a page: readers see its extracted text, and the original bytes only
as a download.
"""

from .app import create_app
from .site import Site

__all__ = ["Site", "create_app"]
