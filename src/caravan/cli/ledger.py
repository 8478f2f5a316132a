"""`caravan build`, `audit`, `builds`, `diff`, `export` and `schema`: the ledger, its builds and its files."""

from __future__ import annotations

from pathlib import Path

import click

from caravan.cli.base import emit, format_option, open_ledger, settings, terminal
from caravan.errors import CaravanError


@click.command()
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--check", is_flag=True, help="Only validate the curated files; list every problem.")
@format_option()
def build(force: bool, check: bool, fmt: str) -> None:
    """Build the ledger from the curated data files (validate all, then write atomically)."""
    from caravan.ledger.build import build as run_build
    from caravan.sources.curated import load_curated

    cfg = settings()
    if check:
        _, problems = load_curated(cfg.data, collect=True)
        for problem in problems:
            click.echo(str(problem))
        if problems:
            raise CaravanError(f"{len(problems)} problems in {cfg.data}; fix them and run `caravan build`")
        click.echo(f"{cfg.data}: no problems")
        return
    with terminal().status("building the ledger") as status:
        report = run_build(cfg, force=force, progress=lambda msg: status.update(msg))
    rows = [{"table": t, "rows": n} for t, n in report.counts.items()]
    if fmt == "table":
        verb = "unchanged (use --force to rebuild)" if report.skipped else f"built in {report.seconds:.2f} s"
        if report.recovered:
            click.echo("finished an earlier import that stopped after the ledger's commit")
        click.echo(f"ledger {report.ledger}: {verb}")
        if report.build_id:
            c = report.changes
            changed = (
                f": {c.get('added', 0)} figures added, {c.get('removed', 0)} removed, {c.get('changed', 0)} changed"
                if c
                else ""
            )
            click.echo(f"build {report.build_id}{changed}")
    emit(rows, fmt, ["table", "rows"])


@click.command()
@format_option()
def audit(fmt: str) -> None:
    """Check the curated data for contradictions: parts above wholes, shares above 100 %, copy errors, ..."""
    from caravan.ledger.audit import ERROR, provenance
    from caravan.ledger.audit import audit as run_audit
    from caravan.ledger.build import assemble
    from caravan.sources.curated import load_curated

    data, _ = load_curated(settings().data)
    tables = assemble(data)
    findings = [f.to_dict() for f in run_audit(tables)]
    errors = sum(f["severity"] == ERROR for f in findings)
    emit(
        findings,
        fmt,
        ["severity", "check_name", "message"] if fmt == "table" else None,
        title=f"audit: {errors} errors, {len(findings) - errors} warnings",
    )
    if fmt == "table":
        emit(provenance(tables), fmt, title="reported figures by pillar: from an official source or primary")
    if errors:
        raise CaravanError(f"the audit found {errors} errors; the build refuses until they are fixed")


@click.command()
@format_option()
def builds(fmt: str) -> None:
    """Every build the ledger remembers, newest first: when, what made it, what changed, whether its file is kept."""
    from caravan.ledger.builds import builds_dir
    from caravan.ledger.vintages import history

    with open_ledger() as ledger:
        rows = history(ledger, builds_dir(settings().ledger))
    emit(
        rows,
        fmt,
        ["id", "kind", "built_at", "added", "removed", "changed", "kept", "current"] if fmt == "table" else None,
        title=f"{len(rows)} builds",
    )


@click.command()
@click.argument("old", required=False, metavar="[OLD]")
@click.argument("new", required=False, metavar="[NEW]")
@format_option()
def diff(old: str | None, new: str | None, fmt: str) -> None:
    """What changed between two builds (ids or dates; default: the current build and the one before)."""
    from caravan.figures import format_number
    from caravan.ledger.vintages import diff as run_diff

    with open_ledger() as ledger:
        start, end, rows = run_diff(ledger, old, new)
    title = f"{start['id'] or 'nothing'} -> {end['id']}: {len(rows)} change{'' if len(rows) == 1 else 's'}"
    if fmt != "table":
        emit(rows, fmt, title=title)
        return

    def figure(value: float | None, unit: str | None, bound: str | None) -> str:
        if value is None:
            return ""
        qualifier = f"{bound} " if bound and bound != "exact" else ""
        return f"{qualifier}{format_number(value)} {unit or ''}".strip()

    shown = [
        {
            **r,
            "old": figure(r["old_value"], r["old_unit"], r["old_bound"]),
            "new": figure(r["new_value"], r["new_unit"], r["new_bound"]),
        }
        for r in rows
    ]
    emit(
        shown,
        fmt,
        ["change", "indicator", "subject", "counterpart", "period", "old", "new", "source_id"],
        title=title,
    )


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@format_option("csv", "parquet", "datapackage")
def export(out: Path, fmt: str) -> None:
    """Write the ledger into folder OUT as CSV, Parquet, or a Frictionless Data Package."""
    from caravan.ledger.export import export as run_export

    with open_ledger() as ledger:
        written = run_export(ledger, out, fmt)  # type: ignore[arg-type]
    click.echo(f"wrote {len(written)} files to {out}")


@click.command()
def schema() -> None:
    """Print the ledger's tables and columns as Markdown (docs/ledger-schema.md)."""
    from caravan.ledger.schema import markdown

    click.echo(markdown(), nl=False)
