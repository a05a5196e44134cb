"""Where an import's time goes, statement by statement (a diagnostic, not a budget; prints text,
asserts nothing).

    python bench/trace_import.py [DIST] [--rows 3000] [--top 30] [--all]

Opens the site (built afresh, or the DIST given) in a fresh browser context, drops a sample export once
the engine is ready (as P2 does), and records every SQL statement the engine runs from the drop
until the live dashboard is drawn and the rows saved (the worker's self.tmbTrace,
site/engine/database.js), and the page's requests. The requests are then replayed on CPython's
DuckDB, so that each statement's time in DuckDB-WASM stands beside its time there (paired by
what the statement creates, or its first words, and by occurrence). It prints the engine's
requests (op, ms, statements), the statements that took longest in the browser with their
CPython time and the ratio, the longest gaps between statements (Python, the bridge, the page
between requests) and, with --all, every statement in order. A warm-up step the worker ran
meanwhile shows among the requests as warm_up.
"""
from __future__ import annotations

import argparse
import collections
import re
import tempfile
import time
from pathlib import Path

import site_browser as sb
import site_setup as ss

from tmb_core.app.engine import Engine
from tmb_core.app.protocol import OPS
from tmb_core.sql import DuckDBConnection

START_TRACE = "() => { self.tmbTrace = []; return true; }"
READ_TRACE = "() => { const t = self.tmbTrace; self.tmbTrace = null; return { trace: t, ops: self.tmbTimings.ops }; }"
# The page's requests to the engine, {op, args}, in order (replayed on CPython).
WATCH_REQUESTS = """(() => {
  const sent = (window.engineRequests = []);
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.op) sent.push({ op: message.op, args: message.args || {} });
    return post.call(this, message, ...rest);
  };
})();"""


def browser_trace(dist: Path, path: Path, rows: int) -> dict:
    """The statements of one import into the site, from the drop to the rows saved."""
    from playwright.sync_api import sync_playwright

    _, base = ss.start_server(dist.resolve())
    with sync_playwright() as pw:
        browser = sb.launch(pw)
        context = sb.new_context(browser)
        context.add_init_script(WATCH_REQUESTS)
        page = context.new_page()
        page.goto(base)
        sb.wait_ready(page)
        page.evaluate("() => { window.engineRequests.length = 0; }")
        _worker(page).evaluate(START_TRACE)
        result = sb.import_file(page, path, rows)
        out = _worker(page).evaluate(READ_TRACE)
        out["requests"] = page.evaluate("() => window.engineRequests")
        browser.close()
    out["import"] = result
    return out


def _worker(page):
    return next(w for w in page.workers if "/assets/engine." in w.url)


def label(sql: str) -> str:
    """A statement's short name: what it creates, or its first words."""
    text = " ".join(sql.split())
    found = re.match(r"CREATE (?:OR REPLACE )?(?:TEMP )?(?:TABLE|VIEW) (\S+)", text)
    return f"create {found.group(1)}" if found else text[:70]


class TracedConnection(DuckDBConnection):
    """CPython's connection, noting each statement's label and time (ms)."""

    def __init__(self):
        super().__init__()
        self.trace: list[tuple[str, float]] | None = None

    def _timed(self, run, sql):
        start = time.perf_counter()
        try:
            return run(sql)
        finally:
            if self.trace is not None:
                self.trace.append((label(sql), (time.perf_counter() - start) * 1000))

    def execute(self, sql):
        return self._timed(super().execute, sql)

    def query(self, sql):
        return self._timed(super().query, sql)


def cpython_times(path: Path, requests: list[dict], trace: list) -> list[float | None]:
    """The page's requests replayed on CPython (the file's bytes for the import): each browser
    statement's CPython time, paired by label and occurrence (None when CPython ran no such one)."""
    conn = TracedConnection()
    engine = Engine(conn)
    conn.trace = []
    for request in requests:
        data = path.read_bytes() if OPS[request["op"]].data else None
        engine.handle(request, data)
    seen = collections.defaultdict(list)
    for name, ms in conn.trace:
        seen[name].append(ms)
    used = collections.Counter()
    out = []
    for _, _, sql in trace:
        name = label(sql)
        times = seen[name]
        out.append(times[used[name]] if used[name] < len(times) else None)
        used[name] += 1
    return out


def report(found: dict, cpython: list, top: int) -> None:
    trace, ops = found["trace"], found["ops"]
    first, last = trace[0][0], trace[-1][0] + trace[-1][1]
    sql_ms = sum(ms for _, ms, _ in trace)
    print(f"import: dashboard drawn {found['import']['import_ms']:.0f} ms, live {found['import']['live_ms']:.0f} ms "
          f"after the drop; stages {found['import']['stages_ms']}")
    print(f"{len(trace)} statements in {last - first:.0f} ms: {sql_ms:.0f} ms in DuckDB-WASM, "
          f"{last - first - sql_ms:.0f} ms between them")
    print("\nrequests (op, ms, statements):")
    for op, start, end in ops:
        if end >= first - 50:
            inside = [t for t in trace if start <= t[0] <= end]
            print(f"  {op:20s} {end - start:6.0f} ms  {len(inside):3d} statements, {sum(t[1] for t in inside):6.0f} ms SQL")
    print("\nlongest statements (browser ms, CPython ms, ratio):")
    rows = sorted(zip(trace, cpython), key=lambda r: -r[0][1])
    for (start, ms, sql), native in rows[:top]:
        ratio = f"{ms / native:5.1f}x" if native else "   - "
        native_text = f"{native:6.1f}" if native is not None else "  fail"
        print(f"  {ms:7.1f} {native_text} {ratio}  {label(sql)}")
    print("\nlongest gaps between statements (ms, after which statement):")
    gaps = [(b[0] - a[0] - a[1], label(a[2]), label(b[2])) for a, b in zip(trace, trace[1:])]
    for gap, before, after in sorted(gaps, reverse=True)[:12]:
        print(f"  {gap:7.1f}  after {before[:50]}  before {after[:50]}")
    by_kind = collections.Counter()
    for _, ms, sql in trace:
        by_kind[label(sql).split(" ")[0].lower()] += ms
    print("\nby statement kind (ms):", {k: round(v) for k, v in by_kind.most_common()})


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("dist", type=Path, nargs="?", help="a built dist/ (default: build the site afresh)")
    p.add_argument("--rows", type=int, default=3000)
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--all", action="store_true", help="also print every statement in order")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tmb-trace-") as tmp:
        path = ss.sample_files(Path(tmp), [args.rows], 1)[args.rows]
        found = browser_trace(args.dist or ss.build.build(), path, args.rows)
        cpython = cpython_times(path, found["requests"], found["trace"])
        report(found, cpython, args.top)
        if args.all:
            print("\nevery statement (start ms, browser ms, CPython ms):")
            for (start, ms, sql), native in zip(found["trace"], cpython):
                print(f"  {start:8.0f} {ms:7.1f} {native if native is None else round(native, 1)!s:>6}  {label(sql)}")


if __name__ == "__main__":
    main()
