"""The durable store's snapshot: which tables it keeps, how they are read back, and the values
derived from them that are slow to compute again.

The worker keeps every stored table plus the bets derived from them (`bet_base`, `cash_base`)
as Arrow IPC streams ("arrow" format), tagged with a hash of the tmb_core code and reference
data that derived them (`code_tag`). The first sites kept only the stored tables, as CSV
("csv" format, no tag); those still restore. A snapshot from other code (an older or newer
tmb_core, other reference data) is understood again on open: each stored row's kind, sport,
competition, teams, market, bet type ... from what its export said (`staging.understand_stored`),
then its bets; so are the slow derived values (the balance chain's gaps, the reconciliation,
the filter choices). A change to how something is understood can never leave stale figures.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from ..sql import csv_source, scalar
from . import schema
from .bets import refresh
from .staging import replace_understood, understand_stored

#: Derived tables the snapshot keeps beside the stored ones (reused only by the same code).
CACHED = {"bet_base": schema.BET_BASE_COLUMNS, "cash_base": schema.CASH_BASE_COLUMNS}


#: The package whose code and reference data the tag covers.
PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_tag() -> str:
    """A hash of every module and reference data file of tmb_core (subpackages included), by
    path: any change to the code, or to the data it understands with, changes it."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def plan() -> dict:
    """What the worker copies out for the durable store, one query per table, and the code tag."""
    return {"code": code_tag(), "tables": {t: f"SELECT * FROM {t}" for t in (*schema.STORED, *CACHED)}}


def load(conn, files: dict[str, str], saved: list[str], code: str | None, progress=None) -> dict:
    """Fill the (empty) tables from CSV `files` and from the worker's `saved` Arrow tables
    (conn.load_saved). Rows saved by other code are understood again (`progress(0, 1,
    "understanding")` hears of it first); bets are derived again unless the same code saved
    them. Returns {"bets_reused": bool, "understood_again": bool}."""
    same_code = code == code_tag()
    reuse = same_code and set(CACHED) <= {*files, *saved}
    for table in {*files, *saved}:
        if table not in schema.STORED and table not in CACHED:
            raise ValueError(f"cannot restore {table!r}")
    for table, path in files.items():
        if reuse or table not in CACHED:
            columns = {**schema.STORED, **CACHED}[table]
            conn.execute(f"INSERT INTO {table} SELECT * FROM {csv_source(path, columns)}")
    for table in saved:
        if reuse or table not in CACHED:
            conn.load_saved(table)
    understood = not same_code and understand_again(conn, progress)
    if not (reuse or understood):
        refresh(conn)
    return {"bets_reused": reuse, "understood_again": understood}


def understand_again(conn, progress=None) -> bool:
    """Every stored row understood again by this code, and its bets derived again, in one
    database transaction (`progress(0, 1, "understanding")` hears of it first). False when
    nothing is stored, or when it could not be done: the rows then stay as they were saved
    (understood by the code that saved them) and the next open tries again."""
    if not scalar(conn.query("SELECT count(*) AS n FROM transactions")):
        return False
    if progress:
        progress(0, 1, "understanding")
    try:
        understand_stored(conn)
    except Exception:  # noqa: BLE001 - the rows as saved are still there and still right to show
        return False
    conn.execute("BEGIN TRANSACTION")
    try:
        replace_understood(conn)
        refresh(conn)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return True
