"""The FastAPI application: API routers, dashboard pages, static files, errors and security."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from caravan import __version__
from caravan.settings import Settings, get_settings
from caravan.web import pages
from caravan.web.conditional import HeadAsGet, Revalidate
from caravan.web.deps import LiveLedger
from caravan.web.direct import DirectAnswers
from caravan.web.encoded import GZIP_LEVEL, GZIP_MINIMUM_SIZE
from caravan.web.live import BuildCache, BuildHeader, FollowBuilds
from caravan.web.models import ErrorResponse
from caravan.web.problems import install_error_handlers
from caravan.web.routers import (
    audit,
    changes,
    claims,
    commitments,
    corridors,
    energy,
    entities,
    explore,
    indicators,
    observations,
    overview,
    people,
    search,
    sources,
    timeline,
    trade,
)
from caravan.web.security import BodyLimit, SecurityHeaders
from caravan.web.static_files import CompressedStaticFiles

STATIC = Path(__file__).parent / "static"
MAX_BODY_BYTES = 256 * 1024

DESCRIPTION = """\
Caravan's read-only API over its ledger of cited facts about China–Central Asia
cooperation. Every figure carries its source (`source_id`, `source_url`) and a
locator. Tables also come as CSV with `?format=csv`. Every error has the shape
`{"error": {"code": ..., "message": ...}}`.
"""


# Every operation documents the one error shape for the errors it can return.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad input; the message says what to change."},
    404: {"model": ErrorResponse, "description": "Nothing with that id or at that path."},
    422: {"model": ErrorResponse, "description": "A parameter or the body is invalid."},
    500: {"model": ErrorResponse, "description": "A bug; please report it."},
}


def create_app(
    settings: Settings | None = None, *, cache: bool = True, resident: bool = True, direct: bool = True
) -> FastAPI:
    """Build the application serving the ledger named by `settings`.

    The current build of the ledger is opened read-only when the application
    starts (raising `LedgerError` if there is none); a build published while it
    runs is opened between requests and answers every request after
    (`caravan.web.deps.LiveLedger`). Builds are closed when no request reads them.

    Args:
        settings: Where the ledger is; default: read from the environment.
        cache: Keep recent API answers of the current build in memory.
        resident: Hold each build's observations, indicators and entities in memory, read once
            when the build is opened, so that requests for them run no query (the answers are
            the same either way; off, every request queries the build).
        direct: With `resident`, answer observation pages and indicators from the build's encoded
            JSON before routing (`caravan.web.direct`; the same bytes either way).
    """
    cfg = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Requests run concurrently on the thread pool, each query small: one DuckDB thread per
        # query avoids the start-up cost of parallel plans (about halving a query's latency).
        app.state.ledgers = LiveLedger(cfg.ledger, threads=1, resident=resident)
        app.state.settings = cfg
        # What is loaded by now (the libraries, the app, the first build's tables) lives as long as the
        # server: kept out of the collector's full scans, each of which would otherwise stall every
        # connection for about a tenth of a second under load; handed back to it when the app stops.
        gc.freeze()
        try:
            yield
        finally:
            app.state.ledgers.close()
            gc.unfreeze()

    app = FastAPI(
        responses=ERROR_RESPONSES,
        title="Caravan",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    install_error_handlers(app)
    for module in (
        overview,
        entities,
        explore,
        indicators,
        observations,
        sources,
        audit,
        timeline,
        commitments,
        trade,
        corridors,
        energy,
        people,
        claims,
        changes,
        search,
    ):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.mount("/static", CompressedStaticFiles(directory=STATIC), name="static")  # gzipped once per file
    if resident and direct:
        app.add_middleware(DirectAnswers)  # innermost: every layer below applies to its answers too
    app.add_middleware(BuildHeader)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_SIZE, compresslevel=GZIP_LEVEL)
    if cache:
        app.add_middleware(BuildCache)
    app.add_middleware(Revalidate)
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(FollowBuilds)  # outermost: every layer inside reads the build current then
    return app
