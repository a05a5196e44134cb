// Bench reference B2: DuckDB-WASM's own read_csv of the chosen file, in a module worker
// started exactly as the site's engine starts DuckDB (same eh wasm, blocking API).
const worker = new Worker("duckdb-worker.js", { type: "module" });
const input = document.getElementById("file-input");

worker.onmessage = ({ data }) => {
  if (data.type === "ready") {
    document.body.dataset.state = "ready";
    return;
  }
  window.benchResult = data;
  document.body.dataset.state = data.error ? "error" : "done";
};
worker.onerror = (event) => {
  window.benchResult = { error: event.message || "the worker failed" };
  document.body.dataset.state = "error";
};
worker.postMessage({ type: "init", wasm: new URL(document.body.dataset.duckdb, location.href).href });

input.addEventListener("change", async () => {
  const buffer = await input.files[0].arrayBuffer();
  worker.postMessage({ type: "read_csv", buffer }, [buffer]);
});
