"""tmb_core against an independent pandas implementation, on generated exports of several sizes
and on the reference files."""
from pathlib import Path

import pandas as pd
import pytest
from oracle import breakdown, expected_loss, headline, insights, legs_by, load, monthly_profit, real_legs, weekday_hour

from tmb_core import Ledger, sample
from tmb_core.figures import margins, metrics
from tmb_core.figures.insights import leg_count
from tmb_core.model import Filters


def _close(a, b):
    return a == pytest.approx(b, abs=0.005)


@pytest.mark.parametrize("rows, seed", [(300, 1), (4000, 2), (25000, 3)])
def test_headline_and_breakdowns_agree_to_the_cent(rows, seed):
    text = sample.generate_csv(rows, seed=seed)
    ledger = Ledger.in_memory()
    ledger.import_file("sample.csv", text.encode())
    mine, theirs = ledger.headline(), headline(load([text]))
    for key, value in theirs.items():
        if isinstance(value, dict):
            for k, v in value.items():
                assert _close(mine[key][k], v), f"{key}.{k}"
        else:
            assert _close(mine[key], value), key
    series = metrics.profit_series(ledger.conn, Filters(), "month")
    assert {p: v for p, v in zip(series["period"], series["profit"]) if v} == pytest.approx(
        {p: v for p, v in monthly_profit(load([text])).items() if v}, abs=0.005)
    labels = pd.DataFrame(ledger.conn.query("SELECT tx_id AS \"Transaction Id\", sport, competition FROM transactions"))
    for column in ("sport", "competition"):
        table = metrics.breakdown(ledger.conn, Filters(), column)
        mine_b = {k: (n, s, p) for k, n, s, p in zip(table["key"], table["bets"], table["staked"], table["profit"])}
        theirs_b = breakdown(load([text]), labels, column)
        assert mine_b.keys() == theirs_b.keys()
        for k in mine_b:
            assert mine_b[k][0] == theirs_b[k][0] and _close(mine_b[k][1], theirs_b[k][1]) and _close(mine_b[k][2], theirs_b[k][2]), k


def test_overlapping_exports_agree_with_the_oracle():
    records = sample.generate_records(3000, seed=9)
    parts = [sample.to_csv(records[:1800]), sample.to_csv(records[1200:], newest_first=False)]
    ledger = Ledger.in_memory()
    for i, part in enumerate(parts):
        ledger.import_file(f"part{i}.csv", part.encode())
    theirs = headline(load(parts))
    mine = ledger.headline()
    assert _close(mine["net_profit"], theirs["net_profit"]) and _close(mine["deposits"], theirs["deposits"])
    assert mine["transactions"] == 3000 and mine["balance_gaps"] == 0


def _labels(ledger: Ledger) -> pd.DataFrame:
    got = pd.DataFrame(ledger.conn.query("SELECT bet_id, price, legs FROM bet_base")).set_index("bet_id")
    got["legs"] = [len(real_legs(j)) if isinstance(j, str) else None for j in got["legs"]]
    return got.rename_axis("Bet Id")


def _legs_json(ledger: Ledger) -> pd.Series:
    got = ledger.conn.query("SELECT bet_id, legs FROM bet_base WHERE legs IS NOT NULL")
    return pd.Series(got["legs"], index=pd.Index(got["bet_id"], name="Bet Id"))


def _patterns_agree(ledger: Ledger, text: str) -> None:
    """weekday_hour and the legs by sport and competition equal the oracle's."""
    mine = ledger.insights()
    got = [(r["weekday"], r["hour"], r["bets"], r["staked"], r["net_profit"]) for r in mine["weekday_hour"]]
    want = weekday_hour(load([text]))
    assert [g[:3] for g in got] == [w[:3] for w in want]
    assert all(_close(g[3], w[3]) and _close(g[4], w[4]) for g, w in zip(got, want))
    for key, keys in (("legs_by_sport", ("sport",)), ("legs_by_competition", ("sport", "competition"))):
        theirs = legs_by(load([text]), _legs_json(ledger), keys)
        assert {tuple(r[k] for k in keys): (r["legs"], r["multis"], r["multis_won"], r["multis_lost"])
                for r in mine[key]} == theirs, key


@pytest.mark.parametrize("rows, seed", [(300, 4), (4000, 5), (12000, 6)])
def test_insights_agree_with_the_oracle(rows, seed):
    text = sample.generate_csv(rows, seed=seed)
    ledger = Ledger.in_memory()
    ledger.import_file("sample.csv", text.encode())
    mine, theirs = ledger.insights(), insights(load([text]), _labels(ledger))
    for key in ("days", "days_lost", "weeks", "weeks_lost", "months", "months_lost", "longest_losing_run",
                "longest_winning_run"):
        assert mine[key] == theirs[key], key
    assert mine["settled_lost_share"] == pytest.approx(theirs["settled_lost_share"], abs=1e-6)
    assert _close(mine["net_profit_without_bonus"], theirs["net_profit_without_bonus"])
    for table, fields in (("price_bands", ("bets", "staked", "net_profit")),
                          ("by_legs", ("legs", "bets", "staked", "net_profit"))):
        got = [v for b in mine[table] for v in (b[f] for f in fields)]
        want = [float(v) for row in theirs[table] for v in row]
        assert len(got) == len(want) and all(_close(g, w) for g, w in zip(got, want)), table
    _patterns_agree(ledger, text)
    head = ledger.headline()
    assert mine["return_per_100"] == pytest.approx(100 * head["returned"] / head["staked"], abs=0.005)
    _expected_loss_agrees(ledger, text)


def _expected_loss_agrees(ledger: Ledger, text: str) -> None:
    """The expected cost of the prices equals the oracle's, leg by leg from the legs JSON."""
    labels = pd.DataFrame(ledger.conn.query("SELECT bet_id, bet_type, sport, market, legs FROM bet_base"))
    want = expected_loss(load([text]), labels.set_index("bet_id").rename_axis("Bet Id"), margins)
    got = ledger.insights()["expected_loss"]
    assert want["total"] > 0 and _close(got["total"], want["total"])
    assert _close(got["luck"], want["luck"])   # the settled cash bets' profit less their expected cost
    assert got["per_100"] == pytest.approx(100 * want["total"] / want["staked"], abs=0.005)


@pytest.mark.parametrize("name", ["basic.csv", "all_kinds.csv"])
def test_insights_agree_with_the_oracle_on_the_reference_files(name):
    text = (Path(__file__).parent / "data" / "good" / name).read_text()
    ledger = Ledger.in_memory()
    ledger.import_file(name, text.encode())
    mine, theirs = ledger.insights(), insights(load([text]), _labels(ledger))
    for key in ("days", "days_lost", "weeks", "weeks_lost", "months", "months_lost", "longest_losing_run",
                "longest_winning_run"):
        assert mine[key] == theirs[key], key
    assert _close(mine["net_profit_without_bonus"], theirs["net_profit_without_bonus"])
    got = [b["bets"] for b in mine["price_bands"]]
    assert got == [row[0] for row in theirs["price_bands"]]
    _expected_loss_agrees(ledger, text)
    _patterns_agree(ledger, text)


def test_a_multi_has_as_many_legs_as_its_summary_names():
    """The sample writes racing multis as "N Leg Multi @ price" then N legs: by_legs and the legs
    view count N, not the header line as one more."""
    text = sample.generate_csv(3000, seed=1)
    ledger = Ledger.in_memory()
    ledger.import_file("sample.csv", text.encode())
    named = ledger.conn.query(f"""SELECT CAST(regexp_extract(summary, '^([0-9]+) Leg Multi', 1) AS INTEGER) AS n,
        {leg_count()} AS counted FROM bet_base WHERE bet_kind = 'multi' AND regexp_matches(summary, '^[0-9]+ Leg Multi')""")
    assert len(named["n"]) > 20 and named["n"] == named["counted"]
    insights_ = ledger.insights()
    assert sum(r["legs"] for r in insights_["legs_by_sport"]) == sum(r["legs"] * r["bets"] for r in insights_["by_legs"])
