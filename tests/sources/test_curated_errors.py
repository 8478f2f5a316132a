"""Every way a curated file can be wrong: one line naming file and place; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.sources.curated import load_curated


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


OBS = "observations/main.csv"
CASES: list[tuple[str, str, str, str, str]] = [
    # (id, file, old, new, expected message fragment)
    ("malformed-yaml", "sources/main.yaml", "  publisher: Example Customs", "  publisher: [Example", "malformed YAML"),
    (
        "not-a-list",
        "events/main.yaml",
        "- id: summit.example-2023",
        "summit:\n  id: summit.example-2023",
        "must be a YAML list",
    ),
    (
        "duplicate-key",
        "sources/main.yaml",
        "  language: en\n- id: src-b",
        "  language: en\n  language: ru\n- id: src-b",
        "duplicate key 'language'",
    ),
    ("duplicate-id", "sources/main.yaml", "- id: src-b", "- id: src-a", "duplicate source id 'src-a'"),
    ("bad-url", "sources/main.yaml", "https://example.org/a", "example.org/a", "not an http(s) address"),
    (
        "unknown-key",
        "sources/main.yaml",
        "  language: en\n- id: src-b",
        "  language: en\n  colour: red\n- id: src-b",
        "colour: Extra inputs",
    ),
    ("unknown-source", OBS, "2023,41,bn USD,src-a", "2023,41,bn USD,src-zz", "unknown source 'src-zz'"),
    ("unknown-entity", OBS, "trade.turnover,CHN,KAZ,2023", "trade.turnover,CHN,XXX,2023", "unknown entity 'XXX'"),
    (
        "unknown-indicator",
        OBS,
        "trade.turnover,CHN,KAZ,2023",
        "trade.volume,CHN,KAZ,2023",
        "unknown indicator 'trade.volume'",
    ),
    ("unit-not-allowed", OBS, "2023,41,bn USD", "2023,41,bn CNY", "not allowed for trade.turnover"),
    ("unit-unknown", OBS, "2023,41,bn USD", "2023,41,bn dollars", "not known"),
    ("not-a-number", OBS, "2023,41,bn USD", "2023,forty-one,bn USD", "not a plain number"),
    ("thousands-separator", OBS, "2023,41,bn USD", '2023,"4,100",bn USD', "not a plain number"),
    ("period-unparsable", OBS, "trade.turnover,CHN,KAZ,2023,", "trade.turnover,CHN,KAZ,last year,", "does not parse"),
    (
        "period-backwards",
        OBS,
        "trade.turnover,CHN,KAZ,2023,",
        "trade.turnover,CHN,KAZ,2023-06/2023-01,",
        "ends before it starts",
    ),
    ("wrong-field-count", OBS, '"table 1, Kazakhstan"', "table 1, Kazakhstan", "quote fields that contain commas"),
    ("bad-header", OBS, "indicator,subject", "indicator,subjects", "header must be"),
    (
        "duplicate-observation",
        OBS,
        "trade.turnover,CHN,KGZ,2023",
        "trade.turnover,CHN,KAZ,2023",
        "duplicate observation",
    ),
    (
        "derived-written",
        OBS,
        '2023,41,bn USD,src-a,"table 1, Kazakhstan",reported',
        '2023,41,bn USD,src-a,"table 1, Kazakhstan",derived',
        "computed by the build",
    ),
    ("event-end-before-start", "events/main.yaml", "  end: 2023-05-19", "  end: 2023-05-01", "end is before date"),
    (
        "event-unknown-place",
        "events/main.yaml",
        "  place: city.example",
        "  place: city.nowhere",
        "unknown entity 'city.nowhere'",
    ),
    (
        "target-unknown-indicator",
        "commitments/main.yaml",
        "indicator: trade.turnover",
        "indicator: trade.bananas",
        "unknown indicator 'trade.bananas'",
    ),
    ("target-before-commitment", "commitments/main.yaml", "by: 2030", "by: 2020", "before the commitment was made"),
    ("target-malformed", "commitments/main.yaml", "value: 50", "value: fifty", "target.value"),
    ("target-unit", "commitments/main.yaml", "unit: bn USD, by", "unit: Mt, by", "target unit 'Mt'"),
    (
        "country-code",
        "entities/main.yaml",
        "- {id: KGZ, kind: country}",
        "- {id: KGX, kind: country}",
        "not an ISO 3166-1",
    ),
    ("coords-without-source", "entities/main.yaml", "geonameid: 1526384,", "lon: 76.9, lat: 43.2,", "coord_source"),
    # Source tiers: every domain classified, none refused, a copy names what it copies.
    ("domain-unclassified", "sources/main.yaml", "https://example.org/a", "https://unknown.test/a", "not classified"),
    ("domain-refused", "sources/main.yaml", "https://example.org/a", "https://spam.example.net/a", "refused domain"),
    (
        "secondary-unnamed",
        "sources/main.yaml",
        "https://example.org/a",
        "https://copies.example.net/a",
        "name the original_publisher",
    ),
    ("domain-bad", "domains/main.yaml", "domain: example.com,", "domain: Example Com,", "domain"),
    ("tier-unknown", "domains/main.yaml", "tier: media,", "tier: blog,", "tier"),
    # Authorities and reporters.
    (
        "primary-unknown",
        OBS,
        '"table 1, Kazakhstan",reported,',
        '"table 1, Kazakhstan",reported,,,nowhere-office',
        "unknown primary authority 'nowhere-office'",
    ),
    ("bound-unknown", OBS, '"table 1, Kazakhstan",reported,', '"table 1, Kazakhstan",reported,,roughly,', "bound"),
    # Values YAML types itself, impossible numbers, units that do not compute, aliases.
    ("date-impossible", "sources/main.yaml", "published: 2025-01-20", "published: 2025-02-30", "day is out of range"),
    ("time-impossible", "sources/main.yaml", "published: 2025-01-20", "published: 2025-01-20T25:00:00", "hour must"),
    ("int-tag", "sources/main.yaml", "retrieved: 2026-11-29", "retrieved: !!int 1.5", "does not read as its YAML type"),
    ("unit-division", OBS, "2023,41,bn USD", "2023,41,1/0 USD", "not known"),
    ("unit-unbalanced", OBS, "2023,41,bn USD", "2023,41,bn USD(", "not known"),  # found by the fuzzer
    ("value-overflows", OBS, "2023,41,bn USD", "2023,1e308,bn USD", "too large"),
    ("huge-integer", OBS, "2023,41,bn USD", "2023," + "9" * 4300 + ",bn USD", "value"),
    ("target-infinite", "commitments/main.yaml", "value: 50", "value: 1e400", "not a finite number"),
    (
        "display-unit",
        "indicators/main.yaml",
        "  unit: USD\n",
        "  unit: USD\n  display_unit: bcm\n",
        "display_unit 'bcm' does not convert",
    ),
    ("yaml-alias", "sources/main.yaml", "- id: src-b", "- &a [*a]\n- id: src-b", "refers to itself"),
]


TEN_COLUMN_CASES = [c for c in CASES if c[0] not in ("primary-unknown", "bound-unknown")]


def test_nested_aliases_are_refused_at_once(tiny_data: Path) -> None:
    # Nine levels of aliases, each doubling the last, would expand to 2**9 copies (57 s once).
    lines = ["- &a0 [x, x, x, x]"] + [f"- &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    (tiny_data / "sources/bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="aliases expand"):
        load_curated(tiny_data)


@pytest.mark.parametrize(
    ("case", "file", "old", "new", "message"), TEN_COLUMN_CASES, ids=[c[0] for c in TEN_COLUMN_CASES]
)
def test_bad_input_is_one_clear_line(tiny_data: Path, case: str, file: str, old: str, new: str, message: str) -> None:
    _replace(tiny_data / file, old, new)
    with pytest.raises(DataError) as info:
        load_curated(tiny_data)
    text = str(info.value)
    assert message in text
    assert "\n" not in text
    assert text.startswith(f"data/{file}")


def _twelve_columns(path: Path) -> None:
    """Rewrite the tiny observations in the twelve-column layout (bound and primary last)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",bound,primary"] + [line + ",," for line in lines[1:] if line.strip()]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.mark.parametrize("case", ["primary-unknown", "bound-unknown"])
def test_twelve_column_cases(tiny_data: Path, case: str) -> None:
    _twelve_columns(tiny_data / OBS)
    _, file, old, new, message = next(c for c in CASES if c[0] == case)
    _replace(tiny_data / file, old + ",,", new)
    with pytest.raises(DataError) as info:
        load_curated(tiny_data)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_problems_are_all_listed_with_check(tiny_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(tiny_data / OBS, "2023,41,bn USD,src-a", "2023,41,bn USD,src-zz")
    _replace(tiny_data / OBS, "2023,19.8,bn USD", "2023,x,bn USD")
    _, problems = load_curated(tiny_data, collect=True)
    assert len(problems) == 2
    with pytest.raises(DataError, match=r"and 1 more problems"):
        load_curated(tiny_data)
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_data))
    result = CliRunner().invoke(app, ["build", "--check"])
    assert result.exit_code == 1
    assert "src-zz" in result.output and "not a plain number" in result.output


def test_failed_build_keeps_previous_ledger_byte_for_byte(tiny_settings: Settings) -> None:
    build(tiny_settings, force=True)
    before = tiny_settings.ledger.read_bytes()
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,TJK,2024,abc,bn USD,src-a,x,reported,\n")
    with pytest.raises(DataError, match="not a plain number"):
        build(tiny_settings, force=True)
    assert tiny_settings.ledger.read_bytes() == before
    leftovers = [p.name for p in tiny_settings.ledger.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("case", ["unit-not-allowed", "target-unknown-indicator", "malformed-yaml"])
def test_cli_build_refuses_with_one_line_and_exit_1(
    tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    build(tiny_settings, force=True)
    before = tiny_settings.ledger.read_bytes()
    _, file, old, new, message = next(c for c in CASES if c[0] == case)
    _replace(tiny_settings.data / file, old, new)
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: data/") and message in lines[-1]
    assert "Traceback" not in result.output
    assert tiny_settings.ledger.read_bytes() == before


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("published: 2025-01-20", "published: 2025-02-30", 5, "'2025-02-30' does not read as its YAML type timestamp"),
        ("published: 2025-01-20", "published: 2025-01-20T25:00:00", 5, "hour must be in 0..23"),
        ("retrieved: 2026-11-29", "retrieved: !!int 1.5", 6, "'1.5' does not read as its YAML type int"),
        ("retrieved: 2026-11-29", "retrieved: !!timestamp x", 6, "type timestamp"),
        ("retrieved: 2026-11-29", "retrieved: !!bool maybe", 6, "type bool"),
        (
            "retrieved: 2026-11-29",
            "retrieved: " + "9" * 4301,
            6,
            "(4301 characters)' does not read as its YAML type int",
        ),
    ],
)
def test_a_value_yaml_cannot_type_names_its_line_in_caravan_build(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, line: int, words: str
) -> None:
    _replace(tiny_data / "sources/main.yaml", old, new)
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_data))
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_data.parent / "caravan.duckdb"))
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    [message] = [x for x in result.output.splitlines() if x.strip()]
    assert message.startswith(f"Error: data/sources/main.yaml:line {line}: ") and words in message
