// Bundled by bench/site_setup.py: the site's startDuckDB(), then a bare read_csv with auto-detection.
import { startDuckDB } from "../../site/engine/database.js";
import { compileDuckDB } from "../../site/engine/runtimes.js";

let db;
let conn;

function readCsv(buffer) {
  const t0 = performance.now();
  db.registerFileBuffer("bench.csv", new Uint8Array(buffer));
  const t1 = performance.now();
  conn.query("CREATE TABLE t AS SELECT * FROM read_csv('bench.csv')");
  const t2 = performance.now();
  const rows = Number(conn.query("SELECT count(*)::DOUBLE AS n FROM t").getChild("n").get(0));
  return { type: "result", register_ms: t1 - t0, read_csv_ms: t2 - t1, total_ms: t2 - t0, rows };
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === "init") {
      db = await startDuckDB(compileDuckDB(data.wasm));
      conn = db.connect();
      postMessage({ type: "ready" });
    } else {
      postMessage(readCsv(data.buffer));
    }
  } catch (error) {
    postMessage({ type: "result", error: String(error.message || error) });
  }
};
