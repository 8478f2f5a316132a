"""The third-party front-end files the dashboard serves, copied from npm packages by `scripts/setup`.

`web/package.json` and `web/package-lock.json` pin the packages; `npm ci`
installs them and `python -m caravan.web.vendor` copies the files below into
`static/vendor/` (kept out of git). Nothing is fetched from outside at run time.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

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
