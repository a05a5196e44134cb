// Bundled by bench/site_setup.py like the site's engine worker: the same startPyodide()
// (same loader, same empty lock file) with Pyodide's own stdlib zip, and nothing else.
import { startPyodide } from "../../site/engine/runtimes.js";

self.onmessage = async ({ data }) => {
  try {
    const t0 = performance.now();
    const py = await startPyodide(data.indexURL);
    py.runPython("1 + 1");
    postMessage({ load_ms: performance.now() - t0 });
  } catch (error) {
    postMessage({ error: String(error.message || error) });
  }
};
