"""The durable store's snapshot: which tables it keeps, how they are read back, and the values
derived from them that are slow to compute again.

The worker keeps every stored table plus the bets derived from them (`bet_base`, `cash_base`)
as Arrow IPC streams ("arrow" format), tagged with a hash of the tmb_core code that derived
them. The first sites kept only the stored tables, as CSV ("csv" format); those still restore.
Bets saved by other code (an older or newer tmb_core) are derived afresh, as are the slow
derived values (the balance chain's gaps, the reconciliation, the filter facets), so a change
to how something is derived can never show stale figures.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from ..sql import csv_source
from . import schema
from .bets import refresh

#: Derived tables the snapshot keeps beside the stored ones (reused only by the same code).
CACHED = {"bet_base": schema.BET_BASE_COLUMNS, "cash_base": schema.CASH_BASE_COLUMNS}


@functools.cache
def code_tag() -> str:
    """A hash of every tmb_core module's source: any change to the code changes it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def plan() -> dict:
    """What the worker copies out for the durable store, one query per table, and the code tag."""
    return {"code": code_tag(), "tables": {t: f"SELECT * FROM {t}" for t in (*schema.STORED, *CACHED)}}


def load(conn, files: dict[str, str], saved: list[str], code: str | None) -> bool:
    """Fill the (empty) tables from CSV `files` and from the worker's `saved` Arrow tables
    (conn.load_saved); derive the bets again unless the same code saved them. True if kept."""
    keep = code == code_tag() and set(CACHED) <= {*files, *saved}
    for table in {*files, *saved}:
        if table not in schema.STORED and table not in CACHED:
            raise ValueError(f"cannot restore {table!r}")
    for table, path in files.items():
        if keep or table not in CACHED:
            columns = {**schema.STORED, **CACHED}[table]
            conn.execute(f"INSERT INTO {table} SELECT * FROM {csv_source(path, columns)}")
    for table in saved:
        if keep or table not in CACHED:
            conn.load_saved(table)
    if not keep:
        refresh(conn)
    return keep


def derived_state(ledger, views: dict[str, dict]) -> dict:
    """The ledger's derived values as JSON, tagged with the code that derived them, with the
    unfiltered dashboard `views` ({period: view}) drawn so far: a reopen starts with one of them."""
    return {"code": code_tag(), "cache": ledger.derived_cache(), "views": views}


def adopt(ledger, state: dict | None) -> dict | None:
    """Give the ledger derived values saved for the same rows and return the saved unfiltered
    views ({period: view}); None when they are not usable (other code, or nothing saved)."""
    if not state or state.get("code") != code_tag():
        return None
    ledger.adopt_derived_cache(state["cache"])
    return dict(state.get("views") or {})
