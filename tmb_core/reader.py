"""Reading a Sportsbet transactions export: bytes in, transactions and issues out.

Never raises on user data. A file that cannot be an export is rejected whole
(`ReadResult.error`); a bad row is listed as an `Issue` and the good rows are kept.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from typing import Callable

from .kinds import EXPECTED_SIGN, tx_kind
from .perf import paused_gc
from .model import BET_KINDS, Details, Issue, ReadResult, Severity, Transaction
from .textfile import TRY_AGAIN, NotAnExport, decode, describe
from .understand import details
from .values import BadValue, parse_flag, parse_id, parse_money, parse_time

#: Canonical column -> header names accepted for it (compared lower-cased, single-spaced).
COLUMNS = {
    "time": ("time (aest)", "time (aedt)", "time", "date", "date/time", "date time", "datetime"),
    "type": ("type", "transaction type"),
    "summary": ("summary", "details"),
    "tx_id": ("transaction id", "transaction_id", "transactionid", "txn id"),
    "bet_id": ("bet id", "bet_id", "betid", "bet number"),
    "amount": ("amount",),
    "balance": ("balance",),
    "single": ("single",),
    "multiple": ("multiple", "multi"),
    "exotic": ("exotic",),
    "pool": ("pool",),
}
REQUIRED = ("time", "type", "amount", "tx_id")
HEADER_NAMES = {"time": "Time (AEST)", "type": "Type", "summary": "Summary",
                "tx_id": "Transaction Id", "bet_id": "Bet Id", "amount": "Amount",
                "balance": "Balance", "single": "Single", "multiple": "Multiple",
                "exotic": "Exotic", "pool": "Pool"}
_FLAGS = ("single", "multiple", "exotic", "pool")
_LOOKUP = {name: canon for canon, names in COLUMNS.items() for name in names}


def _header_key(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").strip().lower().split())


def map_headers(headers: list[str]) -> dict[str, int]:
    """Canonical column -> index, first occurrence wins; unknown headers are ignored."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        canon = _LOOKUP.get(_header_key(h))
        if canon and canon not in found:
            found[canon] = i
    return found


def time_zone_label(headers: list[str]) -> str:
    """The zone named in the time header, e.g. 'AEST' (assumed when none is named)."""
    for h in headers:
        m = re.search(r"\((\w+)\)", h)
        if m and _LOOKUP.get(_header_key(h)) == "time":
            return m.group(1).upper()
    return "AEST"


def _delimiter(first_line: str) -> str:
    if "," in first_line:
        return ","
    for d in (";", "\t", "|"):
        if d in first_line:
            return d
    return ","


Progress = Callable[[int, int], None]
PROGRESS_EVERY = 5000


def read_export(name: str, data: bytes, progress: Progress | None = None) -> ReadResult:
    """Read one export file. Good rows are kept, bad ones listed, nothing raised.

    `progress(done, total)` is called every few thousand rows, if given.
    """
    with paused_gc():
        return _read_export(name, data, progress)


def _read_export(name: str, data: bytes, progress: Progress | None) -> ReadResult:
    digest = hashlib.sha256(data).hexdigest()
    try:
        text, _ = decode(data)
        records = _records(text)
        headers = records[0] if records else []
        columns = map_headers(headers)
        missing = [HEADER_NAMES[c] for c in REQUIRED if c not in columns]
        if missing:
            raise NotAnExport(describe(text, headers, missing))
        if not any(any(cell.strip() for cell in r) for r in records[1:]):
            raise NotAnExport(f"The file has the column headers but no transactions. {TRY_AGAIN}")
    except NotAnExport as why:
        issue = Issue(name, None, None, None, str(why), Severity.FILE)
        return ReadResult(name, (), (issue,), 0, str(why), digest)
    except csv.Error as why:
        message = f"The file could not be read as CSV ({why}). {TRY_AGAIN}"
        return ReadResult(name, (), (Issue(name, None, None, None, message, Severity.FILE),),
                          0, message, digest)
    return _read_rows(name, records, columns, digest, time_zone_label(headers), progress)


def _records(text: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first)))


def _read_rows(name: str, records: list[list[str]], columns: dict[str, int], digest: str,
               zone: str, progress: Progress | None) -> ReadResult:
    issues: list[Issue] = []
    rows: list[Transaction] = []
    seen: dict[str, Transaction] = {}
    total = 0
    for number, record in enumerate(records[1:], start=2):
        if progress and number % PROGRESS_EVERY == 0:
            progress(number - 1, len(records) - 1)
        if not any(cell.strip() for cell in record):
            continue
        total += 1
        tx = _row(name, number, record, columns, issues)
        if tx is None:
            continue
        twin = seen.get(tx.tx_id)
        if twin is None:
            seen[tx.tx_id] = tx
            rows.append(tx)
        elif _same(twin, tx):
            issues.append(Issue(name, number, "Transaction Id", tx.tx_id,
                                f"repeats row {twin.row} exactly; it is counted once", Severity.WARNING))
        else:
            issues.append(Issue(name, number, "Transaction Id", tx.tx_id,
                                f"the same Transaction Id as row {twin.row} but with different details; "
                                f"row {twin.row} is kept and this row is left out", Severity.ROW))
    return ReadResult(name, tuple(_ranked(rows)), tuple(issues), total, None, digest, zone)


def _same(a: Transaction, b: Transaction) -> bool:
    return (a.time, a.type, a.amount_cents, a.balance_cents, a.bet_id, a.summary, a.flags) == \
           (b.time, b.type, b.amount_cents, b.balance_cents, b.bet_id, b.summary, b.flags)


def _row(name, number, record, columns, issues) -> Transaction | None:
    """One record to a Transaction, or None with the reason added to `issues`."""
    width = len(record)
    cells = {key: record[i] if i < width else "" for key, i in columns.items()}

    def bad(key, message, severity=Severity.ROW):
        value = cells.get(key, "").strip()
        issues.append(Issue(name, number, HEADER_NAMES[key], value or None, message, severity))

    try:
        when = parse_time(cells["time"])
    except BadValue as why:
        return bad("time", f"{why}; this row is left out")
    type_text = " ".join(cells["type"].split())
    if not type_text:
        return bad("type", "the Type is empty, so it is unknown what this row is; it is left out")
    try:
        amount = parse_money(cells["amount"])
    except BadValue as why:
        return bad("amount", f"{why}; this row is left out rather than counted as $0")
    try:
        tx_id = parse_id(cells["tx_id"], "Transaction Id")
        bet_id = parse_id(cells.get("bet_id", ""), "Bet Id") or None
    except BadValue as why:
        return bad("tx_id" if "Transaction" in str(why) else "bet_id", f"{why}. This row is left out")
    if not tx_id:
        return bad("tx_id", "the Transaction Id is empty, so the row cannot be told apart "
                            "from others; it is left out")
    balance = _balance(cells.get("balance", ""), bad)
    flags = tuple(_flag(cells.get(key, ""), key, bad) for key in _FLAGS)
    kind = tx_kind(type_text)
    sign = EXPECTED_SIGN.get(kind)
    if sign and amount and (amount > 0) != (sign > 0):
        bad("amount", f"a {type_text} usually {'adds to' if sign > 0 else 'takes from'} "
                      "the balance, but this one does the opposite; the row is kept as written",
            Severity.WARNING)
    summary = _clean_summary(cells.get("summary", ""))
    about = details(summary, flags, when) if bet_id or kind in BET_KINDS else Details()
    return Transaction(tx_id, when, type_text, kind, amount, balance, bet_id, summary, flags,
                       number, 0, about)


def _balance(text: str, bad) -> int | None:
    if not text.strip():
        return None
    try:
        return parse_money(text)
    except BadValue as why:
        bad("balance", f"{why}; the row is kept without a balance", Severity.WARNING)
        return None


def _flag(text: str, key: str, bad) -> bool | None:
    try:
        return parse_flag(text)
    except BadValue as why:
        bad(key, f"{why}; the row is kept and this flag is treated as unknown", Severity.WARNING)
        return None


def _clean_summary(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _ranked(rows: list[Transaction]) -> list[Transaction]:
    """Number rows within each minute in true (oldest first) order; exports may be newest first."""
    if len(rows) > 1 and rows[0].time > rows[-1].time:
        ordered = rows[::-1]
    else:
        ordered = rows
    out: list[Transaction] = []
    previous, rank = None, 0
    for tx in ordered:
        rank = rank + 1 if tx.time == previous else 0
        previous = tx.time
        out.append(_with_rank(tx, rank) if rank else tx)
    return out


def _with_rank(tx: Transaction, rank: int) -> Transaction:
    return Transaction(tx.tx_id, tx.time, tx.type, tx.kind, tx.amount_cents, tx.balance_cents,
                       tx.bet_id, tx.summary, tx.flags, tx.row, rank, tx.details)
