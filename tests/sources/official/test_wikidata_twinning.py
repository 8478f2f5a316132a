"""Wikidata twinning extractor: China–five sister-city pairs from the 2016 crawl."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official.wikidata_twinning import country_of, extract

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"

NAMES = "Q269\tTaschkent\nQ8686\tShanghai\nQ956\tPeking\nQ1520\tAstana\nQ64\tBerlin\nQ1\tNirgendwo-Ost\n"
# Tashkent–Shanghai stated both ways counts once; Astana's undetermined twin is left out and counted.
RELATIONS = "Q269\tQ8686\nQ8686\tQ269\nQ1520\tQ956\nQ1520\tQ1\nQ64\tQ956\nQ64\tQ269\n"


def _write(folder: Path, names: str = NAMES, relations: str = RELATIONS) -> Path:
    data = folder / "sister-cities-wikidata"
    data.mkdir(parents=True)
    (data / "names.tsv").write_text(names, encoding="utf-8")
    (data / "relations.tsv").write_text(relations, encoding="utf-8")
    return folder


def _rows(folder: Path) -> dict[str, dict[str, str]]:
    return {o["counterpart"]: o for o in extract(folder).observations}


def test_country_from_label() -> None:
    assert country_of("Taschkent") == "UZ"
    assert country_of("Ürümqi") == "CN"
    assert country_of("Berlin") is None  # cities named Berlin in several countries
    assert country_of("Nirgendwo-Ost") is None


def test_format_and_counting_rule(tmp_path: Path) -> None:
    rows = _rows(_write(tmp_path))
    assert rows["UZB"]["value"] == "1"
    assert rows["UZB"]["note"].startswith("Pairs: Taschkent (Q269) – Shanghai (Q8686).")
    assert rows["KAZ"]["value"] == "1"
    assert "Left out: 1 places twinned with a place in Kazakhstan" in rows["KAZ"]["note"]
    assert rows["KGZ"]["value"] == "0"
    assert {r["indicator"] for r in rows.values()} == {"twinning.pairs_wikidata"}
    assert {r["period"] for r in rows.values()} == {"as-of 2016-09-12"}
    assert {r["primary"] for r in rows.values()} == {"wikidata"}


@pytest.mark.parametrize(
    ("names", "relations", "where"),
    [
        (NAMES, "Q269\tQ8686\tQ1\n", "relations.tsv:line 1"),  # a third field
        (NAMES, "Q269\n", "relations.tsv:line 1"),  # truncated
        (NAMES, "Q269\tQ99999\n", "relations.tsv:line 1"),  # no label
        (NAMES + "Q269\tTashkent\n", RELATIONS, "names.tsv:line 7"),  # named twice
        ("269\tTaschkent\n", RELATIONS, "names.tsv:line 1"),  # not a QID
        ("", RELATIONS, "names.tsv"),  # empty
    ],
)
def test_damaged_files_give_one_error_line(tmp_path: Path, names: str, relations: str, where: str) -> None:
    with pytest.raises(CaravanError) as info:
        extract(_write(tmp_path, names, relations))
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"sister-cities-wikidata/{where}")


@pytest.mark.shared
def test_real_files_hand_checked(shared_dir: Path) -> None:
    rows = _rows(shared_dir / "data")
    # grep relations.tsv: "Q269\tQ8686" (line 23241) and "Q8686\tQ269" (line 6677); names.tsv: Q269 Taschkent,
    # Q8686 Shanghai. No other Chinese place is twinned with an Uzbek one in the crawl.
    assert rows["UZB"]["value"] == "1"
    assert "Taschkent (Q269) – Shanghai (Q8686)" in rows["UZB"]["note"]
    assert rows["KAZ"]["value"] == "2"
    assert "Astana (Q1520) – Peking (Q956)" in rows["KAZ"]["note"]
    assert rows["TJK"]["value"] == "2"
    assert "Duschanbe (Q9365) – Ürümqi (Q16959)" in rows["TJK"]["note"]
    assert rows["KGZ"]["value"] == "0" and rows["TKM"]["value"] == "0"


@pytest.mark.shared
def test_truncated_real_copy_gives_one_error_line(shared_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sister-cities-wikidata"
    shutil.copytree(shared_dir / "data" / "sister-cities-wikidata", copy)
    relations = copy / "relations.tsv"
    relations.chmod(0o644)
    data = relations.read_bytes()
    relations.write_bytes(data[: len(data) // 2].rsplit(b"\t", 1)[0])
    with pytest.raises(CaravanError) as info:
        extract(tmp_path)
    message = str(info.value)
    assert "\n" not in message and message.startswith("sister-cities-wikidata/relations.tsv:line ")


@pytest.mark.shared
def test_extraction_reproduces_committed_folder(shared_dir: Path) -> None:
    assert stale_files(DATA, extract(shared_dir / "data")) == []
