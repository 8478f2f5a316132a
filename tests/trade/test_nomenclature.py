"""The HS nomenclature is reference data: sources read it without importing the trade analyses."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import caravan.sources
from caravan.sources import nomenclature

SOURCES = Path(caravan.sources.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_no_source_module_imports_an_analysis_package() -> None:
    offending = {
        f"{path.name}: {module}"
        for path in SOURCES.glob("*.py")
        for module in imported_modules(path)
        if module == "caravan.trade" or module.startswith("caravan.trade.")
    }
    assert not offending


def test_synthetic_baci_codes_load_without_the_trade_package() -> None:
    code = (
        "import sys; from caravan.sources.synth import _hs6_codes; codes = _hs6_codes(); "
        "assert '010111' in codes, codes[:3]; "
        "assert not any(m == 'caravan.trade' or m.startswith('caravan.trade.') for m in sys.modules), 'trade imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_hs_names_come_from_the_reference_files() -> None:
    assert nomenclature.names("chapter")["09"].lower().startswith("coffee")
    assert nomenclature.chapter_sectors()["09"] == nomenclature.chapter_sectors("hs92")["09"]


def test_sections_are_the_wco_twenty_one() -> None:
    sections = nomenclature.names("section")
    chapters = nomenclature.chapter_sections()
    assert len(sections) == 21
    assert set(chapters.values()) == set(sections)
    # Section XI (textiles) runs from chapter 50 to 63; XVI (machinery) is 84 and 85.
    assert sorted(c for c, s in chapters.items() if s == "XI") == [f"{n}" for n in range(50, 64)]
    assert sorted(c for c, s in chapters.items() if s == "XVI") == ["84", "85"]
    assert chapters["27"] == "V" and chapters["97"] == "XXI"
    assert sections["V"].lower().startswith("mineral products")
    # Chapter 77 is reserved and 98-99 are for national use: in no section.
    assert not {"77", "98", "99"} & set(chapters)
