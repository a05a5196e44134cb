"""B3 for two builds at once, changes interleaved, so that both see the same machine load
(a comparison, not a budget; prints JSON, asserts nothing).

    python bench/ab_filters.py OLD_DIST NEW_DIST [--rows 100000] [--changes 10] [--rounds 2]

Each dist/ is served as built (with bench/pages/probe.js as in bench_site.py); both pages
import the same sample export, then take turns: one filter change on A, the same on B, ...
"""
from __future__ import annotations

from pathlib import Path

import ab
import site_browser as sb
import site_timeline as st


def open_page(browser, base: str, path: Path, rows: int):
    page = sb.new_context(browser).new_page()
    page.goto(base)
    sb.wait_ready(page)
    sb.import_file(page, path, rows)
    sb.wait_bets(page, 0)
    st.skip_guess(page, sb.import_timeout(rows))   # the figures shown, as in bench_site's B3
    return page


def summary(times: list[float]) -> dict:
    return {"p95_ms": sb.p95(times), "median_ms": sorted(times)[len(times) // 2], "all_ms": times}


def main(argv=None) -> None:
    p = ab.arguments(__doc__, rounds=2)
    p.add_argument("--changes", type=int, default=10)
    args = p.parse_args(argv)

    def one_round(browser, bases, path, number, results):
        pages = [open_page(browser, base, path, args.rows) for base in bases]
        for name, value in sb.filter_plan(pages[0], args.changes):
            for which, page in enumerate(pages):
                results[which].append(round(page.evaluate(sb.CHANGE_FILTER, [name, value])["drawn_ms"], 1))
                page.wait_for_timeout(100)
        for page in pages:
            page.context.close()

    ab.compare(args, one_round, summary)


if __name__ == "__main__":
    main()
