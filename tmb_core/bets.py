"""Bets derived over every stored transaction, and the filters every metric shares.

A bet is all rows with one Bet Id, whichever files they came from. Its profit is
the sum of its rows' amounts: return minus cash stake. Nothing here is stored.
All SQL is built with literals quoted by `lit`, so the same text runs unchanged
on CPython and in DuckDB-WASM.
"""
from __future__ import annotations

import datetime as dt

from .model import Filters

_BET_ROW_KINDS = "('stake', 'win', 'lose', 'void', 'cash_out', 'bonus_stake', 'refund', 'adjustment')"


def lit(value) -> str:
    """A SQL literal for a Python value (text quoted, never interpolated raw)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value:%Y-%m-%d %H:%M:%S}'"
    if isinstance(value, dt.date):
        return f"DATE '{value:%Y-%m-%d}'"
    return "'" + str(value).replace("'", "''") + "'"


def money(expr: str) -> str:
    """Cents to dollars as DOUBLE (NULL sums become 0)."""
    return f"CAST(coalesce({expr}, 0) AS DOUBLE) / 100"


def total(column: str) -> str:
    """The sum of a cents column, added up as DOUBLE.

    Every partial sum of whole cents stays far below 2**53, so the sum is exact and
    equal to DuckDB's default (HUGEINT) sum, which is several times slower to group.
    """
    return f"sum(CAST({column} AS DOUBLE))"


def count(condition: str = "") -> str:
    where = f" FILTER (WHERE {condition})" if condition else ""
    return f"CAST(count(*){where} AS INTEGER)"


def as_of_sql(f: Filters) -> str:
    return lit(f.as_of) if f.as_of else "(SELECT max(time) FROM transactions)"


#: The descriptive columns a bet takes from its representative row: the first stake
#: (rows with a Summary first), else the first result row.
_DESCRIBED = ("sport", "competition", "teams", "market", "bet_kind", "bet_type", "event",
              "selection", "price", "component", "summary", "legs")
_REPRESENTATIVE = ("struct_pack(a := kind <> 'stake', b := summary IS NULL, c := time, d := rank, e := tx_id)")

BASE_SQL = f"""
    WITH bet_rows AS (
      SELECT * FROM transactions
      WHERE bet_id IS NOT NULL AND kind IN {_BET_ROW_KINDS}
        AND bet_id IN (SELECT bet_id FROM transactions
                       WHERE bet_id IS NOT NULL AND kind IN {_BET_ROW_KINDS} AND kind <> 'adjustment')
    ),
    agg AS (
      SELECT bet_id,
        sum(CASE WHEN kind IN ('stake', 'bonus_stake') AND amount_cents < 0
                 THEN -amount_cents ELSE 0 END) AS stake_cents,
        sum(amount_cents) AS profit_cents,
        bool_or(kind = 'win') AS has_win, bool_or(kind = 'cash_out') AS has_cash_out,
        bool_or(kind IN ('void', 'refund')) AS has_void, bool_or(kind = 'lose') AS has_lose,
        min(time) FILTER (WHERE kind IN ('stake', 'bonus_stake')) AS stake_time,
        min(time) AS first_time, max(time) AS last_time,
        CAST(count(*) AS INTEGER) AS row_count,
        arg_min(struct_pack({', '.join(_DESCRIBED)}), {_REPRESENTATIVE}) FILTER (WHERE kind <> 'adjustment') AS r
      FROM bet_rows GROUP BY bet_id
    )
    SELECT a.bet_id, coalesce(a.stake_time, a.first_time) AS bet_time, a.last_time,
      a.stake_cents, a.profit_cents + a.stake_cents AS return_cents, a.profit_cents,
      a.row_count, a.stake_cents = 0 AS bonus_funded,
      (a.has_win OR a.has_cash_out OR a.has_lose OR a.has_void) AS has_result,
      CASE WHEN a.has_win THEN 'won' WHEN a.has_cash_out THEN 'cashed_out'
           WHEN a.has_lose THEN 'lost' WHEN a.has_void THEN 'void' END AS result,
      {', '.join(f"a.r.{c} AS {c}" for c in _DESCRIBED)}
    FROM agg a"""


#: The order of the rows in bet_base: a sport's bets (and a competition's) lie together, so a
#: query filtered on them reads the other columns of those rows only (DuckDB skips the parts of
#: a table where no row passed the filter), not of every bet.
BASE_ORDER = "sport, competition, bet_time, bet_id"


def refresh(conn) -> None:
    """Derive every bet again from every stored row (after each import or deletion).

    Bets live in `bet_base` (and the rows that are no bet's in `cash_base`) only as
    a cache of this derivation, so that changing a filter costs milliseconds; the
    stored truth stays the transactions. They are stored in `BASE_ORDER`.
    """
    conn.execute("DELETE FROM bet_base")
    conn.execute(f"INSERT INTO bet_base {BASE_SQL} ORDER BY {BASE_ORDER}")
    conn.execute("DELETE FROM cash_base")
    conn.execute(f"INSERT INTO cash_base {CASH_SQL}")


def all_bets_sql(f: Filters, row_ids: bool = False) -> str:
    """Every bet, one row each, with its status under the filters' cut-off (and, with
    `row_ids`, its row in bet_base as `base_row`)."""
    days = max(0, int(f.presumed_lost_days))
    return f"""
    SELECT *, {'rowid AS base_row, ' if row_ids else ''}coalesce(result, CASE WHEN bet_time < {as_of_sql(f)} - INTERVAL '{days} days'
                                    THEN 'presumed_lost' ELSE 'unsettled' END) AS status
    FROM bet_base"""


def date_conditions(f: Filters, column: str) -> list[str]:
    out = []
    if f.date_from:
        out.append(f"{column} >= {lit(f.date_from)}")
    if f.date_to:
        out.append(f"{column} < {lit(f.date_to)} + INTERVAL '1 day'")
    return out


def bet_conditions(f: Filters) -> list[str]:
    out = date_conditions(f, "bet_time")
    for column in ("sport", "competition", "market", "bet_kind", "bet_type", "status"):
        value = getattr(f, column)
        if value:
            out.append(f"{column} = {lit(value)}")
    if f.team:
        out.append(f"list_contains(string_split(coalesce(teams, ''), '|'), {lit(f.team)})")
    return out


def bets_sql(f: Filters, row_ids: bool = False) -> str:
    """The filtered bets (one row each); see `all_bets_sql` for `row_ids`."""
    where = " AND ".join(bet_conditions(f)) or "TRUE"
    return f"SELECT * FROM ({all_bets_sql(f, row_ids)}) WHERE {where}"


CASH_SQL = f"""
    SELECT time, rank, tx_id, kind, amount_cents, type,
      CASE WHEN kind IN ('deposit', 'withdrawal', 'returned_withdrawal', 'transfer',
                         'adjustment', 'bonus') THEN kind ELSE 'other' END AS category
    FROM transactions
    WHERE NOT (bet_id IS NOT NULL AND kind IN {_BET_ROW_KINDS}
               AND bet_id IN (SELECT bet_id FROM bet_base))"""


def cash_sql(f: Filters) -> str:
    """Rows that are not part of any bet (deposits, withdrawals, transfers, ...), in the date range.

    `category` is the row's kind, except that a bet-like row with no bet to belong
    to is 'other', so every cent of every row is counted exactly once.
    """
    where = " AND ".join(date_conditions(f, "time")) or "TRUE"
    return f"SELECT * FROM cash_base WHERE {where}"
