"""Reload -> engine ready, with and without Python's memory snapshot (site/engine/pyboot.js), and
for other builds side by side (prints ONE JSON object, asserts nothing).

    python bench/ab_boot.py [DIST ...] [--rounds 7] [--rows 2000]

With no DIST it builds dist/ afresh. Each build gets one browser context, opened once, with a
generated export imported and the snapshot kept (when the build makes one); then each round
reloads every build in turn: once as it is ("snapshot" when the build keeps one) and, for a
build that keeps one, once with it marked as failed ("plain": Python starts the plain way, and
the snapshot stays for the next round). Times are ms since each reload's navigation started,
to the page's engine ready (bench/pages/probe.js), and the worker's own marks (self.tmbTimings;
"wasm": Pyodide's wasm fetched and compiled). "first_start": what copying the heap cost the
first start of each build that makes a snapshot.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

import site_browser as sb
import site_setup as ss

sys.path.insert(0, str(ss.ROOT / "tests" / "browser"))
from browserkit import wait_dashboard  # noqa: E402

MARKS = ("python_started", "pyodide", "tmb_core", "duckdb", "restored")
# Marks the Python snapshot of this build as failed (or as kept again), in the page's own IndexedDB.
SET_STATE = """async (state) => {
    const idb = await new Promise((resolve, reject) => {
        const open = indexedDB.open("trackmybets-python");
        open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error);
    });
    const tx = idb.transaction("snapshot", "readwrite");
    const store = tx.objectStore("snapshot");
    const meta = await new Promise((resolve) => { store.get("meta").onsuccess = (e) => resolve(e.target.result); });
    store.put({ ...meta, state }, "meta");
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    idb.close();
}"""


def timings(page) -> dict:
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    return worker.evaluate("() => self.tmbTimings")


def prepare(browser, base: str, path: Path) -> tuple:
    """A context with the export imported, the service worker installed and the snapshot kept."""
    context = sb.new_context(browser)
    page = context.new_page()
    page.goto(base)
    sb.wait_ready(page)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.set_input_files("#file-input", str(path))
    wait_dashboard(page)
    keeps = "boot" in timings(page)
    for _ in range(300 if keeps else 30):   # an older build: a moment for its warm-up and saves
        if "python_snapshot_kept" in timings(page):
            break
        page.wait_for_timeout(100)
    return context, page, keeps


def first_start(page) -> dict:
    """What making the snapshot cost the first start: the heap's copy (after tmb_core's import)."""
    found = timings(page)
    made = found.get("python_snapshot_made")
    return {"copy_ms": made - found["tmb_core"] if made else None, "error": found.get("python_snapshot_error")}


def reload(page) -> dict:
    page.reload()
    sb.wait_ready(page)
    found = timings(page)
    wasm = found.get("fetched", {}).get("pyodide.asm.wasm", [None, None])[1]   # fetched and compiled (streaming)
    return {"ready": round(page.evaluate("() => window.benchProbe.ready")), "boot": found.get("boot", "old"),
            "wasm": wasm, **{mark: found.get(mark) for mark in MARKS}}


def one_round(builds: list) -> list:
    out = []
    for number, (_, page, keeps) in enumerate(builds):
        out.append({"build": number, "mode": "snapshot" if keeps else "old", **reload(page)})
        if keeps:
            page.evaluate(SET_STATE, "failed")
            out.append({"build": number, "mode": "plain", **reload(page)})
            page.evaluate(SET_STATE, "kept")
    return out


def medians(rows: list) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault(f"build{row['build']}_{row['mode']}", []).append(row)
    out = {}
    for name, group in groups.items():
        figures = {key: statistics.median(r[key] for r in group if r[key] is not None)
                   for key in ("ready", "wasm", *MARKS) if any(r[key] is not None for r in group)}
        out[name] = {"rounds": len(group), "boots": sorted({r["boot"] for r in group}), "median_ms": figures,
                     "ready_ms": [r["ready"] for r in group]}
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dists", type=Path, nargs="*")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--rows", type=int, default=2000)
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    if not args.dists:
        import build

        args.dists = [build.build()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="tmb-boot-") as tmp, sync_playwright() as pw:
        path = ss.sample_files(Path(tmp), [args.rows], 1)[args.rows]
        bases = [ss.start_server(d.resolve())[1] for d in args.dists]
        browser = sb.launch(pw)
        builds = [prepare(browser, base, path) for base in bases]
        firsts = [first_start(page) if keeps else None for _, page, keeps in builds]
        for number in range(args.rounds):
            print(f"round {number + 1}/{args.rounds}", file=sys.stderr, flush=True)
            rows.extend(one_round(builds))
        browser.close()
    result = {"dists": [str(d) for d in args.dists], "rows": args.rows, "load_1min": os.getloadavg()[0],
              "first_start": firsts, "results": medians(rows)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
