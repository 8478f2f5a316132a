"""The planner against published journeys: the file, the comparison rules, and the curated network's results."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.corridors.calibrate import Journey, evaluate_journey, evaluate_routes, load_journeys
from caravan.corridors.network import Network, load_network
from caravan.errors import DataError
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.network import PublishedFigure

# Journeys the model places inside their published range today. The tolerance is the published range itself
# (a time printed in whole days is half a day either side), so a regression of a few hours on a short trip,
# or of a day on a long one, moves one of them out.
INSIDE = {
    "j.chongqing-duisburg-2024",
    "j.duisburg-chongqing-2018",  # inside since the Belarusian and Polish bounds
    "j.tashkent-kashgar-truck-2018",
    "j.xian-tashkent-2024",
    # Inside only because its two uncited transshipments count half the largest cited wait of any kind
    # (now the weekly Caspian feeder's week), not through a figure of its own: see its note.
    "j.lanzhou-tashkent-2020",
}
# Journeys the model misses, the side it misses on, and why (see data/README.md, "Calibration").
MISSES = {
    # Kazakh legs at KTZ's 941 km/day container-train speed (Dostyk–Moyynty 800 km/day), the Kazakhstan–Russia
    # border at Kazakhstan's CPMM averages; Russia–Belarus is bounded by Belarusian Railway's "less than 12 hours"
    # for the whole transit of Belarus (0–12 h, 2015), Poland–Germany by PKP Cargo's trains over the whole
    # standard-gauge section (0–25 h to Duisburg, 0–26 h to Hamburg). The 2013 trains are now faster.
    "j.chongqing-duisburg-2013": "faster",  # 2013, before Belarusian Railway cut its Brest processing (2015)
    "j.chengdu-lodz-2013": "faster",
    "j.zhengzhou-hamburg-2013": "faster",
    "j.chengdu-lodz-2016": "slower",
    "j.xian-duisburg-2022": "slower",
    "j.urumqi-duisburg-2016": "slower",
    "j.utlc-china-border-eu-border-2020": "slower",
    # The China–Kazakhstan crossings count the PRC's CPMM average (14.0 h out, 16.3 h in, 2023) and Kazakhstan's
    # side the crossings' own train-handling times (Khorgos Gateway 1 h 11 min, Dostyk 4 h 15 min), which leave out
    # the queue; the Chinese legs' "speed without delay" leaves out every delay between borders.
    "j.urumqi-almaty-2017": "slower",  # the PRC's 14 h outbound average is half its 37 h
    "j.chongqing-tashkent-2025": "faster",
    "j.xian-moscow-2016": "faster",
    "j.xian-almaty-2013": "faster",
    # Westbound the model reaches Baku through Uzbekistan, Turkmenistan and the weekly Türkmenbaşy feeder (those
    # legs still at "speed without delay"); Kuryk counts its cited 6–8 h handling and an unknown wait for a sailing.
    "j.xian-baku-2024": "faster",
    "j.baku-xian-2024": "faster",
    "j.altynkol-baku-2024": "faster",
    "j.altynkol-poti-2024": "faster",
    "j.chengdu-kars-2025": "faster",
    # On across the Black Sea: the Poti–Constanța feeder has no cited sailing time (16 knots) nor an interval.
    "j.altynkol-constanta-2024": "faster",
    # The first Türkiye–China block train had its Caspian sailing arranged; the model waits for the feeder. The
    # Azerbaijan–Georgia and Georgia–Türkiye crossings are bounded by whole runs (0–34 h, 2014; 0–40 h, 2017).
    "j.istanbul-xian-2020": "slower",
    # Road to Dushanbe through Kulma: no cited wait at Kulma, nor for the rail-to-road transshipment.
    "j.lanzhou-dushanbe-2026": "faster",
    # Sea: the model sails at the cited 16 knots with no cited port time, between the no-call figure
    # (27 days) and the liner rotation with 5–10 calls (35 days); the Cape routing is not placed.
    "j.shanghai-rotterdam-suez-direct": "slower",
    "j.shanghai-rotterdam-suez-liner": "faster",
    "j.shanghai-rotterdam-cape": "faster",
}
# The target is 15 %; the model is at it, with 22 of 27 outside their range (see MISSES). This guards
# today's level against regression: 14.7 % over the 27 modelled journeys (unchanged when Kuryk's 6–8 h ferry
# handling and the Caucasus crossings' whole-run bounds were cited; 15.0 % before the Poland–Germany border
# was bounded by PKP Cargo's trains, 20.8 % before the Russia–Belarus border was bounded by Belarusian Railway's
# figure; 20.1 % over 26 before the Black Sea feeders put Constanța on the network, 19.5 % before the Chinese side
# of the China crossings was cited, 22.4 % before KTZ's container-train speed and the Kazakhstan–Russia border's
# CPMM averages, 32.2 % before the Aktau–Baku feeder's weekly headway was cited).
MEDIAN_CEILING = 15.0


@pytest.fixture(scope="module")
def real_net(real_settings: Settings) -> Network:
    with Ledger(real_settings.ledger) as ledger:
        return load_network(ledger)


def test_the_journeys_file_is_cited_and_large_enough(real_settings: Settings) -> None:
    journeys = load_journeys(real_settings.data)
    assert len(journeys) >= 25
    with Ledger(real_settings.ledger) as ledger:
        known = {r["id"] for r in ledger.query("SELECT id FROM source")}
    for j in journeys:
        assert j.time.source in known and j.time.locator, j.id
        if j.distance is not None:
            assert j.distance.source in known, j.id
    kinds = {j.kind for j in journeys}
    assert {"china-europe-train", "china-central-asia-train", "middle-corridor", "sea"} <= kinds


def test_curated_network_against_published_journeys(real_net: Network, real_settings: Settings) -> None:
    result = evaluate_routes(real_net, load_journeys(real_settings.data))
    report = "\n".join(
        f"{r.id}: published {r.published_days}, model {r.model_days}–{r.model_days_high} (point {r.model_point_days}), "
        f"error {r.error_pct} %, inside {r.inside}; {r.why}"
        for r in result.results
    )
    print(f"\nmedian absolute error {result.median_abs_error_pct} % over {result.modelled}\n{report}")
    by_id = {r.id: r for r in result.results}
    for jid in INSIDE:
        assert by_id[jid].inside, f"{jid} left its published range:\n{report}"
    for jid, side in MISSES.items():
        r = by_id[jid]
        assert r.inside is False and r.why.startswith(f"model {side}"), f"{jid}: {r.why}"
    assert set(result.outside) == set(MISSES), "a journey moved in or out of its range: update INSIDE / MISSES"
    assert result.unexplained == [], "a journey outside its range has no `explained` in data/network/journeys.yaml"
    for jid, side in MISSES.items():  # an explanation names the side the model misses on
        assert by_id[jid].explained.startswith((f"Model {side}", f"Model slightly {side}")), jid
    assert result.median_abs_error_pct is not None and result.median_abs_error_pct <= MEDIAN_CEILING, report
    assert result.modelled >= 27


def _journey(text: str) -> Journey:
    import yaml

    return Journey.model_validate(yaml.safe_load(textwrap.dedent(text)))


def test_inside_means_the_point_lies_in_the_published_range(net: Network) -> None:
    # Alpha -> Zulu by rail: 12.2 h running + 10 h cited dwell, and the Xray–Zulu border uncited (bound 10 h):
    # point 22.2 + 5 = 27.2 h = 1.13 days.
    base = """\
        id: j.alpha-zulu
        origin: {name: Alpha, node: city.a}
        destination: {name: Zulu, node: city.z}
        modes: rail
        year: 2025
        kind: test
    """
    cases = [
        ("time: {value: 1, unit: day, source: s, locator: l}", True, 13.3),  # 0.5–1.5 days
        ("time: {value: 2, unit: day, source: s, locator: l}", False, -43.3),  # 1.5–2.5 days
        ("time: {value: 20, high: 30, unit: h, source: s, locator: l}", True, 8.8),
        ("time: {value: 2, unit: day, bound: upper, source: s, locator: l}", True, 0.0),
        ("time: {value: 2, unit: day, bound: lower, source: s, locator: l}", False, -43.3),
    ]
    for line, inside, error in cases:
        r = evaluate_journey(net, _journey(textwrap.dedent(base) + line))
        assert r.model_point_days == pytest.approx(27.2 / 24, abs=0.01)
        assert r.inside is inside and r.error_pct == pytest.approx(error, abs=0.1), line
        assert r.unknown_waits == 1 and "border (rail)" in r.why


def test_journeys_off_the_network_are_reported_not_modelled(net: Network) -> None:
    r = evaluate_journey(
        net,
        _journey("""\
            id: j.alpha-lodz
            origin: {name: Alpha, node: city.a}
            destination: {name: Łódź, node: null, geonameid: 3093133}
            modes: rail
            year: 2025
            kind: test
            time: {value: 12, unit: day, source: s, locator: l}
        """),
    )
    assert r.inside is None and r.error_pct is None and r.why == "not on the network: Łódź"
    result = evaluate_routes(net, [])
    assert result.median_abs_error_pct is None and result.modelled == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: j.x, origin: {name: A}, destination: {name: B}, modes: rail, year: 2025, kind: k}", "time: Field"),
        (
            "- {id: j.x, origin: {name: A}, destination: {name: B}, modes: rail+air, year: 2025, kind: k,"
            " time: {value: 1, unit: day, source: s, locator: l}}",
            "unknown mode 'air'",
        ),
        ("not: a list", "expected a list of journeys"),
    ],
)
def test_bad_journeys_files_name_the_file_and_journey(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "network").mkdir()
    (tmp_path / "network" / "journeys.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"journeys\.yaml") as err:
        load_journeys(tmp_path)
    assert message in str(err.value)
    assert load_journeys(tmp_path / "nowhere") == []


def test_figure_spans() -> None:
    f = PublishedFigure(value=12, high=14, unit="day", source="s", locator="l")
    assert f.span("day") == (12, 14) and f.middle("day") == 13
    assert PublishedFigure(value=2, unit="day", source="s", locator="l").span("day", whole=0.5) == (1.5, 2.5)
    assert PublishedFigure(value=48, unit="h", source="s", locator="l").span("h", whole=0.5) == (47.5, 48.5)
    assert PublishedFigure(value=20, unit="day", bound="lower", source="s", locator="l").span("day") == (20, None)


def test_eval_routes_command(real_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARAVAN_DATA", str(real_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    out = CliRunner().invoke(app, ["eval", "routes", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["median_abs_error_pct"] is not None and len(data["journeys"]) >= 25
    assert data["unexplained"] == [] and all(j["explained"] for j in data["journeys"] if j["inside"] is False)
    table = CliRunner().invoke(app, ["eval", "routes"])
    assert table.exit_code == 0 and "median absolute error of the time" in table.output
    assert "why the model misses (22 of 22 outside explained)" in " ".join(table.output.split())
    csv = CliRunner().invoke(app, ["eval", "routes", "--format", "csv"])
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith("id,kind,origin")
