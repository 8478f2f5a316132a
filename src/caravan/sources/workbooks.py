"""What the readers of Excel workbooks catch: the errors a damaged file raises, and how to name them.

One list for every reader of .xlsx files (openpyxl), so that a damage one reader is known to
survive is survived by all.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.etree import ElementTree

# What openpyxl, zipfile, zlib and the XML parser raise on a damaged workbook, found by fuzzing
# (tests/fuzzing.py): besides the zip and XML errors, a broken part surfaces as a KeyError,
# TypeError or ValueError from deep inside openpyxl, and a damaged zip header as zipfile's
# NotImplementedError ("zip file version 12.8") or RuntimeError (encrypted member).
DAMAGE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    ElementTree.ParseError,
    OSError,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    RuntimeError,
)


def reason(exc: BaseException) -> str:
    """The first line of an error's message (its kind where it has none), at most 120 characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:120] + "..."
