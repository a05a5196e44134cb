// The engine worker: Pyodide runs tmb_core, DuckDB-WASM stores and aggregates, IndexedDB keeps
// the data between visits. The UI thread only renders. Messages in and out are described in
// tmb_core/engine.py (ops) and site/app/engine-client.js (envelopes).
import { compileDuckDB, startPyodide } from "./runtimes.js";
import * as durable from "./durable.js";

// Importing tmb_core needs no database: it runs while DuckDB is still starting.
const PYTHON_IMPORTS = `
import sys
sys.path.insert(0, "/home/pyodide/tmb")
from tmb_core.engine import Engine, handle_json
from tmb_core.wasm import WasmConnection
`;

const PYTHON_GLUE = `
import duck
_engine = Engine(WasmConnection(duck))
def tmb_handle(request, data=None, progress=None):
    return handle_json(_engine, request, None if data is None else data.to_bytes(), progress)
`;

let py, db, conn, handle, idb, channel;
let loadedVersion = 0;
let derivedVersion = 0;   // the version whose derived values are in the durable store
let span = {};
let readyResolve;
let queue = new Promise((resolve) => { readyResolve = resolve; });

// Read by bench/bench_site.py (evaluated in this worker): the two WebAssembly heaps, in bytes.
self.tmbMemory = () => ({ pyodide: py ? py._module.HEAPU8.byteLength : 0, duckdb: db ? db.mod.HEAPU8.byteLength : 0 });

// Start-up timings (ms since the worker started), for profiling: read with self.tmbTimings.
const timings = (self.tmbTimings = {});
const mark = (name) => { timings[name] = Math.round(performance.now()); };

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
  const database = timed("duckdb_module", import("./database.js"));
  const duck = timed("duckdb", database.then((m) => m.startDuckDB(compiled, mark)));
  duck.catch(() => {});   // awaited below, after Python
  const saved = durable.openStore().then((store) => { idb = store; return durable.load(store); });
  const [pyodide, core] = await Promise.all([
    timed("pyodide", startPyodide(config.pyodide, config.stdlib)), timed("core_fetched", fetchBytes(config.core)),
  ]);
  py = pyodide;
  py.unpackArchive(core, "zip", { extractDir: "/home/pyodide/tmb" });
  py.runPython(PYTHON_IMPORTS);
  mark("tmb_core");
  db = await duck;
  conn = db.connect();
  py.registerJsModule("duck", (await database).bridge(db, conn));
  py.runPython(PYTHON_GLUE);
  handle = py.globals.get("tmb_handle");
  stage("Restoring your saved data");
  const snapshot = await saved;
  mark("saved_loaded");
  await restore(snapshot);
  mark("restored");
  channel = durable.channel(() => { queue = queue.then(onOtherTab); });
  readyResolve();
  post({ type: "ready", transactions: call("status").data.transactions, ...span });
}

function call(op, args = {}, data, progress) {
  return JSON.parse(handle(JSON.stringify({ op, args }), data, progress));
}

// Rebuild the database from the durable store (what `durable.load` gave, or loaded now).
async function restore(saved) {
  if (saved === undefined) saved = await durable.load(idb);
  if (!saved) return;
  const files = {};
  for (const [table, bytes] of Object.entries(saved.tables)) {
    files[table] = `saved_${table}.csv`;
    db.registerFileBuffer(files[table], bytes);
  }
  mark("restore_registered");
  const answer = call("restore", { files, derived: saved.derived });
  for (const name of Object.values(files)) db.dropFile(name);
  if (!answer.ok) throw new Error(`your saved data could not be read back: ${answer.error.message}`);
  loadedVersion = saved.version;
  derivedVersion = answer.data.derived_adopted ? saved.version : 0;
  timings.derived_adopted = answer.data.derived_adopted;
  span = { first: answer.data.first, last: answer.data.last };
}

function snapshot() {
  const tables = {};
  for (const step of call("snapshot_sql").data) {
    db.registerFileBuffer(step.file, new Uint8Array(0));
    conn.query(step.sql);
    tables[step.table] = db.copyFileToBuffer(step.file);
    db.dropFile(step.file);
    if (!tables[step.table].byteLength) throw new Error(`the copy of ${step.table} came out empty`);
  }
  return tables;
}

async function persist() {
  const next = loadedVersion + 1;
  await durable.save(idb, snapshot(), next);
  loadedVersion = next;
  channel.announce({ version: next });
}

// Changes go through the store's lock, on top of whatever another tab saved last.
async function change(work) {
  return durable.exclusive(async () => {
    if ((await durable.version(idb)) !== loadedVersion) await restore();
    const answer = work();
    if (!answer.ok) return answer;
    post({ type: "progress", id: currentId, stage: "saving" });
    try {
      await persist();
    } catch (error) {
      await restore();   // back to what is durably stored: nothing half-saved
      return failure(new Error(`nothing was saved: ${error.message || error}`));
    }
    return answer;
  });
}

// After a dashboard the slow derived values are computed; kept so that a reopen skips them.
async function keepDerived() {
  if (!loadedVersion || derivedVersion === loadedVersion) return;
  const answer = call("derived_state");
  if (!answer.ok) return;
  await durable.saveDerived(idb, loadedVersion, answer.data);
  derivedVersion = loadedVersion;
  mark("derived_kept");
}

async function onOtherTab() {
  if ((await durable.version(idb)) === loadedVersion) return;
  await restore();
  post({ type: "changed" });
}

let currentId = 0;

async function dispatch({ id, op, args = {}, buffer }) {
  let answer;
  currentId = id;
  const started = performance.now();
  try {
    if (op === "import_file" || op === "import_sample") {
      const progress = (done, total, stage = "reading") => post({ type: "progress", id, stage, done, total });
      answer = await change(() => call(op, args, buffer ? new Uint8Array(buffer) : undefined, progress));
    } else if (op === "delete_all") {
      answer = await change(() => call(op, args));
    } else {
      answer = call(op, args);
    }
  } catch (error) {
    answer = failure(error);
  }
  (timings.ops ||= []).push([op, Math.round(started), Math.round(performance.now())]);
  post({ type: "answer", id, ...answer });
  if (op === "dashboard" && answer.ok) await keepDerived().catch(() => {});   // an optimisation only
}

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    init(data.config).catch((error) => post({
      type: "fatal", unsupported: error.name === "UnsupportedBrowser", message: String(error.message || error),
    }));
    return;
  }
  queue = queue.then(() => dispatch(data));
};
