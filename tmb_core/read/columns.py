"""The columns of a Sportsbet transactions export, and the reading of cells in unusual formats.

Most rows are checked and converted in SQL (`cells.py`); a row with any cell outside the
plain formats (`$1,234.50`, `1/2/26 7:05 PM`, `TRUE `, `1.23E+11` ...) comes here, to the
parsers of `values.py`, which also word every problem for the punter. Never raises on
user data: a bad cell becomes an `Issue`.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Issue, Severity
from .kinds import EXPECTED_SIGN, tx_kind
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


def delimiter(first_line: str) -> str:
    if "," in first_line:
        return ","
    for d in (";", "\t", "|"):
        if d in first_line:
            return d
    return ","


#: What `parse_row` makes of a row: time, amount, balance, Transaction Id, Bet Id and the four flags.
Values = tuple[dt.datetime, int, "int | None", str, "str | None", tuple]


def parse_row(name: str, number: int, cells: dict[str, str], issues: list[Issue]) -> Values | None:
    """The values of one row's cells, or None (the row is left out) with the reason added to `issues`."""
    cells = {key: cells.get(key) or "" for key in COLUMNS}

    def bad(key, message, severity=Severity.ROW):
        value = cells[key].strip()
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
        bet_id = parse_id(cells["bet_id"], "Bet Id") or None
    except BadValue as why:
        return bad("tx_id" if "Transaction" in str(why) else "bet_id", f"{why}. This row is left out")
    if not tx_id:
        return bad("tx_id", "the Transaction Id is empty, so the row cannot be told apart "
                            "from others; it is left out")
    balance = _balance(cells["balance"], bad)
    flags = tuple(_flag(cells[key], key, bad) for key in _FLAGS)
    _check_sign(type_text, amount, bad)
    return when, amount, balance, tx_id, bet_id, flags


def _check_sign(type_text: str, amount: int, bad) -> None:
    sign = EXPECTED_SIGN.get(tx_kind(type_text))
    if sign and amount and (amount > 0) != (sign > 0):
        bad("amount", f"a {type_text} usually {'adds to' if sign > 0 else 'takes from'} "
                      "the balance, but this one does the opposite; the row is kept as written",
            Severity.WARNING)


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
