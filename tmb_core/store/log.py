"""The upload log: every upload, rejected ones too, and every issue found in it (tables
`uploads` and `issues`), written with each import and read for the page and the CSV of
problem rows.
"""
from __future__ import annotations

import datetime as dt

from ..model import SAMPLE_NAME, ImportReport, ReadResult
from ..sql import Columns, Connection, lit, load_rows
from . import schema


def write(conn: Connection, upload_id: int, read: ReadResult, report: ImportReport,
          imported_at: dt.datetime) -> None:
    """Log one upload (a rejected one too) and every issue its report lists."""
    values = [upload_id, read.name, read.sha256, imported_at.replace(microsecond=0),
              read.rows_total, report.inserted, report.updated, report.unchanged, report.rejected,
              report.error, read.time_zone]
    conn.execute(f"INSERT INTO uploads VALUES ({', '.join(lit(v) for v in values)})")
    if report.issues:
        load_rows(conn, "INSERT INTO issues", schema.ISSUE_COLUMNS, [
            [upload_id, i.file, i.row, i.column, i.value, i.message, i.severity.value]
            for i in report.issues])


def uploads(conn: Connection) -> Columns:
    """Every upload, oldest first, with what it did; `sample` marks the made-up punter's."""
    return conn.query(f"""
        SELECT upload_id, name, strftime(imported_at, '%Y-%m-%dT%H:%M:%S') AS imported_at, rows_total,
               inserted, updated, unchanged, rejected, error, name = {lit(SAMPLE_NAME)} AS sample
        FROM uploads ORDER BY upload_id""")


def issues(conn: Connection, upload_id: int | None = None) -> Columns:
    """Every issue found in the uploads (or in one upload), the rows left out first; `kept`
    says whether the row was kept (a warning) or left out."""
    where = f"WHERE upload_id = {int(upload_id)}" if upload_id is not None else ""
    return conn.query(f"""
        SELECT file, row, column_name, value, message,
               CASE severity WHEN 'warning' THEN 'kept' ELSE 'left out' END AS kept
        FROM issues {where}
        ORDER BY upload_id, severity = 'warning', row NULLS FIRST""")
