"""The third-party front-end files the dashboard serves, copied from npm packages by `scripts/setup`.

`web/package.json` and `web/package-lock.json` pin the packages; `npm ci`
installs them and `python -m caravan.web.vendor` copies the files below into
`static/vendor/` (kept out of git). Nothing is fetched from outside at run time.

Pages link each file at a versioned address, `/static/vendor/<name>?v=<digest>`,
the digest being that of the file's bytes (`vendor_url`): a new pinned version
is a new address, so an answer at a versioned address may be kept for a year
unasked (`is_versioned`, used by `caravan.web.conditional`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs

VENDOR = Path(__file__).parent / "static" / "vendor"

# file served as /static/vendor/<name> -> path inside node_modules
FILES: dict[str, str] = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}
LICENCES: dict[str, str] = {
    "d3.LICENSE": "d3/LICENSE",
    "topojson-client.LICENSE": "topojson-client/LICENSE",
    "world-atlas.LICENSE": "world-atlas/LICENSE",
    "swagger-ui-dist.LICENSE": "swagger-ui-dist/LICENSE",
}


VENDOR_PREFIX = "/static/vendor/"


@functools.lru_cache(maxsize=64)
def _digest(name: str, mtime_ns: int, size: int) -> str:
    with open(VENDOR / name, "rb") as file:
        return hashlib.file_digest(file, "blake2b").hexdigest()[:16]


def file_digest(name: str) -> str | None:
    """The digest of a vendor file's bytes as served now (None: not there). Read once per version of the file."""
    if name not in FILES:
        return None
    try:
        stat = os.stat(VENDOR / name)
    except OSError:
        return None
    return _digest(name, stat.st_mtime_ns, stat.st_size)


def vendor_url(name: str) -> str:
    """The address pages link a vendor file at: versioned by its digest, plain if the file is missing."""
    digest = file_digest(name)
    return f"{VENDOR_PREFIX}{name}" + (f"?v={digest}" if digest else "")


def is_versioned(path: str, query_string: str) -> bool:
    """Whether a request asks for a vendor file at the versioned address of the bytes served now."""
    if not path.startswith(VENDOR_PREFIX):
        return False
    digest = file_digest(path.removeprefix(VENDOR_PREFIX))
    return digest is not None and parse_qs(query_string).get("v") == [digest]


def missing_vendor_files() -> list[str]:
    """Vendor files the dashboard needs that are not in `static/vendor/`."""
    return [name for name in FILES if not (VENDOR / name).is_file()]


def copy_vendor_files(node_modules: Path) -> list[Path]:
    """Copy the front-end files (and their licences) from `node_modules` into `static/vendor/`.

    Raises:
        FileNotFoundError: A package is not installed; run `npm ci` in `web/` first.
    """
    VENDOR.mkdir(parents=True, exist_ok=True)
    written = []
    for name, relative in {**FILES, **LICENCES}.items():
        source = node_modules / relative
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing; run `npm ci` in web/ first")
        shutil.copyfile(source, VENDOR / name)
        written.append(VENDOR / name)
    return written


if __name__ == "__main__":
    copied = copy_vendor_files(Path(sys.argv[1] if len(sys.argv) > 1 else "web/node_modules"))
    sys.stderr.write(f"copied {len(copied)} front-end files into {VENDOR}\n")
