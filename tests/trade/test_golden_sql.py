"""Golden files pin the SQL that the trade analyses compile to on DuckDB.

A change in a query shows up here in review. After an intended change,
regenerate the files with `uv run python tests/trade/test_golden_sql.py` and
read the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import ibis
import pytest

from caravan.ledger.backends import REPORTED
from caravan.sources.bulkstore import TRADE_FLOW, TRADE_TOTAL
from caravan.trade.flows import C5, country_view, exporter_totals_expr, flows_between_expr
from caravan.trade.indices import complementarity_expr, rca_expr
from caravan.trade.mirror import best_reports, mirror_expr, reports
from caravan.trade.partners import ranked_partners
from caravan.trade.products import composition_expr

GOLDEN = Path(__file__).resolve().parent / "golden"


def expressions() -> dict[str, ibis.Table]:
    flow = ibis.table(ibis.Schema.from_pyarrow(TRADE_FLOW), name="trade_flow")
    total = ibis.table(ibis.Schema.from_pyarrow(TRADE_TOTAL), name="trade_total")
    reported = ibis.table(ibis.Schema.from_pyarrow(REPORTED), name="trade_reported")
    baci = flow.filter(flow.dataset == "baci")
    tables = SimpleNamespace(flow=flow, total=total, reported=reported)
    products = baci.filter(baci.year == 2020).mutate(product=baci.hs6.substr(0, 2), value=baci.value_usd)
    return {
        "flows_between_chn_c5": flows_between_expr(baci, ["CHN"], C5),
        "top20_chapters": composition_expr(
            baci.filter(
                (baci.year == 2020)
                & (
                    ((baci.exporter == "CHN") & baci.importer.isin(C5))
                    | (baci.exporter.isin(C5) & (baci.importer == "CHN"))
                )
            ),
            "chapter",
            limit=20,
        ),
        "exporter_totals": exporter_totals_expr(baci),
        "partners_kaz": ranked_partners(country_view(total, ["KAZ"], years=[2020])),
        "rca": rca_expr(products),
        "complementarity": complementarity_expr(products, "CHN", "KAZ"),
        "mirror_chn_kaz": mirror_expr(best_reports(reports(tables)), "CHN", "KAZ"),  # type: ignore[arg-type]
    }


def compiled(expr: ibis.Table) -> str:
    return ibis.to_sql(expr, dialect="duckdb").strip() + "\n"


@pytest.mark.parametrize("name", sorted(expressions()))
def test_sql_matches_golden_file(name: str) -> None:
    path = GOLDEN / f"{name}.sql"
    assert path.exists(), f"no golden file {path}; run `uv run python {Path(__file__).relative_to(Path.cwd())}`"
    assert compiled(expressions()[name]) == path.read_text(encoding="utf-8"), (
        f"the SQL of {name} changed; if intended, regenerate with `uv run python tests/trade/test_golden_sql.py`"
    )


if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for key, expression in expressions().items():
        (GOLDEN / f"{key}.sql").write_text(compiled(expression), encoding="utf-8")
        sys.stdout.write(f"wrote {GOLDEN / key}.sql\n")
