"""The API's one error shape, `{"error": {"code", "message"}}`, for every error it returns."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from caravan.errors import CaravanError, InputError, LedgerError, NotFoundError
from caravan.web.cache import query_parameters

log = logging.getLogger(__name__)

STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON response in the one error shape."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


DOCS_HINT = " (see /docs for the parameters)"


def wants_page(request: Request) -> bool:
    """Whether the request comes from a browser reading a page (it gets an HTML page, the API keeps JSON)."""
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path == "/api" or request.method not in ("GET", "HEAD"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _answer(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None, detail: str = ""
) -> HTMLResponse | JSONResponse:
    """The error as JSON in the one shape, or as a page in the reader's language for a browser.

    `detail` is what a person is told on the page; API wording (parameters, /docs) stays in the JSON.
    """
    if not wants_page(request):
        return error_response(status, code, message, headers)
    from caravan.web.pages import LANGUAGES, render_error

    lang = request.query_params.get("lang", "en")
    bad_language = lang not in LANGUAGES
    page = render_error(status, lang, request.url.path, detail, bad_language=bad_language)
    return HTMLResponse(page, status_code=status, headers=headers)


def allowed_range(schema: dict[str, Any]) -> str:
    """A numeric parameter's allowed range, in words, from its JSON schema ("from 0 to 1000")."""
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if low is not None and high is not None:
        return f"from {low} to {high}"
    words = [
        *([f"at least {low}"] if low is not None else []),
        *([f"more than {above}"] if above is not None else []),
        *([f"at most {high}"] if high is not None else []),
        *([f"less than {below}"] if below is not None else []),
    ]
    return " and ".join(words)


def _schema_of(params: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    schema = params.get(name, {})
    # An optional number is documented as anyOf [number, null].
    for option in schema.get("anyOf", [schema]):
        if "minimum" in option or "maximum" in option or "exclusiveMinimum" in option:
            return option
    return schema


def _validation_message(exc: RequestValidationError, request: Request) -> str:
    params = query_parameters(request.scope) or {}
    parts = []
    for err in exc.errors()[:3]:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
        where = ".".join(loc) or "request"
        allowed = allowed_range(_schema_of(params, loc[0])) if loc else ""
        given = err.get("input")
        if allowed:
            shown = f" (got {given})" if isinstance(given, str | int | float) else ""
            parts.append(f"{where} must be {allowed}{shown}")
        else:
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) + DOCS_HINT


def _in_parameters(exc: RequestValidationError) -> bool:
    """Whether every error is in the query or path (a bad parameter) rather than the body."""
    return all(err.get("loc", ("",))[0] in ("query", "path") for err in exc.errors())


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to the one error shape.

    A Caravan error answers with its `plain` message: the hint for the command line stays out of the web.
    """

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _answer(request, 404, "not_found", exc.plain, detail=exc.plain)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return _answer(request, 400, "bad_request", exc.plain, detail=exc.plain)

    @app.exception_handler(LedgerError)
    async def ledger_error(request: Request, exc: LedgerError) -> Response:
        # The ledger's own message names commands for whoever runs the site; a reader gets the page's words.
        return _answer(request, 503, "unavailable", exc.plain)

    @app.exception_handler(CaravanError)
    async def caravan_error(request: Request, exc: CaravanError) -> Response:
        return _answer(request, 400, "bad_request", exc.plain, detail=exc.plain)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # A parameter out of its range is bad input (400, naming the range); a body that does not
        # fit the schema is an invalid request (422).
        message = _validation_message(exc, request)
        detail = message.removesuffix(DOCS_HINT)
        if _in_parameters(exc):
            return _answer(request, 400, "bad_request", message, detail=detail)
        return _answer(request, 422, "invalid_request", message, detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; /docs lists the API and / is the dashboard"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; the API is read-only"
        return _answer(request, exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return _answer(request, 500, "internal_error", "the server failed to answer; this is a bug, please report it")
