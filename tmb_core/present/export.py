"""CSV exports a punter downloads: bets and rejected rows.

Safe to open in a spreadsheet: a text cell that starts like a formula
(= + - @, tab, carriage return) is prefixed with an apostrophe, so the
spreadsheet shows it as text instead of running it. Numbers stay numbers.
"""
from __future__ import annotations

import csv
import io

from ..sql import Columns, rows

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

BET_COLUMNS = (
    ("placed", "Placed"), ("bet_id", "Bet Id"), ("sport", "Sport"), ("competition", "Competition"),
    ("event", "Event"), ("market", "Market"), ("selection", "Selection"), ("bet_type", "Bet type"),
    ("bet_kind", "Bet kind"), ("status", "Status"), ("price", "Price"), ("stake", "Stake"),
    ("returned", "Returned"), ("profit", "Profit"), ("bonus_funded", "Bonus funded"), ("summary", "Summary"),
)


def safe_cell(value):
    """A value as it may go into a CSV cell that a spreadsheet will open."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(table: list[dict], columns: tuple[tuple[str, str], ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([title for _, title in columns])
    for r in table:
        writer.writerow([safe_cell(r.get(key)) for key, _ in columns])
    return out.getvalue()


def bets_csv(table: Columns) -> str:
    """The bets of a `metrics.bet_table` result as CSV."""
    return to_csv(rows(table), BET_COLUMNS)


ISSUE_COLUMNS = (("file", "File"), ("row", "Row"), ("column_name", "Column"), ("value", "Value"),
                 ("message", "What is wrong"), ("kept", "Kept?"))


def issues_csv(table: Columns) -> str:
    """The issues of `Ledger.issues` (the upload log) as CSV."""
    return to_csv(rows(table), ISSUE_COLUMNS)
