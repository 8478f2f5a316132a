"""Wheel build hook: the dashboard's front-end files go into the wheel.

They come from the npm packages pinned by `web/package-lock.json` (`npm ci`), copied
by `caravan.web.vendor` into `src/caravan/web/static/vendor/`, which git ignores; the
wheel includes them as artifacts, so `pip install` of the wheel serves the maps and
charts on a machine without npm.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _vendor_module(root: Path) -> Any:
    # The module uses the standard library only, so it loads without Caravan's dependencies.
    spec = importlib.util.spec_from_file_location("caravan_vendor", root / "src/caravan/web/vendor.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class VendorFiles(BuildHookInterface):  # type: ignore[type-arg]
    """Copy the pinned front-end files into the package before the wheel is built."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Make sure every front-end file is present; install the pinned npm packages if not."""
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        vendor = _vendor_module(root)
        if vendor.missing_vendor_files():
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError(
                    "building the wheel needs the dashboard's front-end files: install Node.js and npm, "
                    "or run scripts/setup first"
                )
            subprocess.run(
                [npm, "ci", "--prefix", "web", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=root,
                check=True,
            )
            vendor.copy_vendor_files(root / "web" / "node_modules")
        build_data["artifacts"].append("src/caravan/web/static/vendor/*")
