"""Smoke test of the site benchmark (bench/bench_site.py): it runs end to end on a small
export and prints one JSON object with every budget figure. No timing is asserted."""
import json
import re
import subprocess
import sys
from numbers import Number

from browserkit import ROOT

FIGURES = ("B1", "B2", "B3", "B4", "B5", "B6", "P1@2000", "P2", "P3", "P5")


def run_bench(*args) -> dict:
    done = subprocess.run([sys.executable, "bench/bench_site.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def assert_figure(name, figure):
    assert isinstance(figure["median"], Number), (name, figure.get("errors"))
    assert figure["min"] <= figure["median"] <= figure["max"], name
    assert figure["budget"] and figure["checks"], name
    for check in figure["checks"]:
        assert isinstance(check["limit"], Number), name
        assert isinstance(check["met"], bool), name
        if check["reference"] is not None:
            assert isinstance(check["reference"]["median"], Number), (name, figure.get("errors"))
            assert isinstance(check["ratio"]["median"], Number), name
    assert isinstance(figure["met"], bool), name


def test_bench_site_reports_every_budget():
    result = run_bench("--sizes", "2000", "--runs", "1", "--quick")
    assert set(result["figures"]) == set(FIGURES)
    for name in FIGURES:
        assert_figure(name, result["figures"][name])
    assert_figure("B2 at 2000 rows", result["B2_by_size"]["2000"])
    assert {c["limit"] for c in result["figures"]["B2"]["checks"]} == {2.0}
    reload = result["figures"]["P1@2000"]
    assert reload["opened"] == ["kept"], "the reload showed the view kept before the engine's"
    assert all(isinstance(reload[key]["median"], Number) for key in ("text_only", "interactive", "live_ms"))
    windows = result["figures"]["P5"]["windows"][0]
    assert {(w["what"], w["rows"]) for w in windows} >= {("import", 2000), ("reload", 2000)}
    assert all(isinstance(w["longest_ms"], Number) for w in windows)
    assert result["machine"]["cores"] and result["machine"]["chromium"] and result["date"]
    assert result["details"]["import_counts"]["2000"]["inserted"] == 2000
    assert result["figures"]["B4"]["python_boots"] == ["snapshot"]   # the reopen started Python from its snapshot


def run_tool(*args) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT / "bench", capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def two_builds(tmp_path) -> list:
    import shutil

    sys.path.insert(0, str(ROOT))
    import build

    dist = build.build()
    builds = [tmp_path / "a", tmp_path / "b"]
    for copy in builds:
        shutil.copytree(dist, copy)
    return builds


def test_ab_filters_compares_two_builds_change_by_change(tmp_path):
    """bench/ab_filters.py (the interleaved B3 comparison) still runs: every change is timed on both."""
    builds = two_builds(tmp_path)
    result = json.loads(run_tool("ab_filters.py", *map(str, builds), "--rows", "2000", "--changes", "2", "--rounds", "1"))
    for copy in builds:
        times = result[str(copy)]["all_ms"]
        assert len(times) == 2 and all(isinstance(t, Number) and t > 0 for t in times), result
        assert result[str(copy)]["p95_ms"] == max(times)


def test_trace_filters_shows_where_a_change_goes():
    """bench/trace_filters.py (the B3 diagnostic) still runs: each change's answers, then the profile."""
    out = run_tool("trace_filters.py", "--rows", "2000", "--changes", "2", "--top", "5")
    changes = [line for line in out.splitlines() if ": drawn " in line and " answers at " in line]
    assert len(changes) == 2, out[-2000:]
    assert " ms  " in out.split(changes[-1], 1)[1], "no profile after the changes"


def test_trace_import_shows_where_an_import_goes():
    """bench/trace_import.py (the P2 diagnostic) still runs: the import's requests, then its
    slowest statements, each beside its time on CPython."""
    out = run_tool("trace_import.py", "--rows", "2000", "--top", "5")
    assert re.search(r"^  import_file +\d+ ms +\d+ statements", out, re.M), out[-2000:]
    slowest = out.split("longest statements", 1)[1].splitlines()[1:6]
    assert all(re.match(r" +[\d.]+ +[\d.]+ +[\d.]+x  \S", line) for line in slowest), slowest


def test_ab_import_compares_two_builds_import_by_import(tmp_path):
    """bench/ab_import.py (the interleaved B2 comparison) still runs: each round imports into both."""
    builds = two_builds(tmp_path)
    result = json.loads(run_tool("ab_import.py", *map(str, builds), "--rows", "2000", "--rounds", "2"))
    for copy in builds:
        figures = result[str(copy)]
        assert len(figures["all_ms"]) == 2 and min(figures["all_ms"]) <= figures["import_ms"] <= max(figures["all_ms"])
        assert min(figures["all_live_ms"]) <= figures["live_ms"] <= max(figures["all_live_ms"])
        assert figures["live_ms"] >= figures["import_ms"], "the tables come after the charts"
        stages = list(figures["stages_ms"].values())
        assert len(stages) >= 4 and stages == sorted(stages), figures["stages_ms"]
