"""One export file read into the temp table `tmb_staging` (shaped like `transactions`),
ready for upsert.py to store: read/split.py splits it, read/cells.py checks and converts the
cells, and each distinct Summary is understood once, in SQL (understand/sql.py).

Never raises on user data: a file that cannot be an export comes back as
`ReadResult.error`, bad rows as issues, and the good rows are staged.
"""
from __future__ import annotations

import hashlib
from typing import Callable

from ..model import BET_KINDS, Details, Issue, ReadResult, Severity
from ..read import cells, split
from ..read.textfile import NotAnExport
from ..sql import Connection, lit
from ..understand.details import derived
from ..understand.sql import understand
from . import schema

STAGING = "tmb_staging"
Progress = Callable[..., None]

_FLAGS = ("flag_single", "flag_multiple", "flag_exotic", "flag_pool")


def _bet_row(alias: str = "") -> str:
    """Rows whose Summary describes a bet: they carry a Bet Id or a bet's kind."""
    kinds = ", ".join(sorted(lit(k.value) for k in BET_KINDS))
    return f"({alias}bet_id IS NOT NULL OR {alias}kind IN ({kinds}))"


def read(conn: Connection, name: str, data: bytes, upload_id: int,
         progress: Progress | None = None) -> ReadResult:
    """Stage one file's good rows; return what was found (issues, counts, or why it was rejected)."""
    digest = hashlib.sha256(data).hexdigest()
    step = _stepper(progress)
    try:
        step("reading")
        layout = split.load(conn, data)
    except NotAnExport as why:
        issue = Issue(name, None, None, None, str(why), Severity.FILE)
        return ReadResult(name, (issue,), 0, str(why), digest)
    step("checking")
    issues = cells.parse_cells(conn, name)
    issues += cells.one_per_id(conn, name)
    step("understanding")
    _understand(conn)
    _stage(conn, upload_id)
    step("storing")
    issues.sort(key=lambda i: i.row or 0)
    return ReadResult(name, tuple(issues), layout.rows, None, digest, layout.zone, layout.shared)


def warm_up(conn: Connection, step: int, data: bytes | None = None) -> int | None:
    """One step of reading `data` (a small made-up export, needed by step 0 only) into staging
    and throwing it away, as `read` does; return the next step, or None after the last.
    Nothing stored is touched.

    DuckDB-WASM compiles its code as it is first run, and runs it slowly until the browser
    has optimised it: the first import of a visit paid for that, almost a second. The site
    runs these steps while it waits for a first file; a file that comes sooner stops them.
    Each step leaves only temp tables that an import replaces; the last drops them all."""
    if step == 0:
        split.load(conn, data or b"")
    elif step == 1:
        cells.parse_cells(conn, "warm-up")
        cells.one_per_id(conn, "warm-up")
    elif step == 2:
        _understand(conn)
        _stage(conn, 0)
        conn.execute(f"DROP TABLE {STAGING}")
        return None
    else:
        raise ValueError(f"the warm-up has steps 0 to 2, not {step}")
    return step + 1


#: The stages of an import, in order; progress is reported as (stage number, STAGES, name).
STAGES = ("reading", "checking", "understanding", "storing")


def _stepper(progress: Progress | None) -> Callable[[str], None]:
    def step(stage: str) -> None:
        if progress:
            progress(STAGES.index(stage), len(STAGES), stage)
    return step


_DISTINCT = ("summary", *_FLAGS)


def _understand(conn: Connection, source: str = cells.CHECKED) -> None:
    """`tmb_details`: what each distinct (Summary, flags, month) of `source`'s bet rows says,
    keyed in `tmb_summaries`, where `h` (`cells.summary_hash`) lets staging join rows to it quickly."""
    conn.execute(f"""CREATE OR REPLACE TEMP TABLE tmb_summaries AS
        SELECT CAST(row_number() OVER () AS INTEGER) AS key, *
        FROM (SELECT DISTINCT h, {', '.join(_DISTINCT)}, CAST(month(time) AS INTEGER) AS month
              FROM {source} WHERE {_bet_row()})""")
    understand(conn, "tmb_summaries", "tmb_details")


def _understood_sql(source: str, upload_id: str) -> str:
    """`source`'s rows as `transactions` rows: what the export said, plus what `tmb_details`
    understood of them (a row with no bet to describe gets what an empty Summary says)."""
    none = dict(zip(schema.DERIVED, derived(Details())))
    picks = []
    for column, kind in schema.TRANSACTION_COLUMNS.items():
        if column in schema.DERIVED:
            fallback = "NULL" if none[column] is None else lit(none[column])
            picks.append(f"coalesce(d.{column}, CAST({fallback} AS {kind})) AS {column}")
        elif column == "upload_id":
            picks.append(f"CAST({upload_id} AS INTEGER) AS upload_id")
        else:
            picks.append(f"k.{column}")
    same = " AND ".join(f"s.{c} IS NOT DISTINCT FROM k.{c}" for c in _DISTINCT)
    # Every condition is an equality (the hash only of bet rows), so this stays one hash
    # join; a condition on the rows alone would make DuckDB compare every row with every Summary.
    return f"""SELECT {', '.join(picks)} FROM {source} k
        LEFT JOIN tmb_summaries s ON s.h = CASE WHEN {_bet_row('k.')} THEN k.h END
          AND {same} AND s.month = month(k.time)
        LEFT JOIN tmb_details d ON d.key = s.key"""


def _stage(conn: Connection, upload_id: int) -> None:
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {STAGING} AS {_understood_sql(cells.CHECKED, str(upload_id))}")
    for table in (cells.CHECKED, "tmb_summaries", "tmb_details"):
        conn.execute(f"DROP TABLE {table}")


_SAID, UNDERSTOOD = "tmb_said", "tmb_understood"


def understand_stored(conn: Connection, where: str = "TRUE") -> None:
    """The stored rows `where` holds, understood again from what their export said (Type,
    Summary, flags, time) into the temp table `tmb_understood`: their kind and
    `schema.DERIVED` as this code and its reference data make them, exactly as a fresh
    import would store them. `replace_understood` then puts them in place of the stored ones.

    Nothing stored changes here, so this may run outside a database transaction: inside one,
    DuckDB would hold every step's dropped temp tables until the commit."""
    understand_said(conn, f"SELECT * FROM transactions WHERE {where}")


#: The columns of `transactions` that hold what the export said (the rest is understood from them).
SAID = tuple(c for c in schema.TRANSACTION_COLUMNS if c not in schema.UNDERSTOOD)


def understand_said(conn: Connection, source: str) -> None:
    """Rows of the query `source` (with the SAID columns at least) understood into the temp
    table `tmb_understood`, shaped like `transactions`."""
    said = [f'"{c}"' for c in SAID]
    conn.execute(f"""CREATE OR REPLACE TEMP TABLE {_SAID} AS
        SELECT {', '.join(said)}, {cells.kind_sql('type')} AS kind, {cells.summary_hash()} AS h
        FROM ({source})""")
    _understand(conn, _SAID)
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {UNDERSTOOD} AS {_understood_sql(_SAID, 'k.upload_id')}")
    for table in (_SAID, "tmb_summaries", "tmb_details"):
        conn.execute(f"DROP TABLE {table}")


def replace_understood(conn: Connection, where: str = "TRUE") -> None:
    """The stored rows `where` holds replaced by `tmb_understood` (understand_stored with the
    same `where`); run it in the caller's database transaction."""
    columns = ", ".join(f'"{c}"' for c in schema.TRANSACTION_COLUMNS)
    conn.execute(f"DELETE FROM transactions WHERE {where}")
    conn.execute(f"INSERT INTO transactions ({columns}) SELECT {columns} FROM {UNDERSTOOD}")
    conn.execute(f"DROP TABLE {UNDERSTOOD}")
