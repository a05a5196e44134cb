"""Benchmark: importing generated exports with tmb_core on CPython (prints figures, asserts nothing).

    python bench/bench_core.py [--rows 100000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time

from tmb_core import Ledger, sample
from tmb_core.figures import metrics
from tmb_core.model import Filters


def _once(data: bytes) -> dict:
    ledger = Ledger.in_memory()
    marks = []
    t0 = time.perf_counter()
    ledger.import_file("bench.csv", data, progress=lambda done, total, stage: marks.append((stage, time.perf_counter())))
    t2 = time.perf_counter()
    ledger.dashboard(Filters(), "week")
    t3 = time.perf_counter()
    metrics.headline(ledger.conn, Filters(sport="Horse Racing"))
    t4 = time.perf_counter()
    stages = {f"{stage}_s": end - start for (stage, start), (_, end) in zip(marks, [*marks[1:], ("", t2)])}
    return {**stages, "import_s": t2 - t0, "dashboard_s": t3 - t2, "filtered_headline_s": t4 - t3}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    out = {"machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
           "python": platform.python_version(), "results": []}
    for rows in args.rows:
        data = sample.generate_csv(rows, seed=1).encode()
        runs = [_once(data) for _ in range(args.repeat)]
        figures = {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}
        spread = {k: round(max(r[k] for r in runs) - min(r[k] for r in runs), 3) for k in runs[0]}
        out["results"].append({"rows": rows, "bytes": len(data), "median": figures, "spread": spread,
                               "rows_per_s": round(rows / figures["import_s"])})
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
