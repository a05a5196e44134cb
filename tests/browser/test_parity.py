"""The engine answers the same in the browser as on CPython: every op of the protocol
(tmb_core.app.protocol.OPS), over several imports and sets of filters, asked of the site's real
worker (tmb_core in Pyodide over DuckDB-WASM, in Chromium) and of tmb_core.app.engine.Engine
over the `duckdb` package, and compared value for value, floats exactly.

Both sides run one sequence of requests. The worker is started as the page starts it
(site/app/engine-client.js), on a page of the site that starts no engine of its own."""
import base64
import datetime as dt
import json
import re

import pytest
from browserkit import ENGINE_TIMEOUT, ROOT, gappy_export

from tmb_core import sample
from tmb_core.app.engine import Engine
from tmb_core.app.protocol import OPS
from tmb_core.sql import DuckDBConnection

# Starts the worker with the config of the site's front page (URLs made absolute, as
# engine-client.js does) and resolves once it is ready; `self.parity.ask` then posts one
# request and resolves to its answer as JSON text (progress and save messages are not answers).
# Either fails after `limit` ms rather than waiting for ever.
START = """async ({ config, limit }) => {
    const absolute = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, new URL(v, document.baseURI).href]));
    const worker = new Worker(absolute.worker, { type: "module" });
    const waiting = new Map();
    let nextId = 1;
    const within = (what, work) => new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error(`no ${what} in ${limit} ms`)), limit);
        work(resolve, reject);
    });
    const ready = within("start", (resolve, reject) => {
        worker.onmessage = ({ data: m }) => {
            if (m.type === "ready") resolve();
            else if (m.type === "fatal") reject(new Error(m.message));
            else if (m.type === "answer") waiting.get(m.id)(JSON.stringify({ ok: m.ok, data: m.data, error: m.error }));
        };
    });
    worker.postMessage({ type: "init", config: absolute });
    await ready;
    self.parity = { ask: ({ op, args, data }) => within(`answer to ${op}`, (resolve) => {
        const id = nextId++;
        const buffer = data ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)).buffer : undefined;
        waiting.set(id, resolve);
        worker.postMessage({ id, op, args, buffer }, buffer ? [buffer] : []);
    }) };
}"""
ASK = "(request) => self.parity.ask(request)"
DATA = ROOT / "tests" / "data"


class Both:
    """One engine in the page's worker, one on CPython: each request goes to both, and their
    answers must be equal once `normalised`."""

    def __init__(self, page, python: Engine):
        self.page = page
        self.python = python
        self.asked = set()
        self.raw = {}   # each side's last answer as it came

    def ask(self, op, args=None, data=None, browser_args=None):
        """CPython's answer, once the browser's is found equal; `browser_args`, when given, are
        the worker's (only restore needs its own)."""
        args = args or {}
        request = {"op": op, "args": browser_args or args, "data": data and base64.b64encode(data).decode()}
        self.raw["browser"] = json.loads(self.page.evaluate(ASK, request))
        self.raw["python"] = json.loads(json.dumps(self.python.handle({"op": op, "args": args}, data), allow_nan=False))
        browser, python = (normalised(op, json.loads(json.dumps(self.raw[side]))) for side in ("browser", "python"))
        where = first_difference(browser, python)
        assert where is None, f"{op} {json.dumps(args)[:300]}: the browser and CPython differ at {where}"
        self.asked.add(op)
        return python


def first_difference(a, b, path="answer"):
    """Where two JSON values first differ (None when equal: floats exactly, 1 == 1.0 as in JSON)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return f"{path}: keys {sorted(set(a) ^ set(b))} in one only"
        return next((d for k in a if (d := first_difference(a[k], b[k], f"{path}.{k}"))), None)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items against {len(b)}"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := first_difference(x, y, f"{path}[{i}]"))), None)
    same = a == b and isinstance(a, bool) == isinstance(b, bool) and isinstance(a, str) == isinstance(b, str)
    if same or not (isinstance(a, str) and isinstance(b, str)):
        return None if same else f"{path}: browser {a!r}, CPython {b!r}"
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"{path}, character {at}: browser {a[max(0, at - 60):at + 60]!r}, CPython {b[max(0, at - 60):at + 60]!r}"


ISO_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d")
CODE_TAG = re.compile(r"[0-9a-f]{16}")
BACKUP_TIMES = re.compile(r'"(made_at|imported_at)":"([^"]*)"')


def normalised(op, answer):
    """Only what legitimately differs between the two machines, replaced once checked:

    - an upload's `imported_at` is the clock time of that machine's import (the uploads, the
      dashboard's, the backup's), and a backup's and a guess's `made_at` the time it was made;
    - the code tag (snapshot_plan, derived_state) hashes the tmb_core files each side has, and
      the browser's has no present/bokeh (build.py BROWSER_SKIP: Bokeh does not run there).
    Everything else must be equal as it is (a backup's text too, character for character)."""
    data = answer.get("data")
    if op == "backup" and answer["ok"]:
        answer["data"], times = BACKUP_TIMES.subn(lambda m: f'"{m[1]}":"{clock(m[2])}"', data)
        assert times, "a backup without the time it was made"
    uploads = data if op == "uploads" else (data or {}).get("uploads") if op == "dashboard" else None
    for upload in uploads or ():
        upload["imported_at"] = clock(upload["imported_at"])
    guess = (data or {}).get("guess") if op in ("guess", "dashboard") and answer["ok"] else None
    if guess:
        guess["made_at"] = clock(guess["made_at"])
    if op in ("snapshot_plan", "derived_state") and data:
        assert CODE_TAG.fullmatch(data["code"]), data["code"]
        data["code"] = "(this side's tmb_core)"
    return answer


def clock(time):
    assert ISO_TIME.fullmatch(time), time
    return "(this machine's clock)"


def filter_sets(choices):
    """(filters, search) pairs: none; a sport; the middle third of the stored dates; a search
    for a team's name; presumed lost at once; after 30 days, for one bet kind, searched."""
    first, last = (dt.date.fromisoformat(choices[k]) for k in ("first", "last"))
    third = (last - first) / 3
    middle = {"date_from": str(first + third), "date_to": str(last - third)}
    sport = choices["sport"][-1]
    return [({}, ""), ({"sport": sport}, ""), (middle, ""), ({}, choices["team"][0]),
            ({"presumed_lost_days": 0}, ""), ({"presumed_lost_days": 30, "bet_kind": choices["bet_kind"][0]}, "win")]


def every_view(both):
    """The dashboard, its tables, a page of bets, the CSV of bets and the safer-gambling signals for
    each set of filters, the summary to keep for two, and filters that could only mislead (refused)."""
    first = both.ask("dashboard", {"filters": {}, "period": "day", "known": None})["data"]
    both.ask("dashboard", {"filters": {}, "period": "week", "known": first["stored"]})
    choices = first["choices"]
    for n, (filters, search) in enumerate(filter_sets(choices)):
        period = ("day", "week", "month")[n % 3]
        both.ask("dashboard", {"filters": filters, "period": period, "known": None})
        both.ask("dashboard_tables", {"filters": filters, "period": period})
        sort = ("placed", "profit", "price")[n % 3]
        query = {"filters": filters, "search": search, "sort": sort, "descending": n % 2 == 0}
        both.ask("bets", {**query, "limit": 20, "offset": n})
        both.ask("bets_csv", query)
        both.ask("signals", {"filters": filters})
    backwards = {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    both.ask("dashboard", {"filters": backwards, "period": "day", "known": None})
    both.ask("signals", {"filters": backwards})
    for filters, period in (({}, "week"), ({"sport": choices["sport"][0], "presumed_lost_days": 0}, "month")):
        both.ask("printable_summary", {"filters": filters, "period": period, "made": "2026-12-03"})
    compared(both, choices)


def compared(both, choices):
    """Two periods side by side: each preset (one under a sport), the two halves of the stored
    dates under a bet kind, and a period that runs backwards (refused)."""
    for preset, filters in (("month_vs_last_month", {"sport": choices["sport"][0]}), ("month_vs_last_year", {}),
                            ("year_vs_last_year", {"presumed_lost_days": 0})):
        both.ask("compare", {"filters": filters, "preset": preset})
    first, last = (dt.date.fromisoformat(choices[k]) for k in ("first", "last"))
    middle = first + (last - first) / 2
    halves = {"a": [str(middle), str(last)], "b": [str(first), str(middle - dt.timedelta(days=1))]}
    both.ask("compare", {"filters": {"bet_kind": choices["bet_kind"][0]}, **halves})
    both.ask("compare", {"filters": {}, "a": [str(last), str(first)], "b": halves["b"]})


def clean_small():
    """An export of another made-up punter, a year before the others: its balance runs on
    unbroken, and its rows interleave with none of theirs (whose chain would then break at
    nearly every row)."""
    return sample.to_csv(sample.generate_records(800, seed=21, start=dt.datetime(2024, 1, 1))).encode()


def overlapping_exports(rows=1500, seed=11):
    """Two exports of one made-up punter that overlap by a fifth of their rows."""
    records = sample.generate_records(rows, seed=seed)
    cut = rows * 3 // 5
    return sample.to_csv(records[:cut]).encode(), sample.to_csv(records[cut - rows // 5:]).encode()


def start(page, site):
    page.goto(site)
    config = json.loads(page.evaluate("() => document.body.dataset.config"))
    page.goto(site + "kb.html")   # the same origin, no engine of its own
    page.evaluate(START, {"config": config, "limit": ENGINE_TIMEOUT})


@pytest.fixture
def python_engine():
    engine = Engine(DuckDBConnection())
    yield engine
    engine.ledger.conn.close()


def test_the_worker_answers_every_op_as_cpython_does(context, site, python_engine, tmp_path):
    """One sequence of requests with every op: three states of the store (one clean export;
    with overlapping exports, rows missing and rows rejected; the made-up punter's sample),
    each seen through several sets of filters, then kept, restored and deleted."""
    page = context.watch.page(context.new_page())
    start(page, site)
    both = Both(page, python_engine)
    both.ask("status")
    both.ask("import_file", {"name": "clean_small.csv"}, clean_small())
    every_view(both)
    bad = overlapping_missing_and_bad(both, tmp_path)
    every_view(both)
    backup = kept(both, bad)
    share = shared(both)
    restored(both)
    from_nothing(both, backup, share)
    every_view(both)
    assert both.asked == set(OPS), f"ops the test does not ask: {sorted(set(OPS) - both.asked)}"
    context.watch.assert_clean()


def overlapping_missing_and_bad(both, tmp_path):
    """Two overlapping exports, one with rows missing (so the balance jumps, and is walked row by
    row once), one with rows left out; returns the last one's upload."""
    overlap_a, overlap_b = overlapping_exports()
    files = {"overlap_a.csv": overlap_a, "overlap_b.csv": overlap_b,
             "gappy.csv": gappy_export(tmp_path / "gappy.csv").read_bytes(),
             "partly_bad.csv": (DATA / "bad" / "partly_bad.csv").read_bytes()}
    imported = {name: both.ask("import_file", {"name": name}, data)["data"] for name, data in files.items()}
    assert imported["overlap_b.csv"]["unchanged"] > 0 and imported["partly_bad.csv"]["rejected"] > 0
    headline = both.ask("dashboard", {"filters": {}, "period": "day", "known": None})["data"]["headline"]
    assert headline["balance_gaps"] > 0
    return imported["partly_bad.csv"]


def kept(both, bad):
    """What the page downloads and the worker keeps; returns CPython's backup file."""
    both.ask("issues_csv", {"upload_id": bad["upload_id"]})
    both.ask("issues_csv", {"upload_id": None})
    both.ask("uploads")
    sport = both.ask("dashboard", {"filters": {}, "period": "day", "known": None})["data"]["choices"]["sport"][0]
    both.ask("guess", {"filters": {"sport": sport}, "net_profit": -250.5, "wins_of_10": 3})
    both.ask("dashboard", {"filters": {}, "period": "week", "known": None})
    both.ask("backup")
    backup = both.raw["python"]["data"].encode()
    both.ask("snapshot_plan")
    both.ask("status")
    return backup


def shared(both):
    """A client's share (exact and scaled: the same text on both sides), opened beside the stored
    rows in a database of its own: its views while open, keeping it refused, closing it."""
    both.ask("share", {"scale": True})
    share = both.ask("share", {"scale": False})["data"].encode()
    both.ask("open_share", {"name": "client.csv"}, share)
    first = both.ask("dashboard", {"filters": {}, "period": "week", "known": None})["data"]
    sport = first["choices"]["sport"][0]
    both.ask("dashboard_tables", {"filters": {"sport": sport}, "period": "week"})
    both.ask("bets", {"filters": {"sport": sport}, "search": "", "sort": "profit", "descending": True,
                      "limit": 20, "offset": 0})
    both.ask("signals", {"filters": {}})
    both.ask("status")
    assert both.ask("keep_share")["error"]["code"] == "CannotKeep"
    both.ask("close_share")
    return share


def from_nothing(both, backup, share):
    """Delete everything, restore the backup (the same file on both sides), delete again, keep a
    client's share, warm up, and try the sample."""
    both.ask("delete_all")
    assert both.ask("import_file", {"name": "backup.json"}, backup)["data"]["inserted"] > 0
    both.ask("dashboard", {"filters": {}, "period": "month", "known": None})
    both.ask("delete_all")
    both.ask("open_share", {"name": "client.csv"}, share)
    assert both.ask("keep_share")["data"]["inserted"] > 0
    both.ask("close_share")
    both.ask("dashboard", {"filters": {}, "period": "day", "known": None})
    step = 0
    while step is not None:
        step = both.ask("warm_up", {"step": step})["data"]["next"]
    both.ask("import_sample", {"rows": 700, "seed": 5})


def restored(both):
    """derived_state, then restore with it. Through messages the worker has no saved tables to
    load (only its own start restores them from IndexedDB, which test_snapshot_site covers), so
    this restores none and adopts the derived values; each side gets back its own derived
    state, which differs from the other's only in its code tag (see `normalised`)."""
    both.ask("derived_state")
    derived = {side: answer["data"] for side, answer in both.raw.items()}
    both.ask("restore", {"files": {}, "saved": [], "code": derived["python"]["code"], "derived": derived["python"]},
             browser_args={"files": {}, "saved": [], "code": derived["browser"]["code"], "derived": derived["browser"]})
    both.ask("dashboard", {"filters": {}, "period": "day", "known": None})
    both.ask("dashboard_tables", {"filters": {}, "period": "day"})
    both.ask("status")


# Results of every type the bridge passes, in several rows (negative HUGEINTs and DECIMALs,
# NULLs, several Arrow batches) and a sum, as DuckDB gives them.
CROSSING = (
    """SELECT x::HUGEINT * 1000000007 AS hugeint, CAST(x * 1.25 AS DECIMAL(18, 3)) AS decimal_18,
              CAST(x / 7 AS DECIMAL(38, 10)) AS decimal_38, CAST(x AS DECIMAL(9, 2)) AS whole_decimal,
              CASE WHEN x % 2 = 0 THEN x::BIGINT * 3002399751580 END AS bigint, CAST(x + 4000003000 AS UINTEGER) AS uint32,
              x / 3 AS double, x::FLOAT / 3 AS float, x % 3 = 0 AS bool, 'row ' || x AS text
       FROM range(-3000, 3000) v(x)""",
    "SELECT sum(x) AS sum, 9007199254740991::BIGINT AS largest, -9007199254740991::HUGEINT AS smallest FROM range(100000) v(x)",
)
# Results the bridge refuses (a column name each), and what its error says about each.
REFUSED = {"DATE '2026-11-24' AS day": "Date", "TIMESTAMP '2026-11-24 10:00' AS time": "Timestamp",
           "[1, 2] AS list": "List", "{'a': 1} AS struct": "Struct", "'x'::ENUM('x') AS enum": "Dictionary",
           "9007199254740992::BIGINT AS too_big": "9007199254740992",
           "CAST(9007199254740992 AS DECIMAL(38, 0)) AS too_big_decimal": "9007199254740992"}
TRY = "(sql) => { try { return self.tmbQuery(sql); } catch (error) { return String(error.message); } }"


def test_the_bridge_converts_each_type_as_cpython_does(page):
    """columnsJSON (site/engine/database.js) in the page's own worker against
    DuckDBConnection.query: the same values, or an error naming the column and what to do."""
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    conn = DuckDBConnection()
    try:
        for sql in CROSSING:
            assert worker.evaluate(TRY, sql) == conn.query(sql), sql
    finally:
        conn.close()
    for column, says in REFUSED.items():
        message = worker.evaluate(TRY, f"SELECT {column}")
        name = column.rsplit(" AS ", 1)[1]
        assert isinstance(message, str) and f'"{name}"' in message and says in message and "cast it in SQL" in message


def test_no_query_fetches_a_duckdb_extension_from_another_origin(page):
    """A function of an extension DuckDB-WASM lacks (json) fails in the worker; it is never
    fetched from extensions.duckdb.org (the page fixture fails on any other-origin request)."""
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    failed = worker.evaluate("() => { try { self.tmbQuery(\"SELECT json_array_length('[1]') AS n\"); return null; }"
                             " catch (e) { return String(e.message || e); } }")
    assert failed and "json" in failed.lower()
