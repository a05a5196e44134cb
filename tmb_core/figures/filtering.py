"""The filters every figure shares, as SQL over the derived bets and cash rows.

A `Filters` narrows the bets by date, sport, competition, team, market, bet kind, bet type and
status (`model.FILTER_FIELDS`); cash movements and the stored transactions follow its dates only.
"""
from __future__ import annotations

from ..model import CHOICES, Filters
from ..sql import lit


def as_of_sql(f: Filters) -> str:
    return lit(f.as_of) if f.as_of else "(SELECT max(time) FROM transactions)"


def all_bets_sql(f: Filters, row_ids: bool = False) -> str:
    """Every bet, one row each, with its status under the filters' cut-off (and, with
    `row_ids`, its row in bet_base as `base_row`). Raises BadFilter for filters that mislead."""
    days = f.check().presumed_lost_days
    return f"""
    SELECT *, {'rowid AS base_row, ' if row_ids else ''}coalesce(settled_status, CASE WHEN bet_time < {as_of_sql(f)} - INTERVAL '{days} days'
                                    THEN 'presumed_lost' ELSE 'unsettled' END) AS status
    FROM bet_base"""


def date_conditions(f: Filters, column: str) -> list[str]:
    """The date range as conditions on `column`; raises BadFilter when From is after To."""
    f.check()
    out = []
    if f.date_from:
        out.append(f"{column} >= {lit(f.date_from)}")
    if f.date_to:
        out.append(f"{column} < {lit(f.date_to)} + INTERVAL '1 day'")
    return out


def choice_condition(column: str, value: str) -> str:
    """A bet whose `column` (one of CHOICES) is `value`."""
    if column == "team":   # a bet names its teams, '|' between them
        return f"list_contains(string_split(coalesce(teams, ''), '|'), {lit(value)})"
    return f"{column} = {lit(value)}"


def bet_conditions(f: Filters) -> list[str]:
    out = date_conditions(f, "bet_time")
    return out + [choice_condition(column, getattr(f, column)) for column in CHOICES if getattr(f, column)]


def bets_sql(f: Filters, row_ids: bool = False) -> str:
    """The filtered bets (one row each); see `all_bets_sql` for `row_ids`."""
    where = " AND ".join(bet_conditions(f)) or "TRUE"
    return f"SELECT * FROM ({all_bets_sql(f, row_ids)}) WHERE {where}"


def cash_sql(f: Filters) -> str:
    """Rows that are not part of any bet (deposits, withdrawals, transfers, ...), in the date range.

    `category` is the row's kind, except that a bet-like row with no bet to belong
    to is 'other', so every cent of every row is counted exactly once.
    """
    return _in_dates("cash_base", f)


def transactions_sql(f: Filters) -> str:
    """Every stored transaction in the date range: like the cash rows, the stored rows follow
    the filters' dates only (a bet's rows are not narrowed to the filtered bets)."""
    return _in_dates("transactions", f)


def _in_dates(table: str, f: Filters) -> str:
    """The rows of `table` (by their `time`) in the filters' date range."""
    where = " AND ".join(date_conditions(f, "time")) or "TRUE"
    return f"SELECT * FROM {table} WHERE {where}"
