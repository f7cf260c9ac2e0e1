"""The web archive as an ASGI app (FastAPI): the pages, the JSON API (described at /openapi.json) and the
Atom feed, over one read-only `Site`.

Takes the settings (or a `Site`) and returns the app. Every response carries a strict
Content-Security-Policy (no script at all, styles only from this origin) and `nosniff`; a bad id is a
404 page, a bad parameter a 400 page (JSON under /api), and an unexpected error a 500 page that shows
no traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from store.browse import is_overloaded

from ..errors import ConfigError
from ..templating import render_template
from . import api, feed, pages, scorecard_routes
from .render import register_filters
from .scorecard import ScorecardCache
from .site import BadRequest, NotFound, Site

log = logging.getLogger(__name__)

SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """ASGI middleware: the same safety headers on every response, errors included."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {SECURITY_HEADERS[i][0] for i in range(len(SECURITY_HEADERS))}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, title: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    html = render_template("web/error.html.j2", title=title, message=message, status=status, path="")
    return HTMLResponse(html, status_code=status)


def create_app(site: Site) -> FastAPI:
    register_filters()
    app = FastAPI(title="ICS Watch archive", version="1", docs_url=None, redoc_url=None,
                  description="Read-only archive of what England's Integrated Care Systems publish for children: "
                              "the same fields and ids as `icswatch ... --json`.")
    site.scorecards = site.scorecards or ScorecardCache()
    app.state.site = site
    app.include_router(pages.router)
    app.include_router(scorecard_routes.pages)
    app.include_router(api.router)
    app.include_router(scorecard_routes.api)
    app.include_router(feed.router)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error_response(request, 404, "Page not found", str(exc))

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest):
        return error_response(request, 400, "That request cannot be answered", str(exc))

    @app.exception_handler(ConfigError)
    async def bad_config(request: Request, exc: ConfigError):
        log.error("web archive: %s: %s", request.url.path, exc)  # file:line for the maintainer, not the reader
        return error_response(request, 503, "The scorecard is not available", "Its indicators file has errors, so "
                              "nothing can be rated. The error has been logged for the maintainer; the rest of "
                              "the archive works as usual.")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("loc", ("",))[0] == "path" for e in errors):
            return error_response(request, 404, "Page not found", "There is nothing at this address.")
        what = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in errors)
        return error_response(request, 400, "That request cannot be answered", f"Check the address: {what}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error_response(request, 404, "Page not found", "There is nothing at this address.")
        return error_response(request, exc.status_code, "That request cannot be answered", str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        if is_overloaded(exc):
            log.warning("web archive: %s took too long: %s", request.url.path, exc)
            return error_response(request, 503, "The archive is busy", "This took too long to answer. "
                                  "Try again in a moment, or narrow the search (a phrase, a system, a type).")
        log.exception("web archive: %s failed", request.url.path)
        return error_response(request, 500, "Something went wrong", "The archive could not show this page. "
                              "The error has been logged; try again later.")

    return SecurityHeaders(app)
