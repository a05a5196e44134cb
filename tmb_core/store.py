"""Storing read exports: upsert by Transaction Id, log the upload and its issues.

Importing the same file twice changes nothing; overlapping exports give the same
store in any order. A Transaction Id seen again with different details is
reported and the stored row is kept.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from . import bets, schema
from .bets import lit
from .db import Connection, rows, scalar
from .model import ImportReport, Issue, ReadResult, Severity, Transaction
from .perf import paused_gc
from .reader import read_export

_STAGING = "tmb_staging"


def import_file(conn: Connection, name: str, data: bytes,
                imported_at: dt.datetime | None = None) -> ImportReport:
    """Read and store one export file."""
    return store(conn, read_export(name, data), imported_at)


def store(conn: Connection, read: ReadResult, imported_at: dt.datetime | None = None) -> ImportReport:
    """Store what was read, in one database transaction; every upload is logged, even a rejected one."""
    schema.create(conn)
    upload_id = scalar(conn.query("SELECT coalesce(max(upload_id), 0) + 1 AS n FROM uploads"))
    conn.execute("BEGIN TRANSACTION")
    try:
        report = _rejected(read) if read.error else _upsert_report(conn, read, upload_id)
        _log(conn, upload_id, read, report, imported_at or dt.datetime.now())
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return report


def _rejected(read: ReadResult) -> ImportReport:
    return ImportReport(read.name, 0, 0, 0, 0, read.issues, read.error)


def _upsert_report(conn: Connection, read: ReadResult, upload_id: int) -> ImportReport:
    counts, conflicts = _upsert(conn, read, upload_id)
    bets.refresh(conn)
    rejected_rows = {i.row for i in read.issues if i.severity is Severity.ROW}
    return ImportReport(read.name, counts["insert"], counts["update"], counts["unchanged"],
                        len(rejected_rows) + len(conflicts), read.issues + tuple(conflicts))


def staging_csv(transactions: tuple[Transaction, ...], upload_id: int) -> str:
    """The transactions as CSV text with exactly `schema.TRANSACTION_COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.TRANSACTION_COLUMNS)
    with paused_gc():
        _write_rows(writer, transactions, upload_id)
    return out.getvalue()


def _write_rows(writer, transactions: tuple[Transaction, ...], upload_id: int) -> None:
    derived: dict[int, list] = {}  # rows of one bet share one Details: encode it once
    for tx in transactions:
        key = id(tx.details)
        if key not in derived:
            derived[key] = _derived(tx.details)
        writer.writerow(_csv_row(tx, upload_id, derived[key]))


def _legs_json(d) -> str | None:
    """The legs as JSON, for bets of more than one leg (a single's leg is its own columns)."""
    if len(d.legs) < 2:
        return None
    return json.dumps([[leg.event, leg.market, leg.selection, leg.price, leg.runner, leg.component]
                       for leg in d.legs], ensure_ascii=False)


def _derived(d) -> list:
    """The DERIVED columns of a row, from its Details."""
    h = d.headline
    return [d.bet_kind.value, d.bet_type, h.event, h.market, h.selection, h.price, h.runner,
            h.component, _legs_json(d), d.sport, d.competition, "|".join(d.teams) or None]


def _csv_row(tx: Transaction, upload_id: int, derived: list) -> list:
    return [
        tx.tx_id, tx.time.isoformat(" "), tx.rank, tx.type, tx.kind.value,
        tx.amount_cents, tx.balance_cents, tx.bet_id, tx.summary or None,
        *(_bool(f) for f in tx.flags), *derived, upload_id, tx.row,
    ]


def _bool(flag: bool | None) -> str | None:
    return None if flag is None else ("true" if flag else "false")


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


def _upsert(conn: Connection, read: ReadResult, upload_id: int) -> tuple[dict, list[Issue]]:
    path = conn.register_text(f"{_STAGING}.csv", staging_csv(read.transactions, upload_id))
    try:
        conn.execute(f"CREATE OR REPLACE TEMP TABLE {_STAGING} AS SELECT * FROM "
                     + schema.csv_source(path, schema.TRANSACTION_COLUMNS))
    finally:
        conn.unregister(f"{_STAGING}.csv")
    conn.execute(f"CREATE OR REPLACE TEMP TABLE tmb_actions AS {_action_sql()}")
    counted = conn.query("SELECT action, CAST(count(*) AS INTEGER) AS n FROM tmb_actions GROUP BY action")
    counts = {"insert": 0, "update": 0, "unchanged": 0, "conflict": 0}
    counts.update(zip(counted["action"], counted["n"]))
    conflicts = _conflicts(conn, read.name) if counts["conflict"] else []
    _apply(conn)
    conn.execute(f"DROP TABLE {_STAGING}")
    conn.execute("DROP TABLE tmb_actions")
    return counts, conflicts


def _apply(conn: Connection) -> None:
    columns = ", ".join(f'"{c}"' for c in schema.TRANSACTION_COLUMNS)
    conn.execute(f"""INSERT INTO transactions ({columns})
        SELECT {columns} FROM {_STAGING} WHERE tx_id IN
        (SELECT tx_id FROM tmb_actions WHERE action = 'insert')""")
    refresh = "t.summary IS NULL OR " + " OR ".join(
        f"t.{f} IS NULL" for f in schema.DESCRIPTIVE if f.startswith("flag_"))
    sets = [f'"{f}" = coalesce(t."{f}", s."{f}")' for f in schema.DESCRIPTIVE]
    sets += [f'"{f}" = CASE WHEN {refresh} THEN s."{f}" ELSE t."{f}" END' for f in schema.DERIVED]
    conn.execute(f"""UPDATE transactions AS t SET {', '.join(sets)}
        FROM {_STAGING} AS s
        WHERE t.tx_id = s.tx_id AND s.tx_id IN
        (SELECT tx_id FROM tmb_actions WHERE action = 'update')""")


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


def _log(conn: Connection, upload_id: int, read: ReadResult, report: ImportReport,
         imported_at: dt.datetime) -> None:
    values = [upload_id, read.name, read.sha256, imported_at.replace(microsecond=0),
              read.rows_total, report.inserted, report.updated, report.unchanged, report.rejected,
              report.error, read.time_zone]
    conn.execute(f"INSERT INTO uploads VALUES ({', '.join(lit(v) for v in values)})")
    if report.issues:
        _bulk_insert(conn, "issues", schema.ISSUE_COLUMNS, [
            [upload_id, i.file, i.row, i.column, i.value, i.message, i.severity.value]
            for i in report.issues])


def _bulk_insert(conn: Connection, table: str, columns: dict[str, str], values: list[list]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(values)
    path = conn.register_text(f"{table}.csv", out.getvalue())
    try:
        conn.execute(f"INSERT INTO {table} SELECT * FROM {schema.csv_source(path, columns)}")
    finally:
        conn.unregister(f"{table}.csv")
