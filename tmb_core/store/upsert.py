"""Storing read exports: upsert by Transaction Id, log the upload and its issues.

Importing the same file twice changes nothing; overlapping exports give the same
store in any order. A Transaction Id seen again with different details is
reported and the stored row is kept.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from ..model import ImportReport, Issue, ReadResult, Severity
from ..sql import Connection, rows, scalar
from . import bets, log, schema, staging
from .staging import STAGING as _STAGING
from .staging import Progress


def import_file(conn: Connection, name: str, data: bytes, imported_at: dt.datetime | None = None,
                progress: Progress | None = None) -> tuple[ImportReport, ReadResult]:
    """Read and store one export file, in one database transaction; every upload is logged,
    even a rejected one. Returns the report and what was read (counts, zone, digest)."""
    schema.create(conn)
    upload_id = scalar(conn.query("SELECT coalesce(max(upload_id), 0) + 1 AS n FROM uploads"))
    read = staging.read(conn, name, data, upload_id, progress)  # temp tables only: no transaction needed
    conn.execute("BEGIN TRANSACTION")
    try:
        report = _rejected(read) if read.error else _upsert_report(conn, read)
        log.write(conn, upload_id, read, report, imported_at or dt.datetime.now())
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return dataclasses.replace(report, upload_id=upload_id, rows_total=read.rows_total, shared=read.shared), read


def _rejected(read: ReadResult) -> ImportReport:
    return ImportReport(read.name, 0, 0, 0, 0, read.issues, read.error)


def _upsert_report(conn: Connection, read: ReadResult) -> ImportReport:
    counts, conflicts = upsert_staged(conn, read)
    bets.refresh(conn)
    rejected_rows = {i.row for i in read.issues if i.severity is Severity.ROW}
    return ImportReport(read.name, counts["insert"], counts["update"], counts["unchanged"],
                        len(rejected_rows) + len(conflicts), read.issues + tuple(conflicts))


def _same(field: str) -> str:
    return f's."{field}" IS NOT DISTINCT FROM t."{field}"'


def _action_sql() -> str:
    core_same = " AND ".join(_same(f) for f in schema.CORE if f != "type") + \
        " AND lower(s.type) = lower(t.type)"
    clash = " OR ".join(
        f'(s."{f}" IS NOT NULL AND t."{f}" IS NOT NULL AND s."{f}" <> t."{f}")' for f in schema.DESCRIPTIVE)
    adds = " OR ".join(f'(s."{f}" IS NOT NULL AND t."{f}" IS NULL)' for f in schema.DESCRIPTIVE)
    return f"""
        SELECT s.tx_id, s.file_row,
          CASE WHEN t.tx_id IS NULL THEN 'insert'
               WHEN NOT ({core_same}) OR {clash} THEN 'conflict'
               WHEN {adds} THEN 'update'
               ELSE 'unchanged' END AS action
        FROM {_STAGING} s LEFT JOIN transactions t USING (tx_id)"""


def upsert_staged(conn: Connection, read: ReadResult) -> tuple[dict, list[Issue]]:
    """Store the staged rows (`staging.STAGING`) by Transaction Id: counts of each action, and
    the conflicts as issues of `read`'s file."""
    conn.execute(f"CREATE OR REPLACE TEMP TABLE tmb_actions AS {_action_sql()}")
    counted = conn.query("SELECT action, CAST(count(*) AS INTEGER) AS n FROM tmb_actions GROUP BY action")
    counts = {"insert": 0, "update": 0, "unchanged": 0, "conflict": 0}
    counts.update(zip(counted["action"], counted["n"]))
    conflicts = _conflicts(conn, read.name) if counts["conflict"] else []
    _apply(conn, counts["update"])
    conn.execute(f"DROP TABLE {_STAGING}")
    conn.execute("DROP TABLE tmb_actions")
    return counts, conflicts


def _apply(conn: Connection, updated_rows: int) -> None:
    columns = ", ".join(f'"{c}"' for c in schema.TRANSACTION_COLUMNS)
    conn.execute(f"""INSERT INTO transactions ({columns})
        SELECT {columns} FROM {_STAGING} WHERE tx_id IN
        (SELECT tx_id FROM tmb_actions WHERE action = 'insert')""")
    updated = "tx_id IN (SELECT tx_id FROM tmb_actions WHERE action = 'update')"
    sets = [f'"{f}" = coalesce(t."{f}", s."{f}")' for f in schema.DESCRIPTIVE]
    conn.execute(f"""UPDATE transactions AS t SET {', '.join(sets)}
        FROM {_STAGING} AS s WHERE t.tx_id = s.tx_id AND s.{updated}""")
    # A row completed by this file (a Summary or a flag it lacked) is understood from what is
    # stored now, the old and the new cells together, as a reopen would understand it.
    if updated_rows:
        staging.understand_stored(conn, updated)
        staging.replace_understood(conn, updated)


def _conflicts(conn: Connection, name: str) -> list[Issue]:
    found = rows(conn.query(f"""
        SELECT a.file_row, s.tx_id, strftime(t.time, '%d/%m/%Y %H:%M') AS stored_time,
               t.type AS stored_type, CAST(t.amount_cents AS DOUBLE) / 100 AS stored_amount,
               u.name AS stored_file
        FROM tmb_actions a JOIN {_STAGING} s USING (tx_id) JOIN transactions t USING (tx_id)
        LEFT JOIN uploads u ON u.upload_id = t.upload_id
        WHERE a.action = 'conflict' ORDER BY a.file_row"""))
    return [Issue(
        name, r["file_row"], "Transaction Id", r["tx_id"],
        f"this Transaction Id is already stored (from {r['stored_file'] or 'an earlier file'}: "
        f"{r['stored_type']} {r['stored_amount']:.2f} at {r['stored_time']}) with different details; "
        "the stored row is kept and this one is left out. If the export was edited, "
        "download it again from Sportsbet.",
        Severity.ROW) for r in found]
