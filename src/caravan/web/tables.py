"""Tables as CSV: every endpoint that returns a table also answers `?format=csv`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import Response

from caravan.output import Format, render


class TableFormat(StrEnum):
    """How a table is returned."""

    JSON = "json"
    CSV = "csv"


FormatQuery = Annotated[TableFormat, Query(alias="format", description="`json` (default) or `csv` for a download.")]


def csv_response(rows: Sequence[Mapping[str, Any]], filename: str, columns: Sequence[str] | None = None) -> Response:
    """Rows as a CSV download (the same CSV the CLI writes)."""
    text = render(rows, Format.CSV, columns) or ""
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}.csv"'},
    )
