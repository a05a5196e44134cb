"""The durable store's snapshot on CPython: the same COPY and restore SQL the worker runs, with
DuckDB files on disk instead of registered buffers."""
import json

import pytest
from helpers import DATA

from tmb_core import sample, schema, snapshot
from tmb_core.db import DuckDBConnection
from tmb_core.engine import Engine


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


def save(engine, folder):
    """The worker's snapshot(): each COPY step run, its file kept."""
    files = {}
    for step in ok(engine.handle({"op": "snapshot_sql"})):
        engine.conn.execute(step["sql"].replace(repr(step["file"]), repr(str(folder / step["file"]))))
        files[step["table"]] = str(folder / step["file"])
    return files


def table(engine, name):
    order = ", ".join(f'"{c}"' for c in schema.STORED[name])
    return engine.conn.query(f"SELECT * FROM {name} ORDER BY {order}")


def dashboard(engine):
    """The dashboard's data; `stored` is left out: it counts this engine's changes, not the data."""
    answer = ok(engine.handle({"op": "dashboard", "args": {"period": "week"}}))
    return json.dumps({k: v for k, v in answer.items() if k != "stored"}, sort_keys=True)


def restored(files, derived=None):
    fresh = Engine(DuckDBConnection())
    args = {"files": files} if derived is None else {"files": files, "derived": derived}
    return fresh, ok(fresh.handle({"op": "restore", "args": args}))


def test_restore_round_trips_every_stored_table_exactly(engine, tmp_path):
    fresh, answer = restored(save(engine, tmp_path))
    for name in schema.STORED:
        assert table(fresh, name) == table(engine, name), name
    for name in ("bet_base", "cash_base"):   # derived again from the restored rows
        everything = f"SELECT * FROM {name} ORDER BY ALL"
        assert fresh.conn.query(everything) == engine.conn.query(everything), name
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
    stale = {"code": "0123456789abcdef", "cache": {**state["cache"], "gaps": [], "facets": {"sport": ["Stale"]}}}
    fresh, answer = restored(save(engine, tmp_path), stale)
    assert answer["derived_adopted"] is False
    assert dashboard(fresh) == before


def test_the_code_tag_follows_the_source(tmp_path, monkeypatch):
    tag = snapshot.code_tag()
    assert len(tag) == 16 and tag == snapshot.code_tag()
    copy = tmp_path / "tmb_core"
    copy.mkdir()
    for path in snapshot.Path(snapshot.__file__).parent.glob("*.py"):
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "bets.py").write_bytes((copy / "bets.py").read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(snapshot, "__file__", str(copy / "snapshot.py"))
    snapshot.code_tag.cache_clear()
    try:
        assert snapshot.code_tag() != tag
    finally:
        snapshot.code_tag.cache_clear()
