"""B2 for two builds at once, imports interleaved, so that both see the same machine load
(a comparison, not a budget; prints JSON, asserts nothing).

    python bench/ab_import.py OLD_DIST NEW_DIST [--rows 100000] [--rounds 3] [--drop-after 0]

Each dist/ is served as built (with bench/pages/probe.js as in bench_site.py). Each round
imports the same sample export once into each build, each time in a fresh browser context,
alternating which build goes first; it reports, per build, drop -> dashboard drawn, drop -> the
live dashboard drawn (its tables too: P2's end) and the import's stages (ms from the drop to
each status text), median and all runs. The file is dropped as soon as the drop zone is ready
(as in B2 and P2), or `--drop-after` seconds later (as a person would).
"""
from __future__ import annotations

import statistics
from pathlib import Path

import ab
import site_browser as sb


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
        # P2's end: the live dashboard (its tables too) drawn
        "live_ms": round(statistics.median(r["live_ms"] for r in runs), 1),
        "all_live_ms": [round(r["live_ms"], 1) for r in runs],
        "stages_ms": {k: round(statistics.median(r["stages_ms"][k] for r in runs if k in r["stages_ms"]), 1)
                      for k in stages},
    }


def main(argv=None) -> None:
    p = ab.arguments(__doc__, rounds=3)
    p.add_argument("--drop-after", type=float, default=0, help="seconds between ready and the drop")
    args = p.parse_args(argv)

    def one_round(browser, bases, path, number, results):
        for which in ((0, 1) if number % 2 == 0 else (1, 0)):
            results[which].append(import_once(browser, bases[which], path, args.rows, args.drop_after))

    ab.compare(args, one_round, summary, drop_after_s=args.drop_after)


if __name__ == "__main__":
    main()
