"""Metrics on small hand-made ledgers whose answers are worked out by hand."""
import datetime as dt

import pytest
from helpers import export, row

from tmb_core.figures import metrics
from tmb_core.model import Filters
from tmb_core.store import chain

AFL = "Richmond v Carlton\n Head to Head\nRichmond @ 2.00 (Win)"
NRL = "Melbourne Storm v Penrith Panthers\n Head to Head\nPenrith Panthers @ 3.00 (Win)"
ROWS = [
    row("01/03/2026 09:00", "Deposit", "1", "100.00", "100.00"),
    row("01/03/2026 10:00", "Bet Stake", "2", "-10.00", "90.00", "A", AFL),      # wins +10
    row("01/03/2026 12:00", "Win", "3", "20.00", "110.00", "A", AFL),
    row("02/03/2026 10:00", "Bet Stake", "4", "-30.00", "80.00", "B", NRL),      # no result: lost later
    row("09/03/2026 10:00", "Bet Stake", "5", "-20.00", "60.00", "C", NRL),      # wins +40
    row("09/03/2026 12:00", "Win", "6", "60.00", "120.00", "C", NRL),
    row("10/03/2026 10:00", "Bet Stake", "7", "-5.00", "115.00", "D", AFL),      # recent, open
]


@pytest.fixture
def ledger(ledger):
    ledger.import_file("a.csv", export(ROWS))
    return ledger


def test_presumed_lost_follows_the_cutoff(ledger):
    s = metrics.headline(ledger.conn, Filters(presumed_lost_days=3))
    assert (s["presumed_lost_bets"], s["presumed_lost_stakes"], s["unsettled_exposure"]) == (1, 30.0, 5.0)
    assert s["strike_rate"] == pytest.approx(2 / 3)
    s = metrics.headline(ledger.conn, Filters(presumed_lost_days=30))
    assert (s["presumed_lost_bets"], s["unsettled_exposure"], s["strike_rate"]) == (0, 35.0, 1.0)


def test_filters_narrow_bets_but_cash_follows_dates_only(ledger):
    afl = metrics.headline(ledger.conn, Filters(sport="Australian Rules"))
    assert (afl["bets"], afl["net_profit"], afl["deposits"]) == (2, 5.0, 100.0)
    march2 = metrics.headline(ledger.conn, Filters(date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 9)))
    assert (march2["bets"], march2["staked"], march2["deposits"]) == (2, 50.0, 0.0)
    team = metrics.headline(ledger.conn, Filters(team="Penrith Panthers"))
    assert (team["bets"], team["net_profit"]) == (2, 10.0)
    assert metrics.headline(ledger.conn, Filters(status="won"))["bets"] == 2


def test_hostile_filter_text_is_a_value_not_sql(ledger):
    s = metrics.headline(ledger.conn, Filters(sport="x' OR 1=1 --"))
    assert s["bets"] == 0


def test_profit_series_by_week_and_cumulative(ledger):
    s = metrics.profit_series(ledger.conn, Filters(), "week")
    assert s["period"] == ["2026-02-23", "2026-03-02", "2026-03-09"]
    assert s["profit"] == [10.0, -30.0, 35.0]
    assert s["cumulative"] == [10.0, -20.0, 15.0]
    months = metrics.profit_series(ledger.conn, Filters(), "month")
    assert months["period"] == ["2026-03-01"] and months["profit"] == [15.0]


def test_breakdowns(ledger):
    b = metrics.breakdown(ledger.conn, Filters(), "competition")
    rows = dict(zip(b["key"], zip(b["bets"], b["staked"], b["profit"])))
    assert rows == {"NRL": (2, 50.0, 10.0), "AFL": (2, 15.0, 5.0)}
    teams = metrics.breakdown(ledger.conn, Filters(), "team")
    assert dict(zip(teams["key"], teams["bets"]))["Carlton"] == 2


def test_best_and_worst_bets(ledger):
    assert metrics.top_bets(ledger.conn, Filters(), best=True, limit=1)["bet_id"] == ["C"]
    assert metrics.top_bets(ledger.conn, Filters(), best=False, limit=1)["profit"] == [-30.0]


def test_swings(ledger):
    s = metrics.swings(ledger.conn, Filters())
    # cumulative by bet: +10, -20, +20, +15 -> drawdown 30 (A to B), run-up 40 (B to C)
    assert s["drawdown"] == {"amount": 30.0, "start": "2026-03-01T10:00:00", "finish": "2026-03-02T10:00:00",
                             "high": 10.0, "low": -20.0}
    assert s["run_up"]["amount"] == 40.0 and s["run_up"]["finish"] == "2026-03-09T10:00:00"


def test_bet_table_search_sort_and_count(ledger):
    page, total = metrics.bet_table(ledger.conn, Filters(), search="panthers", sort="profit", descending=True)
    assert total == 2 and page["bet_id"] == ["C", "B"]


def test_no_gaps_in_a_complete_chain(ledger):
    assert chain.gaps(ledger.conn) == []


def test_missing_rows_show_as_a_gap_with_the_missing_amount(ledger):
    from tmb_core import Ledger

    holey = Ledger.in_memory()
    holey.import_file("first.csv", export(ROWS[:3]))
    holey.import_file("second.csv", export(ROWS[4:]))
    [gap] = chain.gaps(holey.conn)
    assert gap.after == "2026-03-01T12:00:00" and gap.before == "2026-03-09T10:00:00"
    assert gap.missing == -30.0
    assert holey.headline()["reconciliation"]["difference"] == -30.0


def test_rows_sharing_a_minute_in_any_order_make_no_gap(ledger):
    from tmb_core import Ledger

    same = [row("01/04/2026 10:00", "Deposit", "11", "50.00", "50.00"),
            row("01/04/2026 10:00", "Bet Stake", "12", "-5.00", "45.00", "E", AFL),
            row("01/04/2026 10:00", "Bet Stake", "13", "-5.00", "40.00", "E", AFL),
            row("01/04/2026 10:01", "Void", "14", "5.00", "45.00", "E", AFL)]
    for order in (same, same[::-1], [same[2], same[0], same[1], same[3]]):
        fresh = Ledger.in_memory()
        fresh.import_file("x.csv", export(order))
        assert chain.gaps(fresh.conn) == []


def test_every_metric_returns_only_plain_types(ledger):
    results = [metrics.profit_series(ledger.conn, Filters(), "day"), metrics.cash_series(ledger.conn, Filters()),
               metrics.top_bets(ledger.conn, Filters())]
    results += [metrics.breakdown(ledger.conn, Filters(), d) for d in metrics.CHOICES]
    for columns in results:
        for values in columns.values():
            assert all(v is None or type(v) in (str, int, float, bool) for v in values)


def test_opening_balance_follows_the_chain_within_the_first_minute():
    from tmb_core import Ledger

    first = row("01/03/2026 09:00", "Bet Stake", "2", "-10.00", "90.00", "B1", "A v B\n H2H\nA @ 2.00")
    second = row("01/03/2026 09:00", "Bet Stake", "1", "-10.00", "80.00", "B2", "A v B\n H2H\nB @ 2.00")
    ledger = Ledger.in_memory()
    ledger.import_file("later.csv", export([second]))          # stored first: rank 0 in its own file
    ledger.import_file("both.csv", export([first, second]))    # the earlier row also gets rank 0
    assert chain.opening_and_closing(ledger.conn) == (100.0, 80.0)
    assert ledger.headline()["reconciliation"]["difference"] == 0.0
