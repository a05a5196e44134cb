"""B2 for two builds at once, imports interleaved, so that both see the same machine load
(a comparison, not a budget; prints JSON, asserts nothing).

    python bench/ab_import.py OLD_DIST NEW_DIST [--rows 100000] [--rounds 3] [--drop-after 0]

Each dist/ is served as built (with bench/pages/probe.js as in bench_site.py). Each round
imports the same sample export once into each build, each time in a fresh browser context,
alternating which build goes first; it reports, per build, drop -> dashboard drawn and the
import's stages (ms from the drop to each status text), median and all runs. The file is
dropped as soon as the drop zone is ready (as in B2), or `--drop-after` seconds later (as a
person would).
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


def import_once(browser, base: str, path: Path, rows: int, wait_s: float) -> dict:
    context = sb.new_context(browser)
    try:
        page = context.new_page()
        page.goto(base)
        sb.wait_ready(page)
        page.wait_for_timeout(wait_s * 1000)
        return sb.import_file(page, path, rows)
    finally:
        context.close()


def summary(runs: list[dict]) -> dict:
    stages = sorted({key for run in runs for key in run["stages_ms"]}, key=lambda k: runs[0]["stages_ms"].get(k, 0))
    return {
        "import_ms": round(statistics.median(r["import_ms"] for r in runs), 1),
        "all_ms": [round(r["import_ms"], 1) for r in runs],
        "stages_ms": {k: round(statistics.median(r["stages_ms"][k] for r in runs if k in r["stages_ms"]), 1)
                      for k in stages},
    }


def main(argv=None) -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("dists", type=Path, nargs=2)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--drop-after", type=float, default=0, help="seconds between ready and the drop")
    args = p.parse_args(argv)
    runs = {0: [], 1: []}
    with tempfile.TemporaryDirectory(prefix="tmb-ab-") as tmp, sync_playwright() as pw:
        path = ss.sample_files(Path(tmp), [args.rows], 1)[args.rows]
        servers = [ss.start_server(d.resolve()) for d in args.dists]
        browser = sb.launch(pw)
        loads = [os.getloadavg()[0]]
        for number in range(args.rounds):
            for which in ((0, 1) if number % 2 == 0 else (1, 0)):
                runs[which].append(import_once(browser, servers[which][1], path, args.rows, args.drop_after))
            loads.append(os.getloadavg()[0])
        browser.close()
    out = {"rows": args.rows, "drop_after_s": args.drop_after, "load_1min": loads, **{str(d): summary(runs[i]) for i, d in enumerate(args.dists)}}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
