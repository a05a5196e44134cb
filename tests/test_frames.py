"""The DataFrames (`tmb_core.frames`): the documented dtypes, and the ledger's own figures to the cent."""
import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tmb_core import Filters, Ledger, frames
from tmb_core.figures import metrics
from tmb_core.model import CHOICES
from tmb_core.sample import generate_csv

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

#: The dtypes docs/architecture.md ("DataFrames") promises, written out here on purpose.
BET_DTYPES = {
    "placed": "datetime64[ns]", "settled": "datetime64[ns]", "sport": "string", "competition": "string",
    "event": "string", "market": "string", "selection": "string", "bet_kind": "category", "bet_type": "string",
    "status": "category", "price": "float64", "stake": "float64", "returned": "float64", "profit": "float64",
    "bonus_funded": "bool", "row_count": "int64", "teams": "string", "summary": "string", "legs": "string",
}
TRANSACTION_DTYPES = {
    "time": "datetime64[ns]", "rank": "Int64", "type": "string", "kind": "category", "amount": "float64",
    "balance": "float64", "bet_id": "string", "summary": "string", "flag_single": "boolean",
    "flag_multiple": "boolean", "flag_exotic": "boolean", "flag_pool": "boolean", "bet_kind": "category",
    "bet_type": "string", "event": "string", "market": "string", "selection": "string", "price": "float64",
    "runner": "Int64", "component": "string", "legs": "string", "sport": "string", "competition": "string",
    "teams": "string", "upload_id": "Int64", "file_row": "Int64",
}
CASH_DTYPES = {"time": "datetime64[ns]", "kind": "category", "amount": "float64", "type": "string"}
BREAKDOWN_DTYPES = {"bets": "int64", "staked": "float64", "returned": "float64", "profit": "float64",
                    "roi": "float64", "strike_rate": "float64"}
CATEGORIES = {
    ("bets", "bet_kind"): ["single", "multi", "exotic", "pool", "unknown"],
    ("bets", "status"): ["won", "lost", "void", "cashed_out", "unsettled", "presumed_lost"],
    ("cash", "kind"): ["deposit", "withdrawal", "returned_withdrawal", "transfer", "adjustment", "bonus", "other"],
    ("transactions", "kind"): ["stake", "win", "lose", "void", "cash_out", "bonus_stake", "refund", "deposit",
                               "withdrawal", "returned_withdrawal", "adjustment", "transfer", "bonus", "other"],
    ("transactions", "bet_kind"): ["single", "multi", "exotic", "pool", "unknown"],
}
#: headline key -> (cash kind, sign of the amounts' sum)
CASH_FIGURES = {"deposits": ("deposit", 1), "withdrawals": ("withdrawal", -1),
                "returned_withdrawals": ("returned_withdrawal", 1), "transfers": ("transfer", 1),
                "adjustments": ("adjustment", 1), "bonus_credits": ("bonus", 1), "other_amounts": ("other", 1)}


def _sample() -> Ledger:
    ledger = Ledger.in_memory()
    ledger.import_file("sample.csv", generate_csv(3000, seed=7).encode())
    return ledger


def _files() -> Ledger:
    ledger = Ledger.in_memory()
    for path in sorted((DATA / "good").glob("*.csv")):
        assert not ledger.import_file(path.name, path.read_bytes()).error
    return ledger


@pytest.fixture(scope="module")
def sample():
    return _sample()


@pytest.fixture(scope="module", params=["sample", "files"])
def stored(request):
    """A ledger of the made-up punter's export, then one of every good test file."""
    return _sample() if request.param == "sample" else _files()


FILTERS = {
    "all": Filters(),
    "racing": Filters(sport="Horse Racing"),
    "dates": Filters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 6, 30)),
    "late dates": Filters(date_from=dt.date(2026, 4, 1)),
    "multis": Filters(bet_kind="multi"),
    "won": Filters(status="won"),
    "presumed at once": Filters(presumed_lost_days=0),
    "nothing": Filters(sport="Curling"),
}


def _dtypes(frame) -> dict:
    return {name: str(dtype) for name, dtype in frame.dtypes.items()}


def _is_string(dtype) -> bool:
    return isinstance(dtype, pd.StringDtype) and dtype.na_value is pd.NA


@pytest.mark.parametrize("make, index, dtypes", [
    (frames.bets, "bet_id", BET_DTYPES), (frames.transactions, "tx_id", TRANSACTION_DTYPES),
    (frames.cash, "tx_id", CASH_DTYPES)], ids=["bets", "transactions", "cash"])
def test_each_frame_has_the_documented_columns_dtypes_and_index(stored, make, index, dtypes):
    frame = make(stored)
    assert len(frame) > 0
    assert _dtypes(frame) == dtypes
    assert all(_is_string(frame[c].dtype) for c, d in dtypes.items() if d == "string")
    assert frame.index.name == index and _is_string(frame.index.dtype) and frame.index.is_unique
    for (name, column), categories in CATEGORIES.items():
        if make.__name__ == name:
            assert list(frame[column].cat.categories) == categories
            assert not frame[column].cat.ordered
    for column in (c for c, d in dtypes.items() if d == "datetime64[ns]"):
        assert frame[column].dt.tz is None


def test_money_is_whole_cents_and_times_are_the_stored_ones(sample):
    bets = frames.bets(sample)
    for column in ("stake", "returned", "profit"):
        assert ((bets[column] * 100).round() / 100 == bets[column]).all()
    listed = {b["bet_id"]: b for b in sample.bets()}
    assert set(listed) == set(bets.index)
    for bet_id, row in bets.iterrows():
        got, bet = {"bet_id": bet_id, **{k: _plain(v) for k, v in row.items()}}, listed[bet_id]
        assert {k: got[k] for k in bet} == {**bet, "placed": pd.Timestamp(bet["placed"])}
    assert bets["placed"].is_monotonic_increasing


def _plain(value):
    """A frame's cell as `Ledger.bets` gives it: missing as None, numbers as Python's."""
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def test_settled_is_the_last_rows_time_for_a_bet_with_a_result_only(sample):
    bets = frames.bets(sample, Filters(presumed_lost_days=0))
    open_ = bets["status"].isin(["unsettled", "presumed_lost"])
    assert open_.any() and (~open_).any()
    assert bets.loc[open_, "settled"].isna().all()
    assert (bets.loc[~open_, "settled"] >= bets.loc[~open_, "placed"]).all()


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_bets_add_up_to_the_headline_to_the_cent(stored, name):
    f = FILTERS[name]
    bets, head = frames.bets(stored, f), stored.headline(f)
    assert len(bets) == head["bets"]
    assert round(bets["profit"].sum(), 2) == head["net_profit"]
    assert round(bets["stake"].sum(), 2) == head["turnover"]
    assert round(bets["returned"].sum(), 2) == head["returned"]
    assert (bets["status"] == "unsettled").sum() == head["unsettled_bets"]
    assert (bets["status"] == "presumed_lost").sum() == head["presumed_lost_bets"]
    assert int(bets["bonus_funded"].sum()) == head["bonus_bets"]
    assert stored.to_pandas(f).equals(bets)


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_cash_frame_adds_up_to_the_headlines_cash_to_the_cent(stored, name):
    f = FILTERS[name]
    cash, head = frames.cash(stored, f), stored.headline(f)
    for key, (kind, sign) in CASH_FIGURES.items():
        assert round(sign * cash.loc[cash["kind"] == kind, "amount"].sum(), 2) == head[key], key
    moved = cash["kind"].isin(["deposit", "withdrawal", "returned_withdrawal"])
    assert round(cash.loc[moved, "amount"].sum(), 2) == head["net_cash_in"]


def test_every_stored_cent_is_in_a_bet_or_the_cash_frame(stored):
    rows, bets, cash = frames.transactions(stored), frames.bets(stored), frames.cash(stored)
    assert len(rows) == stored.headline()["transactions"]
    assert round(rows["amount"].sum(), 2) == round(bets["profit"].sum() + cash["amount"].sum(), 2)
    assert set(cash.index) <= set(rows.index)
    assert rows.loc[cash.index, "amount"].equals(cash["amount"])
    assert bets["row_count"].sum() + len(cash) == len(rows)


@pytest.mark.parametrize("dimension", CHOICES)
@pytest.mark.parametrize("name", ["all", "racing", "dates", "won"])
def test_each_breakdown_holds_the_rows_of_metrics_breakdown(stored, dimension, name):
    f = FILTERS[name]
    frame = frames.breakdown(stored, dimension, f)
    assert frame.index.name == dimension and _is_string(frame.index.dtype)
    assert _dtypes(frame) == BREAKDOWN_DTYPES
    expected = metrics.breakdown(stored.conn, f, dimension)
    assert list(frame.index) == expected["key"]
    for column in BREAKDOWN_DTYPES:
        got = [None if isinstance(v, float) and math.isnan(v) else v for v in frame[column].tolist()]
        assert got == expected[column], column
    assert frames.breakdowns(stored, f)[dimension].equals(frame)


def test_breakdowns_are_every_dimension_and_add_up_to_the_headline(sample):
    found, head = frames.breakdowns(sample), sample.headline()
    assert list(found) == list(CHOICES)
    for dimension in ("sport", "bet_kind", "status"):
        assert found[dimension]["bets"].sum() == head["bets"]
        assert round(found[dimension]["profit"].sum(), 2) == head["net_profit"]
    with pytest.raises(ValueError):
        frames.breakdown(sample, "colour")


def test_filters_narrow_the_frames(sample):
    every = frames.bets(sample)
    racing = frames.bets(sample, FILTERS["racing"])
    assert 0 < len(racing) < len(every) and set(racing.index) <= set(every.index)
    assert (racing["sport"] == "Horse Racing").all()
    f = FILTERS["dates"]
    within = frames.bets(sample, f)
    assert 0 < len(within) < len(every)
    assert within["placed"].min() >= pd.Timestamp(f.date_from)
    assert within["placed"].max() < pd.Timestamp(f.date_to) + pd.Timedelta(days=1)
    for make in (frames.transactions, frames.cash):
        rows, dated = make(sample), make(sample, f)
        assert 0 < len(dated) < len(rows)
        assert dated["time"].between(pd.Timestamp(f.date_from), pd.Timestamp(f.date_to) + pd.Timedelta(days=1),
                                     inclusive="left").all()
        assert make(sample, Filters(date_from=f.date_from, date_to=f.date_to, sport="Soccer")).equals(dated), \
            "only the dates apply to the stored rows and the cash, as to the cash figures"
    assert frames.bets(sample, FILTERS["nothing"]).empty


def test_an_empty_ledger_gives_empty_frames_of_the_same_columns_and_dtypes(sample):
    empty = Ledger.in_memory()
    for make in (frames.bets, frames.transactions, frames.cash):
        none, some = make(empty), make(sample)
        assert none.empty and list(none.columns) == list(some.columns)
        assert none.dtypes.equals(some.dtypes), make.__name__   # categories too: fixed lists
        assert none.index.name == some.index.name and none.index.dtype == some.index.dtype
    for dimension, frame in frames.breakdowns(empty).items():
        assert frame.empty and _dtypes(frame) == BREAKDOWN_DTYPES and frame.index.name == dimension


def test_a_value_outside_a_fixed_list_is_an_error_not_a_missing_value():
    ledger = _files()
    ledger.conn.execute("UPDATE bet_base SET bet_kind = 'trixie' WHERE bet_id = (SELECT min(bet_id) FROM bet_base)")
    with pytest.raises(ValueError, match="trixie"):
        frames.bets(ledger)


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_tmb_core_imports_and_works_without_pandas():
    done = _run(f"""
import sys
sys.modules["pandas"] = None   # any import of pandas fails
from pathlib import Path
import tmb_core
from tmb_core import Ledger, frames
ledger = Ledger.in_memory()
ledger.import_file("basic.csv", Path({str(DATA / "good" / "basic.csv")!r}).read_bytes())
print(ledger.headline()["bets"], len(ledger.bets()))
try:
    frames.bets(ledger)
except ImportError as why:
    print("refused:", why)
""")
    assert done.returncode == 0, done.stderr
    count, refused = done.stdout.splitlines()
    assert count.split()[0] == count.split()[1] != "0"
    assert refused.startswith("refused:") and "pandas" in refused


def test_importing_tmb_core_and_its_frames_does_not_import_pandas():
    done = _run("import sys, tmb_core\nfrom tmb_core import frames\nprint('pandas' in sys.modules, frames.__name__)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "tmb_core.present.frames"]


def test_the_architecture_page_lists_every_column_of_the_bets_and_the_cash():
    page = (ROOT / "docs" / "architecture.md").read_text().split("## DataFrames")[1].split("\n## ")[0]
    for column in [*BET_DTYPES, *CASH_DTYPES, *BREAKDOWN_DTYPES, *CATEGORIES[("cash", "kind")]]:
        assert f"`{column}`" in page or f" {column}," in page or f" {column})" in page, column
    for dtype in {*BET_DTYPES.values(), *TRANSACTION_DTYPES.values()}:
        assert f"`{dtype}`" in page, dtype
