"""The budgets as JSON figures, from the per-run measurements of bench_site.py (B1-B6 here,
issue 17's P1-P5 in site_perceived.py).

A run is {"chromium", "bare", "first", "early", ROWS: {"duckdb", "site", "cpython"}} (see bench_site.one_run);
a part that failed holds {"error": ...} and leaves None in the figure's values.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

import site_figures as sf
import site_perceived as sp
import site_setup as ss
from site_figures import errors, pick

# The importer's status texts (site/app/importer.js) -> the stage each one starts.
STAGES = {"Reading…": "file_read", "Reading rows…": "sent", "Reading the file…": "reading",
          "Checking every row…": "checking", "Working out each bet…": "understanding",
          "Storing the rows…": "storing", "Saving on this device…": "saving", "Imported.": "answered"}
ORDER = ("dropped", "file_read", "sent", "reading", "checking", "understanding", "storing", "saving",
         "answered", "drawn")


def b1(runs: list[dict]) -> dict:
    bare = sf.reference("bare loadPyodide(): page open -> Python ready (module worker)", pick(runs, "bare", "done_ms"))
    return sf.figure("first visit: page open -> drop zone ready", "ms", None, pick(runs, "first", "ready_ms"),
                     [sf.ratio_check(pick(runs, "first", "ready_ms"), bare, 1.25, "≤ 1.25 × bare loadPyodide()")],
                     errors(runs, "first") + errors(runs, "bare"))


def b2(runs: list[dict], rows: int, size_bytes: int) -> dict:
    values = pick(runs, rows, "site", "import_ms")
    duck = sf.reference("DuckDB-WASM register + read_csv (auto-detect) of the same file, bare worker",
                        pick(runs, rows, "duckdb", "total_ms"))
    cpy = sf.reference("tmb_core Ledger.in_memory().import_file() on CPython, same file",
                       pick(runs, rows, "cpython", "import_ms"))
    checks = [sf.ratio_check(values, cpy, 2.0, "≤ 2.0 × tmb_core on CPython")]
    fig = sf.figure(f"import {rows:,} rows: drop -> dashboard drawn (cards and charts)", "ms", rows, values, checks,
                    errors(runs, rows, "site") + errors(runs, rows, "duckdb") + errors(runs, rows, "cpython"))
    # The old limit (6 × read_csv) is retired; the ratio is still reported.
    fig["against_read_csv"] = {"reference": duck, "ratio": sf.ratio_check(values, duck, 6, "")["ratio"]}
    fig["live_ms"] = sf.spread(pick(runs, rows, "site", "live_ms"))
    fig["file_bytes"] = size_bytes
    return fig


def b3(runs: list[dict], rows: int) -> dict:
    values = pick(runs, rows, "site", "filters", "p95_ms")
    changes = next((c for c in pick(runs, rows, "site", "filters", "changes") if c), 0)
    fig = sf.figure(f"filter change at {rows:,} rows -> every chart updated, p95 over {changes} changes",
                    "ms", rows, values, [sf.absolute_check(values, 100, "p95 ≤ 100 ms (absolute: see machine)")],
                    errors(runs, rows, "site"))
    fig["all_ms"] = pick(runs, rows, "site", "filters", "all_ms")
    return fig


def b4(runs: list[dict], rows: int) -> dict:
    """Reload -> the engine's own dashboard drawn (dashboard-live), not the kept view shown before it."""
    marks = pick(runs, rows, "site", "reopen", "marks")
    values = sp.at(marks, sp.LIVE)
    fig = sf.figure(f"reopen (reload) with {rows:,} stored rows -> the engine's dashboard drawn, tables included",
                    "ms", rows, values, [sf.ratio_check(values, sp.bare(runs), 1.5, "≤ 1.5 × bare loadPyodide()")],
                    errors(runs, rows, "site"))
    fig["mark_ms"] = sf.spread(sp.at(marks, sp.LIVE, "mark_ms"))
    fig["ready_ms"] = sf.spread(pick(runs, rows, "site", "reopen", "ready_ms"))
    fig["python_boots"] = pick(runs, rows, "site", "reopen", "boot")   # "snapshot": Python started from its snapshot
    return fig


def b5(runs: list[dict], rows: int) -> dict:
    values = pick(runs, rows, "site", "memory", "total_mb")
    fig = sf.figure(f"memory after importing {rows:,} rows: page JS heap + Pyodide wasm heap + DuckDB wasm heap",
                    "MB", rows, values, [sf.absolute_check(values, 600, "≤ 600 MB")], errors(runs, rows, "site"))
    fig["parts_mb"] = {k: sf.spread(pick(runs, rows, "site", "memory", k))["median"]
                       for k in ("page_js_heap", "pyodide_wasm_heap", "duckdb_wasm_heap")}
    return fig


def b6(runs: list[dict], root: Path, urls: dict) -> tuple[dict, dict]:
    """Counted at the server: every full response of the first visit, repeats included."""
    refs = ss.reference_bytes(root, urls)
    served = pick(runs, "first", "served")
    values = [served_bytes(root, log_) for log_ in served]
    ref = sf.reference("gzip -6 of the Pyodide core files + duckdb-eh.wasm", [sum(refs.values())] * len(runs), files=refs)
    fig = sf.figure("bytes on first visit (gzip -6 of every full response the server sent, repeats included)", "bytes",
                    None, values, [sf.ratio_check(values, ref, 1.1, "≤ 1.1 × (Pyodide core + DuckDB eh wasm)")],
                    errors(runs, "first"))
    fetched = [None if u is None else visit_bytes(root, u) for u in pick(runs, "first", "urls")]
    return fig, {"files_gzip": next((f for f in fetched if f), None), "served_more_than_once": repeats(served),
                 "responses": [None if log_ is None else len(log_) for log_ in served],
                 "raw_bytes_served": [None if log_ is None else sum(n for _, _, n in log_) for log_ in served],
                 "gzip_bytes_of_distinct_urls": [None if f is None else sum(f.values()) for f in fetched]}


def visit_bytes(root: Path, urls: list[str]) -> dict:
    paths = sorted({ss.url_path(root, u) for u in urls})
    return {p.relative_to(root).as_posix(): ss.gzip_size(p) for p in paths if p.is_file()}


def repeats(served: list) -> list:
    """Paths the server sent in full (200) more than once during one first visit."""
    out = set()
    for log_ in served:
        codes = [path for path, code, _ in (log_ or []) if code == 200]
        out |= {p for p in codes if codes.count(p) > 1}
    return sorted(out)


def served_bytes(root: Path, log_: list | None) -> int | None:
    """gzip bytes of every full (200) response the server sent, repeats included."""
    if log_ is None:
        return None
    files = [ss.url_path(root, path) for path, code, _ in log_ if code == 200]
    return sum(ss.gzip_size(f) for f in files if f.is_file())


def stages(runs: list[dict], rows: int) -> dict:
    """Median time of each import stage, from the page's status text (ms between milestones)."""
    per_run = []
    for run in pick(runs, rows, "site"):
        if not run or "stages_ms" not in run:
            continue
        marks = {STAGES.get(k, k): v for k, v in run["stages_ms"].items()}
        marks.update(dropped=0.0, drawn=run["import_ms"])
        order = [k for k in ORDER if k in marks]
        per_run.append({f"{a}->{b}": marks[b] - marks[a] for a, b in zip(order, order[1:])})
    keys = per_run[0].keys() if per_run else []
    return {k: round(statistics.median(r[k] for r in per_run if k in r), 1) for k in keys}


def failures(runs: list[dict], files: dict) -> dict:
    """Per size, each failed site session: its error and how far it got (stages, memory)."""
    out = {}
    for rows in files:
        failed = [{"run": i + 1, "error": s["error"], **s.get("at_failure", {})}
                  for i, s in enumerate(pick(runs, rows, "site")) if s and "error" in s]
        if failed:
            out[str(rows)] = failed
    return out


def assemble(args, runs: list[dict], root: Path, urls: dict, files: dict, machine: dict) -> dict:
    at, small = args.budget_rows, args.small_rows
    sizes = {rows: b2(runs, rows, path.stat().st_size) for rows, path in files.items()}
    figure6, visit = b6(runs, root, urls)
    figures = {"B1": b1(runs), "B2": sizes[at], "B3": b3(runs, at), "B4": b4(runs, at), "B5": b5(runs, at), "B6": figure6,
               **{f"P1@{rows}": sp.p1(runs, rows) for rows in sorted({small, at})},
               "P2": sp.p2(runs, small), "P3": sp.p3(runs, small), "P5": sp.p5(runs, list(files))}
    return {
        "date": sf.now(), "command": " ".join(["bench/bench_site.py", *sys.argv[1:]]),
        "machine": {**machine, "chromium": next((r["chromium"] for r in runs), None),
                    "load_average_at_end": sf.load_average()},
        "runs": args.runs, "budget_rows": at, "small_rows": small, "quick": args.quick,
        "rule": "ratios are per run (figure / reference from the same run); met = median ratio (or median figure; "
                "for P5 the largest) ≤ limit",
        "met": {k: f["met"] for k, f in figures.items()},
        "figures": figures,
        "B2_by_size": {str(rows): fig for rows, fig in sizes.items()},
        "details": {"import_stages_ms": {str(rows): stages(runs, rows) for rows in files},
                    "import_counts": {str(rows): pick(runs, rows, "site", "counts")[0] for rows in files},
                    "memory_mb_by_size": {str(rows): pick(runs, rows, "site", "memory") for rows in files},
                    "duckdb_read_csv_ms": {str(rows): pick(runs, rows, "duckdb") for rows in files},
                    "site_failures": failures(runs, files),
                    "first_visit": visit},
    }
