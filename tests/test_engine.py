"""The engine protocol on CPython: the same requests the site's worker sends."""
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest
from helpers import DATA, export, row

from tmb_core import sample
from tmb_core.app import protocol
from tmb_core.app.engine import Engine, handle_json
from tmb_core.app.protocol import OPS
from tmb_core.model import BadFilter, Filters
from tmb_core.sql import DuckDBConnection


@pytest.fixture
def engine():
    e = Engine(DuckDBConnection())
    assert e.handle({"op": "import_file", "args": {"name": "all_kinds.csv"}},
                    (DATA / "good/all_kinds.csv").read_bytes())["ok"]
    return e


def ok(answer):
    assert answer["ok"], answer
    return answer["data"]


def test_answers_are_json_with_one_success_and_one_error_shape(engine):
    good = json.loads(handle_json(engine, json.dumps({"op": "status"})))
    assert good["ok"] is True and good["data"]["transactions"] == 21
    assert set(protocol.contract()["ops"]) == set(OPS) and all(hasattr(engine, f"op_{op}") for op in OPS)
    for bad in ({"op": "nope"}, {"op": "dashboard", "args": {"colour": "red"}},
                {"op": "dashboard", "args": {"period": "fortnight"}},
                {"op": "dashboard", "args": {"filters": {"colour": "red"}}},      # an unknown filter
                {"op": "dashboard", "args": {"filters": {"sport": ["Soccer"]}}},  # a filter of the wrong type
                {"op": "bets", "args": {"limit": "ten"}}, {"op": "import_sample", "args": {"rows": True}},
                {"op": "dashboard", "args": ["filters"]}):
        answer = json.loads(handle_json(engine, json.dumps(bad)))
        assert answer["ok"] is False and not protocol.error_problems(answer["error"])
        assert answer["error"]["code"] == "bad_request" and answer["error"]["message"]


def test_import_reports_progress_and_counts():
    e = Engine(DuckDBConnection())
    seen = []
    data = sample.generate_csv(12_000, seed=3).encode()
    report = ok(e.handle({"op": "import_file", "args": {"name": "s.csv"}}, data,
                         progress=lambda done, total, stage: seen.append((done, total, stage))))
    assert report["inserted"] == 12_000 and report["upload_id"] == 1 and report["rows_total"] == 12_000
    summary = e.ledger.headline()
    assert (report["first"], report["last"]) == (summary["first"], summary["last"])  # the page fits its period
    assert [stage for *_, stage in seen] == ["reading", "checking", "understanding", "storing"]
    assert all(0 <= done < total for done, total, _ in seen)
    assert [done for done, *_ in seen] == sorted(done for done, *_ in seen)


def test_dashboard_has_summary_chart_sources_and_choices(engine):
    d = ok(engine.handle({"op": "dashboard", "args": {"filters": {"sport": "Horse Racing"}, "period": "week"}}))
    assert d["headline"]["bets"] == 3 and d["headline"]["staked"] == 27.0
    assert set(d["sources"]) >= {"pnl", "cash", "breakdown_sport"}
    assert "Horse Racing" in d["choices"]["sport"] and d["uploads"][0]["name"] == "all_kinds.csv"
    json.dumps(d, allow_nan=False)


def test_bets_page_and_csv_export_are_spreadsheet_safe():
    e = Engine(DuckDBConnection())
    evil = "=HYPERLINK(\"http://x\") v @SUM(A1)\n+Market\n-Selection @ 2.00 (Win)"
    e.handle({"op": "import_file", "args": {"name": "evil.csv"}}, export([
        row("01/01/2026 10:00", "Bet Stake", "1", "-5.00", "0.00", "B", evil),
        row("01/01/2026 11:00", "Win", "2", "10.00", "10.00", "B", evil)]))
    page = ok(e.handle({"op": "bets", "args": {"limit": 10}}))
    assert page["total"] == 1 and page["rows"][0]["summary"].startswith("=HYPERLINK")
    text = ok(e.handle({"op": "bets_csv", "args": {}}))
    cells = [c for r in csv.reader(io.StringIO(text)) for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells) and "5.0" in cells


def test_issues_csv_lists_rejected_rows():
    e = Engine(DuckDBConnection())
    e.handle({"op": "import_file", "args": {"name": "partly_bad.csv"}}, (DATA / "bad/partly_bad.csv").read_bytes())
    table = list(csv.DictReader(io.StringIO(ok(e.handle({"op": "issues_csv", "args": {"upload_id": 1}})))))
    expected = json.loads((DATA / "bad/partly_bad.csv.expected.json").read_text())["import"]["rejected_rows"]
    assert [r["Row"] for r in table if r["Kept?"] == "left out"] == [str(n) for n in expected]


def test_snapshot_and_restore_round_trip(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = ok(engine.handle({"op": "dashboard", "args": {}}))
    files = {}
    for table in ("transactions", "uploads", "issues"):   # the first sites' CSV snapshot
        files[table] = str(tmp_path / f"{table}.csv")
        engine.ledger.conn.execute(f"COPY (SELECT * FROM {table}) TO '{files[table]}' (FORMAT csv, HEADER true)")
    fresh = Engine(DuckDBConnection())
    assert ok(fresh.handle({"op": "restore", "args": {"files": files}}))["transactions"] == 21
    after = ok(fresh.handle({"op": "dashboard", "args": {}}))
    assert after["headline"] == before["headline"] and after["uploads"] == before["uploads"]
    assert ok(fresh.handle({"op": "bets", "args": {"limit": 100}})) == ok(engine.handle({"op": "bets", "args": {"limit": 100}}))


def test_delete_all(engine):
    ok(engine.handle({"op": "delete_all"}))
    assert ok(engine.handle({"op": "status"}))["transactions"] == 0
    assert ok(engine.handle({"op": "dashboard", "args": {}}))["headline"]["bets"] == 0


def _tables(e) -> dict:
    """Every table and view (temp ones too) with its row count."""
    names = e.ledger.conn.query("SELECT table_name AS t FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() "
                         "WHERE NOT internal")["t"]
    return {n: e.ledger.conn.query(f'SELECT count(*) AS n FROM "{n}"')["n"][0] for n in names}


def test_warm_up_reads_a_made_up_export_and_leaves_nothing_but_the_reference_tables():
    e = Engine(DuckDBConnection())
    before = _tables(e)
    steps, step = [], 0
    while step is not None:
        steps.append(step)
        step = ok(e.handle({"op": "warm_up", "args": {"step": step}}))["next"]
    assert steps == [0, 1, 2]
    after = _tables(e)
    assert {n: c for n, c in after.items() if n in before} == before   # nothing stored changed
    assert all(n.startswith("tmb_ref_") for n in set(after) - set(before)), sorted(set(after) - set(before))
    assert ok(e.handle({"op": "status"}))["transactions"] == 0


@pytest.mark.parametrize("steps", [1, 2, 3])
def test_an_import_after_a_warm_up_stopped_anywhere_is_the_same_as_without(steps):
    data = sample.generate_csv(1500, seed=11).encode()
    answers = []
    for warm in (0, steps):
        e = Engine(DuckDBConnection())
        for step in range(warm):
            ok(e.handle({"op": "warm_up", "args": {"step": step}}))
        report = ok(e.handle({"op": "import_file", "args": {"name": "s.csv"}}, data))
        dashboard = ok(e.handle({"op": "dashboard", "args": {"period": "week"}}))
        bets = ok(e.handle({"op": "bets", "args": {"limit": 2000}}))
        answers.append((report, dashboard["headline"], dashboard["sources"], bets))
    assert answers[0] == answers[1]


def every_op_once(e: Engine, tmp_path) -> dict:
    """Each op of the protocol asked once, as the page and the worker ask it: op -> its answer."""
    data = (DATA / "good/all_kinds.csv").read_bytes()
    answers = {"import_file": ok(e.handle({"op": "import_file", "args": {"name": "a.csv"}}, data)),
               "import_sample": ok(e.handle({"op": "import_sample", "args": {"rows": 300, "seed": 1}})),
               "warm_up": ok(e.handle({"op": "warm_up", "args": {"step": 0}}))}
    asks = {"status": {}, "dashboard": {"filters": {"sport": "Soccer", "presumed_lost_days": 5}, "period": "week"},
            "dashboard_tables": {"filters": {"date_from": "2020-01-01"}, "period": "month"},
            "bets": {"filters": {}, "search": "win", "sort": "profit", "descending": False, "limit": 5, "offset": 1},
            "bets_csv": {"filters": {"status": "won"}}, "issues_csv": {"upload_id": None}, "uploads": {},
            "guess": {"filters": {"sport": "Soccer"}, "net_profit": -20.5, "wins_of_10": 4},
            "snapshot_plan": {}, "derived_state": {"saved": []}, "backup": {},
            "compare": {"filters": {"sport": "Soccer"}, "preset": "month_vs_last_month"},
            "signals": {"filters": {"date_from": "2020-01-01"}},
            "printable_summary": {"filters": {"sport": "Soccer"}, "period": "month", "made": "2026-12-03"}}
    for op, args in asks.items():
        answers[op] = ok(e.handle({"op": op, "args": args}))
    files = {}
    for table in ("transactions", "uploads", "issues", "guesses"):
        files[table] = str(tmp_path / f"{table}.csv")
        e.ledger.conn.execute(f"COPY (SELECT * FROM {table}) TO '{files[table]}' (FORMAT csv, HEADER true)")
    answers["restore"] = ok(e.handle({"op": "restore", "args": {"files": files, "derived": answers["derived_state"]}}))
    answers["share"] = ok(e.handle({"op": "share", "args": {"scale": False}}))
    answers["delete_all"] = ok(e.handle({"op": "delete_all"}))
    answers["open_share"] = ok(e.handle({"op": "open_share", "args": {"name": "s.csv"}}, answers["share"].encode()))
    answers["keep_share"] = ok(e.handle({"op": "keep_share"}))
    answers["close_share"] = ok(e.handle({"op": "close_share"}))
    return answers


def test_every_op_answers_in_the_shape_the_protocol_declares(tmp_path):
    answers = every_op_once(Engine(DuckDBConnection()), tmp_path)
    assert set(answers) == set(OPS), "every op is exercised"
    for op, data in answers.items():
        assert protocol.answer_problems(op, data) == [], op
    assert protocol.answer_problems("status", {"transactions": "21"}) != []    # the check can fail
    assert protocol.answer_problems("uploads", {}) != []
    assert protocol.answer_problems("warm_up", {"next": 1, "extra": 2}) != []


def test_the_contract_the_site_is_built_with_is_the_protocol():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import build

    module = build.contract_module()
    prefix = "export const CONTRACT = "
    assert module.startswith(prefix)
    assert json.loads(module[len(prefix):].rstrip().rstrip(";")) == json.loads(json.dumps(protocol.contract()))


@pytest.mark.parametrize("filters, field, words", [
    ({"date_from": "2026-12-01", "date_to": "2026-11-01"}, "date_from", "is after the To date"),
    ({"presumed_lost_days": -1}, "presumed_lost_days", "from 0 to 3,650"),
    ({"presumed_lost_days": 10**12}, "presumed_lost_days", "from 0 to 3,650"),
    ({"presumed_lost_days": "2.5"}, "presumed_lost_days", "a whole number of days"),
    ({"date_to": "31/02/2026"}, "date_to", "like 24/11/2026"),
], ids=["from after to", "negative days", "absurd days", "part of a day", "not a date"])
def test_filters_that_could_only_mislead_are_refused_with_a_message(engine, filters, field, words):
    """Never $0 for a range with no day in it, never a number of days silently changed: every op
    that takes filters answers bad_filter, naming the filter, and the library raises the same."""
    for op in ("dashboard", "dashboard_tables", "bets", "bets_csv"):
        answer = engine.handle({"op": op, "args": {"filters": filters}})
        assert not answer["ok"] and answer["error"]["code"] == "bad_filter", (op, answer)
        assert not protocol.error_problems(answer["error"])
        assert answer["error"]["field"] == field and words in answer["error"]["message"]
    if all(isinstance(v, int) for k, v in filters.items() if k == "presumed_lost_days") and field != "date_to":
        values = {k: dt.date.fromisoformat(v) if k.startswith("date") else v for k, v in filters.items()}
        with pytest.raises(BadFilter, match=words):
            engine.ledger.headline(Filters(**values))


def test_a_true_or_false_is_no_number_of_days():
    assert Filters(presumed_lost_days=True).problems() and not Filters(presumed_lost_days=1).problems()
