// The engine worker: Pyodide runs tmb_core, DuckDB-WASM stores and aggregates, IndexedDB keeps
// the data between visits. The UI thread only renders. Messages in and out are described in
// tmb_core/app/engine.py (ops) and site/app/engine-client.js (envelopes).
import { compileDuckDB } from "./runtimes.js";
import { findSnapshot, startPython } from "./pyboot.js";
import * as durable from "./durable.js";
import { OPS, requestProblem } from "./protocol.js";

// Importing tmb_core needs no database: it runs while DuckDB is still starting. Python started
// from a snapshot (pyboot.js) runs it again: every module is there already.
const PYTHON_IMPORTS = `
import sys
if "/home/pyodide/tmb" not in sys.path:
    sys.path.insert(0, "/home/pyodide/tmb")
from tmb_core.app.engine import Engine, handle_json
from tmb_core.app.wasm import WasmConnection
`;

// The reference data (teams, tracks, keywords) that the first import reads: read at the start
// only while DuckDB is still starting, so that it never delays the engine's start.
const PYTHON_REFERENCE = `
from tmb_core.understand.sql_reference import prepare
prepare()
`;

const PYTHON_GLUE = `
import duck
_engine = Engine(WasmConnection(duck))
def tmb_handle(request, data=None, progress=None):
    return handle_json(_engine, request, None if data is None else data.to_bytes(), progress)
`;

let py, db, conn, handle, idb, channel, database;
let restoring = {};   // the snapshot's tables while a restore runs ({name: Arrow parts})
let loadedVersion = 0;
// The version whose derived values are in the durable store, and the unfiltered views saved with them.
let savedViews = { version: 0, periods: [] };
let span = {};
let readyResolve;
let queue = new Promise((resolve) => { readyResolve = resolve; });

// Read by bench/bench_site.py (evaluated in this worker): the two WebAssembly heaps, in bytes.
self.tmbMemory = () => ({ pyodide: py ? py._module.HEAPU8.byteLength : 0, duckdb: db ? db.mod.HEAPU8.byteLength : 0 });

// Start-up timings (ms since the worker started), for profiling: read with self.tmbTimings.
const timings = (self.tmbTimings = {});
const mark = (name) => {
  timings[name] = Math.round(performance.now());
  (timings.heaps ||= {})[name] = [py ? py._module.HEAPU8.byteLength >> 20 : 0, db ? db.mod.HEAPU8.byteLength >> 20 : 0];
};

const post = (message) => postMessage(message);
const stage = (text) => post({ type: "loading", stage: text });
const failure = (error) => ({ ok: false, error: { code: error.name || "Error", message: String(error.message || error) } });

self.addEventListener("unhandledrejection", (event) => post({ type: "fatal", message: String(event.reason?.message || event.reason) }));

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
  return response.arrayBuffer();
}

async function timed(name, promise) {
  const result = await promise;
  mark(name);
  return result;
}

// Python, DuckDB (its wasm, then its script) and the saved data all load at once; the big
// DuckDB script is imported only now, so Python's downloads start before it is even parsed.
async function init(config) {
  mark("init");
  stage("Starting Python and the database");
  const compiled = timed("duckdb_compiled", compileDuckDB(config.duckdb));
  const core = timed("core_fetched", fetchBytes(config.core));
  core.catch(() => {});   // awaited by startPython
  const found = findSnapshot(config);
  const module = timed("duckdb_module", import("./database.js"));
  const duck = timed("duckdb", module.then((m) => m.startDuckDB(compiled, mark)));
  let duckStarted = false;
  duck.then(() => { duckStarted = true; }, () => {});   // awaited below, after Python
  const saved = durable.openStore().then((store) => { idb = store; return durable.load(store); });
  saved.then((found) => found?.tables.transactions && post({ type: "saved_data" }), () => {});
  // Python's files are fetched once it is known whether it starts from a snapshot (pyboot.js).
  const { py: pyodide, boot, keep } = await startPython(await found, config, core, PYTHON_IMPORTS, { mark, timings });
  py = pyodide;
  timings.boot = boot;
  if (!duckStarted) {
    py.runPython(PYTHON_REFERENCE);
    mark("reference_read");
  }
  db = await duck;
  conn = db.connect();
  // No extension is ever fetched: DuckDB-WASM would load one (json, say) from another origin the
  // first time a query names one of its functions. Such a query fails here instead.
  conn.query("SET autoinstall_known_extensions = false");
  conn.query("SET autoload_known_extensions = false");
  database = await module;
  // Read by the browser tests (evaluated in this worker): a query's result as JSON columns.
  self.tmbQuery = (sql) => JSON.parse(database.columnsJSON(conn.query(sql)));
  py.registerJsModule("duck", database.bridge(db, conn, () => restoring));
  py.runPython(PYTHON_GLUE);
  handle = py.globals.get("tmb_handle");
  channel = durable.channel(heedOtherTab);
  // Another tab may have saved after the data was loaded and before this tab listened: once
  // ready, what is stored is looked at again.
  heedOtherTab();
  stage("Restoring your saved data");
  const snapshot = await saved;
  mark("saved_loaded");
  if (await restore(snapshot)) await saveUnderstanding();
  mark("restored");
  started = true;
  readyResolve();
  const { transactions } = call("status").data;
  post({ type: "ready", transactions, ...span });
  timings.fetched = fetched();
  const asked = received;
  if (!transactions) setTimeout(() => { if (received === asked) queue = queue.then(warmUp).catch(warmUpFailed); }, WARM_UP_IDLE_MS);
  whenIdle(() => keep().catch((error) => { timings.python_snapshot_error = String(error?.message || error); }));
}

// Each file the start fetched: [started, ended] in ms since the worker started, by name.
const fetched = () => Object.fromEntries(performance.getEntriesByType("resource")
  .map((e) => [e.name.split("/").pop(), [Math.round(e.startTime), Math.round(e.responseEnd)]]));

// Run `work` (no Python in it) once the page has asked for nothing for a while.
const IDLE_MS = 1000;
function whenIdle(work) {
  const asked = received;
  setTimeout(() => (received === asked && !waiting ? work() : whenIdle(work)), IDLE_MS);
}

// Requests received so far, and those not yet begun: a warm-up step is only taken while
// none is waiting.
let received = 0;
let waiting = 0;

// When nothing is stored and the page has asked for nothing for a moment after the start,
// tmb_core reads a small made-up export step by step and throws it away (tmb_core/store/staging.py
// warm_up): the first real import then runs on code the browser has already compiled and
// optimised (a 100,000-row file dropped 3 s after the start: 0.9 s sooner). A request stops
// it after the step under way. It only speeds things up: a failure is noted, nothing more.
const WARM_UP_IDLE_MS = 1000;
async function warmUp() {
  mark("warm_up_started");
  let step = 0;
  while (step !== null) {
    await new Promise((resolve) => setTimeout(resolve));   // a request that came in is counted now
    if (waiting) break;
    const answer = call("warm_up", { step });
    if (!answer.ok) return warmUpFailed(answer.error);
    step = answer.data.next;
  }
  mark(step === null ? "warmed_up" : "warm_up_stopped");
}

function warmUpFailed(error) {
  mark("warm_up_failed");
  timings.warm_up_error = String(error?.message || error);
}

function call(op, args = {}, data, progress) {
  return JSON.parse(handle(JSON.stringify({ op, args }), data, progress));
}

// Rebuild the database from the durable store (what `durable.load` gave, or loaded now).
// True when the rows were saved by another version of tmb_core and so understood again.
async function restore(saved) {
  if (saved === undefined) saved = await durable.load(idb);
  if (!saved) {   // nothing stored (yet): nothing in memory either
    if (loadedVersion || call("status").data.transactions) call("delete_all");
    loadedVersion = 0;
    return false;
  }
  const answer = saved.format === "arrow" ? restoreArrow(saved) : restoreCSV(saved);
  if (!answer.ok) throw new Error(`your saved data could not be read back: ${answer.error.message}`);
  loadedVersion = saved.version;
  const views = answer.data.derived_adopted ? Object.keys(saved.derived.views || {}) : null;
  savedViews = views ? { version: saved.version, periods: views } : { version: 0, periods: [] };
  const { derived_adopted, bets_reused, understood_again } = answer.data;
  Object.assign(timings, { derived_adopted, bets_reused, understood_again });
  span = { first: answer.data.first, last: answer.data.last };
  return answer.data.understood_again;
}

// Heard when the saved rows came from another version: each is understood again. Said on the
// page while it starts; later (another tab saved with other code) the page only hears "changed".
let started = false;
const understanding = () => { if (!started) stage("Updating your saved bets for this version of TrackMyBets"); };

// Rows understood again on open are saved at once, so that the next open need not do it
// again; only if no other tab saved meanwhile. It only saves time: a failure changes nothing.
async function saveUnderstanding() {
  await durable.exclusive(async () => {
    if ((await durable.version(idb)) === loadedVersion) await persist();
  }).catch(() => {});
  mark("understanding_saved");
}

// Python asks for each table (bridge load_saved); the rows go from IndexedDB to DuckDB directly.
function restoreArrow(saved) {
  restoring = saved.tables;
  try {
    return call("restore", { saved: Object.keys(saved.tables), code: saved.code, derived: saved.derived }, undefined, understanding);
  } finally {
    restoring = {};
  }
}

// The first sites' format: each stored table as CSV, read by DuckDB's read_csv.
function restoreCSV(saved) {
  const files = {};
  for (const [table, bytes] of Object.entries(saved.tables)) {
    files[table] = `saved_${table}.csv`;
    db.registerFileBuffer(files[table], bytes);
  }
  try {
    return call("restore", { files, derived: saved.derived }, undefined, understanding);
  } finally {
    for (const name of Object.values(files)) db.dropFile(name);
  }
}

// Every table (the derived bets too, tagged with the code that derived them) as Arrow parts.
function snapshot() {
  const plan = call("snapshot_plan");
  if (!plan.ok) throw new Error(plan.error.message);
  const tables = {};
  for (const [table, sql] of Object.entries(plan.data.tables)) tables[table] = database.copyOut(conn, sql);
  return { format: "arrow", code: plan.data.code, tables, transactions: call("status").data.transactions };
}

async function persist() {
  const next = loadedVersion + 1;
  const tables = snapshot();
  mark("snapshot_taken");
  await durable.save(idb, tables, next);
  mark("snapshot_saved");
  loadedVersion = next;
  channel.announce({ version: next });
}

// Changes go through the store's lock, on top of whatever another tab saved last. A change
// is saved before it is answered (delete_all: once it says so, the data is gone), unless
// `early`: then it is answered as soon as it is made, the page's next request (its dashboard)
// is served from memory, and only then is it saved, still under the lock. The page hears of
// that save in a "saved" message; if it fails, the data goes back to what is stored.
let saving = Promise.resolve();   // the last change's save (never rejects)
let letSave = () => {};           // lets a waiting early save go on
let unsaved = false;              // an early change is answered but not yet saved

async function change(work, { early = false } = {}) {
  letSave();
  await saving;
  const id = currentId;
  return new Promise((answer) => {
    saving = durable.exclusive(async () => {
      if ((await durable.version(idb)) !== loadedVersion) await restore();
      mark("change_start");
      const result = work();
      mark("change_worked");
      if (!result.ok) return answer(result);
      if (early) {
        unsaved = true;
        answer(result);
        await new Promise((resolve) => { letSave = resolve; setTimeout(resolve, EARLY_SAVE_WAIT_MS); });
      }
      post({ type: "progress", id, stage: "saving" });
      const saved = await save();
      unsaved = false;
      if (early) post({ type: "saved", id, ...saved });
      else answer(saved.ok ? result : failure(new Error(`nothing was saved on this device: ${saved.error.message}`)));
      // The values derived from the rows are kept for the saved version too (a change such as a
      // guess leaves them as they were; one that changed the rows has had its dashboard drawn),
      // and the page's view of them if it came meanwhile.
      if (saved.ok) await keepDerived().then(keepView);
    }).catch((error) => answer(failure(error)));
  });
}

// How long an early save waits for the page's next request before it goes on regardless.
const EARLY_SAVE_WAIT_MS = 2000;

async function save() {
  try {
    await persist();
    return { ok: true };
  } catch (error) {
    await restore().catch(() => {});   // back to what is durably stored: nothing half-saved
    post({ type: "changed" });
    return failure(error);
  }
}

// After a dashboard (its last part, the tables) the slow derived values are computed; kept (with
// the unfiltered views drawn so far) so that a reopen skips them. Python answers null when
// nothing new is to be kept.
async function keepDerived() {
  if (!loadedVersion || unsaved) return;
  const version = loadedVersion;
  const answer = call("derived_state", savedViews.version === version ? { saved: savedViews.periods } : {});
  if (!answer.ok || !answer.data) return;
  await durable.saveDerived(idb, version, answer.data);
  savedViews = { version, periods: Object.keys(answer.data.views) };
  mark("derived_saved");
}

// The page's last view (site/app/lastview.js), kept with the rows it was drawn from: once they are
// saved (an early change's save may still be waiting), and only if they are still the rows in
// memory (`stored`, the dashboard's version of them). It only saves time: a failure is noted.
let viewToKeep = null;

async function keepView() {
  if (!viewToKeep || !loadedVersion || unsaved) return;
  const view = viewToKeep;
  viewToKeep = null;
  const { stored, share_open: shareOpen } = call("status").data;
  if (view.dashboard.stored !== stored || shareOpen) return;   // drawn from rows since changed, or a client's share
  await durable.saveView(idb, loadedVersion, view);
  mark("view_kept");
}

// Queued like a request; should reading another tab's change fail, the page hears it (the
// requests after it still run).
function heedOtherTab() {
  queue = queue.then(onOtherTab).catch((error) => post({
    type: "fatal", message: `another tab's change could not be read: ${error?.message || error}`,
  }));
}

async function onOtherTab() {
  if ((await durable.version(idb)) === loadedVersion) return;
  await restore();
  post({ type: "changed" });
}

let currentId = 0;
// A dashboard comes in two requests (tmb_core/app/engine.py): its charts, then its tables.
const DASHBOARD_FIRST_PART = "dashboard";

// Each op's contract (tmb_core/app/protocol.py) says whether it changes the stored data (then
// it is saved: before it is answered, or right after the page's next request when `early`)
// and whether it hears progress.
async function dispatch({ id, op, args = {}, buffer }) {
  let answer;
  currentId = id;
  const started = performance.now();
  const spec = OPS[op];
  try {
    const problem = requestProblem(op, args);
    if (problem) {
      answer = { ok: false, error: { code: "bad_request", message: problem } };
    } else {
      const progress = spec.progress ? (done, total, stage = "reading") => post({ type: "progress", id, stage, done, total }) : undefined;
      const work = () => call(op, args, spec.data && buffer ? new Uint8Array(buffer) : undefined, progress);
      answer = spec.changes ? await change(work, { early: spec.early }) : work();
    }
  } catch (error) {
    answer = failure(error);
  }
  (timings.ops ||= []).push([op, Math.round(started), Math.round(performance.now())]);
  post({ type: "answer", id, ...answer });
  if (op === "dashboard_tables" && answer.ok) await keepDerived().catch(() => {});   // an optimisation only
  // The page's request after a change (a dashboard: once its last part is answered): now it may be saved.
  if (!spec?.changes && op !== DASHBOARD_FIRST_PART) letSave();
}

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    init(data.config).catch((error) => post({
      type: "fatal", unsupported: error.name === "UnsupportedBrowser", message: String(error.message || error),
    }));
    return;
  }
  if (data.type === "keep_view") {
    queue = queue.then(() => { viewToKeep = data.view; return keepView(); })
      .catch((error) => { timings.keep_view_error = String(error?.message || error); });
    return;
  }
  received += 1;
  waiting += 1;
  queue = queue.then(() => { waiting -= 1; return dispatch(data); });
};
