"""The page's own moments, read in the browser for bench_site.py: the performance marks the page
makes (site/app/lastview.js, main.js) with the frame painted after each (bench/pages/probe.js),
the main-thread long tasks of a stretch of time (P5), and the sessions of issue 17: a reload that
shows the kept view then the live one (P1, B4), and a first visit whose file is dropped at once (P3).

Every time is in ms since that page's navigation started.
"""
from __future__ import annotations

import sys
from pathlib import Path

from site_setup import ROOT

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browserkit import VIEW_KEPT  # noqa: E402  (the tests' wait for the kept view)

LIVE_MARK = "dashboard-live"
FATAL = "!document.getElementById('fatal').hidden"
SETTLE_MS = 1000


def has_mark(name: str) -> str:
    return f"performance.getEntriesByName('{name}', 'mark').length > 0"


def marks(page) -> dict:
    """Each mark's first time and the time the frame after it was painted: {name: {mark_ms, painted_ms}}."""
    return page.evaluate("""() => {
        const out = {};
        for (const e of performance.getEntriesByType('mark'))
            if (!(e.name in out)) out[e.name] = { mark_ms: e.startTime, painted_ms: window.benchProbe.painted[e.name] };
        return out;
    }""")


def wait_painted(page, name: str, timeout: int) -> None:
    """Wait for the mark `name` and the frame after it (or the page's fatal error)."""
    page.wait_for_function(f"() => window.benchProbe.painted['{name}'] || {FATAL}", timeout=timeout)
    if page.locator("#fatal").is_visible():
        raise RuntimeError(f"the engine failed: {page.locator('#fatal').text_content()}")


def settle(page) -> float:
    """A moment for what follows a dashboard (bets table, comparing, patterns); the page's time then."""
    page.wait_for_timeout(SETTLE_MS)
    return page.evaluate("() => performance.now()")


def longest_task(page, start: float, end: float, what: str) -> dict:
    """P5: the longest main-thread task that started within [start, end] (page time), with how many
    tasks of 50 ms or more there were; longest_ms 0 when none (the Long Tasks API reports no shorter)."""
    tasks = page.evaluate("() => window.benchProbe.longTasks()")
    if tasks is None:
        raise RuntimeError("this browser has no Long Tasks API")
    inside = [(t, d) for t, d in tasks if start <= t <= end]
    at, longest = max(inside, key=lambda task: task[1], default=(None, 0.0))
    # The page's marks of the stretch, to tell what each task was about (bokeh-loaded, charts-embedded...).
    seen = {name: round(m["mark_ms"], 1) for name, m in marks(page).items() if start <= m["mark_ms"] <= end}
    return {"what": what, "window_ms": [round(start, 1), round(end, 1)], "longest_ms": round(longest, 1),
            "start_ms": None if at is None else round(at, 1), "scripts": scripts_of(page, at, longest),
            "tasks_50ms_or_more": len(inside), "all": [[round(t, 1), round(d, 1)] for t, d in inside], "marks_ms": seen}


def scripts_of(page, start: float | None, duration: float) -> list | None:
    """The scripts of the long animation frame that holds a task, longest first (None if not found)."""
    if start is None:
        return None
    frames = page.evaluate("() => window.benchProbe.longFrames()")
    held = [f for f in frames if f["start"] <= start + 1 and start + duration <= f["start"] + f["duration"] + 1]
    return held[0]["scripts"] if held else None


def skip_guess(page, timeout: int) -> None:
    """The punter's own first dashboard asks for a guess first (site/app/guess.js), and no view is
    kept while it hides the figures: the bench skips it, as a punter who wants to see them would."""
    if page.locator("#guess").is_visible():
        page.click("#guess-skip")
        page.wait_for_function("() => !('guessing' in document.getElementById('dashboard').dataset)", timeout=timeout)


def engine_timings(page) -> dict:
    worker = next(w for w in page.workers if "/assets/engine." in w.url)
    return worker.evaluate("() => self.tmbTimings")


def reopen(page, timeout: int) -> dict:
    """P1 and B4: reload with the stored rows (the view kept first) -> the kept view drawn (its text,
    then its charts) -> the engine's own dashboard drawn; and P5's longest task of the reload.
    The reload comes once the engine has also kept Python's snapshot (site/engine/pyboot.js), as a
    punter's next visit finds it; `boot` says whether Python started from it."""
    page.evaluate(VIEW_KEPT)
    for _ in range(300):
        if "python_snapshot_kept" in engine_timings(page):
            break
        page.wait_for_timeout(100)
    page.reload()
    wait_painted(page, LIVE_MARK, timeout)
    end = settle(page)
    probe = page.evaluate("() => ({ ready: window.benchProbe.ready, view: document.body.dataset.opened })")
    return {"marks": marks(page), "ready_ms": probe["ready"], "opened": probe["view"],
            "boot": engine_timings(page).get("boot"), "longest_task": longest_task(page, 0.0, end, "reload")}


def early_import(context, base: str, path: Path, timeout: int) -> dict:
    """P3: a first visit whose file is chosen as soon as the page takes files (its script has run:
    DOMContentLoaded), imported once the engine is up -> the engine's dashboard drawn."""
    page = context.new_page()
    page.goto(base, wait_until="domcontentloaded")
    page.set_input_files("#file-input", str(path))
    wait_painted(page, LIVE_MARK, timeout)
    end = settle(page)
    probe = page.evaluate("() => ({ change: window.benchProbe.change, ready: window.benchProbe.ready,"
                          " draw: window.benchProbe.draws[0] ?? null })")
    return {"dropped_ms": probe["change"], "ready_ms": probe["ready"], "first_draw_ms": probe["draw"],
            "marks": marks(page), "longest_task": longest_task(page, 0.0, end, "first visit with a file dropped at once")}
