"""The small connection interface through which tmb_core talks to DuckDB.

Two implementations exist: `DuckDBConnection` here (the `duckdb` package on
CPython) and the JS bridge to DuckDB-WASM in the browser engine. Both run the
same SQL, with every value written into it as a literal by `bets.lit` (no
parameters, so the bridge stays small); results come back as columns (a dict
of lists) holding only text, numbers, booleans and NULLs: every metric casts.
"""
from __future__ import annotations

import os
import tempfile
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


class DuckDBConnection:
    """The CPython implementation, over the `duckdb` package (pinned to the
    DuckDB version inside DuckDB-WASM)."""

    def __init__(self, path: str = ":memory:"):
        import duckdb  # imported here so tmb_core stays importable without it

        self._con = duckdb.connect(path)
        self._dir = tempfile.mkdtemp(prefix="tmb-")
        self._files: dict[str, str] = {}

    def execute(self, sql: str) -> None:
        self._con.execute(sql)

    def query(self, sql: str) -> Columns:
        cursor = self._con.execute(sql)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        return {name: [row[i] for row in rows] for i, name in enumerate(names)}

    def register_text(self, name: str, text: str) -> str:
        path = os.path.join(self._dir, name)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        self._files[name] = path
        return path

    def register_bytes(self, name: str, data: bytes) -> str:
        path = os.path.join(self._dir, name)
        with open(path, "wb") as fh:
            fh.write(data)
        self._files[name] = path
        return path

    def unregister(self, name: str) -> None:
        path = self._files.pop(name, None)
        if path and os.path.exists(path):
            os.remove(path)

    def close(self) -> None:
        for name in list(self._files):
            self.unregister(name)
        self._con.close()
        try:
            os.rmdir(self._dir)
        except OSError:
            pass


def rows(columns: Columns) -> list[dict[str, Any]]:
    """Columns to a list of row dicts (for small results)."""
    names = list(columns)
    count = len(columns[names[0]]) if names else 0
    return [{n: columns[n][i] for n in names} for i in range(count)]


def scalar(columns: Columns) -> Any:
    """The single value of a one-row, one-column result."""
    values = next(iter(columns.values()))
    return values[0] if values else None
