"""The budgets of issue 17 as JSON figures (P1, P2, P3, P5; see bench_site.py), from its per-run
measurements. Times are taken when the frame after the page's mark was painted (probe.js); the
mark's own time is reported beside it."""
from __future__ import annotations

import site_figures as sf
from site_figures import errors, pick

LIVE = "dashboard-live"
BARE = "bare loadPyodide(): page open -> Python ready (module worker)"


def bare(runs: list[dict]) -> dict:
    return sf.reference(BARE, pick(runs, "bare", "done_ms"))


def p1(runs: list[dict], rows: int) -> dict:
    """Reload with the rows stored -> the kept view drawn with its charts, as the pictures kept with it
    (judged); its text alone, and its charts once BokehJS has them, beside it."""
    marks = pick(runs, rows, "site", "reopen", "marks")
    pictures, text, charts = (at(marks, name) for name in ("pictures-kept", "dashboard-kept", "charts-kept"))
    ref = bare(runs)
    fig = sf.figure(f"reload with {rows:,} stored rows -> the kept view drawn with its charts' pictures "
                    "(pictures-kept)", "ms", rows, pictures,
                    [sf.ratio_check(pictures, ref, 0.25, "≤ 0.25 × bare loadPyodide()")], errors(runs, rows, "site"))
    for key, what, values in (("text_only", "the kept view's cards, text and tables drawn (dashboard-kept)", text),
                              ("interactive", "its charts drawn by BokehJS (charts-kept)", charts)):
        check = sf.ratio_check(values, ref, 0.25, "≤ 0.25 × bare loadPyodide()")
        fig[key] = {"what": what, **sf.spread(values), "ratio": check["ratio"], "met": check["met"]}
    fig["mark_ms"] = {name: sf.spread(at(marks, name, "mark_ms"))
                      for name in ("dashboard-kept", "pictures-kept", "charts-kept")}
    fig["live_ms"] = sf.spread(at(marks, LIVE))
    fig["opened"] = pick(runs, rows, "site", "reopen", "opened")
    return fig


def p2(runs: list[dict], rows: int) -> dict:
    """Drop once ready -> the engine's dashboard drawn, tables included (dashboard-live)."""
    values = pick(runs, rows, "site", "live_ms")
    fig = sf.figure(f"import {rows:,} rows once ready: drop -> the engine's dashboard drawn, tables included",
                    "ms", rows, values, [sf.ratio_check(values, bare(runs), 0.25, "≤ 0.25 × bare loadPyodide()")],
                    errors(runs, rows, "site"))
    fig["cards_and_charts_ms"] = sf.spread(pick(runs, rows, "site", "import_ms"))
    return fig


def p3(runs: list[dict], rows: int) -> dict:
    """A first visit with the file dropped at once: page open -> the engine's dashboard drawn."""
    marks = pick(runs, "early", "marks")
    values = at(marks, LIVE)
    fig = sf.figure(f"first visit, {rows:,} rows dropped as soon as the page takes them: page open -> "
                    "the engine's dashboard drawn, tables included", "ms", rows, values,
                    [sf.ratio_check(values, bare(runs), 1.2, "≤ 1.2 × bare loadPyodide()")], errors(runs, "early"))
    for key in ("dropped_ms", "ready_ms", "first_draw_ms"):
        fig[key] = sf.spread(pick(runs, "early", key))
    return fig


def p5(runs: list[dict], sizes: list[int]) -> dict:
    """The longest main-thread task of every import and reload of a run; judged on the largest."""
    windows = [run_windows(run, sizes) for run in runs]
    values = [max((w["longest_ms"] for w in ws), default=None) for ws in windows]
    fig = sf.figure("longest main-thread task during any import or reload (Long Tasks API)", "ms", None, values,
                    [sf.absolute_check(values, 100, "≤ 100 ms, the largest of every run (absolute)", of="max")],
                    errors(runs, "early") + [e for rows in sizes for e in errors(runs, rows, "site")])
    fig["longest"] = [max(ws, key=lambda w: w["longest_ms"], default=None) for ws in windows]
    fig["windows"] = windows
    return fig


def run_windows(run: dict, sizes: list[int]) -> list[dict]:
    """One run's imports and reloads, each with its longest task: [{what, rows, longest_ms, start_ms, ...}]."""
    found = [(None, pick([run], "early", "longest_task")[0])]
    for rows in sizes:
        found += [(rows, pick([run], rows, "site", *keys)[0]) for keys in (("longest_task",), ("reopen", "longest_task"))]
    return [{**task, "rows": rows} for rows, task in found if task]


def at(marks: list, name: str, key: str = "painted_ms") -> list:
    """Per run, the time of one mark (None where the run failed or the page did not make it)."""
    return [None if not m or name not in m else m[name][key] for m in marks]
