// Starting DuckDB-WASM (eh build, blocking API), plus the bridge through which Python queries it.
// The blocking build is not in the package's exports map: imported by path and bundled.
import * as duckdb from "../../node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs";
import { Precision, Type } from "apache-arrow";
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

// A query result as JSON columns ({name: [values]}), NULLs kept. This is the one place where
// a result's types cross from DuckDB-WASM to Python (tmb_core.sql.DuckDBConnection.query gives
// the same values on CPython; tests/browser/test_parity.py holds the two equal): each column is
// converted by its Arrow type. Text, booleans, integers of up to 32 bits and floats pass as they
// are (a float as one Python reads as a float: 4 as 4.0); 64-bit integers and DECIMALs (a
// HUGEINT, such as DuckDB's sum of integers, arrives as DECIMAL(38, 0)) become the Number nearest
// their exact value, and a whole number beyond Number.MAX_SAFE_INTEGER is an Error, never a
// rounded one; any other type (TIMESTAMP, DATE, LIST, STRUCT, ENUM ...) is an Error naming the
// column: tmb_core casts its results in SQL.
export function columnsJSON(table) {
  const columns = table.schema.fields.map((field) => `${JSON.stringify(field.name)}:${columnJSON(table, field)}`);
  return `{${columns.join(",")}}`;
}

function columnJSON(table, field) {
  const read = reader(field);
  const vector = table.getChild(field.name);
  const array = vector.toArray();
  const nulls = vector.nullCount > 0;
  const values = new Array(vector.length);
  for (let i = 0; i < values.length; i++) values[i] = nulls && !vector.isValid(i) ? null : read(array, i);
  return field.type.typeId === Type.Float ? `[${values.map(floatJSON).join(",")}]` : JSON.stringify(values);
}

// A float as JSON text that Python reads back as a float, as CPython's duckdb gives it: a whole
// one with ".0", NaN and the infinities as Python's json module writes them.
function floatJSON(value) {
  if (value === null) return "null";
  if (Object.is(value, -0)) return "-0.0";
  const text = String(value);
  return Number.isFinite(value) && !/[.e]/.test(text) ? `${text}.0` : text;
}

// How one value of a column is read from the column's toArray().
function reader({ name, type }) {
  if (type.typeId === Type.Int && type.bitWidth === 64) return (array, i) => safeNumber(array[i], name);
  if (type.typeId === Type.Decimal && type.bitWidth === 128 && type.scale >= 0) {
    return (array, i) => decimal(array, 4 * i, type.scale, name);
  }
  if (PLAIN.has(type.typeId) && type.precision !== Precision.HALF) return (array, i) => array[i];
  throw new Error(`the query's column "${name}" is Arrow ${type}, which does not cross to Python: ` +
    "cast it in SQL (to VARCHAR, BIGINT or DOUBLE)");
}

const PLAIN = new Set([Type.Utf8, Type.Bool, Type.Int, Type.Float]);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// A whole number (a BigInt) as the same Number, or an Error rather than a rounded one.
function safeNumber(value, name) {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw new Error(`the query's column "${name}" holds ${value}, a whole number beyond those a JavaScript ` +
      "number holds exactly: cast it in SQL (to DOUBLE or VARCHAR)");
  }
  return Number(value);
}

// A DECIMAL from its four 32-bit words at `at` (a 128-bit two's complement integer, least
// significant word first) and its scale: the nearest Number to its exact decimal text.
function decimal(words, at, scale, name) {
  let unscaled = 0n;
  for (let w = 3; w >= 0; w--) unscaled = (unscaled << 32n) | BigInt(words[at + w]);
  unscaled = BigInt.asIntN(128, unscaled);
  const power = 10n ** BigInt(scale);
  if (unscaled % power === 0n) return safeNumber(unscaled / power, name);
  const digits = String(unscaled < 0n ? -unscaled : unscaled).padStart(scale + 1, "0");
  return Number(`${unscaled < 0n ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

// What Python sees as `import duck` (tmb_core.app.wasm.WasmConnection wraps it). `restoring()`
// gives the snapshot's tables being restored ({name: Arrow parts}), which load_saved inserts.
// `fresh()` is a bridge to an empty database of its own (a client's share: attached in memory,
// the default of a connection of its own, so that the same SQL finds its tables), which its
// `close()` detaches; the worker's own bridge is never closed.
export function bridge(db, conn, restoring, close = () => {}) {
  return {
    fresh: () => freshBridge(db, restoring),
    close,
    execute: traced((sql) => { conn.query(sql); }),
    query: traced((sql) => columnsJSON(conn.query(sql))),
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

let attached = 0;

function freshBridge(db, restoring) {
  const name = `share_${++attached}`;
  const own = db.connect();
  const home = JSON.parse(columnsJSON(own.query("SELECT current_database() AS home"))).home[0];
  own.query(`ATTACH ':memory:' AS ${name}`);
  own.query(`USE ${name}`);
  return bridge(db, own, restoring, () => {
    own.query(`USE "${home}"`);
    own.query(`DETACH ${name}`);
    own.close();
  });
}

// For profiling (bench/trace_import.py): while self.tmbTrace is an array, each statement Python
// runs is added to it as [start, ms, text] (ms since the worker started; a query's time includes
// its answer's conversion to JSON).
function traced(run) {
  return (sql) => {
    if (!Array.isArray(self.tmbTrace)) return run(sql);
    const start = performance.now();
    try {
      return run(sql);
    } finally {
      self.tmbTrace.push([start, performance.now() - start, sql]);
    }
  };
}
