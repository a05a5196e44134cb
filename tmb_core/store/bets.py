"""Bets and cash movements derived over every stored transaction (`bet_base`, `cash_base`).

A bet is all rows with one Bet Id, whichever files they came from. Its profit is
the sum of its rows' amounts: return minus cash stake. The stored truth stays the
transactions: these two tables are a cache of this derivation, made again after every
change (`refresh`). The filters over them are `figures.filtering`.
"""
from __future__ import annotations

#: The kinds of the rows a bet adds up (an adjustment with its Bet Id too).
BET_ROW_KINDS = "('stake', 'win', 'lose', 'void', 'cash_out', 'bonus_stake', 'refund', 'adjustment')"


#: The descriptive columns a bet takes from its representative row: the first stake
#: (rows with a Summary first), else the first result row.
_DESCRIBED = ("sport", "competition", "teams", "market", "bet_kind", "bet_type", "event",
              "selection", "price", "component", "summary", "legs")
_REPRESENTATIVE = ("struct_pack(a := kind <> 'stake', b := summary IS NULL, c := time, d := rank, e := tx_id)")

BASE_SQL = f"""
    WITH bet_rows AS (
      SELECT * FROM transactions
      WHERE bet_id IS NOT NULL AND kind IN {BET_ROW_KINDS}
        AND bet_id IN (SELECT bet_id FROM transactions
                       WHERE bet_id IS NOT NULL AND kind IN {BET_ROW_KINDS} AND kind <> 'adjustment')
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
           WHEN a.has_lose THEN 'lost' WHEN a.has_void THEN 'void' END AS settled_status,
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


#: The categories of the rows that are no bet's (`cash_base.category`): a row's own kind, or
#: 'other' (a bet-like row with no bet to belong to, and any kind not named here).
CASH_CATEGORIES = ("deposit", "withdrawal", "returned_withdrawal", "transfer", "adjustment", "bonus", "other")

CASH_SQL = f"""
    SELECT time, rank, tx_id, kind, amount_cents, type,
      CASE WHEN kind IN {CASH_CATEGORIES[:-1]} THEN kind ELSE 'other' END AS category
    FROM transactions
    WHERE NOT (bet_id IS NOT NULL AND kind IN {BET_ROW_KINDS}
               AND bet_id IN (SELECT bet_id FROM bet_base))"""


