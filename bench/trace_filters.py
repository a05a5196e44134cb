"""Where a filter change's time goes (a diagnostic, not a budget; prints text, asserts nothing).

    python bench/trace_filters.py [--rows 100000] [--changes 10] [--top 25] [--screenshots DIR]

Imports a sample export like bench_site.py's B3, then changes the sport filter `--changes`
times (one sport / all sports) with Chrome's CPU profiler on the page and prints, per change,
when the engine's answer arrived and when the next frame was painted, and the functions that
took the most main-thread time over all changes. With --screenshots it saves the dashboard
after the last change at 1280 and 390 px wide.
"""
from __future__ import annotations

import argparse
import collections
import tempfile
from pathlib import Path

import site_browser as sb
import site_setup as ss
import site_timeline as st

# Notes when the page posts to the engine and when each answer comes back (page time, ms).
WORKER_WATCH = """(() => {
  const seen = (window.engineTimes = []);
  document.addEventListener("change", () => { window.changedAt = performance.now(); }, true);
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (e.data && e.data.type === "answer") {
          seen.push({ t: performance.now() - window.changedAt, bytes: JSON.stringify(e.data).length });
        }
      });
    }
  };
})();"""


def profile_nodes(profile: dict) -> dict:
    """Self time (ms) per function from a CDP Profiler profile."""
    by_id = {n["id"]: n for n in profile["nodes"]}
    ticks = collections.Counter(profile["samples"])
    interval = (profile["endTime"] - profile["startTime"]) / max(1, len(profile["samples"])) / 1000
    out = collections.Counter()
    for node_id, n in ticks.items():
        frame = by_id[node_id]["callFrame"]
        name = f"{frame['functionName'] or '(anon)'} {frame['url'].rsplit('/', 1)[-1]}:{frame['lineNumber']}:{frame['columnNumber']}"
        out[name] += n * interval
    return out


def timeline(trace: bytes) -> None:
    """Style recalculations and layouts on the page's main thread: how many, how long."""
    import json

    events = json.loads(trace)["traceEvents"]
    main = collections.Counter(e["tid"] for e in events if e.get("name") == "UpdateLayoutTree").most_common(1)
    tid = main[0][0] if main else None
    total = collections.Counter()
    count = collections.Counter()
    forced = collections.Counter()
    invalidated = collections.Counter()
    elements = collections.Counter()
    for e in events:
        if e.get("tid") == tid and e.get("ph") == "X" and e["name"] in ("UpdateLayoutTree", "Layout", "Paint",
                                                                          "FunctionCall", "RunTask", "EvaluateScript"):
            total[e["name"]] += e.get("dur", 0) / 1000
            count[e["name"]] += 1
            if e["name"] == "UpdateLayoutTree":
                elements[min(4, len(str((e.get("args", {}).get("elementCount")) or 0)))] += 1
        if e.get("tid") == tid and e.get("name") in ("ScheduleStyleRecalculation", "InvalidateLayout",
                                                     "StyleRecalcInvalidationTracking", "StyleInvalidatorInvalidationTracking"):
            data = e.get("args", {}).get("data") or {}
            stack = data.get("stackTrace") or []
            where = " < ".join(f"{f['functionName'] or '?'}:{f['lineNumber']}:{f['columnNumber']}" for f in stack[:3])
            invalidated[f"{e['name']} by {where} {data.get('reason', '')}"] += 1
        if e.get("tid") == tid and e.get("ph") == "X" and e["name"] in ("UpdateLayoutTree", "Layout"):
            stack = (e.get("args", {}).get("beginData") or {}).get("stackTrace") or []
            if stack and e["name"] in ("UpdateLayoutTree", "Layout"):
                where = " < ".join(f"{f['functionName'] or '?'}:{f['lineNumber']}:{f['columnNumber']}" for f in stack[:4])
                forced[f"{e['name']} from {where}"] += e.get("dur", 0) / 1000
    for name, ms in total.most_common():
        print(f"{ms:8.1f} ms  {count[name]:5d} x {name}")
    for name, ms in forced.most_common(15):
        print(f"{ms:8.1f} ms  forced: {name}")
    print("style recalcs by digits of elements restyled:", sorted(elements.items()))
    for name, n in invalidated.most_common(25):
        print(f"{n:8d} x  {name}")


def main(argv=None) -> None:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--changes", type=int, default=10)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--screenshots", type=Path)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tmb-trace-") as tmp, sync_playwright() as pw:
        root, _ = ss.site_copy(Path(tmp))
        path = ss.sample_files(Path(tmp), [args.rows], 1)[args.rows]
        server, base = ss.start_server(root)
        browser = sb.launch(pw)
        context = sb.new_context(browser)
        context.add_init_script(script=WORKER_WATCH)
        page = context.new_page()
        page.goto(base)
        sb.wait_ready(page)
        sb.import_file(page, path, args.rows)
        sb.wait_bets(page, 0)
        st.skip_guess(page, sb.import_timeout(args.rows))   # the figures shown, as in bench_site's B3
        print("elements:", page.evaluate("""() => {
            const c = {}; for (const e of document.querySelectorAll('*')) c[e.tagName] = (c[e.tagName] || 0) + 1;
            return Object.entries(c).sort((a, b) => b[1] - a[1]).slice(0, 8); }"""), flush=True)
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 100})
        cdp.send("Profiler.start")
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline.stack",
                                                          "disabled-by-default-devtools.timeline.invalidationTracking"])
        for name, value in sb.filter_plan(page, args.changes):
            before = page.evaluate("() => window.engineTimes.length")
            r = page.evaluate(sb.CHANGE_FILTER, [name, value])
            answers = page.evaluate(f"() => window.engineTimes.slice({before})")
            print(f"{value or 'all':>18}: drawn {r['drawn_ms']:6.1f} ms, bets {r['bets_ms']:6.1f} ms, answers at "
                  + ", ".join(f"{a['t']:.1f} ms ({a['bytes']} B)" for a in answers), flush=True)
            page.wait_for_timeout(100)
        profile = cdp.send("Profiler.stop")["profile"]
        timeline(browser.stop_tracing())
        for name, ms in profile_nodes(profile).most_common(args.top):
            print(f"{ms:8.1f} ms  {name}")
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                page.wait_for_timeout(800)
                page.screenshot(path=str(args.screenshots / f"dashboard-{width}.png"), full_page=True)
        browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
