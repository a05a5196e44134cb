"""Benchmark: the performance budgets of docs/architecture.md, measured in Chromium against
references measured in the same browser run (prints ONE JSON object, asserts nothing).

    python bench/bench_site.py [--runs 3] [--sizes 10000 100000 1000000] [--budget-rows 100000]
                               [--small-rows 3000] [--filter-changes 20] [--quick] [--out FILE]

It builds dist/ afresh (build.build()), serves a copy of it with the bench pages added
(bench/pages/), and per run launches Chromium and measures, each in a fresh context:
  B1  first visit: page open -> drop zone ready, vs a bare loadPyodide() page (same files)
  B6  gzip bytes of every full response the server sent on that visit (repeats included) until
      the offline copy is complete, vs the gzip size of the Pyodide core files + the DuckDB eh wasm
  P3  first visit with the small file dropped as soon as the page takes it: page open -> the
      engine's dashboard drawn, vs bare loadPyodide()
  B2  per size: drop -> dashboard drawn, vs Ledger.in_memory().import_file() on CPython (timed
      in this process); DuckDB-WASM's own read_csv of the file (bare page) is reported beside it
  P2  at the small size: drop once ready -> the engine's dashboard drawn (tables too), vs bare loadPyodide()
  B5  after B2: page JS heap + Pyodide and DuckDB wasm heaps
  B3  at the budget size: filter changes -> every chart updated (p95)
  P1  at the small and the budget size: reload with the stored rows -> the kept view drawn with its
      charts (and its text alone), vs bare loadPyodide()
  B4  at the budget size: that reload -> the engine's dashboard drawn, vs bare loadPyodide()
  P5  the longest main-thread task during each import and each reload (the Long Tasks API)
The guess the punter's first dashboard asks for is skipped after the import (before B3, P1, B4).
--quick judges everything at the smallest size with 5 filter changes (for the smoke test).
Progress goes to stderr; stdout carries only the JSON.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path

import site_browser as sb
import site_figures as sf
import site_report
import site_setup as ss

T0 = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--budget-rows", type=int, default=100_000, help="the size B2-B5 and P1 are judged at")
    p.add_argument("--small-rows", type=int, default=3_000, help="the size P1-P3 are judged at")
    p.add_argument("--filter-changes", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="judge at the smallest size, 5 filter changes")
    p.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = p.parse_args(argv)
    if args.quick:
        args.budget_rows, args.filter_changes = min(args.sizes), min(args.filter_changes, 5)
        args.small_rows = args.budget_rows
    args.sizes = sorted({*args.sizes, args.budget_rows, args.small_rows})
    return args


def attempt(what: str, fn, *args) -> dict:
    try:
        return fn(*args)
    except Exception as error:  # noqa: BLE001 - one failed figure must not end the run
        log(f"  {what} failed: {error}")
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"}


def cpython_import(path: Path) -> dict:
    """The same import by tmb_core on CPython, in this process."""
    from tmb_core import Ledger

    data = path.read_bytes()
    gc.collect()
    t0 = time.perf_counter()
    ledger = Ledger.in_memory()
    report = ledger.import_file(path.name, data)
    ms = (time.perf_counter() - t0) * 1000
    del ledger
    return {"import_ms": ms, "inserted": report.inserted}


def one_run(playwright, number: int, args, base: str, server, files: dict) -> dict:
    browser = sb.launch(playwright)
    run = {"chromium": browser.version}
    small = files[args.small_rows]
    steps = [("bare", lambda: sb.bare_pyodide(browser, base)), ("first", lambda: sb.first_visit(browser, base, server)),
             ("early", lambda: sb.early_import(browser, base, small, args.small_rows))]
    for name, step in steps if number % 2 == 0 else steps[::-1]:
        log(f"run {number + 1}: {name}")
        run[name] = attempt(name, step)
    for rows, path in files.items():
        if not browser.is_connected():
            browser = sb.launch(playwright)
        run[rows] = one_size(browser, base, path, rows, args, number)
    browser.close()
    return run


def one_size(browser, base: str, path: Path, rows: int, args, number: int) -> dict:
    changes = args.filter_changes if rows == args.budget_rows else 0
    reload = rows in (args.small_rows, args.budget_rows)
    log(f"run {number + 1}: {rows:,} rows: DuckDB read_csv")
    out = {"duckdb": attempt("duckdb", sb.duckdb_read_csv, browser, base, path, rows)}
    log(f"run {number + 1}: {rows:,} rows: site import" + (", filters" if changes else "") + (", reload" if reload else ""))
    out["site"] = sb.import_session(browser, base, path, rows, changes, reload)
    if "error" in out["site"]:
        log(f"  site import failed: {out['site']['error']}")
    log(f"run {number + 1}: {rows:,} rows: CPython import")
    out["cpython"] = attempt("cpython", cpython_import, path)
    return out


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    args = parse(argv)
    machine = sf.machine()
    with tempfile.TemporaryDirectory(prefix="tmb-bench-") as tmp:
        log("building dist/ and the bench pages")
        root, urls = ss.site_copy(Path(tmp))
        log(f"writing sample exports: {args.sizes}")
        files = ss.sample_files(Path(tmp), args.sizes, args.seed)
        server, base = ss.start_server(root)
        try:
            with sync_playwright() as playwright:
                runs = [one_run(playwright, i, args, base, server, files) for i in range(args.runs)]
        finally:
            server.shutdown()
        result = site_report.assemble(args, runs, root, urls, files, machine)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
