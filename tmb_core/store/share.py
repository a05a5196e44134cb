"""A share the punter can give a coach: every stored row in the export's own layout, without
what identifies the account, so that the reader (read/) takes it as it takes an export and
every figure comes out the same.

Kept: each row's time, Type, Amount, Balance and flags, and the Summary of the rows that
describe a bet (its sport, competition, market, bet type and price are understood from it).
Removed: the Transaction and Bet Ids (each replaced by a new one, below), the Summary of every
other row (a deposit's card digits, a withdrawal's bank account, a person's or a group's
name), the upload log and the file names. A last column, empty, whose header says the file is
a share and whether its amounts are scaled (read/columns.py `share_mark`); with `scale`, the
amounts are scaled so that the turnover is 100 (1,000 ... for many bets: store/scale.py).

The new ids are 12 digits drawn at random from a seed made of the stored rows themselves: the
same rows give the same share, other rows unrelated ids, and a scaled share other ids than an
exact one. They are sorted in the order of the ids they replace, so that figures that break a
tie by id break it alike; none holds an old id (of 4 digits or more) anywhere in it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import random

from ..model import BET_KINDS
from ..read.columns import SCALED_HEADER, SHARE_HEADER
from ..sql import Connection, lit, rows
from . import scale as scaling
from .bets import BET_ROW_KINDS

HEADER = ["Type", "Summary", "Transaction Id", "Bet Id", "Amount", "Balance", "Single", "Multiple", "Exotic", "Pool"]
_FLAGS = ("flag_single", "flag_multiple", "flag_exotic", "flag_pool")
_ID_DIGITS = 12


class CannotShare(ValueError):
    """The stored rows cannot make this share; the message says why."""


def _rows_sql() -> str:
    """Every stored row in stored order; a Summary only where the row describes a bet;
    `turnover`: a stake the turnover counts; `in_bet`: a row its bet adds up."""
    describes = f"bet_id IS NOT NULL AND kind IN ({', '.join(sorted(lit(k.value) for k in BET_KINDS))})"
    in_bet = f"bet_id IN (SELECT bet_id FROM bet_base) AND kind IN {BET_ROW_KINDS}"
    return f"""
        SELECT tx_id, strftime(time, '%d/%m/%Y %H:%M') || CASE WHEN second(time) <> 0
                 THEN strftime(time, ':%S') ELSE '' END AS time,
               type, amount_cents, balance_cents, bet_id, CASE WHEN {describes} THEN summary END AS summary,
               {', '.join(_FLAGS)}, coalesce({in_bet}, false) AS in_bet,
               coalesce({in_bet} AND kind IN ('stake', 'bonus_stake') AND amount_cents < 0, false) AS turnover
        FROM transactions ORDER BY transactions.time, rank, tx_id"""


def write(conn: Connection, scale: bool = False, scaled: bool = False) -> str:
    """The share of everything stored, as the text of a CSV file. `scale`: amounts scaled so
    that the turnover is 100; `scaled`: the stored rows came from a scaled share (the new
    one says so too). Raises CannotShare when nothing is stored, or nothing staked to scale."""
    table = [{**r, "amount_cents": int(r["amount_cents"]),
              "balance_cents": None if r["balance_cents"] is None else int(r["balance_cents"])}
             for r in rows(conn.query(_rows_sql()))]
    if not table:
        raise CannotShare("No transactions are stored, so there is nothing to share.")
    amounts = [r["amount_cents"] for r in table]
    balances = [r["balance_cents"] for r in table]
    mark = SHARE_HEADER
    if scale:
        done = scaling.scaled(table)
        if done is None:
            raise CannotShare("Nothing was staked, so the amounts cannot be scaled to a turnover of 100.")
        amounts, balances, turnover = done
        mark = SCALED_HEADER.format(turnover // 100)
    elif scaled:
        mark = SCALED_HEADER.format(round(sum(-r["amount_cents"] for r in table if r["turnover"]) / 100))
    rng = random.Random(_seed(table, scale or scaled))
    olds = {r["tx_id"] for r in table} | {r["bet_id"] for r in table if r["bet_id"]}
    tx_ids = new_ids([r["tx_id"] for r in table], olds, rng)
    bet_ids = new_ids([r["bet_id"] for r in table if r["bet_id"]], olds, rng)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"Time ({_zone(conn)})", *HEADER, mark])
    for r, amount, balance in reversed(list(zip(table, amounts, balances))):   # newest first, as Sportsbet writes
        writer.writerow([r["time"], r["type"], r["summary"] or "", tx_ids[r["tx_id"]], bet_ids.get(r["bet_id"], ""),
                         _money(amount), "" if balance is None else _money(balance),
                         *("" if r[f] is None else str(r[f]).lower() for f in _FLAGS), ""])
    return out.getvalue()


def _money(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _zone(conn: Connection) -> str:
    """The zone the exports' time header named, when they all named one; else AEST."""
    zones = conn.query("SELECT DISTINCT time_zone FROM uploads WHERE inserted > 0 AND time_zone IS NOT NULL")
    return zones["time_zone"][0] if len(zones["time_zone"]) == 1 else "AEST"


def _seed(table: list[dict], scaled: bool) -> bytes:
    """The new ids' seed: a digest of every stored row (its old ids too) and of the scaling."""
    digest = hashlib.sha256(b"trackmybets share scaled" if scaled else b"trackmybets share")
    for r in table:
        digest.update(repr(tuple(r.values())).encode("utf-8", "surrogatepass"))
    return digest.digest()


def new_ids(olds: list[str], avoid: set[str], rng: random.Random) -> dict[str, str]:
    """Old id -> a new random one of _ID_DIGITS digits, in the same order (as text), holding no
    id of `avoid` (those of 4 digits or more, where they are few enough to be avoided)."""
    distinct = sorted(set(olds))
    avoided = _avoidable(avoid)
    picked: set[str] = set()
    while len(picked) < len(distinct):
        new = str(rng.randrange(10 ** (_ID_DIGITS - 1), 10 ** _ID_DIGITS))
        if new not in picked and not any(new[i:i + n] in ids for n, ids in avoided
                                         for i in range(_ID_DIGITS - n + 1)):
            picked.add(new)
    return dict(zip(distinct, sorted(picked)))


def _avoidable(avoid: set[str]) -> list[tuple[int, set[str]]]:
    """The old ids a new one must not hold, by length: those of 4 to _ID_DIGITS digits, of a
    length where they are so few that a random id holds one less than once in 20 draws."""
    by_length: dict[int, set[str]] = {}
    for old in avoid:
        if old.isdigit() and 4 <= len(old) <= _ID_DIGITS:
            by_length.setdefault(len(old), set()).add(old)
    return [(n, ids) for n, ids in sorted(by_length.items())
            if len(ids) * (_ID_DIGITS - n + 1) < 10 ** n / 20]
