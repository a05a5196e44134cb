"""How tmb_core talks to DuckDB: the connection interface, and the SQL helpers every layer uses.

Two implementations of `Connection` exist: `DuckDBConnection` here (the `duckdb` package on
CPython) and `app.wasm.WasmConnection`, the worker's bridge to DuckDB-WASM in the browser.
Both run the same SQL, with every value written into it as a literal by `lit` (no
parameters, so the bridge stays small); results come back as columns (a dict of lists)
holding only text, numbers, booleans and NULLs: every query casts its money and counts, and
its times to text. The worker's bridge converts each column by its type (`columnsJSON` in
site/engine/database.js: a BIGINT, DECIMAL or HUGEINT to the number it is, a float kept a
float, any time, list or struct refused); `DuckDBConnection.query` gives the same values (a
DECIMAL through `number`), and tests/browser/test_parity.py holds the two equal.
Bulk rows go in as CSV text (`load_rows`), read back by the same `read_csv` call on both.
"""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import os
import shutil
import tempfile
import weakref
from typing import Any, Protocol

Columns = dict[str, list[Any]]


class Connection(Protocol):
    """What tmb_core needs from a database."""

    def execute(self, sql: str) -> None:
        """Run a statement that returns nothing useful."""

    def query(self, sql: str) -> Columns:
        """Run a query and return its result as columns, in select order."""

    def register_text(self, name: str, text: str) -> str:
        """Make `text` readable by `read_csv`; return the path to name in SQL."""

    def register_bytes(self, name: str, data: bytes) -> str:
        """Make `data` (a file's bytes) readable by `read_csv`; return the path to name in SQL."""

    def unregister(self, name: str) -> None:
        """Forget a file registered with `register_text` or `register_bytes`."""

    def fresh(self) -> Connection:
        """A connection to a new, empty database of its own, in memory (a client's share)."""

    def close(self) -> None:
        """Close the connection; a `fresh` one's database goes with it."""


class DuckDBConnection:
    """The CPython implementation, over the `duckdb` package (pinned to the
    DuckDB version inside DuckDB-WASM)."""

    def __init__(self, path: str = ":memory:"):
        import duckdb  # imported here so tmb_core stays importable without it

        self._con = duckdb.connect(path)
        self._dir: str | None = None   # made with the first file registered, removed with everything in it
        self._files: dict[str, str] = {}

    def execute(self, sql: str) -> None:
        self._con.execute(sql)

    def query(self, sql: str) -> Columns:
        cursor = self._con.execute(sql)
        names = [d[0] for d in cursor.description]
        decimals = {i for i, d in enumerate(cursor.description) if str(d[1]).startswith("DECIMAL")}
        rows = cursor.fetchall()
        return {name: [number(row[i]) for row in rows] if i in decimals else [row[i] for row in rows]
                for i, name in enumerate(names)}

    def register_text(self, name: str, text: str) -> str:
        return self.register_bytes(name, text.encode("utf-8"))

    def register_bytes(self, name: str, data: bytes) -> str:
        path = os.path.join(self._scratch(), name)
        with open(path, "wb") as fh:
            fh.write(data)
        self._files[name] = path
        return path

    def _scratch(self) -> str:
        """The folder of the files registered: a copy of a punter's export never outlives the
        connection, closed or not (removed when it is collected or Python exits)."""
        if self._dir is None:
            self._dir = tempfile.mkdtemp(prefix="tmb-")
            self._remove = weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        return self._dir

    def unregister(self, name: str) -> None:
        path = self._files.pop(name, None)
        if path and os.path.exists(path):
            os.remove(path)

    def fresh(self) -> DuckDBConnection:
        return DuckDBConnection()

    def close(self) -> None:
        self._files.clear()
        self._con.close()
        if self._dir is not None:
            self._remove()   # the folder and every file in it, once


def number(value: decimal.Decimal | None) -> int | float | None:
    """A DECIMAL as the worker's bridge gives it: an int when whole, else the nearest float
    (the `duckdb` package gives a HUGEINT as an int already)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rows(columns: Columns) -> list[dict[str, Any]]:
    """Columns to a list of row dicts (for small results)."""
    names = list(columns)
    count = len(columns[names[0]]) if names else 0
    return [{n: columns[n][i] for n in names} for i in range(count)]


def scalar(columns: Columns) -> Any:
    """The single value of a one-row, one-column result."""
    values = next(iter(columns.values()))
    return values[0] if values else None


def lit(value) -> str:
    """A SQL literal for a Python value (text quoted, never interpolated raw)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value:%Y-%m-%d %H:%M:%S}'"
    if isinstance(value, dt.date):
        return f"DATE '{value:%Y-%m-%d}'"
    return "'" + str(value).replace("'", "''") + "'"


def money(expr: str) -> str:
    """Cents to dollars as DOUBLE (NULL sums become 0)."""
    return f"CAST(coalesce({expr}, 0) AS DOUBLE) / 100"


def total(column: str) -> str:
    """The sum of a cents column, added up as DOUBLE.

    Every partial sum of whole cents stays far below 2**53, so the sum is exact and
    equal to DuckDB's default (HUGEINT) sum, which is several times slower to group.
    """
    return f"sum(CAST({column} AS DOUBLE))"


def count(condition: str = "") -> str:
    where = f" FILTER (WHERE {condition})" if condition else ""
    return f"CAST(count(*){where} AS INTEGER)"


def csv_text(columns, rows) -> str:
    """Rows as CSV text that `csv_source` reads back: None is an empty (NULL) cell, and a
    cell holding a line break of either kind is quoted (rows end with CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def load_rows(conn, statement: str, columns: dict[str, str], rows) -> None:
    """Run `statement` (e.g. "INSERT INTO issues" or "CREATE TEMP TABLE x AS") over `rows`,
    handed to DuckDB in bulk as one CSV text with exactly `columns`."""
    name = "tmb_load.csv"
    path = conn.register_text(name, csv_text(columns, rows))
    try:
        conn.execute(f"{statement} SELECT * FROM {csv_source(path, columns)}")
    finally:
        conn.unregister(name)


def csv_source(path: str, columns: dict[str, str], keep_empty: bool = False) -> str:
    """A `read_csv` call that reads a file written by `tmb_core` with exactly these columns.
    An empty cell is NULL, or with `keep_empty` an empty string (the NULL string is then one
    no text holds).

    The same text runs on CPython and in DuckDB-WASM; nothing is sniffed.
    """
    spec = ", ".join(f"'{c}': '{t}'" for c, t in columns.items())
    empty = "nullstr = chr(0), " if keep_empty else ""
    return (f"read_csv('{path}', header = true, auto_detect = false, delim = ',', "
            f"quote = '\"', escape = '\"', {empty}"
            f"timestampformat = '%Y-%m-%d %H:%M:%S', columns = {{{spec}}})")
