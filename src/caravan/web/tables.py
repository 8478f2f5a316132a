"""Tables as downloads: every endpoint that returns a table also answers `?format=csv` and `?format=datapackage`.

A CSV download is the whole table (every row, streamed in chunks), UTF-8 with a
byte-order mark so that spreadsheets read Chinese and Russian text, named after
the view it shows (`mirror-CHN-UZB-2015-2024.csv`), and cells that start like a
formula are neutralised (`caravan.output.csv_safe`).

Its column meanings and sources sit beside it, not in it: the answer links
(`Link: <...format=datapackage>; rel="describedby"`) to a Frictionless Data
Package descriptor of the same view — each column's title, type, unit and
description, and every source the rows cite. The CSV keeps one header row and
nothing else, so Excel, pandas, DuckDB or `frictionless validate` read it
without options, and the descriptor is the standard the ledger's own export
(`caravan export --format datapackage`) already writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from caravan import __version__
from caravan.ledger.schema import TABLES
from caravan.ledger.store import Ledger
from caravan.output import csv_lines

BOM = "\ufeff"
CHUNK_ROWS = 500


class TableFormat(StrEnum):
    """How a table is returned."""

    JSON = "json"
    CSV = "csv"
    DATAPACKAGE = "datapackage"

    @property
    def download(self) -> bool:
        """Whether the answer is a download (the CSV or its descriptor) rather than the JSON listing."""
        return self is not TableFormat.JSON


_request: ContextVar[Request | None] = ContextVar("caravan_table_request", default=None)


async def _table_format(
    request: Request,
    fmt: Annotated[
        TableFormat,
        Query(
            alias="format",
            description="`json` (default), `csv` for a download of every row, or `datapackage` for the "
            "Frictionless descriptor of that CSV (column meanings and sources).",
        ),
    ] = TableFormat.JSON,
) -> TableFormat:
    # Async, so the request is recorded in the context the endpoint runs in (threads copy it): a
    # download names itself and links its descriptor from the request's own path and query.
    _request.set(request)
    return fmt


FormatQuery = Annotated[TableFormat, Depends(_table_format)]

# Query parameters that select rows or pages, not the view: left out of a download's name.
_NOT_THE_VIEW = {"format", "limit", "offset", "lang"}


def view_name(base: str, parts: Iterable[object] = ()) -> str:
    """A download's file name (without `.csv`): the view and what it shows, in safe characters.

    `view_name("observations", ["trade.turnover", "KAZ"])` is `observations-trade.turnover-KAZ`.
    """
    words = [base, *(str(p) for p in parts if p not in (None, ""))]
    text = "-".join(re.sub(r"[^A-Za-z0-9._]+", "-", w).strip("-") for w in words)
    return re.sub(r"-{2,}", "-", text)[:120] or "table"


def _request_parts(request: Request | None) -> list[str]:
    if request is None:
        return []
    return [v for k, v in request.query_params.multi_items() if k not in _NOT_THE_VIEW]


def _href(request: Request, fmt: TableFormat) -> str:
    """The same view in another format: the request's path and query, `format` replaced."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    return f"{request.url.path}?{urlencode([*params, ('format', fmt.value)])}"


def _stream(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Iterator[bytes]:
    chunk = [BOM]
    for line in csv_lines(rows, columns):
        chunk.append(line)
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    if chunk:
        yield "".join(chunk).encode("utf-8")


def csv_response(
    rows: Sequence[Mapping[str, Any]],
    view: str,
    columns: Sequence[str] | None = None,
    *,
    name: str | None = None,
    fields: Mapping[str, Mapping[str, Any]] | None = None,
    sources: Sequence[Mapping[str, Any]] | None = None,
    title: str | None = None,
    ledger: Ledger | None = None,
) -> Response:
    """Rows as a download: the CSV (every row, streamed) or, for `?format=datapackage`, its descriptor.

    Args:
        rows: Every row of the view (never one page of it).
        view: What the table is (`observations`); the file is named after it and the request's
            query values (`observations-trade.turnover-KAZ.csv`).
        columns: The columns, in order (default: the keys of the first row).
        name: The whole file name without `.csv`, where the view names itself better
            (`mirror-CHN-UZB-2015-2024`, with the defaults the query leaves out).
        fields: Metadata of some columns beyond the ledger's column docs: `title`,
            `description`, `unit`, `type` (Frictionless field properties).
        sources: The source rows the figures rest on (`id`, `publisher`, `title`, `url`);
            by default those the rows cite (`source_id`, `*_source`, `source_ids`), read from `ledger`.
        title: What the table shows.
        ledger: The request's ledger, where the sources are read from the rows' ids.
    """
    request = _request.get()
    cols = list(columns or (rows[0].keys() if rows else []))
    name = name or view_name(view, _request_parts(request))
    if request is not None and request.query_params.get("format") == TableFormat.DATAPACKAGE:
        cited = list(sources) if sources is not None else _cited_sources(ledger, rows)
        return JSONResponse(
            datapackage(name, cols, rows, _href(request, TableFormat.CSV), fields or {}, cited, title),
            media_type="application/json",
        )
    headers = {"content-disposition": f'attachment; filename="{name}.csv"'}
    if request is not None:
        headers["link"] = f'<{_href(request, TableFormat.DATAPACKAGE)}>; rel="describedby"; type="application/json"'
    return StreamingResponse(_stream(rows, cols), media_type="text/csv; charset=utf-8", headers=headers)


# Meanings of columns by name, from the ledger's schema (the first table that has the column wins,
# the observation table first), plus the fields every API answer adds to a cited figure.
_ORDER = ["observation", "source", "indicator", "entity", "event", "commitment", "evidence", "node", "edge", "audit"]
_DOCS: dict[str, str] = {}
for _table in sorted(TABLES, key=lambda t: _ORDER.index(t.name) if t.name in _ORDER else len(_ORDER)):
    for _column in _table.columns:
        _DOCS.setdefault(_column.name, _column.doc)
_DOCS.update(
    {
        "value_display": "The figure in its indicator's display unit (`display_unit`).",
        "display_unit": "The one unit the indicator is shown in.",
        "shown": "The figure as the dashboard shows it: display unit, bound as a word.",
        "unit_label": "The display unit as a person reads it.",
        "printed": "The figure as its source printed it.",
        "attribution": "Whose figure it is, and via which page.",
        "publisher": "Publisher of the source page.",
        "source_url": "Address of the source.",
        "source_title": "Title of the source.",
    }
)


def _type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if not present:
        return "any"
    if all(isinstance(v, bool) for v in present):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "integer"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "number"
    return "string"  # dates, lists and objects are written as text in the CSV


def datapackage(
    name: str,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    csv_path: str,
    fields: Mapping[str, Mapping[str, Any]],
    sources: Sequence[Mapping[str, Any]],
    title: str | None = None,
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of one CSV download: its fields' meanings and its sources."""
    schema_fields = []
    for column in columns:
        field: dict[str, Any] = {"name": column, "type": _type([r.get(column) for r in rows])}
        if column in _DOCS:
            field["description"] = _DOCS[column]
        field.update({k: v for k, v in (fields.get(column) or {}).items() if v is not None})
        schema_fields.append(field)
    cited = [
        {"title": f"{s.get('publisher')}: {s.get('title')}", "path": s.get("url"), "id": s.get("id")}
        for s in sources
        if s.get("url")
    ]
    resource = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", name.lower()),
        "path": csv_path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "schema": {"fields": schema_fields},
    }
    if title:
        resource["title"] = title
    return {
        "profile": "tabular-data-package",
        "name": resource["name"],
        "title": title or name,
        "version": __version__,
        "description": "One view of Caravan's ledger. Each figure belongs to the source it cites (under `sources`).",
        "sources": cited,
        "resources": [resource],
    }


def _cited_ids(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    ids: set[str] = set()
    for row in rows:
        for key, value in row.items():
            if key == "source_id" or key.endswith("_source"):
                if isinstance(value, str) and value:
                    ids.add(value)
            elif key in ("sources", "source_ids") and isinstance(value, list | tuple):
                ids.update(v for v in value if isinstance(v, str) and v)
    return ids


def _cited_sources(ledger: Ledger | None, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    ids = _cited_ids(rows)
    if not ids or ledger is None:
        return []
    return [s for s in ledger.sources() if s["id"] in ids]
