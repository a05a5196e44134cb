// The engine worker: Pyodide runs tmb_core, DuckDB-WASM stores and aggregates, IndexedDB keeps
// the data between visits. The UI thread only renders. Messages in and out are described in
// tmb_core/engine.py (ops) and site/app/engine-client.js (envelopes).
import { bridge, startDuckDB, startPyodide, UnsupportedBrowser } from "./runtimes.js";
import * as durable from "./durable.js";

const PYTHON_GLUE = `
import sys
sys.path.insert(0, "/home/pyodide/tmb")
import duck
from tmb_core.engine import Engine, handle_json
from tmb_core.wasm import WasmConnection
_engine = Engine(WasmConnection(duck))
def tmb_handle(request, data=None, progress=None):
    return handle_json(_engine, request, None if data is None else data.to_bytes(), progress)
`;

let py, db, conn, handle, idb, channel;
let loadedVersion = 0;
let readyResolve;
let queue = new Promise((resolve) => { readyResolve = resolve; });

// Read by bench/bench_site.py (evaluated in this worker): the two WebAssembly heaps, in bytes.
self.tmbMemory = () => ({ pyodide: py ? py._module.HEAPU8.byteLength : 0, duckdb: db ? db.mod.HEAPU8.byteLength : 0 });

const post = (message) => postMessage(message);
const stage = (text) => post({ type: "loading", stage: text });
const failure = (error) => ({ ok: false, error: { code: error.name || "Error", message: String(error.message || error) } });

self.addEventListener("unhandledrejection", (event) => post({ type: "fatal", message: String(event.reason?.message || event.reason) }));

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
  return response.arrayBuffer();
}

async function init(config) {
  stage("Starting Python and the database");
  const [pyodide, duck, core] = await Promise.all([
    startPyodide(config.pyodide), startDuckDB(config.duckdb), fetchBytes(config.core),
  ]);
  py = pyodide;
  db = duck;
  conn = db.connect();
  py.unpackArchive(core, "zip", { extractDir: "/home/pyodide/tmb" });
  py.registerJsModule("duck", bridge(db, conn));
  py.runPython(PYTHON_GLUE);
  handle = py.globals.get("tmb_handle");
  idb = await durable.openStore();
  stage("Restoring your saved data");
  await restore();
  channel = durable.channel(() => { queue = queue.then(onOtherTab); });
  readyResolve();
  post({ type: "ready", transactions: call("status").data.transactions });
}

function call(op, args = {}, data, progress) {
  return JSON.parse(handle(JSON.stringify({ op, args }), data, progress));
}

async function restore() {
  const saved = await durable.load(idb);
  if (!saved) return;
  const files = {};
  for (const [table, bytes] of Object.entries(saved.tables)) {
    files[table] = `saved_${table}.csv`;
    db.registerFileBuffer(files[table], bytes);
  }
  const answer = call("restore", { files });
  for (const name of Object.values(files)) db.dropFile(name);
  if (!answer.ok) throw new Error(`your saved data could not be read back: ${answer.error.message}`);
  loadedVersion = saved.version;
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

async function onOtherTab() {
  if ((await durable.version(idb)) === loadedVersion) return;
  await restore();
  post({ type: "changed" });
}

let currentId = 0;

async function dispatch({ id, op, args = {}, buffer }) {
  let answer;
  currentId = id;
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
  post({ type: "answer", id, ...answer });
}

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    init(data.config).catch((error) => post({
      type: "fatal", unsupported: error instanceof UnsupportedBrowser, message: String(error.message || error),
    }));
    return;
  }
  queue = queue.then(() => dispatch(data));
};
