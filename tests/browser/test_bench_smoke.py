"""Smoke test of the site benchmark (bench/bench_site.py): it runs end to end on a small
export and prints one JSON object with every budget figure. No timing is asserted."""
import json
import subprocess
import sys
from numbers import Number

from browserkit import ROOT

FIGURES = ("B1", "B2", "B3", "B4", "B5", "B6")


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
    assert {c["limit"] for c in result["figures"]["B2"]["checks"]} == {6, 2.5}
    assert result["machine"]["cores"] and result["machine"]["chromium"] and result["date"]
    assert result["details"]["import_counts"]["2000"]["inserted"] == 2000
