"""The workbench's tables: Panel's Tabulator over pandas DataFrames (`present/frames.py`)."""
from __future__ import annotations

import io

import pandas as pd
import panel as pn
from bokeh.models.widgets.tables import DateFormatter, NumberFormatter

#: Money as the site writes it: $1,234.50, a loss with a minus sign; shares as percentages.
MONEY = NumberFormatter(format="$0,0.00", text_align="right")
PERCENT = NumberFormatter(format="0.0%", text_align="right")
PLACED = DateFormatter(format="%d/%m/%Y %H:%M")

#: The bets table's columns, in order: frame column -> title (the others are left out of view,
#: not out of the download).
BET_COLUMNS = {"placed": "Placed", "sport": "Sport", "competition": "Competition", "event": "Event",
               "selection": "Selection", "market": "Market", "bet_type": "Type", "status": "Status",
               "price": "Price", "stake": "Stake", "profit": "Profit"}
#: A breakdown's columns (`metrics.breakdown`): frame column -> title.
BREAKDOWN_COLUMNS = {"bets": "Bets", "staked": "Staked", "returned": "Returned",
                     "profit": "Profit", "roi": "Return on turnover", "strike_rate": "Strike rate"}
_MONEY_COLUMNS = ("stake", "staked", "returned", "profit")


def _formats(columns) -> dict:
    out = {c: MONEY for c in columns if c in _MONEY_COLUMNS}
    out.update({c: PERCENT for c in columns if c in ("roi", "strike_rate")})
    out.update({c: PLACED for c in columns if c == "placed"})
    return out


def _table(**kw) -> pn.widgets.Tabulator:
    return pn.widgets.Tabulator(pd.DataFrame(), disabled=True, show_index=False, sizing_mode="stretch_width",
                                layout="fit_data_table", **kw)


def breakdown_table(dimension: str, title: str) -> pn.widgets.Tabulator:
    """One breakdown (`frames.breakdown_frame`, its key a column), the most staked first; sorts by any column."""
    return _table(titles={dimension: title, **BREAKDOWN_COLUMNS}, formatters=_formats(BREAKDOWN_COLUMNS),
                  pagination="local", page_size=12)


def best_table() -> pn.widgets.Tabulator:
    """The best or the worst bets (`Ledger.dashboard`'s `best` and `worst`): fill with `show`."""
    return _table(titles=BET_COLUMNS, formatters=_formats(BET_COLUMNS))


def show(table: pn.widgets.Tabulator, frame: pd.DataFrame) -> None:
    """Bets in a table: BET_COLUMNS in view, in their order, the frame's other columns hidden."""
    shown = [c for c in BET_COLUMNS if c in frame.columns]
    table.hidden_columns = [c for c in frame.columns if c not in shown]
    table.value = frame[shown + table.hidden_columns]


class BetsTable:
    """Every filtered bet: sorted, filtered by column and paged by Tabulator; the download
    holds the rows the table's own column filters leave, in its order, every column."""

    def __init__(self):
        self.table = _table(titles=BET_COLUMNS, formatters=_formats(BET_COLUMNS), pagination="remote",
                            page_size=25, header_filters=True)
        self.download = pn.widgets.FileDownload(callback=self.csv, filename="bets.csv", color="primary",
                                                label="Download these bets (CSV)")

    def show(self, frame: pd.DataFrame) -> None:
        show(self.table, frame)

    def csv(self) -> io.StringIO:
        """The bets in view (after the table's own filters and sort) as CSV, every column."""
        return io.StringIO(self.table.current_view.to_csv(index=False))

    def panel(self) -> pn.Column:
        return pn.Column(self.download, self.table, sizing_mode="stretch_width")
