"""The columns of a Sportsbet transactions export, and the reading of cells in unusual formats.

Most rows are checked and converted in SQL (`cells.py`); a row with any cell outside the
plain formats (`$1,234.50`, `1/2/26 7:05 PM`, `TRUE `, `1.23E+11` ...) comes here, to the
parsers of `values.py`, which also word every problem for the punter. Never raises on
user data: a bad cell becomes an `Issue`.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import SHARE_EXACT, SHARE_SCALED, Issue, Severity
from .kinds import EXPECTED_SIGN, tx_kind
from .values import AGAIN, BadValue, parse_flag, parse_id, parse_money, parse_time

#: Fields beyond the header's that split.py counts exactly (a row with more shows as at least this many).
EXTRA_FIELDS = 4
#: The longest Summary, and the longest other cell, an export can hold (a long multi's Summary
#: runs to a few thousand characters); a longer one means the file is damaged.
LONGEST_SUMMARY, LONGEST_CELL = 20_000, 1_000
#: A date and time, as a row's Time cell holds it (day first, or ISO).
ROW_TIME = r"(\d{1,2}/\d{1,2}/\d{2,4}[ T,]+\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})"
#: A cell holding, after a line break, another row's time: a quote mark opened it and never
#: closed, so it swallowed the rows after it (the same pattern runs in SQL, in cells.py).
SWALLOWED = r"[\r\n](?s:.*)" + ROW_TIME

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
    """Canonical column -> index; unknown headers are ignored. When several headers name one
    column, the one COLUMNS lists first wins (`Time (AEST)` over `Date`), then the leftmost."""
    found: dict[str, tuple[int, int]] = {}
    for i, h in enumerate(headers):
        key = _header_key(h)
        canon = _LOOKUP.get(key)
        if canon:
            rank = (COLUMNS[canon].index(key), i)
            found[canon] = min(found.get(canon, rank), rank)
    return {canon: i for canon, (_, i) in found.items()}


def time_zone_label(headers: list[str]) -> str:
    """The zone named in the time header, e.g. 'AEST' (assumed when none is named)."""
    for h in headers:
        m = re.search(r"\((\w+)\)", h)
        if m and _LOOKUP.get(_header_key(h)) == "time":
            return m.group(1).upper()
    return "AEST"


#: The column a TrackMyBets share adds after the export's own (store/share.py): its header
#: says the file is a share, and whether its amounts are scaled; its cells are empty.
SHARE_HEADER = "TrackMyBets share"
SCALED_HEADER = "TrackMyBets share (amounts scaled: turnover {})"
def share_mark(headers: list[str]) -> str | None:
    """SHARE_EXACT or SHARE_SCALED when the headers are those of a share, else None (an export)."""
    keys = {_header_key(h) for h in headers}
    scaled = _header_key(SCALED_HEADER.partition("{")[0])
    if any(key.startswith(scaled) for key in keys):
        return SHARE_SCALED
    return SHARE_EXACT if _header_key(SHARE_HEADER) in keys else None


def delimiter(first_line: str) -> str:
    if "," in first_line:
        return ","
    for d in (";", "\t", "|"):
        if d in first_line:
            return d
    return ","


#: What `parse_row` makes of a row: time, amount, balance, Transaction Id, Bet Id and the four flags.
Values = tuple[dt.datetime, int, "int | None", str, "str | None", tuple]


def parse_row(name: str, number: int, cells: dict, issues: list[Issue]) -> Values | None:
    """The values of one row's cells, or None (the row is left out) with the reason added to `issues`.

    Every cell that feeds a figure must read cleanly or the row is left out: a row is never
    kept with a value guessed, dropped or shifted. `cells["shape"]` is how many fields the row
    has beyond the header's (split.py); only a plain amount of the unexpected sign is kept
    with a warning, as written."""
    shape = cells.get("shape") or 0
    absent = {key for key in _FLAGS if cells.get(key) is None}   # a flag column the file lacks: unknown
    cells = {key: cells.get(key) or "" for key in COLUMNS}
    try:
        _check_damage(cells)
        if shape:
            issues.append(Issue(name, number, None, None, shape_message(shape)))
            return None
        values = _values(cells, absent)
    except BadCell as why:
        value = cells[why.key].strip()
        issues.append(Issue(name, number, HEADER_NAMES[why.key], shorten(value) or None, why.message))
        return None
    _check_sign(name, number, cells, values[1], issues)
    return values


class BadCell(ValueError):
    """A cell that leaves its row out: which column, and why in plain words."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key, self.message = key, message


def _read(key: str, parse, text: str, then: str):
    try:
        return parse(text)
    except BadValue as why:
        raise BadCell(key, f"{why}; {then}") from None


def _check_damage(cells: dict[str, str]) -> None:
    """Raise BadCell for a cell no export can hold: far too long, or swallowing other rows."""
    for key, text in cells.items():
        most = LONGEST_SUMMARY if key == "summary" else LONGEST_CELL
        if len(text) > most:
            raise BadCell(key, f"the cell is more than {most:,} characters long, far longer than any in an "
                               f"export: the file seems damaged, so this row is left out; {AGAIN}")
    for key, text in cells.items():
        swallowed = re.search(SWALLOWED, text)
        if swallowed:
            rows = len(re.findall(ROW_TIME, text[swallowed.start():]))
            raise BadCell(key, f"a quote mark opens this cell and never closes, so it swallowed the "
                               f"{'row' if rows == 1 else f'{rows} rows'} after it; this row and "
                               f"{'that one are' if rows == 1 else 'those are'} left out. "
                               f"{AGAIN[0].upper()}{AGAIN[1:]}")


def _values(cells: dict[str, str], absent: set[str]) -> Values:
    when = _read("time", parse_time, cells["time"], "this row is left out")
    if not " ".join(cells["type"].split()):
        raise BadCell("type", "the Type is empty, so it is unknown what this row is; it is left out")
    amount = _read("amount", parse_money, cells["amount"], "this row is left out rather than counted as $0")
    tx_id = _read("tx_id", lambda t: parse_id(t, "Transaction Id"), cells["tx_id"], "this row is left out")
    if not tx_id:
        raise BadCell("tx_id", "the Transaction Id is empty, so the row cannot be told apart from others; "
                               "it is left out")
    bet_id = _read("bet_id", lambda t: parse_id(t, "Bet Id"), cells["bet_id"], "this row is left out") or None
    balance = None
    if cells["balance"].strip():
        balance = _read("balance", lambda t: parse_money(t, "balance"), cells["balance"],
                        "the balance shows whether rows are missing, so this row is left out")
    flags = tuple(None if key in absent else _read(key, parse_flag, cells[key], "the flag decides what kind "
                                                   "of bet this is, so this row is left out") for key in _FLAGS)
    return when, amount, balance, tx_id, bet_id, flags


def shape_message(shape: int) -> str:
    """Why a row with more (`shape` > 0) or fewer fields than the header is left out."""
    if shape > 0:
        more = f"at least {shape}" if shape >= EXTRA_FIELDS else str(shape)
        return (f"this row has {more} more {_fields(shape)} than the header, so its cells are in the wrong "
                "columns: most likely a separator inside a cell written without quotes (a comma in the Summary, "
                f"or in an amount like 1,100.00) split that cell in two. The row is left out; {AGAIN}")
    return (f"this row has {-shape} {_fields(-shape)} fewer than the header: the line seems cut short, "
            f"its last cells missing (as when a file is saved or copied only in part). The row is left out; {AGAIN}")


def _fields(n: int) -> str:
    return "field" if n == 1 else "fields"


def shorten(text: str, most: int = 60) -> str:
    """A cell as shown in a message: a long one cut."""
    return text if len(text) <= most else f"{text[:most]}…"


def _check_sign(name: str, number: int, cells: dict[str, str], amount: int, issues: list[Issue]) -> None:
    type_text = " ".join(cells["type"].split())
    sign = EXPECTED_SIGN.get(tx_kind(type_text))
    if sign and amount and (amount > 0) != (sign > 0):
        issues.append(Issue(name, number, HEADER_NAMES["amount"], cells["amount"].strip(),
                            f"a {type_text} usually {'adds to' if sign > 0 else 'takes from'} the balance, "
                            "but this one does the opposite; the row is kept as written", Severity.WARNING))
