"""The browser half of bench_site.py: each function opens a fresh browser context (empty
HTTP cache, IndexedDB and service worker), measures one thing and returns plain figures.

Times are taken inside the page with performance.now() (ms since that page's navigation
started) by bench/pages/probe.js or by the bench pages; Playwright only waits.
Every wait is a function string: string expressions would need 'unsafe-eval' under the CSP.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import site_timeline as st
from site_setup import ROOT

PROBE = (Path(__file__).resolve().parent / "pages" / "probe.js").read_text(encoding="utf-8")
START_TIMEOUT = 300_000
MB = 1_000_000


sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browserkit import CHROMIUM_ARGS, NO_CHROMIUM, system_chromium, wait_offline_copy  # noqa: E402  (the tests' browser)


def launch(playwright):
    executable = system_chromium()
    if executable is None:
        raise SystemExit(NO_CHROMIUM)
    return playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_ARGS, "--enable-precise-memory-info"])


def new_context(browser, probe: bool = True):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if probe:
        context.add_init_script(script=PROBE)
    return context


def import_timeout(rows: int) -> int:
    """Generous: 2 minutes plus 2 ms a row (about 35 minutes at 1,000,000 rows)."""
    return 120_000 + 2 * rows


# --- B1 and B6: the first visit -------------------------------------------------------------

def first_visit(browser, base: str, server) -> dict:
    """Cold start (page open -> drop zone ready), every URL fetched and every response the server
    sent until the offline copy is complete."""
    context = new_context(browser)
    fetched = []
    context.on("requestfinished", lambda request: fetched.append(request.url))
    server.served.clear()
    try:
        page = context.new_page()
        page.goto(base)
        wait_ready(page)
        wait_offline_copy(page)
        return {"ready_ms": page.evaluate("() => window.benchProbe.ready"), "urls": fetched,
                "served": list(server.served)}
    finally:
        context.close()


def wait_ready(page, timeout: int = START_TIMEOUT) -> None:
    page.wait_for_function("() => document.body.dataset.engine === 'ready' || !document.getElementById('fatal').hidden",
                           timeout=timeout)
    if page.locator("#fatal").is_visible():
        raise RuntimeError(f"the engine failed: {page.locator('#fatal').text_content()}")


# --- references ---------------------------------------------------------------------------

def _bench_result(page) -> dict:
    """What a bench page left in window.benchResult; its error, if any, raised."""
    result = page.evaluate("() => window.benchResult")
    if result.get("error"):
        raise RuntimeError(result["error"])
    return result


def bare_pyodide(browser, base: str) -> dict:
    """Page open -> a bare loadPyodide() resolved in a module worker (same files, same lock)."""
    context = new_context(browser, probe=False)
    try:
        page = context.new_page()
        page.goto(base + "bench/pyodide.html")
        page.wait_for_function("() => document.body.dataset.state", timeout=START_TIMEOUT)
        return _bench_result(page)
    finally:
        context.close()


def duckdb_read_csv(browser, base: str, path: Path, rows: int) -> dict:
    """DuckDB-WASM's own read_csv of the file: register the bytes + CREATE TABLE ... read_csv (auto-detect)."""
    context = new_context(browser, probe=False)
    try:
        page = context.new_page()
        page.goto(base + "bench/duckdb.html")
        page.wait_for_function("() => document.body.dataset.state !== 'loading'", timeout=START_TIMEOUT)
        page.set_input_files("#file-input", str(path))
        page.wait_for_function("() => ['done', 'error'].includes(document.body.dataset.state)",
                               timeout=import_timeout(rows))
        return _bench_result(page)
    finally:
        context.close()


def early_import(browser, base: str, path: Path, rows: int) -> dict:
    """P3: a first visit (fresh context) with the file dropped as soon as the page takes it."""
    context = new_context(browser)
    try:
        return st.early_import(context, base, path, import_timeout(rows))
    finally:
        context.close()


# --- B2 to B5, P1, P2, P5: one import session -----------------------------------------------

def import_session(browser, base: str, path: Path, rows: int, filter_changes: int = 0, reload: bool = False) -> dict:
    """Open the site, import the file (B2, P2), read the memory (B5); skip the guess; at the budget
    size change filters (B3); if `reload`, reload with the rows stored (P1, B4). P5's longest task
    of the import and of the reload. A failure is returned as {"error": ...} with what was measured."""
    context = new_context(browser)
    out: dict = {}
    page = None
    try:
        page = context.new_page()
        page.goto(base)
        wait_ready(page)
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        out.update(import_file(page, path, rows))
        out["memory"] = memory(page)
        st.skip_guess(page, import_timeout(rows))
        if filter_changes:
            out["filters"] = change_filters(page, filter_changes)
        if reload:
            out["reopen"] = st.reopen(page, import_timeout(rows))
    except Exception as error:  # noqa: BLE001 - reported in the JSON, the other figures go on
        out["error"] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        out["at_failure"] = at_failure(page)
    finally:
        context.close()
    return out


def at_failure(page) -> dict:
    """Best effort after a failure: how far the import got (ms after the drop) and the memory then."""
    out = {}
    try:
        probe = page.evaluate("() => window.benchProbe")
        out["stages_ms"] = {s["key"]: round(s["t"] - (probe["change"] or 0), 1) for s in probe["stages"]}
        out["memory"] = memory(page)
    except Exception as error:  # noqa: BLE001 - the page may be gone
        out["unavailable"] = f"{type(error).__name__}"
    return out


IMPORT_DONE = """() => window.benchProbe.draws.length > 0
    || document.querySelector('#imports .import.failed') !== null
    || !document.getElementById('fatal').hidden"""

SAVED = "() => !document.querySelector('#imports .import[data-save=saving]')"

IMPORT_FAILURE = """() => {
    const report = document.querySelector('#imports .import.failed .report');
    if (report) return report.textContent;
    const fatal = document.getElementById('fatal');
    return fatal.hidden ? null : fatal.textContent;
}"""


def import_file(page, path: Path, rows: int) -> dict:
    """Drop (choose) the file and wait for the dashboard drawn after the import."""
    page.set_input_files("#file-input", str(path))
    page.wait_for_function(IMPORT_DONE, timeout=import_timeout(rows))
    failed = page.evaluate(IMPORT_FAILURE)
    if failed:
        raise RuntimeError(f"the import failed: {failed.strip()}")
    # The cards and charts are drawn first (B2), then the tables (the live dashboard: P2); the
    # rows are saved on the device after that. The save is waited for (and its end noted among
    # the stages) so that the memory and the reopen come after it.
    st.wait_painted(page, st.LIVE_MARK, import_timeout(rows))
    wait_bets(page, 0)
    page.wait_for_function(SAVED, timeout=import_timeout(rows))
    end = st.settle(page)
    probe = page.evaluate("() => window.benchProbe")
    t0 = probe["change"]
    stages = {s["key"]: round(s["t"] - t0, 1) for s in probe["stages"]}
    counts = page.locator("[data-count]").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.count, Number(e.textContent.replace(/[^0-9]/g, ''))]))")
    live = st.marks(page)[st.LIVE_MARK]
    return {"import_ms": probe["draws"][0] - t0, "live_ms": live["painted_ms"] - t0, "stages_ms": stages,
            "counts": counts, "longest_task": st.longest_task(page, t0, end, "import")}


def wait_bets(page, after: int) -> None:
    page.wait_for_function(f"() => window.benchProbe.bets.length > {after}", timeout=START_TIMEOUT)


def memory(page) -> dict:
    """The page's JS heap plus the worker's two WebAssembly heaps (worker.js exposes tmbMemory())."""
    page.wait_for_timeout(500)
    heap = page.evaluate("() => performance.memory.usedJSHeapSize")
    engine = next(w for w in page.workers if "/assets/engine." in w.url)
    wasm = engine.evaluate("() => self.tmbMemory()")
    parts = {"page_js_heap": heap, "pyodide_wasm_heap": wasm["pyodide"], "duckdb_wasm_heap": wasm["duckdb"]}
    return {"total_mb": round(sum(parts.values()) / MB, 1), **{k: round(v / MB, 1) for k, v in parts.items()}}


CHANGE_FILTER = """async ([name, value]) => {
    const probe = window.benchProbe;
    const draws = probe.draws.length, bets = probe.bets.length;
    const select = document.querySelector(`#filters [name="${name}"]`);
    const t0 = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    while (probe.draws.length <= draws || probe.bets.length <= bets) {
        if (performance.now() - t0 > 600000) throw new Error(`no redraw within 10 minutes of ${name} = ${value}`);
        await new Promise((r) => setTimeout(r, 10));
    }
    return { drawn_ms: probe.draws[draws] - t0, bets_ms: probe.bets[bets] - t0, value };
}"""


def filter_plan(page, count: int) -> list[tuple[str, str]]:
    """Alternate 'one sport' and 'all sports', cycling through the sports: count changes."""
    sports = page.eval_on_selector_all("#filters [name=sport] option", "os => os.map(o => o.value).filter(Boolean)")
    plan = []
    for i in range(count):
        plan.append(("sport", sports[(i // 2) % len(sports)] if i % 2 == 0 else ""))
    return plan


def change_filters(page, count: int) -> dict:
    """B3: each change -> every chart updated (cards redrawn, next frame painted); p95 over count changes."""
    times = []
    for name, value in filter_plan(page, count):
        result = page.evaluate(CHANGE_FILTER, [name, value])
        times.append(round(result["drawn_ms"], 1))
        page.wait_for_timeout(100)
    return {"changes": len(times), "p95_ms": p95(times), "median_ms": sorted(times)[len(times) // 2], "all_ms": times}


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
