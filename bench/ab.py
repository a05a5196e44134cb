"""What bench/ab_filters.py and bench/ab_import.py share: two builds served side by side, one
sample export, one Chromium, rounds that take turns, and one JSON object printed at the end."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

import site_browser as sb
import site_setup as ss


def arguments(doc: str, rounds: int) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=doc)
    p.add_argument("dists", type=Path, nargs=2)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=rounds)
    return p


def compare(args, one_round: Callable, summary: Callable, **settings) -> None:
    """Serve both dists; each round calls one_round(browser, bases, path, number, results),
    which adds its measures to results[0] and results[1]; print each build's summary."""
    from playwright.sync_api import sync_playwright

    results = {0: [], 1: []}
    with tempfile.TemporaryDirectory(prefix="tmb-ab-") as tmp, sync_playwright() as pw:
        path = ss.sample_files(Path(tmp), [args.rows], 1)[args.rows]
        bases = [ss.start_server(d.resolve())[1] for d in args.dists]
        browser = sb.launch(pw)
        loads = [os.getloadavg()[0]]
        for number in range(args.rounds):
            one_round(browser, bases, path, number, results)
            loads.append(os.getloadavg()[0])
        browser.close()
    out = {"rows": args.rows, **settings, "load_1min": loads,
           **{str(d): summary(results[i]) for i, d in enumerate(args.dists)}}
    json.dump(out, sys.stdout, indent=1)
    print()
