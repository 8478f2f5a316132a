"""A build's resident answers encoded as JSON once, when the build is opened, for the API to send as they are.

A build never changes, so each observation's API form (its row with its display
fields, validated by the `Observation` response model and serialised as the API
serialises it) is the same for every request: it is made once per build, in the
thread that opens the build, and a page of observations is the bytes of its rows
joined. The indicators' list and each indicator are encoded whole, and those of
them large enough to be compressed are kept gzipped too, as the API's gzip layer
would compress them (`GZIP_LEVEL`, `GZIP_MINIMUM_SIZE`; its output has no time
stamp, so the same bytes every time). The bytes are those FastAPI writes for the
same rows through the same response models (`tests/web/test_web_direct.py` and
`tests/web/test_web_resident.py` compare them).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from pydantic import TypeAdapter

from caravan.figures import display_fields
from caravan.ledger.resident import ResidentTables
from caravan.web.models import Indicator, Observation
from caravan.web.security import Scope

GZIP_MINIMUM_SIZE = 1024
"""Answers shorter than this (bytes) are sent as they are, longer ones gzipped to a client that accepts it."""
GZIP_LEVEL = 5
"""The zlib level the API compresses at: near the best ratio, at a fraction of level 9's time."""

_OBSERVATION = TypeAdapter(Observation)
_INDICATORS = TypeAdapter(list[Indicator])
_INDICATOR = TypeAdapter(Indicator)


@dataclass(frozen=True)
class EncodedTables:
    """One build's resident tables as the API's JSON.

    Attributes:
        tables: The resident tables the bytes were made from.
        observations: Each observation's JSON object, aligned with `tables.observations`.
        indicators: The indicators' list (`GET /api/indicators`).
        indicator_rows: Each indicator's JSON object (`GET /api/indicators/{id}`), by id.
        compressed: The gzipped form of each of those whole answers long enough to be compressed,
            by its bytes (a `bytes` object keeps its hash, so finding it costs a lookup).
    """

    tables: ResidentTables
    observations: tuple[bytes, ...]
    indicators: bytes
    indicator_rows: dict[str, bytes]
    compressed: dict[bytes, bytes] = field(default_factory=dict)

    @classmethod
    def encode(cls, tables: ResidentTables) -> EncodedTables:
        """Encode a build's resident tables (a few milliseconds per thousand rows, once per build)."""
        indicators = _INDICATORS.dump_json(_INDICATORS.validate_python([dict(r) for r in tables.indicators]))
        rows = {
            key: _INDICATOR.dump_json(_INDICATOR.validate_python(dict(row)))
            for key, row in tables.indicator_rows.items()
        }
        whole = [indicators, *rows.values()]
        return cls(
            tables=tables,
            observations=tuple(observation_json(row) for row in tables.observations),
            indicators=indicators,
            indicator_rows=rows,
            compressed={body: gzipped(body) for body in whole if len(body) >= GZIP_MINIMUM_SIZE},
        )

    def page(self, positions: list[int], limit: int, offset: int) -> bytes:
        """One page of observations (`Page[Observation]`): the rows at `positions[offset:offset + limit]`."""
        rows = self.observations
        items = b",".join([rows[at] for at in positions[offset : offset + max(limit, 0)]])
        head = b'{"total":%d,"limit":%d,"offset":%d,"items":[' % (len(positions), limit, offset)
        return head + items + b"]}"


def observation_json(row: dict[str, object]) -> bytes:
    """One observation row's API JSON: the row with its display fields, through the `Observation` model."""
    return _OBSERVATION.dump_json(_OBSERVATION.validate_python({**row, **display_fields(row)}))


def accepts_gzip(scope: Scope) -> bool:
    """Whether the request accepts gzip, read as the gzip layer reads it (its first Accept-Encoding)."""
    for name, value in scope.get("headers", []):
        if name == b"accept-encoding":
            return b"gzip" in value
    return False


def gzipped(body: bytes) -> bytes:
    """`body` gzipped as the API's gzip layer compresses a whole answer (same level, no time stamp)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(body) + compressor.flush()
