"""The figures as pandas DataFrames, for notebooks: `from tmb_core import frames`.

Each frame takes a `Ledger` and one `Filters` (None: every bet) and reads the SQL the figures
read (`figures/filtering.py`, `figures/metrics.py`), so its totals are the dashboard's to the cent.
CPython with pandas only (the `explore` extra): pandas is imported inside the functions, so
tmb_core imports without it, and the browser never runs this.

The dtypes are the same in every frame, and an empty ledger gives empty frames of the same
columns and dtypes:

- times: `datetime64[ns]`, naive, on the export's own clock (AEST, as stored); NaT when missing.
- money: `float64` dollars, each value a whole number of cents. Float rather than Decimal:
  pandas holds Decimals as Python objects (slow, and most of pandas treats them as text). A float
  holds a cent value exactly to 2 places, but a sum of many can be off in its last bits: round a
  sum to cents, `round(frame["profit"].sum(), 2)`, and it is the ledger's figure exactly.
- counts: `int64`; `Int64` (pandas' nullable integer) where a value can be missing.
- prices and ratios (ROI, strike rate): `float64`, NaN when there is none.
- yes or no: `bool`; `boolean` (nullable) where a value can be missing.
- text: pandas' `string` dtype (missing is `pd.NA`). The columns whose values come from a fixed
  list (a bet's `bet_kind` and `status`, a row's `kind`, a cash movement's `kind`) are `category`,
  with the whole list as categories in the same order in every ledger: group them with
  `observed=True` to see only the values present. Sport, competition, market and the other names
  are open lists (the next export may bring a new one): `string`.

Each row has an index that is unique by construction: a bet's id, a transaction's id, a
breakdown's key.
"""
from __future__ import annotations

from ..figures import metrics
from ..figures.filtering import bets_sql, cash_sql, transactions_sql
from ..model import CHOICES, BetKind, Filters, Status, TxKind
from ..sql import Columns
from ..store.bets import CASH_CATEGORIES
from ..store.schema import TRANSACTION_COLUMNS

#: How a time crosses from SQL (as text, as every tmb_core query gives it).
ISO = "%Y-%m-%dT%H:%M:%S"
#: The dtypes, by what a column holds (a tuple: a category of exactly those values).
TIME, MONEY, FLOAT, COUNT, MAYBE_COUNT, FLAG, MAYBE_FLAG, TEXT = (
    "datetime64[ns]", "money", "float64", "int64", "Int64", "bool", "boolean", "string")
BET_KINDS = tuple(k.value for k in BetKind)
STATUSES = tuple(s.value for s in Status)
ROW_KINDS = tuple(k.value for k in TxKind)
#: The breakdowns' dimensions (`metrics.breakdowns`): the choice filters.
DIMENSIONS = CHOICES

#: `bets`: the columns of `Ledger.bets` (`metrics.BET_FIELDS`), with when a bet settled and its rows.
BET_COLUMNS = {
    "placed": TIME, "settled": TIME, "sport": TEXT, "competition": TEXT, "event": TEXT, "market": TEXT,
    "selection": TEXT, "bet_kind": BET_KINDS, "bet_type": TEXT, "status": STATUSES, "price": FLOAT,
    "stake": MONEY, "returned": MONEY, "profit": MONEY, "bonus_funded": FLAG, "row_count": COUNT,
    "teams": TEXT, "summary": TEXT, "legs": TEXT,
}
#: When a bet with a result settled: the time of its last row (NULL while it has no result).
_SETTLED = f"CASE WHEN has_result THEN strftime(last_time, '{ISO}') END AS settled"

#: `cash`: the rows that are no bet's, as the cash figures count them.
CASH_COLUMNS = {"time": TIME, "kind": CASH_CATEGORIES, "amount": MONEY, "type": TEXT}

#: `breakdown`: `metrics.breakdown`'s columns, by its key.
BREAKDOWN_COLUMNS = {"bets": COUNT, "staked": MONEY, "returned": MONEY, "profit": MONEY,
                     "roi": FLOAT, "strike_rate": FLOAT}

_BY_SQL_TYPE = {"VARCHAR": TEXT, "TIMESTAMP": TIME, "INTEGER": MAYBE_COUNT, "DOUBLE": FLOAT,
                "BOOLEAN": MAYBE_FLAG, "BIGINT": MONEY}


def _transaction_columns() -> dict:
    """Every stored column (`schema.TRANSACTION_COLUMNS`) but the id; cents as dollars, without `_cents`."""
    fixed = {"kind": ROW_KINDS, "bet_kind": BET_KINDS}
    return {c.removesuffix("_cents"): fixed.get(c, _BY_SQL_TYPE[t]) for c, t in TRANSACTION_COLUMNS.items()
            if c != "tx_id"}


#: `transactions`: the stored rows as the export said them and as they were understood.
TRANSACTION_FRAME_COLUMNS = _transaction_columns()


def bets(ledger, filters: Filters | None = None):
    """One row per filtered bet (the bets `Ledger.bets` holds), oldest first, indexed by bet id.

    Columns (`BET_COLUMNS`): `placed` (the first stake's time), `settled` (the time of its last
    row, for a bet with a result; NaT while it has none), sport ... bet_type, `status` (under the
    filters' cut-off for presumed losses), `price`, `stake` (cash staked), `returned`, `profit`
    (returned less stake), `bonus_funded`, `row_count` (the transactions that make it), `teams`
    (the teams it names, `|` between them), `summary` and `legs` (a multi's legs as JSON text)."""
    f = filters or Filters()
    table = ledger.conn.query(f"""SELECT {metrics.BET_FIELDS}, {_SETTLED}, row_count
                                  FROM ({bets_sql(f)}) ORDER BY bet_time, bet_id""")
    return _frame(table, "bet_id", BET_COLUMNS)


def transactions(ledger, filters: Filters | None = None):
    """Every stored transaction in the filters' date range, in the order of the account,
    indexed by Transaction Id (`TRANSACTION_FRAME_COLUMNS`: the stored columns, amounts and
    balances in dollars). As for the cash figures (`metrics.cash_totals`), only the dates apply:
    a sport or a status narrows the bets, not the stored rows."""
    fields = ", ".join(_transaction_field(c) for c in TRANSACTION_COLUMNS)
    table = ledger.conn.query(f"""SELECT {fields} FROM ({transactions_sql(filters or Filters())}) AS t
                                  ORDER BY t.time, t.rank, t.tx_id""")
    return _frame(table, "tx_id", TRANSACTION_FRAME_COLUMNS)


def _transaction_field(column: str) -> str:
    if TRANSACTION_COLUMNS[column] == "TIMESTAMP":
        return f"strftime({column}, '{ISO}') AS {column}"
    if column.endswith("_cents"):
        return f"CAST({column} AS DOUBLE) / 100 AS {column.removesuffix('_cents')}"
    return f'"{column}"'


def cash(ledger, filters: Filters | None = None):
    """The money moved that is no bet's (deposits, withdrawals, returned withdrawals, transfers,
    adjustments, bonus credits, other), in the filters' date range (only the dates apply, as for
    `metrics.cash_totals`), in the order of the account, indexed by Transaction Id.

    `kind` is the category the cash figures count it in (`store/bets.py` CASH_CATEGORIES: a
    bet-like row with no bet to belong to is `other`); `amount` is signed as on the account
    (a withdrawal negative), so the headline's `withdrawals` is minus the withdrawals' sum and
    `net_cash_in` is the sum of deposits, withdrawals and returned withdrawals; `type` is the
    export's Type text."""
    table = ledger.conn.query(f"""SELECT tx_id, strftime(time, '{ISO}') AS time, category AS kind,
        CAST(amount_cents AS DOUBLE) / 100 AS amount, type
        FROM ({cash_sql(filters or Filters())}) AS c ORDER BY c.time, c.rank, c.tx_id""")
    return _frame(table, "tx_id", CASH_COLUMNS)


def breakdown(ledger, dimension: str, filters: Filters | None = None):
    """One breakdown (`metrics.breakdown`: one of DIMENSIONS) indexed by its key, named after the
    dimension, largest turnover first: bets, staked, returned, profit, roi, strike_rate. A bet
    on a match counts for each team it names, so the team rows can add up to more than the total."""
    return breakdown_frame(metrics.breakdown(ledger.conn, filters or Filters(), dimension), dimension)


def breakdowns(ledger, filters: Filters | None = None) -> dict:
    """Every breakdown ({dimension: frame}, as `breakdown`), from one query (`metrics.breakdowns`)."""
    found = metrics.breakdowns(ledger.conn, filters or Filters())
    return {d: breakdown_frame(table, d) for d, table in found.items()}


def breakdown_frame(table: Columns, dimension: str):
    """A breakdown's columns (`metrics.breakdown`, or one of `Ledger.dashboard`'s) as its frame."""
    frame = _frame(table, "key", BREAKDOWN_COLUMNS)
    frame.index.name = dimension
    return frame


def _frame(table: Columns, index: str, columns: dict):
    """A query's columns as a DataFrame of the documented dtypes, indexed by `index`; a column
    the query did not give, or gave beyond `columns`, is an error (never a silent gap)."""
    pd = _pandas()
    if set(table) != {index, *columns}:
        raise ValueError(f"the query gave {sorted(table)}, the frame wants {sorted({index, *columns})}")
    frame = pd.DataFrame({name: _series(pd, table[name], dtype) for name, dtype in columns.items()})
    frame.index = pd.Index(table[index], dtype=TEXT, name=index)
    if not frame.index.is_unique:
        raise ValueError(f"{index} repeats: it cannot index the frame")
    return frame


def _series(pd, values: list, dtype):
    if isinstance(dtype, tuple):
        return _category(pd, values, dtype)
    if dtype == TIME:
        return pd.Series(pd.to_datetime(values, format=ISO)).astype(TIME)
    if dtype == MONEY:
        return pd.Series(values, dtype=FLOAT).round(2)
    if dtype == FLAG:   # a missing value is an error, not False
        return pd.Series(values, dtype=MAYBE_FLAG).astype(FLAG)
    return pd.Series(values, dtype=dtype)


def _category(pd, values: list, categories: tuple):
    """Values of a fixed list as a category; a value outside the list is an error (pandas would
    make it missing)."""
    unknown = set(values) - set(categories) - {None}
    if unknown:
        raise ValueError(f"{sorted(unknown)} not among {categories}")
    return pd.Series(values, dtype=pd.CategoricalDtype(categories))


def _pandas():
    try:
        import pandas
    except ImportError as missing:
        raise ImportError("tmb_core.frames needs pandas: pip install pandas (or tmb_core[explore])") from missing
    return pandas
