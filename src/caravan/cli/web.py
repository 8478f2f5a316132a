"""`caravan serve`: the API and the dashboard in one process, on uvicorn."""

from __future__ import annotations

import click

from caravan.web.vendor import missing_vendor_files

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
REQUEST_TIMEOUT_SECONDS = 10.0


@click.command()
@click.option(
    "--host", default=DEFAULT_HOST, show_default=True, help="Address to bind (loopback unless told otherwise)."
)
@click.option(
    "--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--log-level",
    default="warning",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="Server log level.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Keep recent API answers of the current build in memory (emptied when a new build is published).",
)
@click.option(
    "--request-timeout",
    default=REQUEST_TIMEOUT_SECONDS,
    show_default=True,
    type=click.FloatRange(min=0.1, max=3600),
    help="Seconds a client has to send a request; idle and slow connections are closed after it.",
)
def serve(host: str, port: int, log_level: str, cache: bool, request_timeout: float) -> None:
    """Serve the HTTP API (/api, documented at /docs) and the dashboard (/) from the ledger.

    Idle connections are closed 5 s after a response, and any connection that
    has not sent its whole request within --request-timeout seconds.
    """
    import uvicorn

    from caravan.cli.base import settings, terminal
    from caravan.ledger.store import Ledger
    from caravan.web.app import create_app
    from caravan.web.server import uvicorn_options

    cfg = settings()
    Ledger(cfg.ledger).close()  # fail with one clear line before the server starts
    missing = missing_vendor_files()
    if missing:
        terminal().print(f"[yellow]front-end files missing ({', '.join(missing)}): run `bash scripts/setup`[/yellow]")
    click.echo(f"Caravan at http://{host}:{port}/  (API docs at /docs; Ctrl-C stops)")
    uvicorn.run(
        create_app(cfg, cache=cache), host=host, port=port, log_level=log_level, **uvicorn_options(request_timeout)
    )
