"""The one result type: a table whose columns say what they mean and whose rows say where they come from.

An analysis returns a `Result` (or a result of its own built on `Column`, as the
explorer's): its rows, each column's `Column` (name, label in en/zh/ru, unit and
scale, role, how many decimals a person reads), the sources its figures rest on
and each row's own sources. The CLI table, the JSON, the CSV download and its
descriptor all read that metadata, so no surface keeps its own list of money
columns or decides how a figure is rounded. A column an analysis returns without
a declaration is an error (`Result.fields`), caught by the tests of each analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from caravan.figures import percent_meant, unit_label
from caravan.vocabulary import local

Row = dict[str, Any]

DIMENSION = "dimension"
MEASURE = "measure"


def label(en: str, zh: str, ru: str) -> dict[str, str]:
    """A label in the three languages."""
    return {"en": en, "zh": zh, "ru": ru}


@dataclass(frozen=True)
class Column:
    """What one column of a result means: its name, label in three languages, unit, scale and role.

    Attributes:
        name: The column's key in each row.
        label: What a person calls it, in en, zh and ru.
        role: `dimension` (what a row is about) or `measure` (a figure).
        unit: The unit of a measure (`USD`, `%`); None for a dimension or a pure number (a ratio, a rank).
        scale: How the values are drawn (linear, log, relative), where a view chose it.
        description: One sentence on what the values are.
        decimals: How many decimals a person reads (a ratio 3, a share 2); None: as the unit's display says.
    """

    name: str
    label: Mapping[str, str]
    role: str
    unit: str | None = None
    scale: str | None = None
    description: str = ""
    decimals: int | None = None

    def title(self, lang: str = "en") -> str:
        """The label in a language (English where it has none in that language)."""
        return self.label.get(lang) or self.label["en"]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The column as plain JSON."""
        return {
            "name": self.name,
            "label": dict(self.label),
            "role": self.role,
            "unit": self.unit,
            "unit_label": unit_label(self.unit, lang) if self.unit else None,
            "scale": self.scale,
            "description": self.description,
        }

    def frictionless(self) -> dict[str, Any]:
        """The column's field properties in a Frictionless descriptor (`title`, `description`, `unit`)."""
        return {"title": self.label["en"], "description": self.description or None, "unit": self.unit}


def frictionless(columns: Iterable[Column]) -> dict[str, dict[str, Any]]:
    """The field properties of a download's descriptor, by column name, from the columns' meaning."""
    return {c.name: c.frictionless() for c in columns}


def dimension(name: str, lab: Mapping[str, str], description: str = "") -> Column:
    """A column that says what a row is about."""
    return Column(name, lab, DIMENSION, description=description)


def measure(
    name: str, lab: Mapping[str, str], unit: str | None, description: str = "", decimals: int | None = None
) -> Column:
    """A column of figures."""
    return Column(name, lab, MEASURE, unit, description=description, decimals=decimals)


def declare(*columns: Column) -> dict[str, Column]:
    """Columns by name, for a `Result` subclass's `declared`."""
    return {c.name: c for c in columns}


@dataclass
class Result:
    """A table of results with its meaning and its provenance.

    Attributes:
        title: What the table shows.
        columns: Column names in display order; each is one of the class's `declared` columns.
        rows: One dict per row.
        sources: The `source` rows the figures come from (id, publisher, title, url).
        notes: Caveats a reader needs (what was assumed, what was missing), as phrases.
        row_sources: The ids of the sources behind each row, in row order.
    """

    declared: ClassVar[Mapping[str, Column]] = {}

    title: str
    columns: list[str]
    rows: list[Row]
    sources: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    row_sources: list[list[str]] = field(default_factory=list)

    def fields(self) -> list[Column]:
        """What each column means, in display order.

        Raises:
            LookupError: A column has no declaration (a bug of the analysis: declare it in its `declared`).
        """
        missing = [c for c in self.columns if c not in self.declared]
        if missing:
            raise LookupError(f"{type(self).__name__} columns without a declaration: {', '.join(missing)}")
        return [self.declared[c] for c in self.columns]

    def units(self) -> dict[str, str]:
        """The unit of each measure column that has one (`USD`, `%`); dimensions and pure numbers have none."""
        return {c.name: c.unit for c in self.fields() if c.unit is not None}

    def display(self, lang: str = "en") -> dict[str, Any]:
        """The one unit every money column of this result is shown in, chosen by `caravan.units.display_unit`.

        Returns:
            `unit` (`bn USD`), `label` (as a person reads it, in `lang`) and `scale`: how many US
            dollars one display unit is (1e9), so a surface divides by it and chooses nothing itself.
        """
        from caravan.units import display_unit, scale  # pint: only a surface that shows units needs it

        money = [c.name for c in self.fields() if c.unit == "USD"]
        values = [float(row[c]) for row in self.rows for c in money if isinstance(row.get(c), int | float)]
        unit = display_unit("USD", values)
        return {"unit": unit, "label": unit_label(unit, lang), "scale": scale(1.0, unit, "USD")}

    def shown(self) -> list[dict[str, float | None]]:
        """Each row's derived percentages as far as they mean something (`caravan.figures.percent_meant`).

        Every `%` column under its own name, and a `ratio` (second over first) as `ratio_pct`:
        the figures a surface writes, so that none rounds a computed share its own way.
        """
        percent = [c.name for c in self.fields() if c.unit == "%"]
        out = []
        for row in self.rows:
            values = {c: percent_meant(row.get(c)) for c in percent}
            if "ratio" in self.columns:
                ratio = row.get("ratio")
                values["ratio_pct"] = None if ratio is None else percent_meant(ratio * 100.0)
            out.append(values)
        return out

    def header(self) -> dict[str, Any]:
        """What a subclass says about the whole table before its columns (a trade result: dataset, engine)."""
        return {}

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The whole result as plain data (for JSON), its units, notes and column labels in `lang`."""
        return {
            "title": self.title,
            **self.header(),
            "columns": self.columns,
            "units": self.units(),
            # The money columns' display unit; a table without money (gas, institutions) names none.
            "display": self.display(lang) if any(c.unit == "USD" for c in self.fields()) else None,
            "rows": self.rows,
            "row_sources": self.row_sources or [[] for _ in self.rows],
            "shown": self.shown(),
            "sources": self.sources,
            "notes": [local(n, lang) for n in self.notes],
            "fields": [c.to_dict(lang) for c in self.fields()],
        }
