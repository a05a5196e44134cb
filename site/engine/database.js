// Starting DuckDB-WASM (eh build, blocking API), plus the bridge through which Python queries it.
// The blocking build is not in the package's exports map: imported by path and bundled.
import * as duckdb from "../../node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs";
import { copyIn } from "./arrowsnap.js";

export { copyIn, copyOut } from "./arrowsnap.js";

export class UnsupportedBrowser extends Error {
  name = "UnsupportedBrowser";
}

// `compiled` is the eh wasm as a compiled WebAssembly.Module (runtimes.js compileDuckDB).
export async function startDuckDB(compiled, mark = () => {}) {
  const features = await duckdb.getPlatformFeatures();
  if (!features.wasmExceptions) {
    throw new UnsupportedBrowser("This browser lacks WebAssembly exception handling, which the database needs. " +
      "Please use a current version of Chrome, Edge, Firefox or Safari.");
  }
  const module = await compiled;
  const bundle = { mainModule: "compiled-in-advance.wasm", mainWorker: null };
  const db = await duckdb.createDuckDB({ mvp: bundle, eh: bundle }, new duckdb.VoidLogger(), duckdb.BROWSER_RUNTIME);
  useCompiled(db, module);
  await db.instantiate(() => {});
  mark("duckdb_instantiated");
  db.open({});
  return db;
}

// DuckDB-WASM would fetch and compile mainModule itself (bindings' instantiateWasm, the
// Emscripten hook); this instance instantiates the module compiled in advance instead.
function useCompiled(db, module) {
  db.instantiateWasm = function instantiateWasm(imports, success) {
    globalThis.DUCKDB_RUNTIME = this._runtime;
    WebAssembly.instantiate(module, imports).then((instance) => success(instance, module));
    return [];
  };
}

// A query result as JSON columns ({name: [values]}), NULLs kept, 64-bit integers as numbers.
// tmb_core casts money and counts in SQL, so no DECIMAL or TIMESTAMP ever comes back here.
export function columnsJSON(table) {
  const out = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name);
    const values = Array.from(vector.toArray(), (v) => (typeof v === "bigint" ? Number(v) : v));
    if (vector.nullCount) {
      for (let i = 0; i < values.length; i++) if (!vector.isValid(i)) values[i] = null;
    }
    out[field.name] = values;
  }
  return JSON.stringify(out);
}

// What Python sees as `import duck` (tmb_core.app.wasm.WasmConnection wraps it). `restoring()`
// gives the snapshot's tables being restored ({name: Arrow parts}), which load_saved inserts.
export function bridge(db, conn, restoring) {
  return {
    execute: (sql) => { conn.query(sql); },
    query: (sql) => columnsJSON(conn.query(sql)),
    register_text: (name, text) => { db.registerFileText(name, text); },
    // Python bytes arrive as a proxy: copied out once, then the proxy is freed.
    register_bytes: (name, bytes) => { db.registerFileBuffer(name, bytes.toJs()); bytes.destroy(); },
    unregister: (name) => { db.dropFile(name); },
    load_saved: (table) => {
      const t0 = performance.now();
      copyIn(conn, table, restoring()[table]);
      (self.tmbTimings.load_saved ||= {})[table] = Math.round(performance.now() - t0);
    },
  };
}
