"""The punter's guesses: what they thought their betting made or cost them, and how many of
10 bets they thought win, asked before the figures are shown (the page's "guess first").

A guess is stored with the data (the `guesses` table of `schema.STORED`: the durable store
and the backup keep it, "delete everything" deletes it), for the filters it was made on.
A skipped guess is a row with neither answer, so the page does not ask again unasked.
"""
from __future__ import annotations

import datetime as dt
import json

from ..model import Filters
from ..sql import Connection, load_rows, rows
from . import schema

#: The largest net profit a guess may name, in dollars (an export's amounts have at most 13 digits of cents).
LARGEST = 10**11
_TIME = "%Y-%m-%d %H:%M:%S"


class BadGuess(ValueError):
    """A guess that cannot be compared with anything (the page's inputs keep it from happening)."""


def add(conn: Connection, filters: Filters, net_profit: float | None, wins_of_10: int | None,
        made_at: dt.datetime | None = None) -> None:
    """Store one guess (both answers None: skipped)."""
    if net_profit is not None and not (isinstance(net_profit, (int, float)) and abs(net_profit) < LARGEST):
        raise BadGuess(f"A guess of what betting made or cost must be an amount under ${LARGEST:,}, not {net_profit!r}.")
    if wins_of_10 is not None and wins_of_10 not in range(11):
        raise BadGuess(f"How many of 10 bets win must be a whole number from 0 to 10, not {wins_of_10!r}.")
    cents = None if net_profit is None else round(net_profit * 100)
    when = (made_at or dt.datetime.now()).strftime(_TIME)
    load_rows(conn, "INSERT INTO guesses", schema.GUESS_COLUMNS,
              [[when, cents, wins_of_10, json.dumps(filters.as_json(), sort_keys=True)]])


def latest(conn: Connection) -> dict | None:
    """The latest guess: made_at (ISO text), net_profit (dollars), wins_of_10 and the Filters
    it was made on; None when the punter was never asked."""
    found = rows(conn.query(f"""SELECT strftime(made_at, '{_TIME}') AS made_at, net_profit_cents, wins_of_10, filters
                               FROM guesses ORDER BY made_at DESC, rowid DESC LIMIT 1"""))
    if not found:
        return None
    g = found[0]
    cents = g.pop("net_profit_cents")
    return {**g, "net_profit": None if cents is None else cents / 100,
            "filters": Filters.from_json(json.loads(g["filters"]))}
