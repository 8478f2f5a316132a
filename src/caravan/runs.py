"""Every model run is recorded as JSON: what was asked, on which inputs, when, and what came out."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from caravan import __version__
from caravan.output import to_json


def runs_dir(ledger: Path) -> Path:
    """Where run records of a ledger go: `<ledger>.runs/` beside it."""
    return ledger.with_name(ledger.name + ".runs")


def record_run(folder: Path, kind: str, parameters: dict[str, Any], inputs: dict[str, str], result: Any) -> Path:
    """Write one run record atomically and return its path.

    Args:
        folder: The runs folder.
        kind: route, scenario, flows or pipelines.
        parameters: The question, as plain values.
        inputs: Checksums of the inputs (ledger, scenario file, flows file).
        result: What the run produced, JSON-ready.
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
    stem = f"{now:%Y%m%dT%H%M%S%f}-{kind}"
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
