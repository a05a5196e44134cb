"""The dashboard on a filter change: each figure checked against a plain-Python computation
over the filtered bets, and the engine's answer (remembered views, choices only when the stored
rows changed) checked against the ledger's."""
import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmb_core import Ledger, sample
from tmb_core.app.engine import Engine
from tmb_core.figures import metrics
from tmb_core.model import CHOICES, Filters
from tmb_core.present import chartdata
from tmb_core.sql import DuckDBConnection

FILTERS = [Filters(), Filters(sport="Soccer"), Filters(sport="Horse Racing", presumed_lost_days=0),
           Filters(status="won"), Filters(team="Brisbane Lions"), Filters(sport="nothing"), Filters(bet_kind="multi", presumed_lost_days=40)]


@pytest.fixture(scope="module")
def ledger():
    ledger = Ledger.in_memory()
    ledger.import_file("sample.csv", sample.generate_csv(6000, seed=4).encode())
    return ledger


def _expected_breakdown(bets, dimension):
    groups = {}
    for bet in bets:
        keys = (bet["teams"] or "").split("|") if dimension == "team" else [bet[dimension] or "Unknown"]
        if dimension == "team" and bet["teams"] is None:
            continue
        for key in keys:
            g = groups.setdefault(key, {"bets": 0, "staked": 0, "profit": 0, "settled": 0, "won": 0})
            g["bets"] += 1
            g["staked"] += round(bet["stake"] * 100)
            g["profit"] += round(bet["profit"] * 100)
            settled = bet["status"] not in ("unsettled", "void")
            g["settled"] += settled
            g["won"] += settled and bet["returned"] > bet["stake"]
    order = sorted(groups, key=lambda k: (-groups[k]["staked"], k))
    return {"key": order, "bets": [groups[k]["bets"] for k in order],
            "staked": [groups[k]["staked"] / 100 for k in order], "profit": [groups[k]["profit"] / 100 for k in order],
            "strike_rate": [groups[k]["won"] / groups[k]["settled"] if groups[k]["settled"] else None for k in order]}


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_every_breakdown_from_one_query_matches_the_bets(ledger, f):
    bets = ledger.bets(f)
    found = metrics.breakdowns(ledger.conn, f)
    assert set(found) == set(metrics.CHOICES)
    for dimension, table in found.items():
        expected = _expected_breakdown(bets, dimension)
        assert {k: table[k] for k in expected} == expected, dimension
        assert table == metrics.breakdown(ledger.conn, f, dimension)


@pytest.mark.parametrize("f", FILTERS[:3], ids=repr)
def test_kept_breakdown_rows_are_the_top_by_turnover_and_the_lowest_by_profit(ledger, f):
    full = metrics.breakdowns(ledger.conn, f)
    kept = metrics.breakdowns(ledger.conn, f, limit=(3, 5))
    for dimension, table in full.items():
        lowest = sorted(range(len(table["key"])), key=lambda i: table["profit"][i])[:5]
        rows = [i for i in range(len(table["key"])) if i < 3 or i in lowest]
        assert kept[dimension] == {n: [v[i] for i in rows] for n, v in table.items()}, dimension
        assert chartdata.losses_first(kept[dimension], 5) == chartdata.losses_first(table, 5)
        assert chartdata.breakdown(kept[dimension], 3) == chartdata.breakdown(table, 3)


def _values(bets, dimension) -> list:
    if dimension == "team":
        return sorted({t for b in bets if b["teams"] is not None for t in b["teams"].split("|")})
    return sorted({b[dimension] or "Unknown" for b in bets})


NARROWING = [Filters(sport="Soccer"), Filters(sport="Soccer", team="Arsenal"), Filters(market="Head to Head", status="won"),
             Filters(competition="AFL", date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 6, 30)),
             Filters(team="Brisbane Lions", bet_kind="multi", presumed_lost_days=0), Filters(sport="nothing")]


@pytest.mark.parametrize("f", NARROWING, ids=repr)
def test_each_choice_narrows_to_the_bets_of_the_other_filters(ledger, f):
    """A sport chosen narrows the competitions, teams and markets to its own (and each the
    others), while the sport itself still offers every sport of the other filters' bets."""
    narrowed = ledger.narrowed_choices(f)
    for dimension in CHOICES:
        others = dataclasses.replace(f, **{dimension: None})
        assert narrowed[dimension] == _values(ledger.bets(others), dimension), dimension
    assert set(narrowed["competition"]) <= set(ledger.choices()["competition"])
    if f == Filters(sport="Soccer"):
        assert "AFL" not in narrowed["competition"] and "Horse Racing" in narrowed["sport"]


def test_no_filter_narrows_nothing(ledger):
    assert ledger.narrowed_choices(Filters()) == {c: ledger.choices()[c] for c in CHOICES}
    assert ledger.narrowed_choices(Filters()) == {c: _values(ledger.bets(), c) for c in CHOICES}


def _expected_swings(bets):
    ordered = sorted(bets, key=lambda b: (b["placed"], b["bet_id"]))
    if not ordered:
        return {}
    points = [(ordered[0]["placed"], 0)]
    for bet in ordered:
        points.append((bet["placed"], points[-1][1] + round(bet["profit"] * 100)))
    out = {}
    for name, sign in (("drawdown", 1), ("run_up", -1)):
        best, start, finish, level_at, levels = 0, None, None, 0, (0, 0)
        for i, (t, cum) in enumerate(points):
            if i == 0 or sign * cum > sign * points[level_at][1]:
                level_at = i
            size = sign * (points[level_at][1] - cum)
            if finish is None or size > best:
                best, start, finish, levels = size, points[level_at][0], t, (points[level_at][1], cum)
        out[name] = {"amount": best / 100, "start": start, "finish": finish,
                     "high": max(levels) / 100, "low": min(levels) / 100}
    return out


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_swings_match_a_walk_over_the_bets(ledger, f):
    assert metrics.swings(ledger.conn, f) == _expected_swings(ledger.bets(f))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(-3, 3)), max_size=25))
def test_swings_ties_go_to_the_first_peak_and_the_first_finish(steps):
    """Small whole-dollar steps, often several in one minute: equal totals and equal swings
    are common, so the rules for ties are what is tested (bet ids break a minute's ties)."""
    conn = DuckDBConnection()
    conn.execute("CREATE TABLE b (bet_id VARCHAR, bet_time TIMESTAMP, profit_cents BIGINT)")
    bets, minute = [], 0
    for i, (gap, dollars) in enumerate(steps):
        minute += gap
        placed = f"2030-01-01T{10 + minute // 60:02d}:{minute % 60:02d}:00"
        bets.append({"bet_id": f"{(i * 7) % 25:03d}", "placed": placed, "profit": dollars})
    for b in bets:
        conn.execute(f"INSERT INTO b VALUES ('{b['bet_id']}', '{b['placed']}', {b['profit'] * 100})")
    assert metrics.swings(conn, Filters(), source="b") == _expected_swings(bets)


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_best_and_worst_bets_are_the_extremes(ledger, f):
    bets = ledger.bets(f)
    best = sorted(bets, key=lambda b: (-b["profit"], b["placed"], b["bet_id"]))[:10]
    worst = sorted(bets, key=lambda b: (b["profit"], b["placed"], b["bet_id"]))[:10]
    assert metrics.top_bets(ledger.conn, f, best=True)["bet_id"] == [b["bet_id"] for b in best]
    assert metrics.top_bets(ledger.conn, f, best=False)["bet_id"] == [b["bet_id"] for b in worst]


@pytest.mark.parametrize("f", FILTERS, ids=repr)
@pytest.mark.parametrize("sort,descending,search", [("placed", True, ""), ("stake", False, ""),
                                                    ("sport", True, ""), ("profit", True, "win")])
def test_each_page_of_the_bets_table_is_its_slice_of_the_whole(ledger, f, sort, descending, search):
    whole, total = metrics.bet_table(ledger.conn, f, search, sort, descending, limit=None)
    assert total == len(whole["bet_id"])
    for offset in (0, 37, max(0, total - 5)):
        page, count = metrics.bet_table(ledger.conn, f, search, sort, descending, limit=40, offset=offset)
        assert count == total
        assert page == {n: v[offset:offset + 40] for n, v in whole.items()}


def test_each_filter_offers_exactly_the_values_its_bets_have(ledger):
    bets = ledger.bets()
    shown = metrics.choices(ledger.conn)
    for name in metrics.CHOICES:
        if name == "team":
            values = {t for b in bets if b["teams"] for t in b["teams"].split("|")}
        else:
            values = {b[name] or "Unknown" for b in bets}
        assert shown[name] == sorted(values), name
    assert (shown["first"], shown["last"]) == (ledger.span()["first"][:10], ledger.span()["last"][:10])


def test_breakdown_tables_keep_the_rows_the_page_lists():
    table = {"key": list("abcde"), "profit": [3.0, -1.0, 3.0, -7.0, 0.0], "bets": [1, 2, 3, 4, 5]}
    assert chartdata.losses_first(table, 4) == {"key": list("dbea"), "profit": [-7.0, -1.0, 0.0, 3.0],
                                                "bets": [4, 2, 5, 1]}


@pytest.fixture
def engine():
    e = Engine(DuckDBConnection())
    assert e.handle({"op": "import_sample", "args": {"rows": 3000, "seed": 2}})["ok"]
    return e


def _dashboard(engine, op="dashboard", **args):
    answer = engine.handle({"op": op, "args": args})
    assert answer["ok"], answer
    return answer["data"]


def test_the_engine_answers_what_the_ledger_computes(engine):
    for filters in ({}, {"sport": "Soccer"}, {"status": "lost", "presumed_lost_days": "10"}, {}, {"sport": "Soccer"}):
        f = Filters(**{k: int(v) if k == "presumed_lost_days" else v for k, v in filters.items()})
        for period in ("day", "month"):
            data = engine.ledger.dashboard(f, period)
            shown = _dashboard(engine, filters=filters, period=period)
            assert shown["headline"] == data["headline"] and shown["swings"] == data["swings"]
            assert shown["sources"] == chartdata.all_sources(data, period)
            tables = _dashboard(engine, "dashboard_tables", filters=filters, period=period)
            assert tables["best"] == data["best"] and tables["worst"] == data["worst"]
            assert tables["breakdowns"] == {d: chartdata.losses_first(t) for d, t in data["breakdowns"].items()}
            assert not {"best", "worst", "breakdowns"} & set(shown)   # the tables come on their own


def test_the_tables_asked_for_first_give_the_same_view(engine):
    f = {"sport": "Tennis"}
    tables = _dashboard(engine, "dashboard_tables", filters=f, period="week")
    shown = _dashboard(engine, filters=f, period="week")
    data = engine.ledger.dashboard(Filters(sport="Tennis"), "week")
    assert shown["sources"] == chartdata.all_sources(data, "week") and shown["headline"] == data["headline"]
    assert tables["best"] == data["best"] and tables["worst"] == data["worst"]


def test_choices_and_uploads_come_only_when_the_stored_rows_changed(engine):
    first = _dashboard(engine)
    assert first["choices"]["sport"] and first["uploads"][0]["name"] == "sample-export.csv"
    again = _dashboard(engine, filters={"sport": "Soccer"}, known=first["stored"])
    assert "choices" not in again and "uploads" not in again and again["stored"] == first["stored"]
    assert engine.handle({"op": "import_sample", "args": {"rows": 500, "seed": 3}})["ok"]
    after = _dashboard(engine, filters={"sport": "Soccer"}, known=first["stored"])
    assert after["stored"] != first["stored"] and len(after["uploads"]) == 2
    assert after["headline"]["transactions"] > again["headline"]["transactions"]
    engine.handle({"op": "delete_all"})
    empty = _dashboard(engine, known=after["stored"])
    assert empty["uploads"] == [] and empty["headline"]["bets"] == 0


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_a_view_over_the_materialised_bets_equals_one_over_the_bets_query(ledger, f):
    pinned = ledger._pinned(f)
    view = ledger.dashboard(f, "week")
    assert view["breakdowns"] == metrics.breakdowns(ledger.conn, pinned)
    assert view["series"] == metrics.profit_series(ledger.conn, pinned, "week")
    assert view["cash"] == metrics.cash_series(ledger.conn, pinned, "week")
    assert view["swings"] == metrics.swings(ledger.conn, pinned)
    assert view["best"] == metrics.top_bets(ledger.conn, pinned, best=True)
    assert view["worst"] == metrics.top_bets(ledger.conn, pinned, best=False)
    assert view["headline"] == ledger.headline(pinned)
    head = metrics.headline(ledger.conn, pinned)
    assert {k: view["headline"][k] for k in ("bets", "settled_bets", "unsettled_bets")} == \
        {k: head[k] for k in ("bets", "settled_bets", "unsettled_bets")}


def test_best_and_worst_in_one_query_keep_their_order_and_columns(ledger):
    for f in FILTERS:
        best, worst = metrics.best_and_worst(ledger.conn, f, limit=7)
        assert best == metrics.top_bets(ledger.conn, f, best=True, limit=7)
        assert worst == metrics.top_bets(ledger.conn, f, best=False, limit=7)


def test_the_best_bets_follow_new_rows_after_a_view_was_drawn():
    ledger = Ledger.in_memory()
    records = sample.generate_records(3000, seed=9)
    ledger.import_file("a.csv", sample.to_csv(records[:1000]).encode())
    f = Filters(sport="Soccer")
    ledger.dashboard(f, "month", best=False)   # fills the scratch table for f
    ledger.import_file("b.csv", sample.to_csv(records[1000:]).encode())
    best, worst = ledger.best_and_worst(f)
    pinned = ledger._pinned(f)
    assert best == metrics.top_bets(ledger.conn, pinned, best=True)
    assert worst == metrics.top_bets(ledger.conn, pinned, best=False)


def test_cash_figures_are_computed_again_after_the_stored_rows_change():
    import datetime as dt

    ledger = Ledger.in_memory()
    records = sample.generate_records(3000, seed=9)
    ledger.import_file("a.csv", sample.to_csv(records[:1000]).encode())
    f = Filters(date_from=dt.date(2000, 1, 1))
    before = ledger.dashboard(f, "month")
    assert before["headline"]["deposits"] == ledger.headline(f)["deposits"]
    ledger.import_file("b.csv", sample.to_csv(records[1000:]).encode())
    after = ledger.dashboard(f, "month")
    fresh = metrics.cash_totals(ledger.conn, f)
    assert after["headline"]["deposits"] == round(fresh["deposits"], 2) != before["headline"]["deposits"]
    assert after["cash"] == metrics.cash_series(ledger.conn, f, "month") != before["cash"]
