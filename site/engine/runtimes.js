// Starting Pyodide (Python, stdlib only) and compiling DuckDB's wasm. The rest of the database
// (DuckDB-WASM's JS) is in database.js, which the worker imports dynamically so that Python
// starts before that big module is even parsed.
import { loadPyodide, version } from "pyodide-loader";

// Python with the standard library only: an empty lock file means nothing else is ever fetched.
// The site passes its precompiled stdlib (build.py); without it Pyodide's own zip is used.
const LOCK = { info: { abi_version: "2026_0", arch: "wasm32", platform: "emscripten_5_0_3", python: "3.14.2" }, packages: {} };

// The version of the Pyodide bundled (a memory snapshot is only good for the build that made it).
export const pyodideVersion = version;

// `boot` takes Pyodide's snapshot options (pyboot.js): `_makeSnapshot`, or `_loadSnapshot`.
export function startPyodide(indexURL, stdLibURL, boot = {}) {
  return loadPyodide({ indexURL, stdLibURL, lockFileContents: JSON.stringify(LOCK), ...boot });
}

// DuckDB's wasm is fetched and compiled (streaming, off this thread) from the very start;
// database.js hands the compiled module to DuckDB once its own big script has loaded.
export function compileDuckDB(url) {
  const compiled = WebAssembly.compileStreaming(fetch(url));
  compiled.catch(() => {});   // reported by startDuckDB, which awaits it
  return compiled;
}
