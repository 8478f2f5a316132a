"""The API's one error shape, `{"error": {"code", "message"}}`, for every error it returns."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
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
    return "; ".join(parts) + " (see /docs for the parameters)"


def _in_parameters(exc: RequestValidationError) -> bool:
    """Whether every error is in the query or path (a bad parameter) rather than the body."""
    return all(err.get("loc", ("",))[0] in ("query", "path") for err in exc.errors())


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to the one error shape."""

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, "not_found", str(exc))

    @app.exception_handler(InputError)
    async def bad_input(_: Request, exc: InputError) -> JSONResponse:
        return error_response(400, "bad_request", str(exc))

    @app.exception_handler(LedgerError)
    async def ledger_error(_: Request, exc: LedgerError) -> JSONResponse:
        return error_response(503, "unavailable", str(exc))

    @app.exception_handler(CaravanError)
    async def caravan_error(_: Request, exc: CaravanError) -> JSONResponse:
        return error_response(400, "bad_request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # A parameter out of its range is bad input (400, naming the range); a body that does not
        # fit the schema is an invalid request (422).
        if _in_parameters(exc):
            return error_response(400, "bad_request", _validation_message(exc, request))
        return error_response(422, "invalid_request", _validation_message(exc, request))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; /docs lists the API and / is the dashboard"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; the API is read-only"
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "the server failed to answer; this is a bug, please report it")
