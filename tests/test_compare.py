"""Comparing two periods (tmb_core/figures/compare.py): the presets' dates, each period's figures
equal to `summary --json` run with that period as --from/--to (a real process each), each period's
running total equal to the pandas oracle's, and the engine's op."""
import datetime as dt
import json
import subprocess
import sys

import oracle
import pytest

from tmb_core import Filters, Ledger, sample
from tmb_core.app.engine import Engine
from tmb_core.figures.compare import FIGURES, imported, preset_ranges
from tmb_core.present import chartdata
from tmb_core.sql import DuckDBConnection

D = dt.date


@pytest.mark.parametrize("preset, reference, this, that", [
    ("month_vs_last_month", D(2026, 3, 31), (D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 2, 1), D(2026, 2, 28))),
    ("month_vs_last_month", D(2026, 1, 9), (D(2026, 1, 1), D(2026, 1, 9)), (D(2025, 12, 1), D(2025, 12, 31))),
    ("month_vs_last_year", D(2024, 2, 29), (D(2024, 2, 1), D(2024, 2, 29)), (D(2023, 2, 1), D(2023, 2, 28))),
    ("month_vs_last_year", D(2025, 2, 10), (D(2025, 2, 1), D(2025, 2, 10)), (D(2024, 2, 1), D(2024, 2, 29))),
    ("year_vs_last_year", D(2026, 7, 18), (D(2026, 1, 1), D(2026, 7, 18)), (D(2025, 1, 1), D(2025, 12, 31))),
])
def test_presets_count_from_the_reference_day(preset, reference, this, that):
    assert preset_ranges(preset, reference) == (this, that)


def run(*args):
    done = subprocess.run([sys.executable, "-m", "tmb_core", *map(str, args)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """Seven months of bets from mid-2024, so that this year and last year both hold some."""
    path = tmp_path_factory.mktemp("compare") / "s.csv"
    path.write_text(sample.to_csv(sample.generate_records(3000, seed=7, start=dt.datetime(2024, 9, 1))))
    return path


@pytest.mark.parametrize("how, other", [
    (["--this-month-vs-last"], ["--sport", "Horse Racing"]),
    (["--this-year-vs-last"], []),
    (["--a", "2024-11-10..2024-12-20", "--b", "2024-09-01..2024-10-14"], ["--bet-kind", "multi", "--presumed-lost-days", "9"]),
])
def test_each_period_equals_summary_run_with_its_dates(export, how, other):
    found = run("compare", export, "--json", *how, *other)
    for key in ("a", "b"):
        period = found[key]
        summary = run("summary", export, "--json", "--from", period["from"], "--to", period["to"], *other)
        assert {k: period[k] for k in FIGURES} == {k: summary[k] for k in FIGURES}, key
        if period["bets"]:
            assert period["series"]["cumulative"][-1] == summary["net_profit"]
    if found["a"]["imported"] == found["b"]["imported"] == "all":
        assert found["change"]["net_profit"] == round(found["a"]["net_profit"] - found["b"]["net_profit"], 2)
        assert found["change"]["bets"] == found["a"]["bets"] - found["b"]["bets"]
    else:   # 2024 is imported from September only: no change is set against part of a year
        assert set(found["change"].values()) == {None} and "--this-year-vs-last" in how
    assert found["a"]["bets"] and found["b"]["bets"], "a comparison of nothing proves nothing"


def test_the_month_is_the_latest_stored_transactions_not_the_wall_clocks(export):
    found = run("compare", export, "--json", "--this-month-vs-last")
    last = run("summary", export, "--json")["last"][:10]
    assert found["reference"] == last and found["a"]["from"] == last[:8] + "01" and found["a"]["to"] == last


def test_running_totals_equal_the_oracles():
    text = sample.generate_csv(2500, seed=12)
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", text.encode())
    bets = oracle.bets(oracle.load([text]))
    a, b = (D(2025, 2, 3), D(2025, 3, 30)), (D(2025, 4, 1), D(2025, 5, 15))
    found = ledger.compare(Filters(date_from=D(2020, 1, 1)), a, b)   # the filters' dates give way to the periods'
    for key, (first, last) in (("a", a), ("b", b)):
        inside = bets[(bets["time"].dt.date >= first) & (bets["time"].dt.date <= last)]
        by_day = inside.groupby(inside["time"].dt.date)["profit"].sum().sort_index().cumsum() / 100
        series = found[key]["series"]
        assert series["day"] == [(day - first).days for day in by_day.index]
        assert series["cumulative"] == pytest.approx(list(by_day), abs=0.001)
        assert found[key]["net_profit"] == pytest.approx(inside["profit"].sum() / 100, abs=0.001)


def test_the_chart_starts_each_period_at_nothing_on_day_zero():
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(800, seed=3).encode())
    found = ledger.compare_preset(Filters(), "month_vs_last_month")
    sources = chartdata.compare(found)
    assert set(sources) == set(chartdata.COMPARE_SOURCES)
    for key, name in zip("ab", chartdata.COMPARE_SOURCES):
        columns = sources[name]
        assert tuple(columns) == chartdata.SOURCES[name] and len({len(v) for v in columns.values()}) == 1
        assert columns["x"][0] == 0 and columns["y"][0] == 0
        assert columns["x"][1:] == [d + 1 for d in found[key]["series"]["day"]]
        assert columns["y"][1:] == found[key]["series"]["cumulative"]


@pytest.fixture
def engine():
    e = Engine(DuckDBConnection())
    e.handle({"op": "import_sample", "args": {"rows": 1200, "seed": 4}})
    yield e
    e.ledger.conn.close()


def test_the_engine_answers_the_ledgers_comparison(engine):
    args = {"filters": {"sport": "Soccer", "date_from": "2025-05-01"}, "a": ["2025-02-01", "2025-02-28"],
            "b": ["2025-01-01", "2025-01-31"]}
    answer = engine.handle({"op": "compare", "args": args})
    assert answer["ok"]
    found = engine.ledger.compare(Filters(sport="Soccer"), (D(2025, 2, 1), D(2025, 2, 28)), (D(2025, 1, 1), D(2025, 1, 31)))
    assert {k: v for k, v in answer["data"].items() if k != "sources"} == found
    assert answer["data"]["sources"] == chartdata.compare(found)


@pytest.mark.parametrize("args, code, words", [
    ({"a": ["2025-03-01", "2025-02-01"], "b": ["2025-01-01", "2025-01-31"]}, "bad_filter", "first day is after its last"),
    ({"a": ["2025-03-01", "March"], "b": ["2025-01-01", "2025-01-31"]}, "bad_filter", "must be a date"),
    ({"preset": "last_week"}, "bad_request", "preset"),
    ({"preset": "month_vs_last_month", "a": ["2025-01-01", "2025-01-02"]}, "bad_request", "not both"),
    ({"a": ["2025-01-01"], "b": ["2025-01-01", "2025-01-31"]}, "bad_request", "[from, to]"),
])
def test_a_comparison_that_cannot_be_made_is_refused_with_a_message(engine, args, code, words):
    answer = engine.handle({"op": "compare", "args": {"filters": {}, **args}})
    assert not answer["ok"] and answer["error"]["code"] == code and words in answer["error"]["message"]


def test_nothing_stored_is_no_month_to_compare():
    answer = Engine(DuckDBConnection()).handle({"op": "compare", "args": {"preset": "year_vs_last_year"}})
    assert answer["error"]["code"] == "bad_filter" and "Nothing is stored" in answer["error"]["message"]


def test_the_report_sets_this_month_against_last_month(export, tmp_path):
    out = tmp_path / "report.html"
    done = subprocess.run([sys.executable, "-m", "tmb_core", "report", export, "-o", out], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    found = run("compare", export, "--json", "--this-month-vs-last")
    assert "This month against last month" in report
    for side in ("a", "b", "change"):
        for key in FIGURES:
            assert f'data-compare="{side}.{key}" data-value="{found[side][key]}"' in report, (side, key)


def test_a_period_before_the_imports_says_so_and_gives_no_change():
    """Data from January 2025 on: last year has nothing imported, so no change is set against it."""
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(3000, seed=4).encode())
    found = ledger.compare_preset(None, "year_vs_last_year")
    assert (found["a"]["imported"], found["b"]["imported"]) == ("all", "none")
    assert found["b"]["bets"] == 0 and set(found["change"].values()) == {None}
    first = dt.date.fromisoformat(ledger.span()["first"][:10])
    assert imported((first - dt.timedelta(days=3), first + dt.timedelta(days=3)), (first, first)) == "part"
