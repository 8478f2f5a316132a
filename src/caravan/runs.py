"""Every model run is recorded as JSON: what was asked, on which inputs, when, and what came out."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from caravan import __version__
from caravan.errors import InputError, NotFoundError
from caravan.output import to_json

KEY = re.compile(r"[0-9a-f]{16}")
"""A content key: the first 16 hex digits of the SHA-256 of what was asked."""


def runs_dir(ledger: Path) -> Path:
    """Where run records of a ledger go: `<ledger>.runs/` beside it."""
    return ledger.with_name(ledger.name + ".runs")


def record_run(
    folder: Path,
    kind: str,
    parameters: dict[str, Any],
    inputs: dict[str, str],
    result: Any,
    *,
    key: str | None = None,
) -> Path:
    """Write one run record atomically and return its path.

    Args:
        folder: The runs folder.
        kind: route, scenario, flows, pipelines or claims.
        parameters: The question, as plain values.
        inputs: Checksums of the inputs (ledger, scenario file, flows file).
        result: What the run produced, JSON-ready.
        key: A content key (`content_key(parameters)`): the record is `<kind>-<key>.json`, found again
            by `find_run`, and a later run of the same question replaces it. None: a timestamped record.
    """
    now = datetime.now(UTC)
    record = {
        "kind": kind,
        "timestamp": now.isoformat(timespec="seconds"),
        "caravan_version": __version__,
        "parameters": parameters,
        "inputs": inputs,
        "result": result,
    }
    folder.mkdir(parents=True, exist_ok=True)
    if key is not None:
        record["key"] = key
    stem = f"{kind}-{key}" if key is not None else f"{now:%Y%m%dT%H%M%S%f}-{kind}"
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    os.fchmod(fd, 0o644)  # a temporary file is private (0600); what it becomes is readable
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(to_json(record))
    path = folder / f"{stem}.json"
    os.replace(tmp, path)
    return path


def read_run(path: Path) -> dict[str, Any]:
    """A run record back as a dict (plain JSON, never evaluated)."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


def content_key(parameters: dict[str, Any]) -> str:
    """The content key of a question: the first 16 hex digits of the SHA-256 of its canonical JSON."""
    text = json.dumps(parameters, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def find_run(folder: Path, kind: str, key: str) -> dict[str, Any]:
    """The run record stored under a content key.

    Raises:
        InputError: The key is not 16 lower-case hex digits.
        NotFoundError: No record of that kind has that key.
    """
    if not KEY.fullmatch(key):
        raise InputError(f"{key!r} is not a stored {kind} key; a key is 16 hex digits, as its link gives it")
    path = folder / f"{kind}-{key}.json"
    if not path.is_file():
        raise NotFoundError(
            f"no stored {kind} run {key} here; it may come from another server: run it again to store it"
        )
    return read_run(path)
