"""The stored tables. The truth is transactions (one row per Transaction Id)
plus the upload log and every issue found; bets are derived, never stored.
"""
from __future__ import annotations

#: Transaction columns in storage order, with their DuckDB types.
TRANSACTION_COLUMNS = {
    "tx_id": "VARCHAR",
    "time": "TIMESTAMP",
    "rank": "INTEGER",
    "type": "VARCHAR",
    "kind": "VARCHAR",
    "amount_cents": "BIGINT",
    "balance_cents": "BIGINT",
    "bet_id": "VARCHAR",
    "summary": "VARCHAR",
    "flag_single": "BOOLEAN",
    "flag_multiple": "BOOLEAN",
    "flag_exotic": "BOOLEAN",
    "flag_pool": "BOOLEAN",
    "bet_kind": "VARCHAR",
    "bet_type": "VARCHAR",
    "event": "VARCHAR",
    "market": "VARCHAR",
    "selection": "VARCHAR",
    "price": "DOUBLE",
    "runner": "INTEGER",
    "component": "VARCHAR",
    "legs": "VARCHAR",
    "sport": "VARCHAR",
    "competition": "VARCHAR",
    "teams": "VARCHAR",
    "upload_id": "INTEGER",
    "file_row": "INTEGER",
}

#: The fields that say what happened; a Transaction Id seen again with other values here is a conflict.
CORE = ("time", "type", "amount_cents", "bet_id")
#: The fields that describe it; a later export may fill them in where they were empty.
DESCRIPTIVE = ("summary", "balance_cents", "flag_single", "flag_multiple", "flag_exotic", "flag_pool")
#: Fields computed from the Summary and flags.
DERIVED = ("bet_kind", "bet_type", "event", "market", "selection", "price", "runner",
           "component", "legs", "sport", "competition", "teams")
#: Everything understood from what the export said (the kind from the Type text, DERIVED from
#: the Summary, flags and month): understood again when the code that understands changes.
UNDERSTOOD = ("kind", *DERIVED)

UPLOAD_COLUMNS = {
    "upload_id": "INTEGER", "name": "VARCHAR", "sha256": "VARCHAR", "imported_at": "TIMESTAMP",
    "rows_total": "INTEGER", "inserted": "INTEGER", "updated": "INTEGER",
    "unchanged": "INTEGER", "rejected": "INTEGER", "error": "VARCHAR", "time_zone": "VARCHAR",
}

ISSUE_COLUMNS = {
    "upload_id": "INTEGER", "file": "VARCHAR", "row": "INTEGER", "column_name": "VARCHAR",
    "value": "VARCHAR", "message": "VARCHAR", "severity": "VARCHAR",
}


#: What the punter guessed before the figures were shown (store/guesses.py): their net profit
#: (negative: what it cost them) and how many of 10 bets they think win, for the filters
#: they were looking at (`Filters.as_json`); a skipped guess is a row with neither.
GUESS_COLUMNS = {
    "made_at": "TIMESTAMP", "net_profit_cents": "BIGINT", "wins_of_10": "INTEGER", "filters": "VARCHAR",
}


#: One row per bet. `settled_status` is what its result rows say (won, cashed_out, lost, void;
#: NULL while none has come); a bet's `status` (figures/filtering.py) adds the cut-off rule to it.
BET_BASE_COLUMNS = {
    "bet_id": "VARCHAR", "bet_time": "TIMESTAMP", "last_time": "TIMESTAMP",
    "stake_cents": "BIGINT", "return_cents": "BIGINT", "profit_cents": "BIGINT",
    "row_count": "INTEGER", "bonus_funded": "BOOLEAN", "has_result": "BOOLEAN", "settled_status": "VARCHAR",
    "sport": "VARCHAR", "competition": "VARCHAR", "teams": "VARCHAR", "market": "VARCHAR",
    "bet_kind": "VARCHAR", "bet_type": "VARCHAR", "event": "VARCHAR", "selection": "VARCHAR",
    "price": "DOUBLE", "component": "VARCHAR", "summary": "VARCHAR", "legs": "VARCHAR",
}


CASH_BASE_COLUMNS = {
    "time": "TIMESTAMP", "rank": "INTEGER", "tx_id": "VARCHAR", "kind": "VARCHAR",
    "amount_cents": "BIGINT", "type": "VARCHAR", "category": "VARCHAR",
}


def _table(name: str, columns: dict[str, str]) -> str:
    body = ",\n  ".join(f'"{c}" {t}' for c, t in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {name} (\n  {body}\n)"


#: The tables the durable store keeps; everything else is derived from them.
STORED = {"transactions": TRANSACTION_COLUMNS, "uploads": UPLOAD_COLUMNS, "issues": ISSUE_COLUMNS,
          "guesses": GUESS_COLUMNS}

DDL = (
    _table("transactions", TRANSACTION_COLUMNS),  # tx_id is unique by construction (upsert.py)
    _table("uploads", UPLOAD_COLUMNS),
    _table("issues", ISSUE_COLUMNS),
    _table("guesses", GUESS_COLUMNS),
    _table("bet_base", BET_BASE_COLUMNS),
    _table("cash_base", CASH_BASE_COLUMNS),
)


def create(conn) -> None:
    """Create the tables if they do not exist yet."""
    for statement in DDL:
        conn.execute(statement)


