"""The web surface: a read-only HTTP API over the ledger and the analyses, and the dashboard.

`create_app` in `app.py` builds the FastAPI application; `caravan serve`
(`caravan.cli.web`) runs it on uvicorn. The API lives under `/api` (one router per
resource in `routers/`), the dashboard pages are plain HTML shells
(`pages.py`) with ES modules under `static/`, and every third-party
front-end file is copied into `static/vendor/` by `scripts/setup` from the
npm packages pinned in `web/package-lock.json`. Nothing is fetched from
outside at run time.
"""
