"""Every figure the dashboards and the CLI show, as SQL run by DuckDB.

Each function takes a connection and one `Filters`, and returns columns (a dict
of lists) or a dict of numbers. Money is in dollars (DOUBLE), counts INTEGER,
times ISO text: the same on CPython and in DuckDB-WASM.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt

from ..model import CHOICES, Filters
from ..sql import Columns, Connection, count, lit, money, rows, total
from .filtering import bets_sql, cash_sql, choice_condition

PERIODS = ("day", "week", "month")
#: The bets whose outcome is known (a void bet has none): the strike rate and the insights count these.
SETTLED = "status NOT IN ('unsettled', 'void')"
_WINNER = f"{SETTLED} AND return_cents > stake_cents"


def _bet_figures() -> str:
    return f"""
      {count()} AS bets,
      {money(total('stake_cents'))} AS staked,
      {money(total('return_cents'))} AS returned,
      {money(total('profit_cents'))} AS net_profit,
      {money(total('profit_cents') + ' FILTER (WHERE has_result)')} AS settled_net_profit,
      {count(SETTLED)} AS settled_bets,
      {count(_WINNER)} AS winning_bets,
      {count("status = 'unsettled'")} AS unsettled_bets,
      {money(total('stake_cents') + " FILTER (WHERE status = 'unsettled')")} AS unsettled_exposure,
      {count("status = 'presumed_lost'")} AS presumed_lost_bets,
      {money(total('stake_cents') + " FILTER (WHERE status = 'presumed_lost')")} AS presumed_lost_stakes,
      {count('bonus_funded')} AS bonus_bets,
      {money(total('return_cents') + ' FILTER (WHERE bonus_funded)')} AS bonus_returns,
      {count('stake_cents > 0')} AS cash_bets"""


def _ratios(out: dict) -> dict:
    out["roi"] = out["net_profit"] / out["staked"] if out["staked"] else None
    out["strike_rate"] = out["winning_bets"] / out["settled_bets"] if out["settled_bets"] else None
    out["average_stake"] = out["staked"] / out["cash_bets"] if out["cash_bets"] else None
    return out


def _cash(category: str, sign: str = "") -> str:
    return money(f"{sign}{total('amount_cents')} FILTER (WHERE category = '{category}')")


#: The bets' columns every dashboard figure reads (the rest are looked up for the few bets
#: listed, by their row in bet_base: `base_row`).
NARROW = ("bet_id, bet_time, stake_cents, return_cents, profit_cents, has_result, status, bonus_funded, "
          "sport, competition, teams, market, bet_kind, bet_type, price, base_row")
#: The scratch table `materialise` fills; it holds one request's filtered bets.
SCRATCH = "dashboard_bets"


def bets_source(f: Filters, source: str | None) -> str:
    """The relation the filtered bets are read from: `source` when given, else the query."""
    return source or f"({bets_sql(f)})"


def materialise(conn: Connection, f: Filters) -> str:
    """Compute the filtered bets once (with their status) into a scratch table of the
    columns the dashboard's figures read, and return its name: every figure of one view
    then reads it instead of deriving the bets again. Each call replaces the last one's."""
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {SCRATCH} AS SELECT {NARROW} FROM ({bets_sql(f, row_ids=True)})")
    return SCRATCH


def cash_totals(conn: Connection, f: Filters) -> dict:
    """Money in and out that is no bet's, by category, in the filters' date range
    (the only filters that apply to it)."""
    return rows(conn.query(f"""
        SELECT {_cash('deposit')} AS deposits, {_cash('withdrawal', '0 - ')} AS withdrawals,
               {_cash('returned_withdrawal')} AS returned_withdrawals, {_cash('transfer')} AS transfers,
               {_cash('adjustment')} AS adjustments, {_cash('bonus')} AS bonus_credits,
               {_cash('other')} AS other_amounts
        FROM ({cash_sql(f)})"""))[0]


def headline(conn: Connection, f: Filters, source: str | None = None, cash: dict | None = None) -> dict:
    """The headline cards: profit, turnover, ROI, strike rate, cash in and out, exposure.
    `cash` is `cash_totals` for the same dates, when the caller has it already."""
    out = rows(conn.query(f"SELECT {_bet_figures()} FROM {bets_source(f, source)}"))[0]
    out.update(cash or cash_totals(conn, f))
    _ratios(out)
    out["net_cash_in"] = out["deposits"] - out["withdrawals"] + out["returned_withdrawals"]
    return out


def _period_expr(period: str, column: str) -> str:
    """The start of the period (a TIMESTAMP: format it after grouping, once per period)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    return f"date_trunc('{period}', {column})"


def _day(column: str) -> str:
    return f"strftime({column}, '%Y-%m-%d')"


def profit_series(conn: Connection, f: Filters, period: str = "day", source: str | None = None) -> Columns:
    """Profit and loss per day, week (from Monday) or month, with the running total."""
    return conn.query(f"""
      SELECT {_day('period')} AS period, bets, {money('staked')} AS staked, {money('profit')} AS profit,
             {money('sum(profit) OVER (ORDER BY period ROWS UNBOUNDED PRECEDING)')} AS cumulative
      FROM (SELECT {_period_expr(period, 'bet_time')} AS period, {count()} AS bets,
                   {total('stake_cents')} AS staked, {total('profit_cents')} AS profit
            FROM {bets_source(f, source)} GROUP BY 1)
      ORDER BY 1""")


def cash_series(conn: Connection, f: Filters, period: str = "month") -> Columns:
    """Deposits against withdrawals per period (withdrawals as positive numbers)."""
    return conn.query(f"""
      SELECT {_day('period')} AS period, deposits, withdrawals, returned_withdrawals
      FROM (SELECT {_period_expr(period, 'time')} AS period, {_cash('deposit')} AS deposits,
                   {_cash('withdrawal', '0 - ')} AS withdrawals, {_cash('returned_withdrawal')} AS returned_withdrawals
            FROM ({cash_sql(f)})
            WHERE category IN ('deposit', 'withdrawal', 'returned_withdrawal')
            GROUP BY 1)
      ORDER BY 1""")


def _group_figures() -> str:
    return f"""{count()} AS bets,
             {money(total('stake_cents'))} AS staked, {money(total('return_cents'))} AS returned,
             {money(total('profit_cents'))} AS profit,
             CASE WHEN {total('stake_cents')} > 0
                  THEN {total('profit_cents')} / {total('stake_cents')} END AS roi,
             CASE WHEN count(*) FILTER (WHERE {SETTLED}) > 0
                  THEN CAST(count(*) FILTER (WHERE {_WINNER}) AS DOUBLE)
                       / count(*) FILTER (WHERE {SETTLED}) END AS strike_rate"""


def _team_sql(source: str) -> str:
    """A bet on a match counts once for each team it names."""
    return f"""
      SELECT {CHOICES.index('team')} AS dimension, team AS key, {_group_figures()}
      FROM (SELECT *, unnest(string_split(teams, '|')) AS team FROM {source} WHERE teams IS NOT NULL)
      GROUP BY team"""


def _grouped_sql(dimensions: list[str], source: str) -> str:
    """The plain dimensions in one pass over the bets (one grouping set each)."""
    keys = ", ".join(f"coalesce({d}, 'Unknown') AS k_{d}" for d in dimensions)
    which = " ".join(f"WHEN grouping(k_{d}) = 0 THEN {CHOICES.index(d)}" for d in dimensions)
    key = f"coalesce({', '.join(f'k_{d}' for d in dimensions)})" if len(dimensions) > 1 else f"k_{dimensions[0]}"
    sets = ", ".join(f"(k_{d})" for d in dimensions)
    return f"""
      SELECT CASE {which} END AS dimension, {key} AS key, {_group_figures()}
      FROM (SELECT *, {keys} FROM {source}) GROUP BY GROUPING SETS ({sets})"""


def breakdowns(conn: Connection, f: Filters, dimensions: tuple[str, ...] = CHOICES,
               source: str | None = None, limit: tuple[int, int] | None = None) -> dict[str, Columns]:
    """Bets, turnover, profit, ROI and strike rate per sport, competition, team, market or kind,
    largest turnover first: every dimension asked for, in one query.

    A bet on a match counts for both teams, so team rows can add up to more than the total.
    With `limit=(top, lowest)` each dimension holds only its `top` rows by turnover and its
    `lowest` rows by profit (all a dashboard shows), in the same order.
    """
    unknown = set(dimensions) - set(CHOICES)
    if unknown:
        raise ValueError(f"dimension must be one of {CHOICES}, not {sorted(unknown)}")
    source = bets_source(f, source)
    plain = [d for d in dimensions if d != "team"]
    parts = ([_grouped_sql(plain, source)] if plain else []) + ([_team_sql(source)] if "team" in dimensions else [])
    sql = " UNION ALL ".join(parts)
    if limit:
        sql = f"""SELECT * FROM ({sql}) QUALIFY
          row_number() OVER (PARTITION BY dimension ORDER BY staked DESC, key) <= {int(limit[0])}
          OR row_number() OVER (PARTITION BY dimension ORDER BY profit, staked DESC, key) <= {int(limit[1])}"""
    return _by_dimension(conn.query(sql + " ORDER BY dimension, staked DESC, key"), dimensions)


def _by_dimension(table: Columns, dimensions) -> dict[str, Columns]:
    """Rows ordered by dimension split into one table per dimension (slices, not row by row)."""
    names = [n for n in table if n != "dimension"]
    out = {}
    for d in dimensions:
        rows_of = _rows_of(table["dimension"], CHOICES.index(d))
        out[d] = {n: table[n][rows_of] for n in names}
    return out


def _rows_of(index: list[int], code: int) -> slice:
    """The rows whose `index` is `code`, in a result ordered by that index."""
    start = bisect.bisect_left(index, code)
    return slice(start, bisect.bisect_right(index, code, start))


def breakdown(conn: Connection, f: Filters, dimension: str) -> Columns:
    """One dimension of `breakdowns`."""
    return breakdowns(conn, f, (dimension,))[dimension]


BET_FIELDS = """bet_id, strftime(bet_time, '%Y-%m-%dT%H:%M:%S') AS placed, sport, competition,
  event, market, selection, bet_kind, bet_type, status, price,
  CAST(stake_cents AS DOUBLE) / 100 AS stake, CAST(return_cents AS DOUBLE) / 100 AS returned,
  CAST(profit_cents AS DOUBLE) / 100 AS profit, bonus_funded, teams, summary, legs"""


def _order(best: bool) -> str:
    return f"profit_cents {'DESC' if best else 'ASC'}, bet_time, bet_id"


def top_bets(conn: Connection, f: Filters, best: bool = True, limit: int = 10) -> Columns:
    """The best (largest profit) or worst (largest loss) bets."""
    order = _order(best)
    source = f"({bets_sql(f)})"
    return conn.query(f"""SELECT {BET_FIELDS} FROM {source}
      WHERE bet_id IN (SELECT bet_id FROM {source} ORDER BY {order} LIMIT {int(limit)})
      ORDER BY {order}""")


def best_and_worst(conn: Connection, f: Filters, limit: int = 10,
                   source: str | None = None) -> tuple[Columns, Columns]:
    """`top_bets` best and worst: the bets are picked from `source` (narrow: it may lack the
    descriptive columns; it has `base_row`), then only those rows are read from bet_base.

    Two queries, because a join to bet_base reads every bet's wide text columns (Summary,
    legs) while a semi-join on rowid reads only the rows it finds."""
    source = source or f"({bets_sql(f, row_ids=True)})"
    top = rows(conn.query(f"""
      SELECT best, base_row, status FROM (
        (SELECT base_row, status, profit_cents, bet_time, bet_id, TRUE AS best FROM {source}
         ORDER BY {_order(True)} LIMIT {int(limit)})
        UNION ALL
        (SELECT base_row, status, profit_cents, bet_time, bet_id, FALSE AS best FROM {source}
         ORDER BY {_order(False)} LIMIT {int(limit)}))
      ORDER BY best DESC, CASE WHEN best THEN -profit_cents ELSE profit_cents END, bet_time, bet_id"""))
    wanted = ", ".join(str(int(t["base_row"])) for t in top) or "NULL"
    # status is the filters' (from `top`); bet_base has none, so the described rows carry NULL
    found = conn.query(f"""SELECT base_row, {BET_FIELDS} FROM (
      SELECT rowid AS base_row, *, CAST(NULL AS VARCHAR) AS status FROM bet_base
      WHERE rowid IN (SELECT unnest([{wanted}])))""")
    names = [n for n in found if n != "base_row"]
    by_row = {r["base_row"]: r for r in rows(found)}
    split = ({n: [] for n in names}, {n: [] for n in names})
    for t in top:
        bet = {**by_row[t["base_row"]], "status": t["status"]}
        for n in names:
            split[0 if t["best"] else 1][n].append(bet[n])
    return split


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


def swings(conn: Connection, f: Filters, source: str | None = None) -> dict:
    """The largest drawdown (peak to trough) and run-up (trough to peak) of cumulative profit,
    bet by bet in the order placed, from nothing before the first bet. Each swing starts at the
    first time its peak (or trough) was reached; of equal swings the one that ends first counts.
    `high` and `low` are the running totals it runs between (dollars): the chart's markers.

    DuckDB sorts the bets and hands over two numbers per bet, walked once in Python: cheaper
    than the window functions and subqueries the same answer takes in DuckDB-WASM."""
    bets = conn.query(f"""SELECT CAST(floor(epoch(bet_time)) AS BIGINT) AS t, profit_cents AS p
      FROM {bets_source(f, source)} ORDER BY bet_time, bet_id""")
    if not bets["t"]:
        return {}
    first = bets["t"][0]
    running = peak = trough = 0                    # cents: the running total, its highest and lowest
    peak_at = trough_at = first                    # when the peak (trough) was first reached
    down = up = (0, first, first, 0)               # the largest swings so far: (size, start, finish, high)
    for t, p in zip(bets["t"], bets["p"]):
        running += p
        if running > peak:
            peak, peak_at = running, t
        elif peak - running > down[0]:
            down = (peak - running, peak_at, t, peak)
        if running < trough:
            trough, trough_at = running, t
        elif running - trough > up[0]:
            up = (running - trough, trough_at, t, running)
    return {name: {"amount": size / 100, "start": _stamp(start), "finish": _stamp(finish),
                   "high": high / 100, "low": (high - size) / 100}
            for name, (size, start, finish, high) in (("drawdown", down), ("run_up", up))}


def _stamp(seconds: int) -> str:
    return (_EPOCH + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")


_EPOCH = dt.datetime(1970, 1, 1)


def choices(conn: Connection, f: Filters | None = None) -> dict:
    """The values each filter can take, over all bets (for the filter controls), sorted, then
    the stored dates."""
    out = _choice_values(conn, f or Filters(), narrowed=False)
    span = conn.query("""SELECT strftime(min(time), '%Y-%m-%d') AS first,
        strftime(max(time), '%Y-%m-%d') AS last FROM transactions""")
    out["first"], out["last"] = span["first"][0], span["last"][0]
    return out


def narrowed_choices(conn: Connection, f: Filters) -> dict:
    """The values each choice filter can take under the others and the dates (its own set
    aside, so another value can be chosen): a sport chosen narrows the competitions, teams and
    markets to its own, and each of them the others."""
    return _choice_values(conn, f, narrowed=True)


def _choice_values(conn: Connection, f: Filters, narrowed: bool) -> dict:
    """One query for every filter: the bets are derived once, each filter then scans one column
    (under the other filters' conditions when `narrowed`; else under all of `f`)."""
    chosen = {c: choice_condition(c, getattr(f, c)) for c in CHOICES if narrowed and getattr(f, c)}
    base = dataclasses.replace(f, **dict.fromkeys(chosen)) if narrowed else f
    columns = ", ".join(c if c != "team" else "teams" for c in CHOICES)
    parts = []
    for i, c in enumerate(CHOICES):
        where = " AND ".join(w for other, w in chosen.items() if other != c) or "TRUE"
        value = "unnest(string_split(teams, '|'))" if c == "team" else f"coalesce({c}, 'Unknown')"
        known = " AND teams IS NOT NULL" if c == "team" else ""
        parts.append(f"SELECT {i} AS choice, v FROM (SELECT DISTINCT {value} AS v FROM b WHERE {where}{known})")
    found = conn.query(f"WITH b AS MATERIALIZED (SELECT {columns} FROM ({bets_sql(base)})) "
                       + " UNION ALL ".join(parts) + " ORDER BY choice, v")
    return {name: found["v"][_rows_of(found["choice"], i)] for i, name in enumerate(CHOICES)}
