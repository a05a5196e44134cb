"""Turning per-run measurements into the JSON figures of bench_site.py.

Every figure has: what, unit, rows, median/min/max/values over the runs, budget (text),
checks (one per reference, or one absolute limit: reference, ratio median/min/max, limit,
met) and met (every check met). Ratios are taken per run (figure / reference measured in
the same run), and a check is met when the median ratio (or the median figure, for an
absolute limit; the largest for P5) is within its limit. A run that failed leaves None in values and its
error in errors.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import statistics


def pick(runs: list[dict], *keys) -> list:
    """runs[i][k1][k2]... or None where a run failed or lacks it."""
    values = []
    for run in runs:
        value = run
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        values.append(value)
    return values


def errors(runs: list[dict], *keys) -> list:
    return [e for e in pick(runs, *keys, "error") if e]


def spread(values: list) -> dict:
    ok = [v for v in values if v is not None]
    if not ok:
        return {"median": None, "min": None, "max": None, "values": values}
    return {"median": _round(statistics.median(ok)), "min": _round(min(ok)), "max": _round(max(ok)), "values": values}


def _round(x: float) -> float:
    return round(x, 3) if abs(x) < 100 else round(x, 1)


def ratio_check(values: list, reference: dict, limit: float, budget: str) -> dict:
    """Figure / reference per run; met when the median ratio is at most limit."""
    ratios = [v / r if v is not None and r else None for v, r in zip(values, reference["values"])]
    r = spread(ratios)
    r.pop("values")
    met = r["median"] is not None and r["median"] <= limit
    return {"budget": budget, "limit": limit, "reference": reference, "ratio": r, "met": met}


def absolute_check(values: list, limit: float, budget: str, of: str = "median") -> dict:
    """Met when the median figure (or, `of="max"`, the largest over the runs) is at most limit."""
    s = spread(values)
    return {"budget": budget, "limit": limit, "reference": None, "ratio": None, "judged_on": of,
            "met": s[of] is not None and s[of] <= limit}


def figure(what: str, unit: str, rows: int | None, values: list, checks: list[dict], errors: list) -> dict:
    return {"what": what, "unit": unit, "rows": rows, **spread(values),
            "budget": "; ".join(c["budget"] for c in checks), "checks": checks,
            "met": all(c["met"] for c in checks), "errors": [e for e in errors if e]}


def reference(what: str, values: list, **extra) -> dict:
    return {"what": what, **spread(values), **extra}


def machine() -> dict:
    """The machine, and its load when the benchmark starts (other work skews every figure)."""
    return {"cpu": _cpuinfo("model name"), "cores": os.cpu_count(), "memory_gb": _memory_gb(),
            "os": platform.platform(), "python": platform.python_version(),
            "load_average_at_start": load_average()}


def _cpuinfo(key: str) -> str | None:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gb() -> float | None:
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]
