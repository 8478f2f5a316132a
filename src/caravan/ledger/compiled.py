"""SQL compiled from Ibis expressions, kept on disk per expression shape, so that a query runs without Ibis.

Importing Ibis (with sqlglot) and compiling an analysis's expression to DuckDB
SQL cost more than running the query on the ledger's small tables: about 0.4 s
of the 0.9 s `caravan trade summary` took. A query run through `CompiledQueries`
is compiled once per *shape* — its name, and for each parameter whether it is
given and how many values a list holds — from stand-in values, which are then
replaced by DuckDB parameters (`$country`, `$partners_0`, ...). The text is kept
in a folder (`Settings.sql_cache_dir`) under a key of the shape, the versions of
Ibis, sqlglot and DuckDB, and the source of the modules that build expressions
(`caravan/trade/`, the trade tables' schemas). A later run of the same shape
reads the text and binds its values: no Ibis.

A compiled text is kept only when it is exact: written back with the real
values, it must equal what Ibis compiles for them (on a miss both are compiled,
and the query runs Ibis's own text), and every stand-in must appear in it (a
value the expression's Python code branched on would not). Anything unreadable
in the folder is ignored and compiled again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    import ibis

Scalar = str | int
Values = Mapping[str, Scalar | Sequence[Scalar] | None]
"""A query's parameters: a text or a whole number, a list of them, or None (not given)."""

# Modules whose source decides the SQL an analysis compiles to, relative to the package.
CODE = ("trade", "ledger/backends.py", "ledger/compiled.py", "sources/bulkstore.py")
# Stand-in numbers start here: no year or count in the trade tables comes near.
FIRST_NUMBER = 987_654_000


def _versions(dists: tuple[str, ...]) -> dict[str, str]:
    """The installed versions of some distributions, from their `.dist-info` folders' names.

    `importlib.metadata.version` reads every installed distribution's metadata to find
    one: 15-150 ms, more than a kept query takes to run. It is asked only for a
    distribution whose folder is not found this way.
    """
    wanted = {re.sub(r"[-_.]+", "_", d).lower(): d for d in dists}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                name, _, version = folder[: -len(".dist-info")].partition("-")
                dist = wanted.get(re.sub(r"[-_.]+", "_", name).lower())
                if dist is not None and dist not in found:
                    found[dist] = version
        if len(found) == len(dists):
            break
    for dist in dists:
        if dist not in found:
            try:
                found[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                found[dist] = "?"
    return found


@cache
def _fingerprint() -> str:
    """The versions of the compiling libraries and the source of the modules that build expressions."""
    digest = hashlib.sha256()
    dists = ("ibis-framework", "sqlglot", "duckdb")
    versions = _versions(dists)
    for dist in dists:
        digest.update(f"{dist}={versions[dist]};".encode())
    root = Path(__file__).resolve().parent.parent
    for part in CODE:
        path = root / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def shape_of(values: Values) -> dict[str, Any]:
    """What a compiled text depends on besides the values: given or not, a scalar or a list of n."""
    return {
        name: None if v is None else (len(v) if isinstance(v, list | tuple) else "value")
        for name, v in sorted(values.items())
    }


def _literal(value: Scalar) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"a compiled query's parameter must be a text or a whole number, not {value!r}")
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class _Standins:
    """Stand-in values for one call, and what each stands for."""

    values: dict[str, Any]
    params: dict[str, Scalar]  # DuckDB parameter name -> real value
    texts: dict[str, str]  # DuckDB parameter name -> the stand-in's SQL literal

    @classmethod
    def of(cls, values: Values) -> _Standins:
        stand: dict[str, Any] = {}
        params: dict[str, Scalar] = {}
        texts: dict[str, str] = {}
        number = FIRST_NUMBER

        def one(value: Scalar, param: str) -> Scalar:
            nonlocal number
            params[param] = value
            if isinstance(value, int) and not isinstance(value, bool):
                number += 1
                texts[param] = str(number)
                return number
            texts[param] = _literal(f"caravan_stand_in_{param}")
            return f"caravan_stand_in_{param}"

        for name, value in values.items():
            if value is None:
                stand[name] = None
            elif isinstance(value, str | int):
                stand[name] = one(value, name)
            else:
                stand[name] = [one(v, f"{name}_{i}") for i, v in enumerate(value)]
        return cls(stand, params, texts)

    def template(self, sql: str) -> str | None:
        """The stand-ins' SQL with each stand-in replaced by its parameter; None if one is missing."""
        for param, text in self.texts.items():
            pattern = re.escape(text) if text.startswith("'") else rf"(?<![\w.]){re.escape(text)}(?![\w.])"
            sql, found = re.subn(pattern, f"${param}", sql)
            if not found:
                return None
        return sql

    def written_back(self, template: str) -> str:
        """The template with the real values as literals (what Ibis would compile them to)."""
        return re.sub(
            r"\$(\w+)",
            lambda m: _literal(self.params[m.group(1)]) if m.group(1) in self.params else m.group(0),
            template,
        )


@dataclass(frozen=True)
class Compiled:
    """A query's SQL, the columns of its result and their Arrow types."""

    sql: str
    columns: list[str]
    schema: pa.Schema


class CompiledQueries:
    """Compiled SQL per expression shape, read from and written to a folder (None: compile every time).

    Args:
        folder: Where the compiled texts are kept.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, name: str, values: Values) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(json.dumps([name, shape_of(values), _fingerprint()]).encode()).hexdigest()[:32]
        return self.folder / f"{name}-{key}.json"

    def get(self, name: str, values: Values) -> tuple[Compiled, dict[str, Scalar]] | None:
        """The kept SQL of this query's shape and its parameters for these values, or None."""
        path = self._path(name, values)
        if path is None or not path.exists():
            return None
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            schema = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(kept["schema"])))
            compiled = Compiled(kept["sql"], list(kept["columns"]), schema)
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
            return None
        return compiled, _Standins.of(values).params

    def compile(self, name: str, values: Values, build: Callable[[Values], ibis.Table]) -> Compiled:
        """Compile `build(values)` with Ibis, and keep its parameterised text when it is exact."""
        import ibis

        expr = build(values)
        real = ibis.to_sql(expr, dialect="duckdb", pretty=False)
        compiled = Compiled(real, list(expr.columns), expr.schema().to_pyarrow())
        path = self._path(name, values)
        if path is None:
            return compiled
        stand = _Standins.of(values)
        template = stand.template(ibis.to_sql(build(stand.values), dialect="duckdb", pretty=False))
        if template is None or stand.written_back(template) != real:
            return compiled
        kept = {
            "name": name,
            "shape": shape_of(values),
            "sql": template,
            "columns": compiled.columns,
            "schema": base64.b64encode(compiled.schema.serialize().to_pybytes()).decode(),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # two processes never share one
            tmp.write_text(json.dumps(kept, indent=1), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # a folder that cannot be written only means compiling again next time
        return compiled
