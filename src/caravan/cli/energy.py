"""`caravan pipelines`: gas pipeline utilisation by year and the cumulative check."""

from __future__ import annotations

from pathlib import Path

import click

from caravan.cli.base import emit, format_option, open_ledger, settings
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
    from caravan.energy.pipelines import as_dicts, cumulative_checks, throughput_utilisation, utilisation

    with open_ledger() as ledger:
        years = as_dicts(utilisation(ledger, pipeline, supplier, buyer))
        rates = as_dicts(throughput_utilisation(ledger, pipeline))
        checks = as_dicts(cumulative_checks(ledger, supplier, buyer))
        checksum = ledger.meta.get("input_checksum", "")
    path = record_run(
        runs_dir(settings().ledger),
        "pipelines",
        {"pipeline": pipeline, "supplier": supplier, "buyer": buyer},
        {"ledger": checksum},
        {"utilisation": years, "cumulative": checks},
    )
    gem_rows = []
    if gem_csv is not None:
        from caravan.energy.gem import read_ggit

        gem_rows = [g.__dict__ for g in read_ggit(gem_csv, "Central Asia–China")]
    if fmt == "json":
        click.echo(
            to_json(
                {"utilisation": years, "throughput": rates, "cumulative": checks, "gem": gem_rows, "run": str(path)}
            )
        )
        return
    emit(
        years,
        fmt,
        ["year", "delivered_bcm", "capacity_bcm", "utilisation", "capacity_basis", "delivered_source"]
        if fmt == "table"
        else None,
        title=f"{pipeline}: gas delivered {supplier}→{buyer} against capacity",
    )
    if rates:
        emit(
            rates,
            fmt,
            ["year", "delivered_bcm", "capacity_bcm", "utilisation", "capacity_basis", "note"]
            if fmt == "table"
            else None,
            title=f"{pipeline}: stated throughput rates (bcm/year) against capacity",
        )
    emit(
        checks,
        fmt,
        ["start", "end", "reported_difference_bcm", "periods_sum_bcm", "gap_bcm", "status"] if fmt == "table" else None,
        title=f"cumulative totals {supplier}→{buyer} against annual volumes (all pipelines)",
    )
    if gem_rows:
        emit(gem_rows, fmt, ["id", "unit", "status", "capacity", "capacity_unit", "start_year"], title="GEM GGIT")
    if fmt == "table":
        click.secho(f"run recorded: {path}", dim=True)
