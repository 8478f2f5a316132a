"""Bad commitments are refused at build time with one clear line; the ledger stays byte for byte."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.settings import Settings

COMMITMENTS = "commitments/main.yaml"
TARGET = "target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 50, unit: bn USD, by: 2030}"

# (id, old text, new text, fragment of the expected message)
CASES: list[tuple[str, str, str, str]] = [
    ("unknown-indicator", "indicator: trade.turnover", "indicator: people.smiles", "unknown indicator 'people.smiles'"),
    ("derived-indicator", "indicator: trade.turnover,", "indicator: trade.turnover.yoy,", "unknown indicator"),
    ("unknown-subject", "subject: CHN", "subject: ATL", "unknown entity 'ATL'"),
    ("unknown-counterpart", "counterpart: KAZ", "counterpart: city.nowhere", "unknown entity 'city.nowhere'"),
    ("date-before-commitment", "by: 2030", "by: 2022-12-31", "before the commitment was made (2023-05-18)"),
    ("date-malformed", "by: 2030", "by: 2030-13", "target.by"),
    ("value-malformed", "value: 50", "value: fifty", "target.value"),
    ("value-missing", "value: 50, ", "", "target.value"),
    ("deadline-missing", ", by: 2030", "", "target.by"),
    ("unknown-key", "by: 2030", "by: 2030, deadline: 2030", "target.deadline"),
    ("target-not-a-mapping", TARGET, "target: 50 bn USD by 2030", "target"),
    ("unit-unknown", "unit: bn USD", "unit: bn smurfs", "unit 'bn smurfs' is not known"),
    ("unit-incompatible", "unit: bn USD", "unit: bcm", "target unit 'bcm' is not allowed"),
    ("status-unknown", "status: in-progress", "status: finished", "status"),
    (
        "done-undated",
        '- {source: src-a, date: 2025-01-20, locator: "table 2"}',
        "- {source: src-a}",
        "needs dated evidence",
    ),
    (
        "done-no-evidence",
        '  evidence:\n    - {source: src-a, date: 2025-01-20, locator: "table 2"}',
        "",
        "needs dated evidence",
    ),
    ("evidence-before-made", "date: 2025-01-20", "date: 2022-01-01", "evidence dated 2022-01-01 is before"),
    ("evidence-unknown-event", "- {source: src-a,", "- {event: summit.nowhere, source: src-a,", "unknown event"),
]
NEEDS_DONE = {"done-undated", "done-no-evidence"}


def _damage(settings: Settings, case: str) -> str:
    _, old, new, message = next(c for c in CASES if c[0] == case)
    path = settings.data / COMMITMENTS
    text = path.read_text(encoding="utf-8")
    if case in NEEDS_DONE:
        text = text.replace("status: in-progress", "status: done")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return message


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_bad_commitment_refused_and_ledger_unchanged(tiny_settings: Settings, case: str) -> None:
    build(tiny_settings, force=True)
    before = tiny_settings.ledger.read_bytes()
    message = _damage(tiny_settings, case)
    with pytest.raises(DataError) as info:
        build(tiny_settings, force=True)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and text.startswith(f"data/{COMMITMENTS}:line ")
    assert tiny_settings.ledger.read_bytes() == before
    assert not [p for p in tiny_settings.ledger.parent.iterdir() if p.name.endswith(".tmp")]


def test_lapsed_with_a_cited_event_is_accepted(tiny_settings: Settings) -> None:
    path = tiny_settings.data / COMMITMENTS
    text = path.read_text(encoding="utf-8").replace("status: in-progress", "status: lapsed")
    text = text.replace('- {source: src-a, date: 2025-01-20, locator: "table 2"}', "- {event: summit.example-2023}")
    path.write_text(text, encoding="utf-8")
    report = build(tiny_settings, force=True)
    assert report.counts["evidence"] == 1


@pytest.mark.parametrize("case", ["unknown-indicator", "date-before-commitment", "value-malformed", "done-undated"])
def test_cli_build_refuses_bad_commitment(tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    build(tiny_settings, force=True)
    before = tiny_settings.ledger.read_bytes()
    message = _damage(tiny_settings, case)
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: data/commitments/main.yaml") and message in lines[-1]
    assert "Traceback" not in result.output
    assert tiny_settings.ledger.read_bytes() == before


@pytest.fixture
def run(tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    build(tiny_settings, force=True)
    return lambda *args: CliRunner().invoke(app, list(args))


def test_cli_lists_and_shows_commitments(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("commitments", "--format", "json", "--as-of", "2026-11-29").output)
    assert [r["id"] for r in rows] == ["example-2023.trade"]
    target = rows[0]["target"]
    assert target["outcome"] == "on track" and target["latest"]["value"] == 43.8
    assert "compound annual growth" in target["method"]
    csv_text = run("commitments", "--format", "csv", "--country", "KAZ").output
    assert csv_text.splitlines()[0].startswith("id,made_on,event,pillar")
    assert run("commitments", "--country", "TJK", "--format", "json").output.strip() == "[]"
    assert run("commitments", "--pillar", "people", "--format", "json").output.strip() == "[]"
    one = run("commitments", "example-2023.trade", "--as-of", "2026-11-29")
    assert one.exit_code == 0
    for words in ("latest figure: 43.8 bn USD (2024)", "Example Customs", "on track", "projection:", "evidence 1"):
        assert words in one.output
    # both reporters' statistics, each on its own series
    # each reporter and party by its name, not its code
    assert "target: Trade turnover China→Kazakhstan ≥ 50 bn USD" in one.output
    assert "by China's figures (China→Kazakhstan): on track" in one.output
    assert "by Kazakhstan's figures (Kazakhstan→China): no data" in one.output and "30.1 bn USD (2024)" in one.output
    assert target["by_reporter"] == "CHN: on track (43.8 bn USD (2024)); KAZ: no data (30.1 bn USD (2024))"
    assert [r["subject"] for r in target["reporters"]] == ["CHN", "KAZ"]
    assert "by_reporter" in csv_text.splitlines()[0]


def test_cli_errors_are_one_line(run) -> None:  # type: ignore[no-untyped-def]
    for args, words in (
        (("commitments", "nope"), "no commitment 'nope'"),
        (("commitments", "--country", "ZZZ"), "no entity 'ZZZ'"),
        (("commitments", "--as-of", "soon"), "is not a date"),
    ):
        result = run(*args)
        assert result.exit_code == 1 and words in result.output and "Traceback" not in result.output
    assert run("commitments", "--status", "finished").exit_code == 2


def test_cli_counts_and_filters_by_summit(run) -> None:  # type: ignore[no-untyped-def]
    event = json.loads(run("commitments", "-f", "json").output)[0]["event_id"]
    tallies = json.loads(run("commitments", "--by-summit", "--format", "json", "--as-of", "2026-11-29").output)
    assert [t["event_id"] for t in tallies] == [event]
    assert tallies[0]["commitments"] == 1 == sum(tallies[0]["by_status"].values())
    csv_text = run("commitments", "--by-summit", "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("event,date,commitments,announced")
    only = json.loads(run("commitments", "--summit", event, "--format", "json").output)
    assert [r["id"] for r in only] == ["example-2023.trade"]
    wrong = run("commitments", "--summit", "summit.nowhere")
    assert wrong.exit_code == 1 and "no commitments were made at 'summit.nowhere'" in wrong.output
    assert wrong.output.strip().count("\n") == 0
