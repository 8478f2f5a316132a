"""The AEI China Global Investment Tracker extractor on the shared file."""

from __future__ import annotations

from pathlib import Path

import pytest

from caravan.errors import CaravanError
from caravan.sources.extraction import stale_files
from caravan.sources.official import aei_cgit

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
DATA = Path(__file__).resolve().parents[3] / "data"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "aei-cgit").is_dir(), reason="../shared/data/aei-cgit is absent"),
]


@pytest.fixture(scope="module")
def extraction() -> aei_cgit.Extraction:
    return aei_cgit.extract(SHARED)


def test_rows_read_by_hand(extraction: aei_cgit.Extraction) -> None:
    entities = {e["id"]: e for e in extraction.entities}
    values = {o["subject"]: o for o in extraction.observations}
    # line 9: "2005,August,China National Petroleum Corp. (CNPC),"$4,200 ",67%,PetroKazakhstan,Energy,Oil,Kazakhstan"
    deal = entities["project.aei-kaz-2005-1"]
    assert deal["names"] == {
        "en": "China National Petroleum Corp. (CNPC) – Energy (2005)",
        "zh": "China National Petroleum Corp. (CNPC) – 能源（2005）",  # the investor as the tracker names it
        "ru": "China National Petroleum Corp. (CNPC) – энергетика (2005)",
    }
    assert deal["parent"] == "KAZ" and deal["target"] == "PetroKazakhstan" and deal["share"] == "67%"
    assert deal["subsector"] == "Oil" and deal["month"] == "August" and deal["type"] == "investment"
    obs = values["project.aei-kaz-2005-1"]
    assert (obs["value"], obs["unit"], obs["period"], obs["counterpart"]) == ("4200", "mn USD", "2005-08", "")
    assert obs["locator"].startswith("line 9, investor China National Petroleum Corp. (CNPC)")
    # line 2392: "2025,June,Zijin Mining,"$1,200 ",,,Metals,,Kazakhstan,West Asia,1"
    zijin = [e for e in extraction.entities if e["investor"] == "Zijin Mining" and e["parent"] == "KAZ"]
    assert len(zijin) == 1 and zijin[0]["bri"] is True
    assert values[zijin[0]["id"]]["value"] == "1200" and values[zijin[0]["id"]]["period"] == "2025-06"
    # line 2206: two investors in one deal, Kyrgyzstan, January 2024.
    assert entities["project.aei-kgz-2024-1"]["investor"] == "State Power Investment, China Railway Construction"


def test_counts_and_ids(extraction: aei_cgit.Extraction) -> None:
    assert len(extraction.entities) == len(extraction.observations) == 58  # SOURCE.md: 58 in the five
    assert len({e["id"] for e in extraction.entities}) == 58
    assert {e["parent"] for e in extraction.entities} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert all(o["indicator"] == "investment.deal_value" for o in extraction.observations)
    assert all(float(o["value"]) >= 100 for o in extraction.observations)


def test_reproduces_committed_folder(extraction: aei_cgit.Extraction) -> None:
    assert stale_files(DATA, extraction) == []


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('"$4,200 "', '"4.2 bn"', "line 9 (China National Petroleum Corp. (CNPC))"),
        ("2005,August,China National", "2005,Augst,China National", "line 9"),
        ("Year,Month,Investor", "Year,Month,Buyer", "line 1"),
    ],
)
def test_damaged_copy_is_one_error_line(tmp_path: Path, old: str, new: str, where: str) -> None:
    folder = tmp_path / "aei-cgit"
    folder.mkdir()
    text = (SHARED / "aei-cgit" / aei_cgit.FILE).read_text(encoding="utf-8")
    assert old in text
    (folder / aei_cgit.FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CaravanError) as err:
        aei_cgit.extract(tmp_path)
    message = str(err.value)
    assert message.startswith(f"aei-cgit/{aei_cgit.FILE}:") and where in message and "\n" not in message


def test_truncated_copy(tmp_path: Path) -> None:
    folder = tmp_path / "aei-cgit"
    folder.mkdir()
    text = (SHARED / "aei-cgit" / aei_cgit.FILE).read_text(encoding="utf-8")
    (folder / aei_cgit.FILE).write_text(text[:300], encoding="utf-8")
    with pytest.raises(CaravanError) as err:
        aei_cgit.extract(tmp_path)
    assert "\n" not in str(err.value)
