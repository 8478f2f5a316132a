"""`caravan extract NAME`, `import FORMAT PATH...` and `synth baci`: thin surfaces over the extractors and importers."""

from __future__ import annotations

from pathlib import Path

import click

from caravan.cli.base import emit, format_option, settings, terminal

FORMAT_NAMES = ("imf-dots", "baci", "comtrade", "wdi")


@click.command()
@click.argument("name")
@click.option(
    "--shared",
    type=click.Path(path_type=Path),
    help="Folder of the bulk publications (default: ../shared/data beside the checkout, or CARAVAN_SHARED).",
)
def extract(name: str, shared: Path | None) -> None:
    """Extract official figures from a bulk publication (NAME, or `all`) into data/generated/NAME/."""
    from caravan.sources.extraction import write_extraction
    from caravan.sources.official import EXTRACTORS
    from caravan.sources.official import extract as run_extract

    cfg = settings()
    folder = shared or cfg.shared
    for one in sorted(EXTRACTORS) if name == "all" else [name]:
        with terminal().status(f"extracting {one} from {folder}"):
            written = write_extraction(cfg.data, run_extract(one, folder))
        click.echo(f"{one}: wrote {written}")


@click.command("import")
@click.argument("data_format", metavar="FORMAT", type=click.Choice(FORMAT_NAMES))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option()
def import_command(data_format: str, paths: tuple[Path, ...], fmt: str) -> None:
    """Import bulk files (a PATH may be a folder) into the store and attach them to the ledger.

    FORMAT is imf-dots (IMF DOTS Excel exports), baci (CEPII BACI CSV and its
    country-code file), comtrade (UN Comtrade bulk CSV) or wdi (World Bank WDI CSV).
    The same file twice adds nothing; a bad file writes nothing.
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from caravan.sources.importer import import_files

    out_fmt = fmt
    cfg = settings()
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    quiet = out_fmt != "table" or not terminal().is_terminal
    with Progress(*columns, console=terminal(), transient=True, disable=quiet) as bar:
        task = bar.add_task(f"importing {data_format}", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, description=f"{data_format}: {name}", completed=done, total=total)

        report = import_files(cfg, data_format, list(paths), progress=progress)
    rows = [
        {
            "file": Path(e.file).name,
            "rows": e.rows,
            "source": e.source["id"],
            "tables": ", ".join(sorted(e.files)),
            "unmapped": sum(e.unmapped.values()),
        }
        for e in report.imported
    ]
    recovered = (
        f"finished an earlier import that stopped after the ledger's commit: {cfg.store_dir}/manifest.json "
        "now lists what the ledger reads"
    )
    if report.recovered:
        click.echo(recovered, err=True)
    if out_fmt != "table":
        emit(
            [
                *rows,
                *(
                    {"file": Path(s).name, "rows": 0, "source": None, "tables": "already imported", "unmapped": 0}
                    for s in report.skipped
                ),
            ],
            out_fmt,
        )
        return
    if rows:
        emit(rows, "table", title=f"{len(rows)} files imported, {report.rows:,} rows")
    for path in report.skipped:
        if path in report.superseded:
            terminal().print(
                f"{path}: a later file of the same scope, given with it, is imported instead; nothing added",
                highlight=False,
            )
        else:
            click.echo(f"{path}: already imported (same content), nothing added")
    for path in report.replaced:
        click.echo(f"{path}: replaced by the new import of the same scope")
    unmapped = report.unmapped()
    if unmapped:
        terminal().print(
            f"not imported ({len(unmapped)} names or codes not mapped to a country, or values set aside):",
            highlight=False,
        )
        for name, n in unmapped.items():
            click.echo(f"  {name}: {n} values")
    if report.imported and not report.attached:
        click.echo(f"no ledger at {cfg.ledger} yet: `caravan build` will attach the import")


@click.group("synth")
def synth() -> None:
    """Write synthetic data files in the bulk formats (for benchmarks and trials)."""


@synth.command("baci")
@click.option("--rows", type=click.IntRange(min=1), default=100_000, show_default=True, help="Data rows in all.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("synth-baci"),
    show_default=True,
    help="Folder to write into.",
)
@click.option("--years", default="2018-2022", show_default=True, help="Years, as FIRST-LAST.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
def synth_baci_command(rows: int, out: Path, years: str, seed: int) -> None:
    """Write BACI-format CSV files with realistic skew (HS6 codes as text) and a country-code file."""
    from rich.progress import BarColumn, Progress, TextColumn

    from caravan.errors import InputError
    from caravan.sources.synth import synth_baci

    try:
        first, last = (int(y) for y in years.split("-")) if "-" in years else (int(years), int(years))
    except ValueError as exc:
        raise InputError(f"--years {years!r}: give FIRST-LAST, e.g. 2018-2022") from exc
    with Progress(
        TextColumn("synth baci"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        console=terminal(),
        transient=True,
        disable=not terminal().is_terminal,
    ) as bar:
        task = bar.add_task("rows", total=rows)
        files = synth_baci(
            out,
            rows,
            years=tuple(range(first, last + 1)),
            seed=seed,
            progress=lambda done, _total: bar.update(task, completed=done),
        )
    for f in files:
        click.echo(str(f))
