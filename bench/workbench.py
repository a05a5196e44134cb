"""The workbench (`python -m tmb_core explore`) on a large sample export, driven in Chromium:
prints how long each change takes end to end, from the click to the figures shown. Asserts
nothing.

    .venv/bin/python bench/workbench.py [--rows 100000] [--root CHECKOUT]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browserkit import CHROMIUM_ARGS, system_chromium  # noqa: E402


def serve(root: Path, export: Path, log) -> tuple[subprocess.Popen, str]:
    from tmb_core.app.explore import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tmb_core", "explore", str(export), "--port", str(port),
                             "--no-browser"], cwd=root, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    while True:
        try:
            urllib.request.urlopen(url, timeout=120).close()
            return proc, url
        except OSError:
            time.sleep(0.5)


def shown(page, filters: dict) -> None:
    want = json.dumps({**filters, "presumed_lost_days": 3}, sort_keys=True)
    page.locator(f"[data-filters='{want}']").wait_for(timeout=300_000)


def timed(page, act, filters: dict | None, settle: str | None = None) -> float:
    start = time.perf_counter()
    act()
    if filters is not None:
        shown(page, filters)
    if settle:   # a change that leaves the filters as they were: until the chart has new data
        page.wait_for_function(settle, timeout=300_000)
    return round(time.perf_counter() - start, 2)


def steps(page) -> dict:
    sport = page.get_by_role("combobox", name="Sport")
    bars = "() => Bokeh.documents[0].get_model_by_name('pnl').data.profit.length"
    out = {"sport": timed(page, lambda: sport.select_option("Horse Racing"), {"sport": "Horse Racing"}),
           "sport back to any": timed(page, lambda: sport.select_option("Any"), {})}
    for period in ("Day", "Week", "Month"):
        before = page.evaluate(bars)
        out[f"period {period}"] = timed(page, lambda p=period: page.get_by_role("button", name=p, exact=True).click(),
                                        None, f"() => ({bars})() !== {before}")
    box = page.get_by_role("textbox", name="From")
    out["from date"] = timed(page, lambda: (box.fill("01/01/2025"), box.press("Enter")), {"date_from": "2025-01-01"})
    out["clear"] = timed(page, lambda: page.get_by_role("button", name="Clear filters").click(), {})
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--root", type=Path, default=ROOT, help="the checkout whose tmb_core serves")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="tmb-wb-") as tmp, sync_playwright() as pw:
        export = Path(tmp) / "export.csv"
        subprocess.run([sys.executable, "-m", "tmb_core", "sample", "--rows", str(args.rows), "-o", str(export)],
                       cwd=ROOT, check=True, capture_output=True)
        with open(Path(tmp) / "server.log", "w") as log:
            proc, url = serve(args.root.resolve(), export, log)
            try:
                browser = pw.chromium.launch(executable_path=system_chromium(), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                start = time.perf_counter()
                page.goto(url)
                shown(page, {})
                first = round(time.perf_counter() - start, 2)
                print(json.dumps({"rows": args.rows, "first page": first, **steps(page),
                                  "load_1min": os.getloadavg()[0]}, indent=2))
                browser.close()
            finally:
                proc.terminate()
                proc.wait(timeout=30)


if __name__ == "__main__":
    main()
