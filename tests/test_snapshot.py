"""The durable store's snapshot on CPython: the restore the worker runs, with the tables as CSV
files on disk (the first sites' format, and the CPython stand-in for the worker's Arrow tables,
which tests/browser round-trips for real)."""
import contextlib
import datetime as dt
import json
import shutil

import pytest
from helpers import DATA, export, row

from tmb_core import sample
from tmb_core.app.engine import Engine
from tmb_core.sql import DuckDBConnection
from tmb_core.store import schema, snapshot
from tmb_core.understand import details, reference, sql_reference


def ok(answer):
    assert answer["ok"], answer
    return answer["data"]


@pytest.fixture
def engine():
    e = Engine(DuckDBConnection())
    ok(e.handle({"op": "import_file", "args": {"name": "all_kinds.csv"}}, (DATA / "good/all_kinds.csv").read_bytes()))
    ok(e.handle({"op": "import_file", "args": {"name": "sample.csv"}}, sample.generate_csv(2000, seed=3).encode()))
    ok(e.handle({"op": "import_file", "args": {"name": "bad.csv"}}, b"not,an,export\n1,2,3\n"))
    return e


def save(engine, folder, tables=tuple(schema.STORED)):
    """A CSV snapshot of `tables`, as the first sites' worker wrote it (one COPY per table)."""
    files = {}
    for t in tables:
        files[t] = str(folder / f"{t}.csv")
        engine.ledger.conn.execute(f"COPY (SELECT * FROM {t}) TO '{files[t]}' (FORMAT csv, HEADER true, USE_TMP_FILE false)")
    return files


def table(engine, name):
    order = ", ".join(f'"{c}"' for c in schema.STORED[name])
    return engine.ledger.conn.query(f"SELECT * FROM {name} ORDER BY {order}")


def dashboard(engine, period="week"):
    """The dashboard's data, as the page asks for it (cards and charts, then the tables); `stored`
    is left out: it counts this engine's changes, not the data."""
    answer = ok(engine.handle({"op": "dashboard", "args": {"period": period}}))
    tables = ok(engine.handle({"op": "dashboard_tables", "args": {"period": period}}))
    return json.dumps({**{k: v for k, v in answer.items() if k != "stored"}, **tables}, sort_keys=True)


def restored(files, derived=None, code=None):
    fresh = Engine(DuckDBConnection())
    args = {"files": files, **({} if derived is None else {"derived": derived}), **({} if code is None else {"code": code})}
    return fresh, ok(fresh.handle({"op": "restore", "args": args}))


def everything(engine, name):
    return engine.ledger.conn.query(f"SELECT * FROM {name} ORDER BY ALL")


def test_restore_round_trips_every_stored_table_exactly(engine, tmp_path):
    fresh, answer = restored(save(engine, tmp_path))
    for name in schema.STORED:
        assert table(fresh, name) == table(engine, name), name
    for name in ("bet_base", "cash_base"):   # derived again from the restored rows
        assert everything(fresh, name) == everything(engine, name), name
    assert answer["bets_reused"] is False
    assert answer["transactions"] == ok(engine.handle({"op": "status"}))["transactions"]
    assert answer["first"] <= answer["last"]


def test_a_snapshot_without_derived_values_restores_like_before(engine, tmp_path):
    before = dashboard(engine)
    fresh, answer = restored(save(engine, tmp_path))
    assert answer["derived_adopted"] is False
    assert dashboard(fresh) == before


def test_derived_values_from_the_same_code_are_adopted_and_change_nothing(engine, tmp_path):
    before = dashboard(engine)
    state = json.loads(json.dumps(ok(engine.handle({"op": "derived_state"}))))   # as IndexedDB keeps it
    fresh, answer = restored(save(engine, tmp_path), state)
    assert answer["derived_adopted"] is True
    assert dashboard(fresh) == before


def test_derived_values_from_other_code_are_derived_again(engine, tmp_path):
    before = dashboard(engine)
    state = ok(engine.handle({"op": "derived_state"}))
    stale = {"code": "0123456789abcdef", "cache": {**state["cache"], "gaps": [], "choices": {"sport": ["Stale"]}},
             "views": {"week": {"headline": {"stale": True}}}}
    fresh, answer = restored(save(engine, tmp_path), stale)
    assert answer["derived_adopted"] is False
    assert dashboard(fresh) == before


@pytest.mark.parametrize("change", ["store/bets.py", "understand/sql_lines.py", "understand/data/teams.csv",
                                    "figures/new_module.py", "model.py"])
def test_the_code_tag_follows_every_module_and_reference_file(tmp_path, monkeypatch, change):
    tag = snapshot.code_tag()
    assert len(tag) == 16 and tag == snapshot.code_tag()
    copy = tmp_path / "tmb_core"
    shutil.copytree(snapshot.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(snapshot, "PACKAGE", copy)
    snapshot.code_tag.cache_clear()
    try:
        assert snapshot.code_tag() == tag, "a copy of the same code has the same tag"
        (copy / "store" / "__pycache__").mkdir()
        (copy / "store" / "__pycache__" / "bets.cpython-311.pyc").write_bytes(b"compiled")
        snapshot.code_tag.cache_clear()
        assert snapshot.code_tag() == tag, "compiled files are no source"
        changed = copy / change
        changed.write_bytes((changed.read_bytes() if changed.exists() else b"") + b"\n# changed\n")
        snapshot.code_tag.cache_clear()
        assert snapshot.code_tag() != tag
    finally:
        snapshot.code_tag.cache_clear()


def test_the_plan_copies_every_stored_and_cached_table_with_the_code_tag():
    plan = ok(Engine(DuckDBConnection()).handle({"op": "snapshot_plan"}))
    assert set(plan["tables"]) == {*schema.STORED, "bet_base", "cash_base"}
    assert plan["code"] == snapshot.code_tag()


def tampered_bets(engine, folder):
    """A snapshot of every table whose saved bets lack one bet: seen only if they are reused."""
    files = save(engine, folder, [*schema.STORED, "bet_base", "cash_base"])
    engine.ledger.conn.execute(f"""COPY (SELECT * FROM bet_base WHERE bet_id <> (SELECT max(bet_id) FROM bet_base))
                            TO '{files["bet_base"]}' (FORMAT csv, HEADER true)""")
    return files


def test_saved_bets_from_the_same_code_are_reused_not_derived_again(engine, tmp_path):
    fresh, answer = restored(tampered_bets(engine, tmp_path), code=snapshot.code_tag())
    assert answer["bets_reused"] is True
    assert len(everything(fresh, "bet_base")["bet_id"]) == len(everything(engine, "bet_base")["bet_id"]) - 1
    assert everything(fresh, "cash_base") == everything(engine, "cash_base")


@pytest.mark.parametrize("code", [None, "0123456789abcdef"])
def test_saved_bets_from_other_or_unknown_code_are_derived_again(engine, tmp_path, code):
    fresh, answer = restored(tampered_bets(engine, tmp_path), code=code)
    assert answer["bets_reused"] is False
    for name in ("bet_base", "cash_base"):
        assert everything(fresh, name) == everything(engine, name), name


def test_saved_bets_without_both_tables_are_derived_again(engine, tmp_path):
    files = tampered_bets(engine, tmp_path)
    del files["cash_base"]
    fresh, answer = restored(files, code=snapshot.code_tag())
    assert answer["bets_reused"] is False
    assert everything(fresh, "bet_base") == everything(engine, "bet_base")


def test_a_table_the_snapshot_does_not_keep_is_refused(engine, tmp_path):
    files = save(engine, tmp_path)
    answer = Engine(DuckDBConnection()).handle({"op": "restore", "args": {"files": {**files, "secrets": files["uploads"]}}})
    assert not answer["ok"] and "secrets" in answer["error"]["message"]


def test_the_unfiltered_views_drawn_are_kept_and_a_reopen_starts_with_them(engine, tmp_path):
    before = dashboard(engine)
    ok(engine.handle({"op": "dashboard", "args": {"period": "day", "filters": {"sport": "Tennis"}}}))
    state = json.loads(json.dumps(ok(engine.handle({"op": "derived_state"}))))
    assert set(state["views"]) == {"week"}   # only unfiltered views
    assert ok(engine.handle({"op": "derived_state", "args": {"saved": ["week"]}})) is None
    ok(engine.handle({"op": "dashboard", "args": {"period": "month"}}))
    assert ok(engine.handle({"op": "derived_state", "args": {"saved": ["week"]}})) is None   # not whole yet
    ok(engine.handle({"op": "dashboard_tables", "args": {"period": "month"}}))
    assert set(ok(engine.handle({"op": "derived_state", "args": {"saved": ["week"]}}))["views"]) == {"week", "month"}
    state["views"]["week"]["headline"]["marker"] = "kept"   # proves the view is reused, not drawn again
    fresh, _ = restored(save(engine, tmp_path), state)
    reused = json.loads(dashboard(fresh))
    assert reused["headline"].pop("marker") == "kept"
    assert json.dumps(reused, sort_keys=True) == before


def _forget_reference_caches():
    for module in (reference, sql_reference):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()
    details._CACHE.clear()


@contextlib.contextmanager
def older_reference_data():
    """tmb_core as an older version had it: no AFL clubs among the teams, half the tracks."""
    real = reference._rows

    def older(name):
        rows = real(name)
        if name == "teams.csv":
            return [r for r in rows if r["competition"] != "AFL"]
        return rows[::2] if name == "tracks.csv" else rows

    reference._rows = older
    _forget_reference_caches()
    try:
        yield
    finally:
        reference._rows = real
        _forget_reference_caches()


EXPORTS = [("all_kinds.csv", (DATA / "good/all_kinds.csv").read_bytes()),
           ("sample.csv", sample.generate_csv(4000, seed=11).encode())]


def imported(exports=EXPORTS):
    e = Engine(DuckDBConnection())
    for name, data in exports:
        ok(e.handle({"op": "import_file", "args": {"name": name}}, data))
    return e


def without_times(engine, name):
    """A stored table as a fresh import of the same files would have it (not when it was imported)."""
    found = table(engine, name)
    found.pop("imported_at", None)
    return found


def test_rows_saved_by_a_version_with_other_reference_data_are_understood_again_on_open(tmp_path):
    with older_reference_data():
        older = imported()
        files = save(older, tmp_path, [*schema.STORED, "bet_base", "cash_base"])
    now = imported()
    before, after = table(older, "transactions"), table(now, "transactions")
    changed = sum(a != b for a, b in zip(before["competition"], after["competition"]))
    assert changed > 50, "the older reference data must have understood some rows differently"
    reopened, answer = restored(files, code="0123456789abcdef")   # the older version's tag
    assert answer["understood_again"] is True and answer["bets_reused"] is False
    for name in schema.STORED:
        assert without_times(reopened, name) == without_times(now, name), name
    for name in ("bet_base", "cash_base"):
        assert everything(reopened, name) == everything(now, name), name
    figures = [json.loads(dashboard(e)) for e in (reopened, now)]
    for view in figures:
        view.pop("uploads")
    assert figures[0] == figures[1]


def test_rows_saved_by_the_same_code_are_not_understood_again(engine, tmp_path):
    files = save(engine, tmp_path, [*schema.STORED, "bet_base", "cash_base"])
    engine.ledger.conn.execute(f"""COPY (SELECT * REPLACE ('Stale' AS sport) FROM transactions)
                                   TO '{files["transactions"]}' (FORMAT csv, HEADER true)""")
    seen = []
    fresh = Engine(DuckDBConnection())
    answer = ok(fresh.handle({"op": "restore", "args": {"files": files, "code": snapshot.code_tag()}},
                             progress=lambda *a: seen.append(a)))
    assert answer["understood_again"] is False and seen == []
    assert set(table(fresh, "transactions")["sport"]) == {"Stale"}, "what the same code saved is taken as it is"
    answer = ok(fresh.handle({"op": "restore", "args": {"files": files, "code": "0123456789abcdef"}},
                             progress=lambda *a: seen.append(a)))
    assert answer["understood_again"] is True and seen == [(0, 1, "understanding")]
    assert table(fresh, "transactions") == table(engine, "transactions")


ARSENAL = "Arsenal v Nottm Forest\n Win-Draw-Win\nArsenal @ 1.36 (Win)"


def test_a_row_completed_by_a_later_export_is_understood_from_what_is_stored():
    """The first export has no Summary, the second has it: the stored row gains it and is
    understood from it, as a reopen understands it."""
    first = export([row("01/11/2026 10:00", "Bet Stake", "900", "-10.00", "90.00", "55", "",
                        ("true", "false", "false", "false"))])
    second = export([row("01/11/2026 10:00", "Bet Stake", "900", "-10.00", "90.00", "55", ARSENAL,
                         ("true", "false", "false", "false"))])
    e = imported([("first.csv", first), ("second.csv", second)])
    stored = table(e, "transactions")
    assert stored["flag_single"] == [True] and stored["summary"] == [ARSENAL]
    expected = dict(zip(schema.DERIVED, details.derived(details.details(ARSENAL, (True, False, False, False),
                                                                         dt.datetime(2026, 11, 1, 10)))))
    assert {c: stored[c][0] for c in schema.DERIVED} == expected
    assert expected["sport"] == "Soccer" and expected["bet_kind"] == "single"
    before = table(e, "transactions")
    snapshot.understand_again(e.ledger.conn)
    assert table(e, "transactions") == before


def test_rows_that_cannot_be_understood_again_stay_as_saved_and_are_tried_again(engine, tmp_path, monkeypatch):
    """Understanding every row again needs memory: when it fails (a fault put in its place),
    the reopen still shows the rows as the older version saved and understood them."""
    files = save(engine, tmp_path, [*schema.STORED, "bet_base", "cash_base"])

    def out_of_memory(*args):
        raise MemoryError("out of memory")

    monkeypatch.setattr(snapshot, "understand_stored", out_of_memory)
    fresh, answer = restored(files, code="0123456789abcdef")
    assert answer["understood_again"] is False and answer["bets_reused"] is False
    for name in schema.STORED:
        assert table(fresh, name) == table(engine, name), name
    assert everything(fresh, "bet_base") == everything(engine, "bet_base")
    assert dashboard(fresh) == dashboard(engine)


def test_an_empty_store_from_other_code_has_nothing_to_understand_again(tmp_path):
    empty = Engine(DuckDBConnection())
    fresh, answer = restored(save(empty, tmp_path), code="0123456789abcdef")
    assert answer["understood_again"] is False and answer["transactions"] == 0
