"""The durable store in a real Chromium: every table (the derived bets too) comes back from
IndexedDB exactly after a reload, and a snapshot in the first sites' CSV format still restores."""
import base64

from browserkit import ENGINE_TIMEOUT, TRUTH, cli_summary, kpis, wait_dashboard, wait_imports

from tmb_core.app.engine import Engine
from tmb_core.sql import DuckDBConnection
from tmb_core.store import schema

DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"
TABLES = (*schema.STORED, "bet_base", "cash_base")


def worker(page):
    return next(w for w in page.workers if "/assets/engine." in w.url)


def contents(page):
    """Every table's column types and rows (each value as DuckDB's text), in a fixed order."""
    out = {}
    for table in TABLES:
        q = worker(page).evaluate("(sql) => self.tmbQuery(sql)",
                                  f"SELECT COLUMNS(*)::VARCHAR FROM {table} ORDER BY ALL")
        types = worker(page).evaluate("(sql) => self.tmbQuery(sql)", f"""SELECT column_name, data_type
            FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position""")
        out[table] = {"types": types, "rows": q}
    return out


def reload(page):
    """Reload and wait for the dashboard; a guess asked for is left open (skipping it would be
    one more save, and these tests count the saves)."""
    page.reload()
    page.wait_for_function("() => document.body.dataset.engine === 'ready'", timeout=ENGINE_TIMEOUT)
    wait_dashboard(page, guess=True)


def test_every_table_comes_back_exactly_after_a_reload(page):
    page.set_input_files("#file-input", [str(DATA / "good" / "all_kinds.csv"), str(DATA / "bad" / "partly_bad.csv")])
    wait_imports(page, 2)
    wait_dashboard(page)
    before = contents(page)
    assert len(before["transactions"]["rows"]["tx_id"]) > 10
    rows = before["transactions"]["rows"]
    assert None in rows["bet_id"] and None in rows["price"] and None in rows["runner"]   # NULLs of three types
    assert before["issues"]["rows"]["row"] and before["bet_base"]["rows"]["bet_id"]
    reload(page)
    assert worker(page).evaluate("() => self.tmbTimings.bets_reused") is True
    assert contents(page) == before


def old_snapshot(*paths):
    """The stored tables as the first sites' worker kept them: CSV bytes, one record per table."""
    engine = Engine(DuckDBConnection())
    for path in paths:
        engine.handle({"op": "import_file", "args": {"name": path.name}}, path.read_bytes())
    out = {}
    for table in schema.STORED:
        file = engine.ledger.conn.register_text(f"{table}.csv", "")
        engine.ledger.conn.execute(f"COPY (SELECT * FROM {table}) TO '{file}' (FORMAT csv, HEADER true, USE_TMP_FILE false)")
        out[table] = base64.b64encode(open(file, "rb").read()).decode()
    return out


WRITE_OLD = """async (tables) => {
    const idb = await new Promise((resolve, reject) => {
        const open = indexedDB.open("trackmybets", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("snapshot");
        open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error);
    });
    const tx = idb.transaction("snapshot", "readwrite");
    const store = tx.objectStore("snapshot");
    store.clear();
    for (const [name, text] of Object.entries(tables)) {
        store.put(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)), `table:${name}`);
    }
    store.put({ version: 7, tables: Object.keys(tables), savedAt: "2025-01-01T00:00:00Z" }, "meta");
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    idb.close();
}"""


def test_a_snapshot_in_the_old_csv_format_still_restores(page):
    files = [DATA / "good" / "basic.csv", DATA / "good" / "all_kinds.csv"]
    page.evaluate(WRITE_OLD, old_snapshot(*files))
    reload(page)
    timings = worker(page).evaluate("() => self.tmbTimings")
    assert timings["bets_reused"] is False   # the old format has no bets: derived again
    expected = cli_summary(*files)
    shown = kpis(page)
    for key in ("net_profit", "staked", "deposits", "withdrawals", "unsettled_exposure"):
        assert shown[key] == expected[key], key
    assert timings["understood_again"] is True   # no code tag: understood by this version, then saved
    meta = page.evaluate(READ_META)
    assert meta["format"] == "arrow" and meta["version"] == 8 and "bet_base" in meta["tables"]
    page.set_input_files("#file-input", str(DATA / "good" / "excel_resave.csv"))   # the next save: new format
    wait_imports(page, 1)
    meta = page.evaluate(READ_META)
    assert meta["format"] == "arrow" and meta["version"] == 9 and "bet_base" in meta["tables"]


READ_META = """() => new Promise((resolve) => { indexedDB.open("trackmybets", 1).onsuccess = (e) => {
    e.target.result.transaction("snapshot").objectStore("snapshot").get("meta").onsuccess = (r) => resolve(r.target.result); }; })"""

# The saved rows as another version of tmb_core left them: its code tag on the snapshot.
RETAG = """async (code) => {
    const idb = await new Promise((resolve) => { indexedDB.open("trackmybets", 1).onsuccess = (e) => resolve(e.target.result); });
    const tx = idb.transaction("snapshot", "readwrite");
    const store = tx.objectStore("snapshot");
    store.get("meta").onsuccess = (r) => store.put({ ...r.target.result, code }, "meta");
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    idb.close();
}"""


def test_rows_saved_by_another_version_are_understood_again_on_open_and_saved(page):
    page.set_input_files("#file-input", [str(DATA / "good" / "all_kinds.csv"), str(DATA / "good" / "basic.csv")])
    wait_imports(page, 2)
    wait_dashboard(page)
    before, shown = contents(page), kpis(page)
    current = page.evaluate(READ_META)
    page.evaluate(RETAG, "0123456789abcdef")
    reload(page)
    timings = worker(page).evaluate("() => self.tmbTimings")
    assert timings["understood_again"] is True and timings["bets_reused"] is False
    assert "understanding_saved" in timings
    assert contents(page) == before and kpis(page) == shown
    meta = page.evaluate(READ_META)
    assert meta["code"] == current["code"] and meta["version"] == current["version"] + 1
    reload(page)   # saved as understood now: not again
    assert worker(page).evaluate("() => self.tmbTimings.understood_again") is False


# The device is full: every IndexedDB write in the engine worker fails as a full disk makes it
# fail (a fault put into the browser's API; the worker's own code runs unchanged).
DEVICE_FULL = """() => {
    self.fullDevice = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () { throw new DOMException("the device is full", "QuotaExceededError"); };
}"""
DEVICE_FREED = "() => { IDBObjectStore.prototype.put = self.fullDevice; }"


def test_an_import_the_device_cannot_save_is_undone_and_said_so(page):
    basic, more = DATA / "good" / "basic.csv", DATA / "good" / "all_kinds.csv"
    page.set_input_files("#file-input", str(basic))
    wait_imports(page, 1)
    wait_dashboard(page)   # every figure drawn, the truth's lines too
    kept = kpis(page)
    worker(page).evaluate(DEVICE_FULL)
    page.set_input_files("#file-input", str(more))
    failed = page.locator("#imports .import[data-save=failed]")
    failed.wait_for(timeout=ENGINE_TIMEOUT)
    assert "Not saved" in failed.locator(".status").text_content()
    assert failed.locator(".counts").count() == 0          # no "21 new" beside "Not saved"
    assert "could not be saved on this device" in failed.locator(".report .error").text_content()
    # the engine went back to what is saved, and the dashboard was drawn again from it
    page.wait_for_function("(deposits) => document.querySelector('[data-kpi=deposits]').dataset.value"
                           f" === String(deposits) && {TRUTH}", arg=kept["deposits"], timeout=ENGINE_TIMEOUT)
    assert kpis(page) == kept   # (the truth's lines, which come after the cards, too)
    worker(page).evaluate(DEVICE_FREED)
    page.set_input_files("#file-input", str(more))   # with room again, the same file imports
    wait_imports(page, 3)
    reload(page)
    assert kpis(page)["deposits"] == cli_summary(basic, more)["deposits"]
