"""The summary to keep (tmb_core/present/printable.py) on views the browser test does not reach:
filters that keep nothing, and text from a file or a filter that must stay text."""
import datetime as dt

from tmb_core import Ledger, sample
from tmb_core.model import Filters
from tmb_core.present import printable

MADE = dt.date(2026, 12, 3)


def ledger_of(rows: int, seed: int) -> Ledger:
    ledger = Ledger.in_memory()
    ledger.import_file("e.csv", sample.generate_csv(rows, seed=seed).encode())
    return ledger


def test_filters_that_keep_no_bet_give_a_summary_that_says_so():
    doc = printable.printable(ledger_of(400, 3), Filters(sport="No such sport"), "week", MADE)
    html, table = printable.to_html(doc), printable.to_csv(doc)
    assert doc["headline"]["bets"] == 0 and doc["truth"] == []
    assert "Sport: No such sport" in html and "How often you lose" not in html and "<svg" not in html
    assert "Filters,Sport: No such sport" in table and "Headline,Bets,,,,,0" in table


def test_text_from_a_filter_is_escaped_in_the_page_and_inert_in_the_csv():
    doc = printable.printable(ledger_of(400, 3), Filters(team="=1+2<script>"), "week", MADE)
    html, table = printable.to_html(doc), printable.to_csv(doc)
    assert "<script>" not in html and "=1+2&lt;script&gt;" in html
    assert "Team or player: =1+2<script>" in table and ",'Team or player" not in table


def test_the_csv_holds_the_headline_and_the_top_of_each_breakdown():
    ledger = ledger_of(3000, 5)
    doc = printable.printable(ledger, Filters(), "month", MADE)
    lines = printable.to_csv(doc).splitlines()
    headline = ledger.headline(Filters())
    assert f"Headline,Net profit,,,,,{round(headline['net_profit'], 6)}" in lines
    for dimension, title in printable.DIMENSIONS:
        rows = [line for line in lines if line.startswith(f"{title},")]
        assert len(rows) == min(printable.TOP_ROWS, len(ledger.dashboard(Filters())["breakdowns"][dimension]["key"]))
