"""`caravan import baci`: HS6 codes stay text, values and codes map, bad files write nothing."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import BACI_ROWS, write_baci

from caravan.cli import app
from caravan.errors import DataError
from caravan.settings import Settings
from caravan.sources.importer import import_files
from caravan.sources.synth import synth_baci
from store_state import rows, snapshot


def test_hs6_keeps_leading_zero_and_values_convert(built: Settings, tmp_path: Path) -> None:
    data = [*BACI_ROWS[:3], (2019, 156, 398, "40690", 2.5, "NA")]  # a five-digit code lost its zero
    report = import_files(built, "baci", [write_baci(tmp_path / "baci", data)])
    assert report.rows == 4
    got = rows(
        built,
        "SELECT year, exporter, importer, hs6, value_usd, quantity, hs_revision, reporter FROM trade_flow ORDER BY hs6",
    )
    assert got[0] == (2019, "CHN", "KAZ", "040655", 100_000.0, 10.5, "HS92", None)
    assert (got[1][3], got[1][4], got[1][5]) == ("040690", 2500.0, None)
    assert {r[3] for r in got} == {"040655", "040690", "270900", "851712"}
    files = [p.relative_to(built.store_dir).as_posix() for p in built.store_dir.rglob("*.parquet")]
    assert files and all(f.startswith("trade_flow/dataset=baci/year=2019/") for f in files)


def test_same_file_twice_adds_nothing(built: Settings, tmp_path: Path) -> None:
    folder = write_baci(tmp_path / "baci")
    first = import_files(built, "baci", [folder])
    assert len(first.imported) == 2  # one file a year; the code file is context, not data
    again = import_files(built, "baci", [folder])
    assert again.imported == [] and len(again.skipped) == 2
    assert rows(built, "SELECT count(*) FROM trade_flow")[0][0] == len(BACI_ROWS)


def test_a_year_in_another_hs_revision_replaces_it(built: Settings, tmp_path: Path) -> None:
    # BACI gives every flow of a year in each HS revision: keeping two would count them twice.
    folder = write_baci(tmp_path / "hs92")
    import_files(built, "baci", [folder])
    hs92_2020 = folder / "BACI_HS92_Y2020_V202401.csv"
    hs17 = tmp_path / "hs17"
    hs17.mkdir()
    (hs17 / "BACI_HS17_Y2020_V202401.csv").write_text("t,i,j,k,v,q\n2020,156,398,851712,7,NA\n", encoding="utf-8")
    (hs17 / "country_codes_V202401.csv").write_bytes((folder / "country_codes_V202401.csv").read_bytes())
    report = import_files(built, "baci", [hs17])
    assert report.replaced == [str(hs92_2020)]
    assert rows(
        built, "SELECT hs_revision, count(*), sum(value_usd) FROM trade_flow WHERE year = 2020 GROUP BY ALL"
    ) == [("HS17", 1, 7000.0)]
    assert rows(built, "SELECT DISTINCT hs_revision FROM trade_flow WHERE year = 2019") == [("HS92",)]


def test_without_code_file_iso_numeric_codes_are_used(built: Settings, tmp_path: Path) -> None:
    import_files(built, "baci", [write_baci(tmp_path / "baci", BACI_ROWS[:2], codes=False)])
    assert rows(built, "SELECT DISTINCT exporter, importer FROM trade_flow") == [("CHN", "KAZ")]


def test_code_file_labels_without_iso_are_listed(built: Settings, tmp_path: Path) -> None:
    folder = write_baci(tmp_path / "baci", [(2020, 156, 999, "851712", 1.0, "1")])
    with (folder / "country_codes_V202401.csv").open("a", encoding="utf-8") as handle:
        handle.write("999,Free Zones,,\n")
    report = import_files(built, "baci", [folder])
    assert report.unmapped() == {"BACI code BACI-999": 1}


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        ("year,exporter,importer,hs6,value,qty\n2020,156,398,040655,1,2\n", "row 1", "does not match BACI's"),
        (
            "t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,398,040655,abc,2\n",
            "row 3",
            "column v: 'abc' is not a number",
        ),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,3", None, "truncated"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,398\n", "row 3", "row has 3 of 6 columns"),
        (
            "t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,777,040655,1.5,2\n",
            "row 3",
            "unknown importer (j) country code 777",
        ),
        ("t,i,j,k,v,q\n2020,156,398,4A0655,1.5,2\n", "row 2", "'4A0655' is not an HS6 code"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,0,040655,1.5,2\n", "row 3", "importer (j) country code 0"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,-156,398,040655,1.5,2\n", "row 3", "column i: '-156' is not"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,,040655,1.5,2\n", "row 3", "column j: '' is not"),
        ("", None, "empty"),
        ("PK\x03\x04 binary workbook bytes\n", "row 1", "does not match BACI's"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n2020,156,398,040655,nan,2\n", "row 3", "not a finite number"),
        ("t,i,j,k,v,q\n2020,156,398,040655,inf,2\n", "row 2", "not a finite number"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1e308,2\n", "row 2", "not a finite number"),
        ("t,i,j,k,v,q\n2020,156,398,040655,-4.5,2\n", "row 2", "negative"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n-2020,156,398,040655,1.5,2\n", "row 3", "'-2020' is not a year"),
        ("t,i,j,k,v,q\n-7,156,398,040655,1.5,2\n", "row 2", "'-7' is not a year"),
        ("t,i,j,k,v,q\n2020,156,398,040655,1.5,2\n20200,156,398,040655,1.5,2\n", "row 3", "'20200' is not a year"),
        ("t,i,j,k,v,q\n" + "2" * 400 + ",156,398,040655,1.5,2\n", "row 2", "column t: "),
        ("t,i,j,k,v,q\n202²,156,398,040655,1.5,2\n", "row 2", "column t: '202²'"),
    ],
    ids=[
        "header",
        "non-numeric",
        "truncated",
        "short-row",
        "unknown-code",
        "bad-hs6",
        "world-as-partner",
        "negative-code",
        "missing-code",
        "empty",
        "wrong-format",
        "nan-value",
        "infinite-value",
        "overflowing-value",
        "negative-value",
        "negative-year",
        "negative-first-year",
        "year-out-of-range",
        "first-year-hundreds-of-digits",
        "first-year-superscript-digit",
    ],
)
def test_bad_input_writes_nothing(built: Settings, tmp_path: Path, content: str, where: str | None, words: str) -> None:
    folder = write_baci(tmp_path / "baci")
    bad = folder / "BACI_HS92_Y2021_V202401.csv"
    bad.write_text(content, encoding="utf-8")
    before = snapshot(built)
    with pytest.raises(DataError) as caught:
        import_files(built, "baci", [folder])
    assert caught.value.path == str(bad)
    assert words in caught.value.problem, str(caught.value)
    assert caught.value.where == where
    assert "\n" not in str(caught.value)
    assert snapshot(built) == before


def test_cli_import_reports_and_fails_in_one_line(built: Settings, tmp_path: Path) -> None:
    env = {"CARAVAN_LEDGER": str(built.ledger), "CARAVAN_DATA": str(built.data)}
    runner = CliRunner()
    ok = runner.invoke(app, ["import", "baci", str(write_baci(tmp_path / "baci")), "-f", "csv"], env=env)
    assert ok.exit_code == 0, ok.output
    assert "BACI_HS92_Y2020_V202401.csv,14," in ok.output
    bad = tmp_path / "bad" / "BACI_HS92_Y2022_V1.csv"
    bad.parent.mkdir()
    bad.write_text("t,i,j,k,v,q\n2022,156,398,040655,x,1\n", encoding="utf-8")
    out = runner.invoke(app, ["import", "baci", str(bad)], env=env)
    assert out.exit_code == 1
    assert out.output == f"Error: {bad}:row 2: column v: 'x' is not a number\n"


def test_synth_writes_importable_baci(built: Settings, tmp_path: Path) -> None:
    files = synth_baci(tmp_path / "synth", 5000, years=(2019, 2020), seed=3)
    assert files[-1].name.startswith("country_codes")
    report = import_files(built, "baci", [tmp_path / "synth"])
    assert report.rows == 5000
    [(chn_share, codes_ok)] = rows(
        built,
        """
        SELECT avg((exporter = 'CHN')::INT), bool_and(regexp_full_match(hs6, '[0-9]{6}')) FROM trade_flow""",
    )
    assert chn_share > 0.05 and codes_ok  # a few large exporters, China first; HS6 as six-digit text
    assert rows(built, "SELECT count(*) FROM trade_flow WHERE hs6 LIKE '0%'")[0][0] > 0


hs6 = st.from_regex(r"[0-9]{6}", fullmatch=True)
flow_rows = st.lists(
    st.tuples(
        st.sampled_from([2019, 2020]),
        st.sampled_from([156, 398, 860, 643, 276]),
        st.sampled_from([156, 398, 860, 643, 276]),
        hs6,
        st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
        st.one_of(st.just("NA"), st.decimals(min_value=0, max_value=10**6, places=2).map(str)),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=flow_rows)
def test_round_trip_csv_to_ledger(tmp_path_factory: pytest.TempPathFactory, data: list[tuple]) -> None:
    root = tmp_path_factory.mktemp("roundtrip")
    settings_ = Settings(ledger=root / "caravan.duckdb", data=root / "data")
    import_files(settings_, "baci", [write_baci(root / "baci", [(*r[:4], str(r[4]), r[5]) for r in data])])
    con = duckdb.connect()
    store = settings_.store_dir.as_posix()
    got = con.execute(
        "SELECT year, exporter, importer, hs6, value_usd, quantity "
        f"FROM read_parquet('{store}/trade_flow/**/*.parquet')"
    ).fetchall()
    codes = {156: "CHN", 398: "KAZ", 860: "UZB", 643: "RUS", 276: "DEU"}
    expected = sorted(
        (y, codes[i], codes[j], k, float(v) * 1000, None if q == "NA" else float(q)) for y, i, j, k, v, q in data
    )
    assert len(got) == len(expected)
    for have, want in zip(sorted(got), expected, strict=True):
        assert have[:4] == want[:4]  # year, exporter, importer and the HS6 text, leading zeros kept
        assert have[4] == pytest.approx(want[4])
        assert (have[5] is None) == (want[5] is None)
        if want[5] is not None:
            assert have[5] == pytest.approx(want[5])


def test_a_file_with_several_years_is_partitioned_by_year(built: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "BACI_HS92_V202401_all.csv").write_text(
        "t,i,j,k,v,q\n2019,156,398,040655,1,NA\n2020,156,398,040655,2,NA\n2020,398,156,270900,3,  12.5\n",
        encoding="utf-8",
    )
    report = import_files(built, "baci", [folder])
    assert report.rows == 3
    files = sorted(p.parent.name for p in built.store_dir.rglob("*.parquet"))
    assert files == ["year=2019", "year=2020"]
    got = rows(built, "SELECT year, sum(value_usd), max(quantity) FROM trade_flow GROUP BY year ORDER BY year")
    assert got == [(2019, 1000.0, None), (2020, 5000.0, 12.5)]


def test_bad_quantity_is_named(built: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    bad = folder / "BACI_HS92_Y2020_V1.csv"
    bad.write_text("t,i,j,k,v,q\n2020,156,398,040655,1,NA\n2020,156,398,040655,1,lots\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 3: column q: 'lots' is not a number"):
        import_files(built, "baci", [folder])


def test_a_row_with_an_unterminated_quote_names_the_row_and_the_reason(built: Settings, tmp_path: Path) -> None:
    folder = write_baci(tmp_path / "baci")
    data = next(p for p in sorted(folder.glob("*.csv")) if "country_codes" not in p.name)
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",", ',"', 1)
    data.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_files(built, "baci", [folder])
    assert caught.value.path == str(data) and caught.value.where == "row 3"
    assert "unterminated quote" in caught.value.problem and "\n" not in str(caught.value)


def _stored_order(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, int]]]:
    """A stored file's (exporter, importer) in file order, and each row group's exporter range and size."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["exporter", "importer"])
    keys = list(zip(table["exporter"].to_pylist(), table["importer"].to_pylist(), strict=True))
    meta = pq.ParquetFile(path).metadata
    column = meta.schema.names.index("exporter")
    groups = []
    for i in range(meta.num_row_groups):
        stats = meta.row_group(i).column(column).statistics
        groups.append((stats.min, stats.max, meta.row_group(i).num_rows))
    return keys, groups


@pytest.mark.parametrize("years", [(2020,), (2019, 2020)])
def test_stored_rows_are_sorted_by_exporter_and_importer_in_small_row_groups(
    built: Settings, tmp_path: Path, years: tuple[int, ...]
) -> None:
    from caravan.sources.baci import ROW_GROUP_ROWS

    files = synth_baci(tmp_path / "synth", 2 * ROW_GROUP_ROWS + 5000, years=years, seed=5)
    if len(years) > 1:  # one file holding both years takes the partitioned path
        data = [f for f in files if "country_codes" not in f.name]
        lines = data[0].read_text(encoding="utf-8").splitlines(keepends=True)
        lines += data[1].read_text(encoding="utf-8").splitlines(keepends=True)[1:]
        for f in data:
            f.unlink()
        (tmp_path / "synth" / "BACI_HS92_V202401_all.csv").write_text("".join(lines), encoding="utf-8")
    report = import_files(built, "baci", [tmp_path / "synth"])
    assert report.rows == 2 * ROW_GROUP_ROWS + 5000
    stored = sorted(built.store_dir.rglob("*.parquet"))
    assert [p.parent.name for p in stored] == [f"year={y}" for y in years]
    for path in stored:
        keys, groups = _stored_order(path)
        assert keys == sorted(keys), f"{path.name} is not sorted by exporter and importer"
        assert len(groups) >= 2 and all(n <= ROW_GROUP_ROWS for _, _, n in groups)
        # Sorted row groups hold ranges of exporters one after another: a filter on a few skips the rest.
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(groups))


def test_each_row_names_the_source_of_its_own_file(built: Settings, tmp_path: Path) -> None:
    from caravan.sources.bulkstore import read_manifest

    synth_baci(tmp_path / "synth", 3000, years=(2018, 2019, 2020), seed=9)
    import_files(built, "baci", [tmp_path / "synth"])
    expected = {(e.years[0], e.source["id"]) for e in read_manifest(built.store_dir).entries}
    assert len(expected) == 3 and len({s for _, s in expected}) == 3
    got = rows(built, "SELECT DISTINCT year, source_id, hs_revision, dataset FROM trade_flow")
    assert {(y, s) for y, s, _, _ in got} == expected
    assert {(r, d) for _, _, r, d in got} == {("HS92", "baci")}
    # One scan reads the three files (their constants differ only in the source).
    [(view,)] = rows(built, "SELECT sql FROM duckdb_views() WHERE view_name = 'trade_flow'")
    assert view.count("read_parquet") == 1
