"""What the readers of Excel workbooks catch: the errors a damaged file raises, and how to name them.

One list for every reader of .xlsx files (openpyxl) and one for .xls (xlrd), so that a damage one
reader is known to survive is survived by all.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from xml.etree import ElementTree

import xlrd
from xlrd.compdoc import CompDocError
from xlrd.formula import FormulaError

# What openpyxl, zipfile, zlib and the XML parser raise on a damaged workbook, found by fuzzing
# (tests/fuzzing.py): besides the zip and XML errors, a broken part surfaces as a KeyError,
# TypeError or ValueError from deep inside openpyxl, and a damaged zip header as zipfile's
# NotImplementedError ("zip file version 12.8") or RuntimeError (encrypted member).
XLSX_DAMAGE: tuple[type[Exception], ...] = (
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


# What xlrd raises on a damaged workbook, read from its code and found by damaging real workbooks:
# its own XLRDError, CompDocError and FormulaError; struct.error on a record cut short; IndexError,
# KeyError and AssertionError from its checks of sector chains, records and cells; UnicodeDecodeError
# (a ValueError) on a broken string; RecursionError on a directory whose entries loop; OSError and
# ValueError (an empty file cannot be mapped) on reading the file.
XLS_DAMAGE: tuple[type[Exception], ...] = (
    xlrd.XLRDError,
    CompDocError,
    FormulaError,
    struct.error,
    LookupError,
    AssertionError,
    ValueError,
    RecursionError,
    OSError,
)


def reason(exc: BaseException) -> str:
    """The first line of an error's message (its kind where it has none), at most 120 characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:120] + "..."
