"""The browser's `Connection`: DuckDB-WASM reached through the worker's JS bridge.

The bridge is handed in (the worker registers it as the module `duck`), so this
module imports nothing from Pyodide; the browser tests run it for real.
"""
from __future__ import annotations

import json

from ..sql import Columns


class WasmConnection:
    """tmb_core's Connection over the worker's `duck` bridge (execute, query -> JSON, files, saved tables)."""

    def __init__(self, bridge):
        self._bridge = bridge

    def execute(self, sql: str) -> None:
        self._bridge.execute(sql)

    def query(self, sql: str) -> Columns:
        return json.loads(self._bridge.query(sql))

    def register_text(self, name: str, text: str) -> str:
        self._bridge.register_text(name, text)
        return name

    def register_bytes(self, name: str, data: bytes) -> str:
        self._bridge.register_bytes(name, data)
        return name

    def unregister(self, name: str) -> None:
        self._bridge.unregister(name)

    def fresh(self) -> WasmConnection:
        """A connection to a database of its own (the bridge attaches an empty one in memory)."""
        return WasmConnection(self._bridge.fresh())

    def close(self) -> None:
        """Close a `fresh` connection and detach its database (the worker's own is never closed)."""
        self._bridge.close()

    def load_saved(self, table: str) -> None:
        """Insert `table`'s rows from the snapshot the worker is restoring (Arrow, never via Python)."""
        self._bridge.load_saved(table)
