"""B3 for two builds at once, changes interleaved, so that both see the same machine load
(a comparison, not a budget; prints JSON, asserts nothing).

    python bench/ab_filters.py OLD_DIST NEW_DIST [--rows 100000] [--changes 10] [--rounds 2]

Each dist/ is served as built (with bench/pages/probe.js as in bench_site.py); both pages
import the same sample export, then take turns: one filter change on A, the same on B, ...
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import site_browser as sb
import site_setup as ss


def open_page(browser, base: str, path: Path, rows: int):
    page = sb.new_context(browser).new_page()
    page.goto(base)
    sb.wait_ready(page)
    sb.import_file(page, path, rows)
    sb.wait_bets(page, 0)
    return page


def summary(times: list[float]) -> dict:
    return {"p95_ms": sb.p95(times), "median_ms": sorted(times)[len(times) // 2], "all_ms": times}


def main(argv=None) -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("dists", type=Path, nargs=2)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--changes", type=int, default=10)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args(argv)
    times = {0: [], 1: []}
    with tempfile.TemporaryDirectory(prefix="tmb-ab-") as tmp, sync_playwright() as pw:
        path = ss.sample_files(Path(tmp), [args.rows], 1)[args.rows]
        servers = [ss.start_server(d.resolve()) for d in args.dists]
        browser = sb.launch(pw)
        loads = [os.getloadavg()[0]]
        for _ in range(args.rounds):
            pages = [open_page(browser, base, path, args.rows) for _, base in servers]
            plan = sb.filter_plan(pages[0], args.changes)
            for name, value in plan:
                for which, page in enumerate(pages):
                    times[which].append(round(page.evaluate(sb.CHANGE_FILTER, [name, value])["drawn_ms"], 1))
                    page.wait_for_timeout(100)
            for page in pages:
                page.context.close()
            loads.append(os.getloadavg()[0])
        browser.close()
    out = {"rows": args.rows, "load_1min": loads, **{str(d): summary(times[i]) for i, d in enumerate(args.dists)}}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
