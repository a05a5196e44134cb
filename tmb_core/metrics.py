"""Every figure the dashboards and the CLI show, as SQL run by DuckDB.

Each function takes a connection and one `Filters`, and returns columns (a dict
of lists) or a dict of numbers. Money is in dollars (DOUBLE), counts INTEGER,
times ISO text: the same on CPython and in DuckDB-WASM.
"""
from __future__ import annotations

from .bets import bets_sql, cash_sql, count, lit, money
from .db import Columns, Connection, rows
from .model import Filters

PERIODS = ("day", "week", "month")
DIMENSIONS = ("sport", "competition", "team", "market", "bet_kind", "bet_type", "status")
_SETTLED = "status NOT IN ('unsettled', 'void')"
_WINNER = f"{_SETTLED} AND return_cents > stake_cents"


def _bet_figures() -> str:
    return f"""
      {count()} AS bets,
      {money('sum(stake_cents)')} AS staked,
      {money('sum(return_cents)')} AS returned,
      {money('sum(profit_cents)')} AS net_profit,
      {money('sum(profit_cents) FILTER (WHERE has_result)')} AS settled_net_profit,
      {count(_SETTLED)} AS settled_bets,
      {count(_WINNER)} AS winning_bets,
      {count("status = 'unsettled'")} AS unsettled_bets,
      {money("sum(stake_cents) FILTER (WHERE status = 'unsettled')")} AS unsettled_exposure,
      {count("status = 'presumed_lost'")} AS presumed_lost_bets,
      {money("sum(stake_cents) FILTER (WHERE status = 'presumed_lost')")} AS presumed_lost_stakes,
      {count('bonus_funded')} AS bonus_bets,
      {money('sum(return_cents) FILTER (WHERE bonus_funded)')} AS bonus_returns,
      {count('stake_cents > 0')} AS cash_bets"""


def _ratios(out: dict) -> dict:
    out["roi"] = out["net_profit"] / out["staked"] if out["staked"] else None
    out["strike_rate"] = out["winning_bets"] / out["settled_bets"] if out["settled_bets"] else None
    out["average_stake"] = out["staked"] / out["cash_bets"] if out["cash_bets"] else None
    return out


def headline(conn: Connection, f: Filters) -> dict:
    """The headline cards: profit, turnover, ROI, strike rate, cash in and out, exposure."""
    bets = rows(conn.query(f"SELECT {_bet_figures()} FROM ({bets_sql(f)})"))[0]
    cash = rows(conn.query(f"""
      SELECT {money("sum(amount_cents) FILTER (WHERE category = 'deposit')")} AS deposits,
             {money("-sum(amount_cents) FILTER (WHERE category = 'withdrawal')")} AS withdrawals,
             {money("sum(amount_cents) FILTER (WHERE category = 'returned_withdrawal')")} AS returned_withdrawals,
             {money("sum(amount_cents) FILTER (WHERE category = 'transfer')")} AS transfers,
             {money("sum(amount_cents) FILTER (WHERE category = 'adjustment')")} AS adjustments,
             {money("sum(amount_cents) FILTER (WHERE category = 'bonus')")} AS bonus_credits,
             {money("sum(amount_cents) FILTER (WHERE category = 'other')")} AS other_amounts
      FROM ({cash_sql(f)})"""))[0]
    out = _ratios({**bets, **cash})
    out["net_cash_in"] = out["deposits"] - out["withdrawals"] + out["returned_withdrawals"]
    return out


def _period_expr(period: str, column: str) -> str:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    return f"strftime(date_trunc('{period}', {column}), '%Y-%m-%d')"


def profit_series(conn: Connection, f: Filters, period: str = "day") -> Columns:
    """Profit and loss per day, week (from Monday) or month, with the running total."""
    return conn.query(f"""
      SELECT period, bets, {money('staked')} AS staked, {money('profit')} AS profit,
             {money('sum(profit) OVER (ORDER BY period ROWS UNBOUNDED PRECEDING)')} AS cumulative
      FROM (SELECT {_period_expr(period, 'bet_time')} AS period, {count()} AS bets,
                   sum(stake_cents) AS staked, sum(profit_cents) AS profit
            FROM ({bets_sql(f)}) GROUP BY 1)
      ORDER BY period""")


def cash_series(conn: Connection, f: Filters, period: str = "month") -> Columns:
    """Deposits against withdrawals per period (withdrawals as positive numbers)."""
    return conn.query(f"""
      SELECT {_period_expr(period, 'time')} AS period,
        {money("sum(amount_cents) FILTER (WHERE category = 'deposit')")} AS deposits,
        {money("-sum(amount_cents) FILTER (WHERE category = 'withdrawal')")} AS withdrawals,
        {money("sum(amount_cents) FILTER (WHERE category = 'returned_withdrawal')")} AS returned_withdrawals
      FROM ({cash_sql(f)})
      WHERE category IN ('deposit', 'withdrawal', 'returned_withdrawal')
      GROUP BY 1 ORDER BY 1""")


def breakdown(conn: Connection, f: Filters, dimension: str) -> Columns:
    """Bets, turnover, profit, ROI and strike rate per sport, competition, team, market or kind.

    A bet on a match counts for both teams, so team rows can add up to more than the total.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {DIMENSIONS}")
    source = f"({bets_sql(f)})"
    key = f"coalesce({dimension}, 'Unknown')"
    if dimension == "team":
        source = f"(SELECT *, unnest(string_split(teams, '|')) AS team FROM {source} WHERE teams IS NOT NULL)"
        key = "team"
    return conn.query(f"""
      SELECT {key} AS key, {count()} AS bets, {money('sum(stake_cents)')} AS staked,
             {money('sum(return_cents)')} AS returned, {money('sum(profit_cents)')} AS profit,
             CASE WHEN sum(stake_cents) > 0
                  THEN CAST(sum(profit_cents) AS DOUBLE) / sum(stake_cents) END AS roi,
             CASE WHEN count(*) FILTER (WHERE {_SETTLED}) > 0
                  THEN CAST(count(*) FILTER (WHERE {_WINNER}) AS DOUBLE)
                       / count(*) FILTER (WHERE {_SETTLED}) END AS strike_rate
      FROM {source} GROUP BY 1 ORDER BY staked DESC, key""")


BET_FIELDS = """bet_id, strftime(bet_time, '%Y-%m-%dT%H:%M:%S') AS placed, sport, competition,
  event, market, selection, bet_kind, bet_type, status, price,
  CAST(stake_cents AS DOUBLE) / 100 AS stake, CAST(return_cents AS DOUBLE) / 100 AS returned,
  CAST(profit_cents AS DOUBLE) / 100 AS profit, bonus_funded, teams, summary, legs"""


def top_bets(conn: Connection, f: Filters, best: bool = True, limit: int = 10) -> Columns:
    """The best (largest profit) or worst (largest loss) bets."""
    order = "DESC" if best else "ASC"
    return conn.query(f"""SELECT {BET_FIELDS} FROM ({bets_sql(f)})
      ORDER BY profit_cents {order}, bet_time, bet_id LIMIT {int(limit)}""")


SORTABLE = {"placed": "bet_time", "stake": "stake_cents", "returned": "return_cents",
            "profit": "profit_cents", "price": "price", "sport": "sport", "status": "status",
            "bet_type": "bet_type", "competition": "competition", "event": "event", "market": "market"}


def bet_table(conn: Connection, f: Filters, search: str = "", sort: str = "placed",
              descending: bool = True, limit: int | None = 50, offset: int = 0) -> tuple[Columns, int]:
    """A page of the filtered bets, searched in their text and sorted; and how many match."""
    where = "TRUE"
    if search.strip():
        needle = lit(f"%{search.strip().lower()}%")
        where = f"lower(concat_ws(' ', summary, sport, competition, bet_type, status, bet_id)) LIKE {needle}"
    order = f"{SORTABLE.get(sort, 'bet_time')} {'DESC' if descending else 'ASC'} NULLS LAST, bet_id"
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    source = f"(SELECT * FROM ({bets_sql(f)}) WHERE {where})"
    total = conn.query(f"SELECT {count()} AS n FROM {source}")["n"][0]
    return conn.query(f"SELECT {BET_FIELDS} FROM {source} ORDER BY {order}{page}"), total


def swings(conn: Connection, f: Filters) -> dict:
    """The largest drawdown (peak to trough) and run-up (trough to peak) of cumulative profit."""
    found = rows(conn.query(f"""
      WITH s AS (
        SELECT 0 AS seq, min(bet_time) AS t, 0 AS cum FROM ({bets_sql(f)})
        UNION ALL
        SELECT row_number() OVER (ORDER BY bet_time, bet_id) AS seq, bet_time AS t,
               sum(profit_cents) OVER (ORDER BY bet_time, bet_id ROWS UNBOUNDED PRECEDING) AS cum
        FROM ({bets_sql(f)})),
      w AS (
        SELECT t, cum, max(cum) OVER run AS peak, min(cum) OVER run AS trough,
               arg_max(t, cum) OVER run AS peak_t, arg_min(t, cum) OVER run AS trough_t
        FROM s WHERE t IS NOT NULL
        WINDOW run AS (ORDER BY seq ROWS UNBOUNDED PRECEDING)),
      dd AS (SELECT peak - cum AS size, peak_t AS start, t AS finish FROM w
             ORDER BY size DESC, finish LIMIT 1),
      ru AS (SELECT cum - trough AS size, trough_t AS start, t AS finish FROM w
             ORDER BY size DESC, finish LIMIT 1)
      SELECT 'drawdown' AS swing, {money('size')} AS amount,
             strftime(start, '%Y-%m-%dT%H:%M:%S') AS start, strftime(finish, '%Y-%m-%dT%H:%M:%S') AS finish
      FROM dd
      UNION ALL
      SELECT 'run_up', {money('size')}, strftime(start, '%Y-%m-%dT%H:%M:%S'),
             strftime(finish, '%Y-%m-%dT%H:%M:%S') FROM ru"""))
    return {r["swing"]: {k: r[k] for k in ("amount", "start", "finish")} for r in found}


def facets(conn: Connection, f: Filters | None = None) -> dict:
    """The values each filter can take, over all bets (for the filter controls)."""
    source = f"({bets_sql(f or Filters())})"
    out = {}
    for column in ("sport", "competition", "market", "bet_kind", "bet_type", "status"):
        out[column] = conn.query(f"SELECT DISTINCT coalesce({column}, 'Unknown') AS v FROM {source} ORDER BY 1")["v"]
    out["team"] = conn.query(f"""SELECT DISTINCT unnest(string_split(teams, '|')) AS v
        FROM {source} WHERE teams IS NOT NULL ORDER BY 1""")["v"]
    span = conn.query("""SELECT strftime(min(time), '%Y-%m-%d') AS first,
        strftime(max(time), '%Y-%m-%d') AS last FROM transactions""")
    out["first"], out["last"] = span["first"][0], span["last"][0]
    return out
