"""`caravan check FILE|-` and `caravan eval claims DIR`: thin surfaces over `check_text` and `evaluate`."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from caravan.cli.base import emit, format_option, open_ledger
from caravan.errors import InputError
from caravan.figures import unit_label

VERDICT_STYLE = {
    "supported": "green",
    "contradicted": "red",
    "outdated": "yellow",
    "period mismatch": "yellow",
    "conflicting evidence": "magenta",
    "unverifiable": "dim",
    "unverifiable — only the article itself": "dim",
}


def read_input(source: str) -> str:
    """The text of a file, or of standard input for `-`, refusing binary and unreadable input.

    Raises:
        InputError: The file is missing, a folder, binary or not UTF-8.
    """
    from caravan.claims.article import MAX_CHARS, decode

    if source == "-":
        data = sys.stdin.buffer.read(MAX_CHARS * 4 + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"no file {source}; give an article's path, or `-` to read standard input")
        if path.is_dir():
            raise InputError(f"{source} is a folder; give one article file")
        with path.open("rb") as handle:
            data = handle.read(MAX_CHARS * 4 + 1)
    if len(data) > MAX_CHARS * 4 and b"\x00" not in data[:8192]:
        # The cap may cut a character in two: drop its first bytes, the reader reports the cut.
        for cut in range(4):
            try:
                return data[: len(data) - cut].decode("utf-8-sig")
            except UnicodeDecodeError:
                continue
    text = decode(data)
    return text


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option("--lang", type=click.Choice(["en", "zh", "ru"]), help="Language of the text (detected if not given).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for relative dates such as 'last year'.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@format_option("table", "json", "html")
def check(source: str, lang: str | None, published: str | None, output: Path | None, fmt: str) -> None:
    """Find every quantitative claim in an article and check it against the ledger, with evidence."""
    from caravan.claims import check_text
    from caravan.output import to_json

    text = read_input(source)
    with open_ledger() as ledger:
        result = check_text(text, ledger, lang=lang, published=published)
    if fmt == "json":
        _write(to_json(result.to_dict()) + "\n", output)
        return
    if fmt == "html":
        from caravan.claims.report_html import render_html

        _write(render_html(result), output)
        return
    _print_table(result)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    click.echo(f"wrote {output}")


def _print_table(result: object) -> None:
    from caravan.claims.verify import CheckResult
    from caravan.output import table_text, terminal_width

    assert isinstance(result, CheckResult)
    art = result.article
    click.echo(
        f"language {art.lang}; published {art.published.isoformat()}"
        f"{'' if art.published_given else ' (today: no date given)'}; "
        f"{len(result.claims)} claims"
    )
    for note in result.notes:
        click.echo(f"note: {note}")
    if not result.claims:
        return
    rows = []
    for n, item in enumerate(result.claims, start=1):
        c, v = item.claim, item.verdict
        what = (
            f"{c.indicator} {c.subject or '?'}→{c.counterpart or '—'} {c.period or '?'}\n"
            f"{c.value} {unit_label(c.unit)} ({c.measure}{', ' + ', '.join(c.qualifiers) if c.qualifiers else ''})"
        )
        ev_lines = [v.explanation, *v.arithmetic]
        for e in v.evidence[:3]:
            by = e.attribution or e.publisher
            src = by or ("derived: " + (e.locator or "")) if e.method == "derived" else by
            own = "" if e.independent else " (the article itself, not counted)"
            ev_lines.append(f"• {e.indicator} {e.period}: {e.shown or ''} — {src or ''} {e.source_url or ''}{own}")
        rows.append(
            {
                "#": str(n),
                "claim": ("[headline] " if c.headline else "") + c.sentence[:220],
                "what is claimed": what,
                "verdict": v.verdict,
                "evidence": "\n".join(ev_lines),
            }
        )

    def colour(row: Mapping[str, Any], column: str, text: str) -> str:
        shown = VERDICT_STYLE.get(row["verdict"], "") if column == "verdict" else ""
        return click.style(text, dim=True) if shown == "dim" else click.style(text, fg=shown) if shown else text

    # click drops the colours where standard output is not a terminal.
    text = table_text(rows, list(rows[0]), title=None, width=terminal_width(), lines_between=True, style=colour)
    click.echo(text, nl=False)
    counts = ", ".join(f"{k}: {n}" for k, n in result.counts().items())
    click.echo(counts)


@click.group("eval")
def eval_group() -> None:
    """Evaluate Caravan's analyses on annotated corpora."""


@eval_group.command("routes")
@format_option()
def eval_routes(fmt: str) -> None:
    """The route planner against the published journeys in data/network/journeys.yaml: time, distance, error."""
    from caravan.cli.corridors import eval_routes_command

    eval_routes_command(fmt)


@eval_group.command("claims")
@click.argument("corpus", type=click.Path(path_type=Path), default=Path("corpus/claims"), required=False)
@click.option(
    "--split",
    type=click.Choice(["tune", "heldout", "all"]),
    default="all",
    show_default=True,
    help="Which articles: tune (odd numbers, and the reference corpus), heldout (even numbers) or all.",
)
@click.option("--details", is_flag=True, help="Also list missed, spurious and mis-labelled claims.")
@format_option("table", "json")
def eval_claims(corpus: Path, split: str, details: bool, fmt: str) -> None:
    """Score the claim checker on CORPUS (default corpus/claims), per language, with its verdicts.

    Recall, precision, unit, indicator, period, subject and counterpart; with a built ledger
    (`caravan build`), the verdicts against the corpus's truth labels.
    """
    from caravan.claims.evaluate import evaluate
    from caravan.errors import LedgerError
    from caravan.output import to_json

    note = None
    try:
        ledger = open_ledger()
    except LedgerError as exc:
        ledger, note = None, f"verdicts not scored: {exc}"
    try:
        result = evaluate(corpus, split=split, ledger=ledger)
    finally:
        if ledger is not None:
            ledger.close()
    verdicts = result.confusion()
    if result.verdicts and not any(row["total"] for row in verdicts):
        note, verdicts = "verdicts not scored: the corpus has no truth labels", []
    if fmt == "json":
        data: dict[str, object] = {"split": split, "scores": result.rows(), "verdicts": verdicts}
        if result.verdicts:
            data["perturbation"] = result.perturbation()
        if note:
            data["note"] = note
        if details:
            data.update(missed=result.missed, spurious=result.spurious, wrong=result.wrong, altered=result.altered)
        click.echo(to_json(data))
        return
    emit(result.rows(), fmt, title=f"claim extraction on {corpus} ({split})")
    if verdicts:
        emit(verdicts, fmt, title="verdicts against the truth labels (rows: truth; columns: verdict)")
    if result.verdicts:
        emit(
            result.perturbation(),
            fmt,
            title=(
                "perturbation check: each supported true figure altered ×1.5 and ×0.6 beyond its wording, "
                "re-checked (caught = contradicted, missed = supported)"
            ),
        )
    if note:
        click.echo(f"note: {note}")
    if details:
        for label, items, keys in (
            ("missed", result.missed, ("article", "text", "quantity", "unit")),
            ("spurious", result.spurious, ("article", "text", "value", "unit")),
            (
                "wrong unit, indicator, period or parties",
                result.wrong,
                (
                    "article",
                    "text",
                    "indicator",
                    "predicted_indicator",
                    "period",
                    "predicted_period",
                    "subject",
                    "predicted_subject",
                    "counterpart",
                    "predicted_counterpart",
                ),
            ),
            ("perturbation check, altered figures", result.altered, ("article", "factor", "altered", "verdict")),
        ):
            click.echo(f"{label}: {len(items)}")
            for item in items:
                click.echo("  " + " | ".join(str(item.get(k))[:80] for k in keys))
