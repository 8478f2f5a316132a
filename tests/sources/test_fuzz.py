"""Fuzzing the importers and the curated loader: damaged input is one line, never a traceback.

A hundred mutated files per target here (`benchmarks/bench_fuzz.py` runs
10,000 each); Hypothesis writes YAML values for the curated reader.
"""

from __future__ import annotations

import random
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzzing
from caravan.errors import DataError
from caravan.sources.yamlfile import read_yaml_list


@pytest.mark.slow
@pytest.mark.parametrize("target", fuzzing.TARGETS)
def test_a_hundred_damaged_files_give_no_traceback(target: str) -> None:
    outcome = fuzzing.run(target, 100, seed=2026)
    assert outcome.cases == 100
    assert not outcome.tracebacks, "\n".join(outcome.examples[k] for k in outcome.tracebacks)
    assert outcome.multiline == 0
    assert sum(outcome.errors.values()) > 0  # the damage does reach the readers


def test_the_mutator_damages_a_workbook_inside_its_zip(tmp_path: Path) -> None:
    seed = fuzzing.seeds("imf-dots", tmp_path)[0].read_bytes()
    rng = random.Random(1)
    intact_zip_but_changed = 0
    for _ in range(40):
        damaged = fuzzing.mutate_workbook(seed, rng)
        try:
            with zipfile.ZipFile(BytesIO(damaged)) as book:
                if book.testzip() is None and damaged != seed:
                    intact_zip_but_changed += 1
        except Exception:  # damaged raw bytes: zipfile raises many kinds (the importer turns each into one line)
            continue
    assert intact_zip_but_changed > 10  # most cases reach the sheet XML with a valid CRC


YAML_SOURCE = """\
- id: src-a
  publisher: Example Customs
  title: Trade
  url: https://example.org/a
  published: {value}
  retrieved: 2026-11-29
"""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(
        st.text(max_size=40),
        st.from_regex(r"!!(int|float|bool|timestamp|binary|null|str|set|omap) [-0-9a-zA-Z:.T_ ]{0,20}", fullmatch=True),
        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?", fullmatch=True),
        st.integers(min_value=4290, max_value=4400).map(lambda n: "9" * n),
    )
)
def test_any_yaml_value_reads_or_is_one_line_naming_its_line(tmp_path: Path, value: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(YAML_SOURCE.format(value=value), encoding="utf-8", errors="surrogatepass")
    try:
        read_yaml_list(path, "data/sources/main.yaml")
    except DataError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("data/sources/main.yaml")


def test_a_workbook_whose_zip_needs_an_unknown_version_is_one_line(tmp_path: Path) -> None:
    # Found by the fuzzer: zipfile raises NotImplementedError ("zip file version 12.8").
    import struct

    from caravan.sources.imf_dots import read_workbook

    body = bytearray(fuzzing.seeds("imf-dots", tmp_path / "seeds")[0].read_bytes())
    at = body.find(b"PK\x01\x02")  # the first central directory entry: "version needed to extract"
    body[at + 6 : at + 8] = struct.pack("<H", 128)
    path = tmp_path / "DOTS_9.xlsx"
    path.write_bytes(bytes(body))
    with pytest.raises(DataError, match=r"zip file version 12\.8") as caught:
        list(read_workbook(path))
    assert caught.value.path == str(path) and "\n" not in str(caught.value)


def test_what_the_10000_case_runs_found_is_one_line(tmp_path: Path) -> None:
    from samples import write_baci, write_comtrade, write_dots_workbook

    from caravan.settings import Settings
    from caravan.sources.importer import import_files

    settings = Settings(ledger=tmp_path / "none" / "caravan.duckdb", data=tmp_path)
    seed = write_dots_workbook(
        tmp_path / "seed.xlsx", "Kazakhstan, Rep. of", {"exports": {"China, P.R.: Mainland": {2019: 987654}}}
    )
    huge = tmp_path / "dots" / "DOTS_1.xlsx"  # the cell's number rewritten with 400 digits
    huge.parent.mkdir()
    with zipfile.ZipFile(seed) as source, zipfile.ZipFile(huge, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info).replace(b">987654<", b">" + b"9" * 400 + b"<"))
    folder = write_baci(tmp_path / "baci")
    codes = next(p for p in folder.glob("*.csv") if "country_codes" in p.name)
    codes.write_text(codes.read_text(encoding="utf-8").replace("156,", "1560000000000000,", 1), encoding="utf-8")
    empty = write_comtrade(tmp_path / "comtrade" / "c.csv", rows=[])
    for fmt, path, words in (
        ("imf-dots", huge, "too large to be a figure"),
        ("baci", folder, "is not a country code"),
        ("comtrade", empty, "no importable rows"),
    ):
        with pytest.raises(DataError, match=words) as caught:
            import_files(settings, fmt, [path])
        assert "\n" not in str(caught.value)
