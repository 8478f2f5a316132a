"""OpenFlights extractor: China–five route counts from the 2014 route database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import openflights
from caravan.sources.official.openflights import extract

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"

AIRPORTS = """\
3364,"Capital","Beijing","China","PEK","ZBAA",40.08,116.58,116,8,"U","Asia/Shanghai","airport","OurAirports"
3399,"Diwopu","Urumqi","China","URC","ZWWW",43.9,87.47,2125,8,"U","Asia/Shanghai","airport","OurAirports"
3077,"Hong Kong","Hong Kong","Hong Kong","HKG","VHHH",22.3,113.9,28,8,"U","Asia/Hong_Kong","airport","OurAirports"
2908,"Almaty","Alma-ata","Kazakhstan","ALA","UAAA",43.35,77.04,2234,6,"U","Asia/Qyzylorda","airport","OurAirports"
2983,"Tashkent","Tashkent","Uzbekistan","TAS","UTTT",41.25,69.28,1417,5,"U","Asia/Samarkand","airport","OurAirports"
"""
AIRLINES = """\
1767,"China Southern Airlines",\\N,"CZ","CSN","CHINA SOUTHERN","China","Y"
1006,"Air Astana",\\N,"KC","KZR","ASTANALINE","Kazakhstan","Y"
"""
ROUTES = """\
CZ,1767,URC,3399,ALA,2908,,0,73G
CZ,1767,ALA,2908,URC,3399,,0,73G
KC,1006,ALA,2908,URC,3399,,0,320
KC,1006,ALA,2908,PEK,3364,,0,320
KC,1006,ALA,2908,HKG,3077,,0,757
KC,1006,PEK,3364,TAS,2983,Y,0,320
CZ,1767,PEK,3364,TAS,2983,,1,330
CZ,1767,URC,3399,XXX,\\N,,0,73G
"""


def _write(folder: Path, routes: str = ROUTES) -> Path:
    data = folder / "openflights"
    data.mkdir(parents=True)
    (data / "airports.dat").write_text(AIRPORTS, encoding="utf-8")
    (data / "airlines.dat").write_text(AIRLINES, encoding="utf-8")
    (data / "routes.dat").write_text(routes, encoding="utf-8")
    return folder


def _values(folder: Path) -> dict[tuple[str, str, str], str]:
    return {(o["indicator"], o["subject"], o["counterpart"]): o["value"] for o in extract(folder).observations}


def test_format_and_selection_rule(tmp_path: Path) -> None:
    values = _values(_write(tmp_path))
    # Hong Kong is not China's country field; a codeshare and a one-stop row are not counted.
    assert values[("flights.routes", "CHN", "KAZ")] == "3"  # URC→ALA, ALA→URC, ALA→PEK
    assert values[("flights.airline_routes", "CHN", "KAZ")] == "4"
    assert values[("flights.route_airlines", "CHN", "KAZ")] == "2"
    assert values[("flights.routes", "CHN", "UZB")] == "0"
    assert values[("flights.airline_routes", "city.urumqi", "city.almaty")] == "3"
    assert values[("flights.route_airlines", "city.beijing", "city.almaty")] == "1"
    assert ("flights.routes", "city.beijing", "city.tashkent") not in values


def test_rows_carry_period_source_and_authority(tmp_path: Path) -> None:
    rows = extract(_write(tmp_path)).observations
    assert {r["period"] for r in rows} == {"as-of 2014-06"}
    assert {r["primary"] for r in rows} == {"openflights"}
    assert {r["source"] for r in rows} == {openflights.SOURCE_ID}
    kaz = next(r for r in rows if r["indicator"] == "flights.routes" and r["counterpart"] == "KAZ")
    assert "country field 'Kazakhstan'" in kaz["locator"]
    assert "ALA→PEK" in kaz["note"] and "KC (Air Astana)" in kaz["note"]
    assert "1 rows of routes.dat name an airport id absent" in kaz["note"]


@pytest.mark.parametrize(
    "routes",
    [
        "CZ,1767,URC,3399,ALA,2908,,0\n",  # a field short
        "CZ,1767,URC,3399,ALA,2908,N,0,73G\n",  # codeshare neither empty nor Y
        "CZ,1767,URC,3399,ALA,2908,,zero,73G\n",  # stops not a number
        "",  # empty
    ],
)
def test_damaged_routes_give_one_error_line(tmp_path: Path, routes: str) -> None:
    with pytest.raises(CaravanError) as info:
        extract(_write(tmp_path, routes))
    message = str(info.value)
    assert "\n" not in message and message.startswith("openflights/routes.dat")


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    folder = _write(tmp_path / "a")
    (folder / "openflights" / "airports.dat").write_bytes(b'1,"G\xe9roka"\n')
    with pytest.raises(CaravanError, match=r"^openflights/airports.dat: not UTF-8"):
        extract(folder)
    folder = _write(tmp_path / "b")
    (folder / "openflights" / "airlines.dat").unlink()
    with pytest.raises(CaravanError, match=r"^openflights/airlines.dat: is missing"):
        extract(folder)


@pytest.mark.shared
def test_real_files_hand_checked(shared_dir: Path) -> None:
    values = _values(shared_dir / "data")
    # grep routes.dat: CZ,1767,ASB,2976,URC,3399,,0,73G and CZ,1767,URC,3399,ASB,2976,,0,73G are the only
    # rows between Ashgabat (2976, Turkmenistan) and any airport with country field China.
    assert values[("flights.routes", "CHN", "TKM")] == "2"
    assert values[("flights.route_airlines", "CHN", "TKM")] == "1"
    # Tashkent (2983): CZ and HY each fly PEK (3364)↔TAS and URC (3399)↔TAS, eight rows, four pairs.
    assert values[("flights.routes", "CHN", "UZB")] == "4"
    assert values[("flights.airline_routes", "CHN", "UZB")] == "8"
    assert values[("flights.route_airlines", "CHN", "UZB")] == "2"
    assert values[("flights.routes", "CHN", "KAZ")] == "8"
    assert values[("flights.route_airlines", "CHN", "KAZ")] == "3"
    # SOURCE.md: "About 42 directed routes link China and the five states".
    assert sum(int(v) for (i, s, _), v in values.items() if i == "flights.airline_routes" and s == "CHN") == 42


@pytest.mark.shared
def test_truncated_real_copy_gives_one_error_line(shared_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "openflights"
    shutil.copytree(shared_dir / "data" / "openflights", copy)
    routes = copy / "routes.dat"
    routes.chmod(0o644)
    text = routes.read_text(encoding="utf-8")
    routes.write_text(text[: len(text) // 2].rsplit(",", 3)[0] + "\n", encoding="utf-8")
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and message.startswith("openflights/routes.dat:line ")


@pytest.mark.shared
def test_extraction_reproduces_committed_folder(shared_dir: Path) -> None:
    assert stale_files(DATA, extract(shared_dir / "data")) == []
