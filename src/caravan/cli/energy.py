"""`caravan pipelines`: gas pipeline utilisation by year and the cumulative check."""

from __future__ import annotations

from pathlib import Path

import click

from caravan.cli.base import emit, emit_result, format_option, open_ledger, settings
from caravan.output import to_json
from caravan.runs import record_run, runs_dir


@click.command("pipelines")
@click.option("--pipeline", default="pipeline.cacgp", show_default=True, help="Pipeline entity id.")
@click.option("--supplier", default="C5", show_default=True, help="Subject of the deliveries.")
@click.option("--buyer", default="CHN", show_default=True, help="Counterpart of the deliveries.")
@click.option(
    "--gem",
    "gem_csv",
    type=click.Path(path_type=Path, exists=True),
    help="Also list a GEM GGIT CSV's Central Asia–China units.",
)
@format_option()
def pipelines(pipeline: str, supplier: str, buyer: str, gem_csv: Path | None, fmt: str) -> None:
    """Capacity against delivered gas by year, and whether annual volumes add up to cumulative totals."""
    from caravan.energy.pipelines import cumulative_checks, throughput_utilisation, utilisation

    with open_ledger() as ledger:
        years = utilisation(ledger, pipeline, supplier, buyer)
        rates = throughput_utilisation(ledger, pipeline)
        checks = cumulative_checks(ledger, supplier, buyer)
        checksum = ledger.meta.get("input_checksum", "")
    path = record_run(
        runs_dir(settings().ledger),
        "pipelines",
        {"pipeline": pipeline, "supplier": supplier, "buyer": buyer},
        {"ledger": checksum},
        {"utilisation": years.rows, "cumulative": checks.rows},
    )
    gem_rows = []
    if gem_csv is not None:
        from caravan.energy.gem import read_ggit

        gem_rows = [g.__dict__ for g in read_ggit(gem_csv, "Central Asia–China")]
    if fmt == "json":
        results = {"utilisation": years, "throughput": rates, "cumulative": checks}
        click.echo(to_json({k: r.to_dict() for k, r in results.items()} | {"gem": gem_rows, "run": str(path)}))
        return
    table = fmt == "table"
    columns = ["year", "delivered_bcm", "capacity_bcm", "utilisation", "capacity_basis", "delivered_source"]
    emit_result(years, fmt, columns if table else None)
    if rates.rows:
        emit_result(rates, fmt, ["year", "delivered_bcm", "capacity_bcm", "utilisation", "note"] if table else None)
    columns = ["start", "end", "reported_difference_bcm", "periods_sum_bcm", "gap_bcm", "status"]
    emit_result(checks, fmt, columns if table else None)
    if gem_rows:
        emit(gem_rows, fmt, ["id", "unit", "status", "capacity", "capacity_unit", "start_year"], title="GEM GGIT")
    if table:
        click.secho(f"run recorded: {path}", dim=True)
