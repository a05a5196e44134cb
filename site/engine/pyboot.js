// Python started from a memory snapshot: a copy of Python's heap taken once tmb_core is imported,
// kept in IndexedDB in a database of its own (the punter's data is in durable.js's). A reopen that
// finds one made from the very same files (Pyodide, its stdlib, tmb_core) starts Python from it
// instead of starting the interpreter and importing tmb_core again.
//
// Pyodide's snapshot options are experimental (`_makeSnapshot`, `makeMemorySnapshot`,
// `_loadSnapshot`): any failure starts Python the plain way, and the snapshot is thrown away
// (tests/browser/test_pyboot_site.py fails when the snapshot stops being used).
//
// What a snapshot holds, and what it does not:
// - Python's whole heap: every module imported, sys.path. No file: Pyodide's file system lives in
//   JavaScript, so Pyodide still writes the stdlib zip, and tmb_core's zip is still unpacked (a
//   module imported later, or a data file read later, is read from them).
// - No JavaScript object (Pyodide could not restore it): it is taken before the worker hands
//   Python its DuckDB bridge, and so before any of the punter's data is in Python.
import { done, request } from "./durable.js";
import { pyodideVersion, startPyodide } from "./runtimes.js";

const DB_NAME = "trackmybets-python";
const STORE = "snapshot";
const CORE_DIR = "/home/pyodide/tmb";

// Everything a snapshot is only good for: Pyodide's version and files (their URL is named by
// their hash, build.py), the stdlib in the file system, and the tmb_core imported into it.
export function snapshotKey(config) {
  return JSON.stringify({ pyodide: pyodideVersion, files: config.pyodide, stdlib: config.stdlib, core: config.core });
}

function write(idb, records) {
  const tx = idb.transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  store.clear();
  for (const [name, value] of Object.entries(records)) store.put(value, name);
  return done(tx);
}

async function openSnapshots() {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

const read = (idb, name) => request(idb.transaction(STORE, "readonly").objectStore(STORE).get(name));

async function readHeap(idb) {
  const heap = await read(idb, "heap");
  if (!(heap instanceof Uint8Array)) throw new Error("the snapshot's heap is missing");
  return heap;
}

// tmb_core's files, then its imports: on a snapshot they find every module already imported,
// and so check that the snapshot holds them.
async function prepare(py, core, imports) {
  py.unpackArchive(await core, "zip", { extractDir: CORE_DIR });
  py.runPython(imports);
}

// What is kept for these files: {idb, key, state} where state is "kept" (a snapshot is there),
// "failed" (one made from the same files would not start: none is made again) or null. Quick (a
// small record): the worker looks before it starts anything that keeps its thread busy.
export async function findSnapshot(config) {
  const key = snapshotKey(config);
  try {
    const idb = await openSnapshots();
    const meta = await read(idb, "meta");
    if (meta && meta.key !== key) write(idb, {}).catch(() => {});   // made from other files: thrown away
    return { idb, key, state: meta?.key === key ? meta.state : null };
  } catch {
    return { idb: null, key, state: "failed" };   // no IndexedDB: Python starts the plain way
  }
}

// Python with tmb_core imported: {py, boot: "snapshot" | "plain", keep}. `found` is what
// findSnapshot found; `core` the promise of tmb_core's zip; `imports` the Python that imports it.
// `keep()` keeps the snapshot a plain start made: the worker calls it once idle (the copy waits
// in memory until then).
export async function startPython(found, config, core, imports, { mark, timings }) {
  const { idb, key, state } = found;
  mark("python_started");
  if (state === "kept") {
    try {
      return await fromSnapshot(idb, config, core, imports, mark);
    } catch (error) {
      timings.python_snapshot_error = String(error?.message || error);
      mark("python_snapshot_failed");
      // Thrown away; and as one made from the same files would fail the same way, none is made again.
      write(idb, { meta: { key, state: "failed" } }).catch(() => {});
    }
  }
  const make = state === null;
  const py = await startPyodide(config.pyodide, config.stdlib, make ? { _makeSnapshot: true } : {});
  mark("pyodide");
  await prepare(py, core, imports);
  mark("tmb_core");
  let heap = make ? makeSnapshot(py, mark, timings) : null;
  const keep = async () => {
    if (!heap) return;
    const kept = heap;
    heap = null;
    await write(idb, { meta: { key, state: "kept", bytes: kept.byteLength, madeAt: new Date().toISOString() }, heap: kept });
    mark("python_snapshot_kept");
  };
  return { py, boot: "plain", keep };
}

async function fromSnapshot(idb, config, core, imports, mark) {
  const heap = readHeap(idb).then((bytes) => { mark("python_snapshot_read"); return bytes; });
  heap.catch(() => {});   // Pyodide awaits it once its script is loaded; a failure is its failure
  const py = await startPyodide(config.pyodide, config.stdlib, { _loadSnapshot: heap });
  mark("pyodide");
  await prepare(py, core, imports);
  mark("tmb_core");
  return { py, boot: "snapshot", keep: async () => {} };
}

// Python's heap now, once tmb_core is imported (a failure only means no snapshot is kept).
function makeSnapshot(py, mark, timings) {
  try {
    const heap = py.makeMemorySnapshot();
    mark("python_snapshot_made");
    return heap;
  } catch (error) {
    timings.python_snapshot_error = String(error?.message || error);
    return null;
  }
}
