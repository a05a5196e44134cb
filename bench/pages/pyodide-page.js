// Bench reference B1/B4: a bare loadPyodide() in a module worker, from the same files as the site.
// The page records performance.now() (ms since navigation start) when Python answers.
const worker = new Worker("pyodide-worker.js", { type: "module" });
const finish = (result) => {
  window.benchResult = { ...result, done_ms: performance.now() };
  document.body.dataset.state = result.error ? "error" : "done";
};
worker.onmessage = ({ data }) => finish(data);
worker.onerror = (event) => finish({ error: event.message || "the worker failed" });
worker.postMessage({ indexURL: new URL(document.body.dataset.pyodide, location.href).href });
