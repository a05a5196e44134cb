"""A backup the punter holds: everything stored as one JSON file, and its restore.

The file holds the rows as their exports said them (the SAID columns: what is understood
from them is understood again on restore, by the code that restores), the upload log and
every issue found. Restoring merges by Transaction Id exactly as an import does: a row
already stored is unchanged (or completed), one stored with other details is kept and the
backup's is reported. The backup's uploads join the log (one already there is not repeated),
and the restore is logged as an upload of its own, so the punter sees what it added.

The site can lock a backup with a passphrase (AES-GCM, site/app/backup.js): such a file
starts with LOCKED and is opened by the site, which asks for the passphrase, never here.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re

from ..model import Filters, ImportReport, ReadResult
from ..read.textfile import NotAnExport
from ..sql import Connection, load_rows, rows, scalar
from . import bets, log, schema, staging, upsert

#: The first key of a backup's JSON, and the format's version.
MARK, VERSION = "trackmybets_backup", 1
#: How a backup the site locked with a passphrase begins.
LOCKED = b"TrackMyBets locked backup"
_TIME = "%Y-%m-%d %H:%M:%S"
_BACKUP_ROWS = "tmb_backup_rows"


def is_backup(data: bytes) -> bool:
    """Whether a dropped file is a backup (locked or not) rather than an export."""
    head = data[:80].lstrip(b"\xef\xbb\xbf \t\r\n")   # a JSON file naming MARK: reformatted ones too
    return head.startswith(LOCKED) or (head.startswith(b"{") and b'"' + MARK.encode() + b'"' in data)


def write(conn: Connection, made_at: dt.datetime | None = None) -> str:
    """Everything stored as the text of one backup file."""
    said = [f"strftime(time, '{_TIME}') AS time" if c == "time" else f'"{c}"' for c in staging.SAID]
    table = conn.query(f"SELECT {', '.join(said)} FROM transactions ORDER BY time, rank, tx_id")
    uploads = rows(conn.query(f"""SELECT * REPLACE (strftime(imported_at, '{_TIME}') AS imported_at)
                                  FROM uploads ORDER BY upload_id"""))
    issues = rows(conn.query("SELECT * FROM issues ORDER BY upload_id, row NULLS FIRST"))
    guesses = rows(conn.query(f"""SELECT * REPLACE (strftime(made_at, '{_TIME}') AS made_at)
                                  FROM guesses ORDER BY made_at, rowid"""))
    return json.dumps({
        MARK: VERSION, "made_at": (made_at or dt.datetime.now()).strftime(_TIME),
        "uploads": uploads, "issues": issues, "guesses": guesses,
        "transactions": {"columns": list(staging.SAID), "rows": [list(r) for r in zip(*table.values())]},
    }, ensure_ascii=False, separators=(",", ":"))


def restore(conn: Connection, name: str, data: bytes,
            imported_at: dt.datetime | None = None) -> tuple[ImportReport, ReadResult]:
    """Merge a backup file into what is stored, in one database transaction; the report says
    what it added. A file that is no backup this code can read changes nothing."""
    schema.create(conn)
    digest = hashlib.sha256(data).hexdigest()
    try:
        backup = _parsed(data)
    except NotAnExport as why:
        read = ReadResult(name, (), 0, str(why), digest)
        return _logged(conn, read, ImportReport(name, 0, 0, 0, 0, (), str(why)), imported_at)
    read = ReadResult(name, (), len(backup["transactions"]["rows"]), None, digest)
    conn.execute("BEGIN TRANSACTION")
    try:
        ids = _join_log(conn, backup)
        _join_guesses(conn, backup.get("guesses", []))
        _stage(conn, backup, ids)
        counts, conflicts = upsert.upsert_staged(conn, read)
        bets.refresh(conn)
        report = ImportReport(name, counts["insert"], counts["update"], counts["unchanged"],
                              len(conflicts), tuple(conflicts))
        done = _logged(conn, read, report, imported_at)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return done


def _logged(conn, read, report, imported_at) -> tuple[ImportReport, ReadResult]:
    """Log the restore as an upload of its own (a refused one too)."""
    upload_id = scalar(conn.query("SELECT coalesce(max(upload_id), 0) + 1 AS n FROM uploads"))
    log.write(conn, upload_id, read, report, imported_at or dt.datetime.now())
    return dataclasses.replace(report, upload_id=upload_id, rows_total=read.rows_total), read


# What each value of a backup must be: its JSON type, and whether it may be null. A backup
# whose values differ was edited: it is refused whole, as nothing in it can then be trusted.
_TEXT, _WHOLE, _FLAG, _WHEN = "text", "whole", "flag", "when"
_KIND_OF = {"VARCHAR": _TEXT, "INTEGER": _WHOLE, "BIGINT": _WHOLE, "BOOLEAN": _FLAG, "TIMESTAMP": _WHEN}


def _kinds(columns: dict[str, str], required: set[str]) -> dict[str, tuple[str, bool]]:
    """Each column's kind (from its type in the schema) and whether it may be null."""
    return {c: (_KIND_OF[t], c not in required) for c, t in columns.items()}


_SAID_KINDS = _kinds({c: schema.TRANSACTION_COLUMNS[c] for c in staging.SAID},
                     {"tx_id", "time", "rank", "type", "amount_cents", "upload_id"})
_UPLOAD_KINDS = _kinds(schema.UPLOAD_COLUMNS, {"upload_id", "name", "imported_at"})
_ISSUE_KINDS = _kinds(schema.ISSUE_COLUMNS, {"upload_id", "message", "severity"})
_GUESS_KINDS = _kinds(schema.GUESS_COLUMNS, {"made_at", "filters"})
_WHEN_TEXT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _fits(value, kind: str, nullable: bool) -> bool:
    if value is None:
        return nullable
    if kind == _WHOLE:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**15
    if kind == _FLAG:
        return isinstance(value, bool)
    if kind == _WHEN:
        return isinstance(value, str) and bool(_WHEN_TEXT.fullmatch(value))
    return isinstance(value, str) and (nullable or bool(value.strip()))


def _all_fit(records: list, kinds: dict) -> bool:
    """Whether every record is an object (or a list in the order of `kinds`) whose values fit."""
    for record in records:
        if isinstance(record, list) and len(record) == len(kinds):
            record = dict(zip(kinds, record))
        if not isinstance(record, dict) or set(record) != set(kinds):
            return False
        if not all(_fits(record[c], kind, nullable) for c, (kind, nullable) in kinds.items()):
            return False
    return True


def _guesses_fit(guesses) -> bool:
    """Whether a backup's guesses (a backup made before guesses were kept has none) each fit
    and name filters this code reads."""
    if not (isinstance(guesses, list) and _all_fit(guesses, _GUESS_KINDS)):
        return False
    try:
        for g in guesses:
            Filters.from_json(json.loads(g["filters"])).check()
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _parsed(data: bytes) -> dict:
    """The backup's contents, checked for what restoring needs; NotAnExport says what is wrong."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(LOCKED):
        raise NotAnExport("This backup is locked with a passphrase: open it on the TrackMyBets site, "
                          "which asks for the passphrase.")
    try:
        backup = json.loads(data.decode("utf-8-sig"))
        version, table = backup[MARK], backup["transactions"]
        fine = (isinstance(version, int) and table["columns"] == list(staging.SAID)
                and isinstance(table["rows"], list) and _all_fit(table["rows"], _SAID_KINDS)
                and _all_fit(backup["uploads"], _UPLOAD_KINDS) and _all_fit(backup["issues"], _ISSUE_KINDS)
                and _guesses_fit(backup.get("guesses", [])))
        ids = [r[0] for r in table["rows"]]
        known = {u["upload_id"] for u in backup["uploads"]}
        at = staging.SAID.index("upload_id")
        fine = fine and len(set(ids)) == len(ids) and all(r[at] in known for r in table["rows"])
    except (ValueError, KeyError, TypeError, IndexError):
        fine, version = False, 0
    if isinstance(version, int) and version > VERSION:
        raise NotAnExport("This backup was made by a newer TrackMyBets: reload the site to update it, "
                          "then drop the backup again. Nothing was changed.")
    if not fine:
        raise NotAnExport("This backup is damaged or was edited, so it cannot be restored; nothing was "
                          "changed. Make a new backup on the device that has the data.")
    return backup


def _join_log(conn: Connection, backup: dict) -> dict[int, int]:
    """Add the backup's uploads (and their issues) that the log lacks; return old id -> id here."""
    known = {(u["name"], u["sha256"], u["imported_at"]): u["upload_id"] for u in rows(conn.query(
        f"SELECT upload_id, name, sha256, strftime(imported_at, '{_TIME}') AS imported_at FROM uploads"))}
    next_id = max(known.values(), default=0) + 1
    ids, added = {}, []
    for u in backup["uploads"]:
        key = (u.get("name"), u.get("sha256"), u.get("imported_at"))
        if key not in known:
            known[key], next_id = next_id, next_id + 1
            added.append([known[key], *(u.get(c) for c in list(schema.UPLOAD_COLUMNS)[1:])])
        ids[u.get("upload_id")] = known[key]
    load_rows(conn, "INSERT INTO uploads", schema.UPLOAD_COLUMNS, added)
    new = {old for old, here in ids.items() if here in {a[0] for a in added}}
    load_rows(conn, "INSERT INTO issues", schema.ISSUE_COLUMNS, [
        [ids[i.get("upload_id")], *(i.get(c) for c in list(schema.ISSUE_COLUMNS)[1:])]
        for i in backup["issues"] if i.get("upload_id") in new])
    return ids


def _join_guesses(conn: Connection, guesses: list[dict]) -> None:
    """Add the backup's guesses that are not stored yet (the same guess is kept once)."""
    columns = list(schema.GUESS_COLUMNS)
    load_rows(conn, f"CREATE OR REPLACE TEMP TABLE {_BACKUP_ROWS} AS", schema.GUESS_COLUMNS,
              [[g[c] for c in columns] for g in guesses])
    conn.execute(f"INSERT INTO guesses SELECT * FROM {_BACKUP_ROWS} EXCEPT SELECT * FROM guesses")
    conn.execute(f"DROP TABLE {_BACKUP_ROWS}")


def _stage(conn: Connection, backup: dict, ids: dict[int, int]) -> None:
    """The backup's rows, understood by this code, as the staging table upsert stores from."""
    columns = {c: schema.TRANSACTION_COLUMNS[c] for c in staging.SAID}
    at = list(staging.SAID).index("upload_id")
    load_rows(conn, f"CREATE OR REPLACE TEMP TABLE {_BACKUP_ROWS} AS", columns,
              [[*r[:at], ids.get(r[at]), *r[at + 1:]] for r in backup["transactions"]["rows"]])
    staging.understand_said(conn, f"SELECT * FROM {_BACKUP_ROWS}")
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {staging.STAGING} AS SELECT * FROM {staging.UNDERSTOOD}")
    for table in (_BACKUP_ROWS, staging.UNDERSTOOD):
        conn.execute(f"DROP TABLE {table}")
